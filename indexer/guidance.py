"""Read guidance Markdown and cut it into passages that keep their heading path."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import frontmatter
from markdown_it import MarkdownIt

from indexer.council import SourceError
from indexer.models import GuidanceDocument, Passage
from indexer.text import sentences

REQUIRED_FRONT_MATTER = ("title", "source_url", "last_reviewed")
_markdown = MarkdownIt("commonmark")


def load_guidance(folder: Path) -> list[GuidanceDocument]:
    """Every `*.md` file under `folder`; one without the required front matter is an error."""
    if not folder.is_dir():
        return []
    return [read_guidance_file(path) for path in sorted(folder.glob("*.md"))]


def read_guidance_file(path: Path) -> GuidanceDocument:
    """One guidance file with its front matter checked."""
    try:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
    except Exception as error:  # the YAML parser raises several unrelated types
        raise SourceError(f"{path}: the front matter could not be read: {error}") from error
    missing = [key for key in REQUIRED_FRONT_MATTER if not post.metadata.get(key)]
    if missing:
        raise SourceError(
            f"{path}: front matter is missing {', '.join(missing)}. Start the file with "
            "'---', then title:, source_url:, last_reviewed: YYYY-MM-DD and tags:, then '---'."
        )
    reviewed = post.metadata["last_reviewed"]
    if isinstance(reviewed, datetime):
        reviewed = reviewed.date()
    if not isinstance(reviewed, date):
        try:
            reviewed = date.fromisoformat(str(reviewed))
        except ValueError as error:
            raise SourceError(
                f"{path}: last_reviewed {reviewed!r} is not a date like 2026-03-31."
            ) from error
    tags = post.metadata.get("tags") or []
    if isinstance(tags, str):
        tags = [tag.strip() for tag in tags.split(",")]
    return GuidanceDocument(
        file_name=path.name,
        title=str(post.metadata["title"]),
        source_url=str(post.metadata["source_url"]),
        last_reviewed=reviewed,
        tags=tuple(str(tag) for tag in tags),
        body=post.content,
    )


def slugify(text: str) -> str:
    """A heading as a stable, readable anchor: 'The 6-week decision' -> 'the-6-week-decision'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def split_into_passages(
    document: GuidanceDocument, max_words: int = 300, target_words: int = 200
) -> list[Passage]:
    """Cut a document on its headings; a long section is cut again on sentence boundaries."""
    passages: list[Passage] = []
    used_ids: set[str] = set()
    for heading_path, text in _sections(document):
        if not text.strip():
            continue
        chunks = _chunk_by_sentences(text, max_words, target_words)
        anchor = slugify(heading_path[-1]) if heading_path else "introduction"
        for number, chunk in enumerate(chunks, start=1):
            passage_id = f"{document.file_name}#{anchor}"
            if number > 1:
                passage_id += f"-{number}"
            suffix = 2
            while passage_id in used_ids:
                passage_id = f"{document.file_name}#{anchor}-{suffix}"
                suffix += 1
            used_ids.add(passage_id)
            passages.append(
                Passage(
                    id=passage_id,
                    file_name=document.file_name,
                    title=document.title,
                    heading_path=heading_path,
                    text=chunk,
                    source_url=document.source_url,
                    last_reviewed=document.last_reviewed,
                    tags=document.tags,
                )
            )
    return passages


def _sections(document: GuidanceDocument) -> list[tuple[tuple[str, ...], str]]:
    """(heading path, plain text) for each run of blocks between headings."""
    tokens = _markdown.parse(document.body)
    sections: list[tuple[tuple[str, ...], list[str]]] = [((), [])]
    stack: list[tuple[int, str]] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open":
            level = int(token.tag[1:])
            heading = tokens[index + 1].content.strip()
            stack = [(lvl, text) for lvl, text in stack if lvl < level] + [(level, heading)]
            # The document's own "# Title" is context, not a section of its own.
            path = tuple(text for lvl, text in stack if lvl > 1)
            sections.append((path, []))
            index += 3
            continue
        if token.type == "inline":
            plain = _plain_inline(token)
            if plain:
                sections[-1][1].append(plain)
        index += 1
    return [(path, "\n".join(blocks)) for path, blocks in sections]


def _plain_inline(token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = "".join(parts).strip()
    # Bullet items often lack a full stop; give them one so sentences stay apart.
    if text and text[-1] not in ".!?:;":
        text += "."
    return text


def _chunk_by_sentences(text: str, max_words: int, target_words: int) -> list[str]:
    words = len(text.split())
    if words <= max_words:
        return [" ".join(text.split())]
    chunks: list[str] = []
    current: list[str] = []
    count = 0
    for sentence in sentences(text):
        size = len(sentence.split())
        if current and count + size > target_words:
            chunks.append(" ".join(current))
            current, count = [], 0
        current.append(sentence)
        count += size
    if current:
        # A tiny tail reads better joined to the chunk before it.
        if chunks and count < target_words // 3:
            chunks[-1] += " " + " ".join(current)
        else:
            chunks.append(" ".join(current))
    return chunks
