"""What every part of the main (Python 3.11) environment shares: its settings."""
