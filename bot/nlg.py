"""Responses that carry the active council's own numbers, filled in when they are sent.

Nothing council-specific is baked into the trained model: the emergency signpost and "talk to
a person" are made here, inside the Rasa server, from the `council.yml` of the knowledge source
the server was started with (`LOCALOFFER_SOURCE`). endpoints.yml names this class under `nlg`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

from assistant.contacts import talk_to_a_person
from indexer.council import Council, load_council
from safeguarding.detector import RiskAssessment
from safeguarding.signpost import render_signpost

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def active_council() -> Council:
    return load_council(Path(os.environ.get("LOCALOFFER_SOURCE") or PROJECT_ROOT / "knowledge"))


class CouncilResponses(TemplatedNaturalLanguageGenerator):
    """The domain's responses, with the council's contacts made at send time."""

    def __init__(self, endpoint_config: Any = None, domain: Any = None) -> None:
        super().__init__(domain.responses if domain else {})
        self.council = active_council()

    async def generate(self, utter_action, tracker, output_channel, **kwargs):
        if utter_action == "utter_risk_signpost":
            parse_data = tracker.latest_message.parse_data if tracker.latest_message else {}
            assessment = RiskAssessment.from_parse_data(parse_data or {})
            return {"text": render_signpost(assessment, self.council)}
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if utter_action == "utter_talk_to_person" and response is not None:
            response["text"] = talk_to_a_person(self.council)
        return response
