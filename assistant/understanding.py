"""Read a family's message: which sentences ask the question, what kind of question it is.

Families write three to six sentences of story before the question. The story is context
(ages, needs, the stage they are at); the question sentences say what to look up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.text import sentences

# The words a question sentence opens with, in how families write ("can school...",
# "do i have to...", "any advice..."), lower-cased.
_OPENERS = re.compile(
    r"^(?:so |and |but |also |ok |okay |please |basically |just )*"
    r"(?:how|what|what's|whats|when|where|who|whom|whose|why|which|can|could|can't|cant|"
    r"do|does|did|don't|is|isn't|are|aren't|am|should|shall|would|will|won't|must|has|have|"
    r"any|anyone|is there|are there|i want to know|i'd like to know|i need to know|"
    r"i'm wondering|im wondering|wondering|i wondered|help)\b",
    re.IGNORECASE,
)
_ASKS_INSIDE = re.compile(
    r"\b(?:i want to know|i'd like to know|i need to know|wondering (?:if|whether|what|how)|"
    r"not sure (?:if|whether|what|how|who)|any (?:advice|ideas|help|tips)|where do i stand|"
    r"what (?:are|is) my (?:options|rights))\b",
    re.IGNORECASE,
)

# What the family wants to know, in the order they are tried: the first that matches wins.
KINDS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "when",
        re.compile(
            r"\b(?:how long|how many (?:weeks|days|months)|when (?:will|should|do|does|can|must|"
            r"is|are|would)|deadline|time ?limit|timescale|time ?frame|by when|how soon|"
            r"how quickly|too late|still time|run out of time|overdue|late)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "who",
        re.compile(
            r"\b(?:who (?:do|can|should|would) i|who to (?:contact|speak|talk|ask|call)|"
            r"who (?:is|are) (?:the|my)|contact details|phone number|email address|"
            r"(?:speak|talk) to (?:someone|somebody|a person))\b",
            re.IGNORECASE,
        ),
    ),
    (
        "can",
        re.compile(
            r"\b(?:can (?:they|school|the school|the council|the la|he|she|i|we|my)|"
            r"(?:are|is) (?:they|school|the school|the council|it|that|this) (?:allowed|legal|"
            r"lawful|right)|allowed to|legally|is it legal|do(?:es)? (?:they|school|the school|"
            r"the council|the la|i|we) (?:have|need) to|must (?:they|school|the school|the "
            r"council|i|we)|have to|entitled|eligible|qualify|right to)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "how",
        re.compile(
            r"\b(?:how (?:do|can|should|would) (?:i|we|you)|how to|what(?:'s| is) the process|"
            r"what do i (?:need to )?do|where do i (?:start|go|apply)|apply|application|"
            r"request|ask for|get (?:an?|the) )\b",
            re.IGNORECASE,
        ),
    ),
    (
        "what",
        re.compile(
            r"\b(?:what should|what (?:can|will|does|do|would)|what (?:is|are|'s)|"
            r"what happens|what support|what help)\b",
            re.IGNORECASE,
        ),
    ),
)


SHORT_QUESTION_WORDS = 10


@dataclass(frozen=True)
class ReadMessage:
    """A message cut into the question it asks and the story around it."""

    text: str
    parts: tuple[str, ...]
    questions: tuple[str, ...]  # the sentences that ask something, in order
    kind: str  # when, who, can, how, what, or "" when no kind is clear
    story: tuple[str, ...] = field(default=())  # every other sentence, for context

    @property
    def question(self) -> str:
        """What to look up: the question sentences, or the whole message if none asks.

        A short question ("can I apply myself?") leans on the sentence before it for its
        subject, so that sentence comes with it.
        """
        if not self.questions:
            return self.text.strip()
        asked = " ".join(self.questions)
        first = self.parts.index(self.questions[0])
        if len(asked.split()) < SHORT_QUESTION_WORDS and first > 0:
            return f"{self.parts[first - 1]} {asked}"
        return asked


def is_question(sentence: str) -> bool:
    stripped = sentence.strip()
    return (
        stripped.endswith("?")
        or bool(_OPENERS.match(stripped))
        or bool(_ASKS_INSIDE.search(stripped))
    )


def question_kind(text: str) -> str:
    for kind, pattern in KINDS:
        if pattern.search(text):
            return kind
    return ""


def _split(text: str) -> list[str]:
    """Sentences, with a run-on message's question marks counted as sentence ends too."""
    parts = []
    for sentence in sentences(text):
        pieces = re.split(r"(?<=\?)\s+", sentence)
        parts.extend(piece for piece in pieces if piece.strip())
    return parts


def read_message(text: str) -> ReadMessage:
    parts = _split(text)
    questions = [part for part in parts if is_question(part)]
    if not questions and parts:
        # No sentence asks: the last one usually carries the request ("... help please").
        questions = [parts[-1]] if len(parts) > 1 else []
    story = tuple(part for part in parts if part not in questions)
    kind = question_kind(" ".join(questions) or text)
    return ReadMessage(text, tuple(parts), tuple(questions), kind, story)
