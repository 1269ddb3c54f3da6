"""NLU component: a disclosure of risk of harm always becomes the `risk_of_harm` intent."""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.components.risk_patterns import find_risk

RISK_INTENT = "risk_of_harm"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskOfHarmDetector(GraphComponent):
    """Overrides the classifier when the words disclose a risk; keeps what it thought."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RiskOfHarmDetector:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            found = find_risk(message.get(TEXT) or "")
            if found is None:
                continue
            kind, matched = found
            classified = (message.get(INTENT) or {}).get("name") or ""
            ranking = [
                entry
                for entry in (message.get(INTENT_RANKING_KEY) or [])
                if entry.get("name") != RISK_INTENT
            ]
            message.set(INTENT, {"name": RISK_INTENT, "confidence": 1.0}, add_to_output=True)
            message.set(
                INTENT_RANKING_KEY,
                [{"name": RISK_INTENT, "confidence": 1.0}, *ranking],
                add_to_output=True,
            )
            # The follow-up action reads this to also answer a benign request
            # ("self-harm support groups for teenagers") after the signpost.
            message.set(
                "risk_of_harm",
                {"kind": kind, "matched": matched, "classified_as": classified},
                add_to_output=True,
            )
        return messages
