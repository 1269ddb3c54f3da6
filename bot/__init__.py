"""The Rasa project. Code here that the Rasa server loads may import only what .venv-rasa has."""
