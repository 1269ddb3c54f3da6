"""Messaging channel connectors loaded by the Rasa server (Python 3.10, .venv-rasa)."""
