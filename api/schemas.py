"""What crosses the api's boundary, typed."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field


class ChatRequest(BaseModel):
    # A field we do not know is a client error, never silently dropped (issue 13).
    model_config = ConfigDict(extra="forbid")

    session_id: str | None = Field(default=None, max_length=64)
    # Limits are checked in the route, so the family gets a sentence, not a schema error.
    message: str = ""
    payload: str | None = Field(default=None, max_length=300, description="a button's payload")


class ChatButton(BaseModel):
    title: str
    payload: str


class ChatMessage(BaseModel):
    id: str
    text: str = ""
    buttons: list[ChatButton] = []
    cards: list[dict] = []
    citations: list[dict] = []


class ChatResponse(BaseModel):
    session_id: str
    messages: list[ChatMessage]


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_id: str = Field(min_length=1, max_length=64)
    message_id: str = Field(default="", max_length=64)
    rating: Literal["up", "down", "1", "2", "3", "4", "5"]
    comment: str = Field(default="", max_length=2000)
    idempotency_key: str = Field(min_length=8, max_length=80)


class FeedbackResponse(BaseModel):
    id: int
    stored: bool = True
    # The emergency signpost, when a comment disclosed a risk of harm.
    messages: list[ChatMessage] = []


class Problem(BaseModel):
    detail: str


# Row ids fit a 32-bit integer column; anything larger cannot name a row.
RowId = Annotated[int, Path(ge=1, le=2_147_483_647)]
