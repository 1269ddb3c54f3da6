"""Officer accounts: sign-in with lock-out and an optional second factor, sessions, audit log."""
