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
from indexer.web_address import is_web_address, not_a_web_address

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
    source_url = str(post.metadata["source_url"]).strip()
    if not is_web_address(source_url):
        raise SourceError(f"{path}: source_url {not_a_web_address(source_url)}.")
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
        source_url=source_url,
        last_reviewed=reviewed,
        tags=tuple(str(tag) for tag in tags),
        body=post.content,
        services=_linked_services(path, post.metadata.get("services")),
    )


def _linked_services(path: Path, value) -> dict[str, tuple[str, ...]]:
    """`services:` maps a section heading to the directory services that do that work."""
    if not value:
        return {}
    if not isinstance(value, dict):
        raise SourceError(
            f"{path}: 'services' must map a section heading to a list of service ids, "
            "for example 'Challenging a decision: [svc-benefits-advice]'."
        )
    linked = {}
    for heading, ids in value.items():
        ids = [ids] if isinstance(ids, str) else list(ids or [])
        linked[str(heading).strip()] = tuple(str(service_id).strip() for service_id in ids)
    return linked


def slugify(text: str) -> str:
    """A heading as a stable, readable anchor: 'The 6-week decision' -> 'the-6-week-decision'."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def split_into_passages(
    document: GuidanceDocument, max_words: int = 300, target_words: int = 200
) -> list[Passage]:
    """Cut a document on its headings; a long section is cut again between sentences."""
    passages: list[Passage] = []
    used_ids: set[str] = set()
    for heading_path, units in _sections(document):
        if not units:
            continue
        anchor = slugify(heading_path[-1]) if heading_path else "introduction"
        services = document.services.get(heading_path[-1], ()) if heading_path else ()
        for number, chunk in enumerate(_chunk(units, max_words, target_words), start=1):
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
                    text=" ".join(text for text, _ in chunk),
                    source_url=document.source_url,
                    last_reviewed=document.last_reviewed,
                    tags=document.tags,
                    units=tuple(chunk),
                    services=services,
                )
            )
    return passages


Unit = tuple[str, str]


def _sections(document: GuidanceDocument) -> list[tuple[tuple[str, ...], list[Unit]]]:
    """(heading path, quotable units) for each run of blocks between headings."""
    tokens = _markdown.parse(document.body)
    sections: list[tuple[tuple[str, ...], list[Unit]]] = [((), [])]
    stack: list[tuple[int, str]] = []
    list_depth = 0
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
        if token.type in ("bullet_list_open", "ordered_list_open"):
            list_depth += 1
            units = sections[-1][1]
            # The sentence just before a list introduces it, colon or not ("There are two
            # stages."), so quoting any item brings the lead-in and every other item.
            if list_depth == 1 and units and units[-1][1] == "text":
                units[-1] = (units[-1][0], "lead")
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            list_depth -= 1
        elif token.type == "inline":
            plain = _plain_inline(token, in_list=list_depth > 0)
            if plain and list_depth:
                sections[-1][1].append((plain, "item"))
            elif plain:
                sections[-1][1].extend((sentence, "text") for sentence in sentences(plain))
        index += 1
    return [(path, units) for path, units in sections]


def _plain_inline(token, in_list: bool = False) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    text = " ".join("".join(parts).split())
    # A list item that carries on into the next ("..., or") keeps its own ending; others
    # get a full stop so sentences stay apart when the passage is read as prose.
    carries_on = in_list and (text.endswith(",") or text.split()[-1:] in (["or"], ["and"]))
    if text and text[-1] not in ".!?:;" and not carries_on:
        text += "."
    return text


def _chunk(units: list[Unit], max_words: int, target_words: int) -> list[list[Unit]]:
    """Units grouped into passages of about `target_words`, never breaking inside a list."""
    if sum(len(text.split()) for text, _ in units) <= max_words:
        return [units]
    chunks: list[list[Unit]] = []
    current: list[Unit] = []
    count = 0
    for text, role in units:
        size = len(text.split())
        if current and count + size > target_words and role != "item":
            chunks.append(current)
            current, count = [], 0
        current.append((text, role))
        count += size
    if current:
        # A tiny tail reads better joined to the chunk before it.
        if chunks and count < target_words // 3:
            chunks[-1].extend(current)
        else:
            chunks.append(current)
    return chunks
