"""Guidance Markdown: front matter is checked and text is cut into passages on headings."""

from __future__ import annotations

import pytest

from indexer.council import SourceError
from indexer.guidance import load_guidance, read_guidance_file, split_into_passages
from tests.conftest import KNOWLEDGE, SMALL_SOURCE


def test_passages_keep_their_heading_path_and_ids(tmp_path):
    [document] = load_guidance(SMALL_SOURCE / "guidance")
    passages = split_into_passages(document)
    ids = [passage.id for passage in passages]
    assert ids == [
        "ehc_basics.md#introduction",
        "ehc_basics.md#asking-for-an-assessment",
        "ehc_basics.md#deciding-whether-to-assess",
        "ehc_basics.md#issuing-the-plan",
    ]
    deciding = passages[2]
    assert deciding.heading_path == ("Deciding whether to assess",)
    assert "within 6 weeks" in deciding.text
    assert deciding.last_reviewed.isoformat() == "2026-04-01"


def test_a_long_section_is_cut_on_sentence_boundaries(tmp_path):
    sentence = "Every school must make reasonable adjustments for disabled pupils in class. "
    path = tmp_path / "long.md"
    path.write_text(
        "---\ntitle: Long\nsource_url: https://x.example.org\nlast_reviewed: 2026-01-01\n---\n"
        "# Long\n\n## Part one\n\n### Detail\n\n" + sentence * 60
    )
    passages = split_into_passages(read_guidance_file(path), max_words=300, target_words=200)
    assert len(passages) >= 3
    for passage in passages:
        assert passage.heading_path == ("Part one", "Detail")
        assert passage.text.endswith("in class.")
        assert len(passage.text.split()) <= 300
    assert len({passage.id for passage in passages}) == len(passages)


def test_a_file_without_front_matter_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "no_front_matter.md"
    path.write_text("# Just a heading\n\nSome words.\n")
    with pytest.raises(SourceError, match="no_front_matter.md.*title, source_url, last_reviewed"):
        read_guidance_file(path)


def test_a_bad_review_date_is_an_error_naming_the_file(tmp_path):
    path = tmp_path / "bad_date.md"
    path.write_text("---\ntitle: T\nsource_url: https://x.example.org\nlast_reviewed: soon\n---\n")
    with pytest.raises(SourceError, match="bad_date.md.*last_reviewed"):
        read_guidance_file(path)


def test_knowledge_guidance_passages_are_mostly_passage_sized():
    passages = [
        passage
        for document in load_guidance(KNOWLEDGE / "guidance")
        if document.file_name != "glossary.md"  # a glossary entry is short by nature
        for passage in split_into_passages(document)
    ]
    sizes = sorted(len(passage.text.split()) for passage in passages)
    assert sizes[-1] <= 300
    within = sum(1 for size in sizes if 60 <= size <= 300)
    assert within / len(sizes) >= 0.8, sizes


LISTED = """---
title: Travel
source_url: https://x.example.org/travel
last_reviewed: 2026-01-01
services:
  Kinds of help: [svc-travel-training]
---
# Travel

## Kinds of help

The help depends on your child's needs. It might be:

- a bus pass,
- a mileage allowance, or
- a seat in a taxi

Ask the travel team which suits your child.
"""


def test_a_list_keeps_its_lead_in_and_items_as_units(tmp_path):
    path = tmp_path / "travel.md"
    path.write_text(LISTED)
    [passage] = split_into_passages(read_guidance_file(path))
    assert passage.units == (
        ("The help depends on your child's needs.", "text"),
        ("It might be:", "lead"),
        ("a bus pass,", "item"),
        ("a mileage allowance, or", "item"),
        ("a seat in a taxi.", "item"),
        ("Ask the travel team which suits your child.", "text"),
    )
    assert passage.text.startswith("The help depends on your child's needs. It might be: a bus")


def test_a_section_names_the_services_that_do_its_work(tmp_path):
    path = tmp_path / "travel.md"
    path.write_text(LISTED)
    [passage] = split_into_passages(read_guidance_file(path))
    assert passage.services == ("svc-travel-training",)


def test_services_must_map_headings_to_ids(tmp_path):
    path = tmp_path / "travel.md"
    path.write_text(
        LISTED.replace("services:\n  Kinds of help: [svc-travel-training]", "services: x")
    )
    with pytest.raises(SourceError, match="'services' must map a section heading"):
        read_guidance_file(path)


NOT_WEB_ADDRESSES = [
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "ftp://files.example.org/plan.pdf",
    "www.example.org/no-scheme",
]


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
def test_a_source_url_not_http_or_https_is_an_error_naming_file_and_field(tmp_path, url):
    path = tmp_path / "bad_link.md"
    path.write_text(f"---\ntitle: T\nsource_url: '{url}'\nlast_reviewed: 2026-01-01\n---\nHi.\n")
    with pytest.raises(SourceError, match=r"bad_link\.md: source_url .* http:// or https://"):
        read_guidance_file(path)


def test_an_https_source_url_is_kept(tmp_path):
    path = tmp_path / "good_link.md"
    path.write_text(
        "---\ntitle: T\nsource_url: https://x.example.org/a\nlast_reviewed: 2026-01-01\n---\nHi.\n"
    )
    assert read_guidance_file(path).source_url == "https://x.example.org/a"
