"""The app database shared by the action server and the api: what officers review."""
