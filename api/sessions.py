"""Chat sessions the api issued, and the button payloads it offered in each.

Only a payload the assistant offered in this conversation may reach Rasa as an intent;
anything else a family types is sent as plain text, even if it starts with '/'.
"""

from __future__ import annotations

import json
import secrets
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field

SESSION_TTL_SECONDS = 6 * 60 * 60
MAX_SESSIONS = 50_000
RECENT_TURNS = 12


def new_session_id() -> str:
    """128 random bits, hex: says nothing about the family."""
    return secrets.token_hex(16)


@dataclass
class ChatSession:
    id: str
    offered_payloads: set[str] = field(default_factory=set)
    last_seen: float = field(default_factory=time.monotonic)
    # The last few turns, so feedback arrives with what it was about. Redacted when stored.
    turns: deque = field(default_factory=lambda: deque(maxlen=RECENT_TURNS))

    def remember(self, speaker: str, text: str, message_id: str = "") -> None:
        self.turns.append({"speaker": speaker, "text": text, "id": message_id})

    def reply_text(self, message_id: str) -> str:
        return next((t["text"] for t in self.turns if message_id and t["id"] == message_id), "")

    def context(self) -> list[dict]:
        return [{"speaker": t["speaker"], "text": t["text"]} for t in self.turns]


class SessionStore:
    """In-process store of live sessions, oldest evicted first."""

    def __init__(self, ttl_seconds: float = SESSION_TTL_SECONDS, capacity: int = MAX_SESSIONS):
        self._sessions: OrderedDict[str, ChatSession] = OrderedDict()
        self._lock = threading.Lock()
        self._ttl = ttl_seconds
        self._capacity = capacity

    def find(self, session_id: str) -> ChatSession | None:
        """The live session with this id, if there is one; never creates."""
        with self._lock:
            return self._sessions.get(session_id)

    def save(self, session: ChatSession) -> None:
        """Sessions live in this process and change in place: nothing to write."""

    def resume(self, session_id: str | None) -> ChatSession | None:
        """The session for a known id, seen now; None for no id or an unknown or expired one."""
        now = time.monotonic()
        with self._lock:
            session = self._sessions.get(session_id or "")
            if session is None or now - session.last_seen > self._ttl:
                return None
            session.last_seen = now
            self._sessions.move_to_end(session.id)
            return session

    def start(self) -> ChatSession:
        """A new session with a fresh id; the oldest go when the store is full."""
        session = ChatSession(new_session_id())
        with self._lock:
            self._sessions[session.id] = session
            while len(self._sessions) > self._capacity:
                self._sessions.popitem(last=False)
        return session


class RedisSessionStore:
    """Sessions in Redis, so any api replica can take any turn of a conversation."""

    def __init__(self, url: str, ttl_seconds: int = SESSION_TTL_SECONDS, prefix: str = "lo"):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2, decode_responses=True)
        self._ttl = ttl_seconds
        self._prefix = f"{prefix}:session:"

    def find(self, session_id: str) -> ChatSession | None:
        stored = self._redis.get(self._prefix + session_id) if session_id else None
        if stored is None:
            return None
        data = json.loads(stored)
        session = ChatSession(session_id, set(data["offered"]))
        session.turns.extend(data["turns"])
        return session

    def resume(self, session_id: str | None) -> ChatSession | None:
        return self.find(session_id or "")

    def start(self) -> ChatSession:
        session = ChatSession(new_session_id())
        self.save(session)
        return session

    def save(self, session: ChatSession) -> None:
        data = {"offered": sorted(session.offered_payloads), "turns": list(session.turns)}
        self._redis.set(self._prefix + session.id, json.dumps(data), ex=self._ttl)
