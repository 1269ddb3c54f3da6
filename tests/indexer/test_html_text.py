"""Real feeds send HTML descriptions; families must read text, never tags or entities."""

from __future__ import annotations

import dataclasses

import pytest

from indexer.html_text import looks_like_html, plain_text
from indexer.oruk import load_file
from tests.paths import REPO_ROOT

REAL_FEEDS = REPO_ROOT.parent / "shared" / "fixtures" / "oruk-real"


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("<p>Drug &amp; Alcohol&nbsp;support.</p>", "Drug & Alcohol support."),
        ("<h4>Our group</h4><p>We meet weekly.</p>", "Our group – We meet weekly."),
        (
            "<h4>for young people who are</h4><h4>leaving care</h4>",
            "for young people who are leaving care",
        ),
        ("<ul><li>Drop-in</li><li>Advice</li></ul>", "Drop-in; Advice"),
        ("<p>Hi<br>there</p><script>alert(1)</script><style>p{}</style>", "Hi there"),
        ("<p><br></p><p>  </p><p>Only this.</p>", "Only this."),
        ("Plain text &#8211; with an entity", "Plain text – with an entity"),
    ],
)
def test_html_becomes_one_readable_line(html, text):
    assert looks_like_html(html)
    assert plain_text(html) == text


@pytest.mark.parametrize("text", ["Ages 5 to 11", "children <5 and adults >18", "Tom & Jerry"])
def test_plain_text_is_not_taken_for_html(text):
    assert not looks_like_html(text)


@pytest.mark.parametrize(
    "feed",
    ["bristol-and-south-glos-openplace-2024-12-18", "north-lincolnshire-openplace-2024-12-18"],
)
def test_no_tag_or_entity_reaches_a_family_from_the_real_feeds(feed):
    services = load_file(REAL_FEEDS / f"{feed}.json").services
    assert len(services) > 700
    leftovers = [
        (service.id, value)
        for service in services
        for value in _strings(dataclasses.asdict(service))
        if looks_like_html(value)
    ]
    assert leftovers == []
    assert sum(bool(service.description) for service in services) > 0.9 * len(services)


def _strings(value):
    """Every string inside a record, however deep (locations, schedules, costs)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)
