"""What the assistant says: plain-Python conversation logic, testable without Rasa."""
