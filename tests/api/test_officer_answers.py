"""Add an answer: the family's words are never the public heading, and no personal detail the
redactor finds is published until an officer has seen it named and ticked it."""

from __future__ import annotations

import re
import shutil

import pytest
from fastapi.testclient import TestClient

from api.main import create_app
from core.config import Settings
from officers.accounts import create_officer
from storage.database import session_scope
from storage.models import Theme
from tests.api.test_officer_routes import PASSWORD, page_csrf, sign_in
from tests.paths import SMALL_SOURCE

FAMILY_WORDS = "is there help for [NAME] with holidays <script>alert(1)</script>"
TITLE = "Help with holidays for families of disabled children"
ANSWER = (
    "Family Fund, a national charity, may help a family on a low income with a disabled child "
    "towards a break or a holiday. The Local Offer team can help you apply."
)


@pytest.fixture
def settings(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SMALL_SOURCE, source)
    return Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        source=source,
        index_dir=tmp_path / "index",
    )


@pytest.fixture
def client(settings):
    create_officer(settings.database_url, "amy", PASSWORD)
    with TestClient(create_app(settings)) as client:
        assert sign_in(client).status_code == 303
        yield client


@pytest.fixture
def theme_id(settings) -> int:
    with session_scope(settings.database_url) as session:
        theme = Theme(name="Holidays", representative=FAMILY_WORDS, size=3)
        session.add(theme)
        session.flush()
        return theme.id


def publish(client, theme_id: int, body: str, confirm: list[str] = ()):
    form = {"csrf_token": page_csrf(client), "title": TITLE, "body": body, "confirm": confirm}
    return client.post(f"/officer/themes/{theme_id}/answer", data=form, follow_redirects=False)


def published(settings) -> list[str]:
    return [path.read_text() for path in (settings.source / "guidance").glob("answer-*.md")]


def test_the_heading_starts_empty_and_the_familys_words_are_shown_read_only(client, theme_id):
    page = client.get(f"/officer/themes/{theme_id}/answer").text
    [question] = re.findall(r'<input id="question"[^>]*>', page)
    assert 'value=""' in question
    assert "[NAME]" not in " ".join(re.findall(r"<(?:input|textarea)[^>]*>[^<]*", page))
    quoted = re.search(r'<blockquote class="family-words">([^<]*)</blockquote>', page).group(1)
    assert quoted == "is there help for [NAME] with holidays &lt;script&gt;alert(1)&lt;/script&gt;"
    assert "<script>" not in page


@pytest.mark.parametrize(
    ("detail", "kind"),
    [("07700 900123", "phone number"), ("Oliver", "name")],
)
def test_a_detail_in_a_new_answer_is_named_and_not_published_without_a_tick(
    client, settings, theme_id, detail, kind
):
    body = f"{ANSWER} My son {detail} was helped last summer."
    refused = publish(client, theme_id, body)
    assert refused.status_code == 422
    assert f"This answer may contain a personal detail: {kind} ‘{detail}’" in refused.text
    assert published(settings) == []


def test_a_tick_confirms_only_the_detail_it_names(client, settings, theme_id):
    body = f"{ANSWER} Ring 07700 900123 and ask for Oliver."
    refused = publish(client, theme_id, body, confirm=["PHONE:07700 900123"])
    assert refused.status_code == 422 and "name ‘Oliver’" in refused.text
    assert published(settings) == []


def test_an_answer_the_redactor_finds_nothing_in_is_published(client, settings, theme_id):
    assert publish(client, theme_id, ANSWER).status_code == 303
    [text] = published(settings)
    assert f"## {TITLE}" in text and "[NAME]" not in text


def test_a_ticked_detail_is_published(client, settings, theme_id):
    body = f"{ANSWER} Ring the playscheme on 07700 900123."
    assert publish(client, theme_id, body, confirm=["PHONE:07700 900123"]).status_code == 303
    [text] = published(settings)
    assert "07700 900123" in text
