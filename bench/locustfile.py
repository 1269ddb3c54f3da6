"""Simulated families for `python -m bench.load`: each one holds a short conversation."""

from __future__ import annotations

import os
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


APOLOGY = "not working right now"  # the api's answer when the assistant did not reply in time


class Family(HttpUser):
    # A family reads each reply, then types the next message on a phone: about 8-20 s.
    # `python -m bench.load --think 2 5` puts the same fifty under far heavier load.
    wait_time = between(*map(float, os.environ.get("LOCALOFFER_BENCH_THINK", "8 20").split()))

    def on_start(self):
        self.session = None

    def say(self, text: str, name: str) -> None:
        body = {"message": text} | ({"session_id": self.session} if self.session else {})
        with self.client.post("/api/chat", json=body, name=name, catch_response=True) as reply:
            if reply.status_code != 200 or not reply.json().get("messages"):
                reply.failure(f"{reply.status_code}: {reply.text[:200]}")
                return
            if any(APOLOGY in message["text"] for message in reply.json()["messages"]):
                reply.failure("the assistant did not answer in time: the family got the apology")
                return
            self.session = reply.json()["session_id"]

    @task(3)
    def ask_a_question(self):
        self.say(random.choice(QUESTIONS), "question")

    @task(2)
    def search_for_a_service(self):
        for text in random.choice(SEARCHES):
            self.say(text, "service search turn")
