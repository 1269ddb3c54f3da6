"""Add an answer: an officer's approved words become council guidance, indexed straight away."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from indexer.build import BuildSummary, build_index_holding_lock
from indexer.guidance import slugify
from indexer.index_files import build_lock


class AnswerError(ValueError):
    """What is wrong with an answer an officer submitted, in words they can act on."""


@dataclass(frozen=True)
class NewAnswer:
    path: Path
    summary: BuildSummary


def write_answer_document(
    source: Path, local_offer_url: str, title: str, question: str, body: str, officer: str
) -> Path:
    """Write the answer as a guidance document of the knowledge source; returns its path."""
    title, question, body = " ".join(title.split()), " ".join(question.split()), body.strip()
    if not 3 <= len(title) <= 120:
        raise AnswerError("Give the answer a title of 3 to 120 characters.")
    if not 20 <= len(body) <= 5000:
        raise AnswerError("Write an answer of 20 to 5,000 characters.")
    if body.startswith("---"):
        raise AnswerError("The answer cannot start with '---'.")
    folder = source / "guidance"
    folder.mkdir(parents=True, exist_ok=True)
    slug = slugify(title)[:60] or "answer"
    name, number = f"answer-{slug}", 2
    url = f"{local_offer_url.rstrip('/')}/answers/"
    while True:
        path = folder / f"{name}.md"
        try:
            # "x": an answer another officer just gave the same title is never written over.
            with path.open("x", encoding="utf-8") as answer_file:
                answer_file.write(answer_markdown(url + name, title, question, body, officer))
            return path
        except FileExistsError:
            name, number = f"answer-{slug}-{number}", number + 1


def answer_markdown(url: str, title: str, question: str, body: str, officer: str) -> str:
    """The guidance document for an answer published at `url`."""
    front = {
        "title": title,
        "source_url": url,
        "last_reviewed": date.today().isoformat(),
        "tags": ["officer-answer"],
        "approved_by": officer,
    }
    heading = question.rstrip("?") + "?" if question else title
    return (
        f"---\n{yaml.safe_dump(front, sort_keys=False)}---\n\n# {title}\n\n## {heading}\n\n{body}\n"
    )


def add_answer(
    source: Path,
    index_dir: Path,
    local_offer_url: str,
    title: str,
    question: str,
    body: str,
    officer: str,
) -> NewAnswer:
    """Write the document and rebuild the index incrementally; the assistant uses it next turn.

    Both under the index's build lock, so no build running elsewhere (another api replica,
    the nightly job) can read the source before the answer and go live after it.
    """
    with build_lock(index_dir):
        path = write_answer_document(source, local_offer_url, title, question, body, officer)
        try:
            summary = build_index_holding_lock(source, index_dir, progress=False)
        except Exception:
            path.unlink(missing_ok=True)  # a document the index cannot take must not linger
            raise
    return NewAnswer(path, summary)
