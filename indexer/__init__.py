"""Builds and searches the Local Offer knowledge index (directory services and guidance)."""
