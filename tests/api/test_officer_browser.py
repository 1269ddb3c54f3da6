"""An officer in Chromium against the running stack: sign in, review, export, add an answer.

The stack here runs on a copy of the knowledge source, because adding an answer writes a
guidance document into the source and rebuilds the index.
"""

from __future__ import annotations

import csv
import io
import shutil

import httpx
import pytest
from playwright.sync_api import expect

from api.main import create_app
from core.config import Settings
from officers.accounts import create_officer
from tests.paths import KNOWLEDGE, REPO_ROOT
from tests.stack import all_text, citations, serving, start_stack

PASSWORD = "correct horse battery"
QUESTION = "is there a council grant for a family holiday abroad"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"  # copied into docs/ by hand when they change
FAMILIES = [
    "autism friendly swimming in Kelby for a 9 year old",
    "swimming for my autistic son in Kelby, he is 11",
    "is there a youth club for deaf teenagers in Fennick, she is 15",
    "what is an EHC needs assessment",
    "how long does an EHC needs assessment take",
    "what does SENCO mean",
]


@pytest.fixture(scope="module")
def officer_site(knowledge_index, tmp_path_factory):
    workdir = tmp_path_factory.mktemp("officer")
    source, index = workdir / "source", workdir / "index"
    shutil.copytree(KNOWLEDGE, source)
    shutil.copytree(knowledge_index, index, symlinks=True)
    stack = start_stack(index, workdir, source=source)
    settings = Settings(
        rasa_url=stack.rasa_url,
        action_server_url=f"http://127.0.0.1:{stack.action_port}",
        database_url=stack.database_url,
        index_dir=index,
        source=source,
    )
    create_officer(settings.database_url, "amy", PASSWORD)
    try:
        with serving(create_app(settings)) as url:
            yield url, stack, source
    finally:
        stack.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    yield context.new_page()
    context.close()


def sign_in(page, url: str) -> None:
    page.goto(f"{url}/officer/queue")
    expect(page).to_have_url(f"{url}/officer/login")
    page.get_by_label("Username").fill("amy")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()


def test_an_officer_reviews_what_families_asked_and_adds_an_answer(officer_site, page):
    url, stack, source = officer_site
    family = "family-holiday"
    stack.send(family, "Hi, I'm Priya Shah")
    first = stack.send(family, QUESTION)
    assert not citations(first), all_text(first)  # nothing in the Local Offer answers it yet
    for number, text in enumerate(FAMILIES):
        stack.send(f"family-{number}", text)
    stack.send("family-risk", "I want to kill myself")
    for number, rating in enumerate(["up", "up", "down"]):
        feedback = {
            "session_id": f"s{number}",
            "message_id": f"m{number}",
            "rating": rating,
            "idempotency_key": f"officer-test-{number}",
        }
        assert httpx.post(f"{url}/api/feedback", json=feedback).status_code == 200

    sign_in(page, url)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    page.get_by_role("link", name="Review queue").click()
    expect(page.get_by_text("URGENT").first).to_be_visible()
    item = page.locator("article.item", has_text="holiday abroad")
    expect(item.locator("ol.context")).to_contain_text("[NAME]")
    expect(item).not_to_contain_text("Priya")

    page.get_by_label("Kind").select_option("question")
    page.get_by_role("button", name="Filter").click()
    expect(page).to_have_url(f"{url}/officer/queue?since=&until=&status=&kind=question&theme=")
    item = page.locator("article.item", has_text="holiday abroad")
    item.get_by_label("Mark as").select_option("needs_content")
    item.get_by_label("Note").fill("Signpost Family Fund; add to the Local Offer.")
    item.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_have_text("Saved.")

    page.goto(f"{url}/officer/queue?status=needs_content")
    with page.expect_download() as download:
        page.get_by_role("link", name="Export CSV").click()
    rows = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [row["status"] for row in rows] == ["needs_content"]
    assert "holiday abroad" in rows[0]["text"] and "Family Fund" in rows[0]["note"]

    page.get_by_role("link", name="Gap report").click()
    gap = page.locator("tr.gap", has_text="Kelby")
    expect(gap.first).to_contain_text("swimming")
    page.screenshot(path=str(SCREENSHOTS / "officer-gap-report.png"), full_page=True)

    page.get_by_role("link", name="Themes").click()
    page.get_by_role("button", name="Recompute themes").click()
    expect(page.get_by_role("status")).to_have_text("Themes recomputed.")
    row = page.locator("tr", has_text="holiday abroad")
    row.get_by_role("link", name="Add an answer").click()
    page.get_by_label("Title").fill("Help with holidays for families of disabled children")
    page.get_by_label("Answer").fill(
        "The council does not give grants for holidays abroad. Family Fund, a national charity, "
        "may help a family on a low income with a disabled child towards a break or a holiday. "
        "The Local Offer team can help you apply."
    )
    page.get_by_role("button", name="Publish the answer").click()
    expect(page.get_by_role("status")).to_have_text("Answer published and indexed.")
    assert list((source / "guidance").glob("answer-help-with-holidays*.md"))

    again = stack.send("another-family", QUESTION)
    titles = [citation.get("title", "") for citation in citations(again)]
    assert "Help with holidays for families of disabled children" in titles, all_text(again)
    assert "Family Fund" in all_text(again)

    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_text("Top themes of unanswered questions")).to_be_visible()
    page.screenshot(path=str(SCREENSHOTS / "officer-dashboard.png"), full_page=True)
