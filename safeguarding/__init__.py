"""Recognising a disclosure of risk of harm, and the signpost a family sees first."""
