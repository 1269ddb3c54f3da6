"""Conversation tests use the `stack` fixture from tests/conftest.py."""
