"""Chat sessions the api issued, and the button payloads it offered in each.

Only a payload the assistant offered in this conversation may reach Rasa as an intent;
anything else a family types is sent as plain text, even if it starts with '/'.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field

SESSION_TTL_SECONDS = 6 * 60 * 60
MAX_SESSIONS = 50_000


def new_session_id() -> str:
    """128 random bits, hex: says nothing about the family."""
    return secrets.token_hex(16)


@dataclass
class ChatSession:
    id: str
    offered_payloads: set[str] = field(default_factory=set)
    last_seen: float = field(default_factory=time.monotonic)


class SessionStore:
    """In-process store of live sessions, oldest evicted first."""

    def __init__(self, ttl_seconds: float = SESSION_TTL_SECONDS, capacity: int = MAX_SESSIONS):
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()
        self._ttl = ttl_seconds
        self._capacity = capacity

    def get_or_create(self, session_id: str | None) -> ChatSession:
        """The session for a known id; a new one for no id or an unknown or expired one."""
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is None or now - session.last_seen > self._ttl:
                session = ChatSession(new_session_id())
                self._sessions[session.id] = session
            session.last_seen = now
            self._sessions.move_to_end(session.id)
            while len(self._sessions) > self._capacity:
                self._sessions.popitem(last=False)
            return session
