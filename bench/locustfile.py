"""Simulated families for `python -m bench.load`: each one holds a short conversation."""

from __future__ import annotations

import random

from locust import HttpUser, between, task

QUESTIONS = [
    "what does SENCO mean",
    "how long does an EHC needs assessment take",
    "what is ordinarily available provision",
    "can I get help with transport to school",
    "who decides if my child gets short breaks",
]
SEARCHES = [
    ("is there autism friendly swimming", "he's 9", "Dunmere"),
    ("youth clubs for my daughter", "14", "Harrowfield"),
    ("something to do on Saturdays for a deaf child", "7", "anywhere"),
]


class Family(HttpUser):
    # A family reads each reply before typing the next message.
    wait_time = between(2, 5)

    def on_start(self):
        self.session = None

    def say(self, text: str, name: str) -> None:
        body = {"message": text} | ({"session_id": self.session} if self.session else {})
        with self.client.post("/api/chat", json=body, name=name, catch_response=True) as reply:
            if reply.status_code != 200 or not reply.json().get("messages"):
                reply.failure(f"{reply.status_code}: {reply.text[:200]}")
                return
            self.session = reply.json()["session_id"]

    @task(3)
    def ask_a_question(self):
        self.say(random.choice(QUESTIONS), "question")

    @task(2)
    def search_for_a_service(self):
        for text in random.choice(SEARCHES):
            self.say(text, "service search turn")
