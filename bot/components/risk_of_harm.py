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

from safeguarding.loader import get_detector

RISK_INTENT = "risk_of_harm"


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class RiskOfHarmDetector(GraphComponent):
    """Overrides the classifier when a message discloses a risk; keeps what it thought."""

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RiskOfHarmDetector:
        # Training only passes the data through, so `rasa train` runs while the risk model
        # is still being built.
        return cls()

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RiskOfHarmDetector:
        get_detector()  # load at start-up: a missing model stops the server, not a family's turn
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            text = message.get(TEXT) or ""
            if not text or text.startswith("/"):
                continue  # a button's payload, not words
            assessment = get_detector().assess(text)
            if not assessment.disclosed:
                continue
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
            # The signpost reads the kind and speaker to put the right line first; the
            # follow-up action reads what the classifier thought, to answer a request too.
            message.set(
                "risk_of_harm",
                {**assessment.as_dict(), "classified_as": classified},
                add_to_output=True,
            )
        return messages
