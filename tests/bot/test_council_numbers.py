"""The numbers a family is given are the council's the server runs on, never the model's.

The model is trained once on the default council; a Rasa server started on another council's
source gives that council's numbers in the emergency signpost and in "talk to a person".
"""

from __future__ import annotations

import httpx
import pytest

from indexer.council import load_council
from tests.paths import KNOWLEDGE, SMALL_SOURCE
from tests.stack import rasa_env, start_rasa


@pytest.fixture(scope="module")
def other_council_rasa(stack, tmp_path_factory):
    if stack.backend != "embedded":
        pytest.skip("one backend is enough to prove where the numbers come from")
    process, url = start_rasa(
        tmp_path_factory.mktemp("other-council"),
        stack.action_port,
        extra_env=rasa_env(SMALL_SOURCE),
    )
    try:
        yield url
    finally:
        process.terminate()
        process.wait(timeout=30)


def say(url: str, sender: str, text: str) -> list[str]:
    response = httpx.post(
        f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
    )
    return [message.get("text", "") for message in response.json()]


def test_another_councils_server_gives_its_own_numbers(other_council_rasa):
    ours, theirs = load_council(SMALL_SOURCE).contacts, load_council(KNOWLEDGE).contacts
    signpost = say(other_council_rasa, "switch-1", "he has threatened to kill me and the kids")[0]
    assert ours["childrens_front_door"].phone in signpost and ours["out_of_hours"].phone in signpost
    assert theirs["childrens_front_door"].phone not in signpost
    person = "\n".join(say(other_council_rasa, "switch-2", "can I talk to a real person"))
    assert ours["local_offer_team"].phone in person and ours["sendiass"].phone in person
    assert theirs["local_offer_team"].phone not in person
