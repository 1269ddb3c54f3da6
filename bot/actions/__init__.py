"""Custom actions, run by rasa_sdk in the main environment. Glue only: logic lives in assistant/."""
