"""The widget in Debian's Chromium against the real running stack, by mouse and by keyboard."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from api.main import create_app
from core.config import Settings
from storage.records import feedback_for
from tests.paths import REPO_ROOT
from tests.stack import serving

AXE = REPO_ROOT / "var" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO_ROOT / "var" / "screenshots"


@pytest.fixture(scope="module")
def site(stack, knowledge_index):
    """The api serving the demo page and widget on a free port, wired to the stack."""
    settings = Settings(
        rasa_url=stack.rasa_url,
        action_server_url=f"http://127.0.0.1:{stack.action_port}",
        database_url=stack.database_url,
        index_dir=knowledge_index,
    )
    with serving(create_app(settings)) as url:
        yield url


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    yield context.new_page()
    context.close()


def session_id(page) -> str:
    return page.evaluate("JSON.parse(sessionStorage.getItem('localoffer-chat')).session")


def test_ask_see_a_card_and_give_a_thumbs_down_with_a_comment(site, page, stack):
    page.goto(site)
    page.get_by_role("button", name="Ask about SEND support").click()
    expect(page.locator(".lo-bot").first).to_contain_text("find services")
    page.get_by_label("Your message").fill("relaxed swimming in Dunmere for my 9 year old")
    page.get_by_role("button", name="Send", exact=True).click()
    card = page.locator(".lo-card h3", has_text="Dunmere Baths Relaxed Swim")
    expect(card).to_be_visible(timeout=30_000)
    expect(page.locator(".lo-card a[href^='tel:']").first).to_be_visible()

    answer = page.locator(".lo-bot", has=page.locator(".lo-card")).last
    answer.get_by_role("button", name="Not helpful").click()
    answer.get_by_label("What was wrong? (optional)").fill("We wanted Saturdays")
    answer.get_by_role("button", name="Send feedback").click()
    expect(answer.get_by_role("status")).to_have_text("Thank you, your feedback was saved.")
    [row] = feedback_for(stack.database_url, session_id(page))
    assert (row.rating, row.comment) == ("down", "We wanted Saturdays")

    page.reload()  # the conversation survives a page load in the same tab
    page.get_by_role("button", name="Ask about SEND support").click()
    expect(page.locator(".lo-card h3", has_text="Dunmere Baths Relaxed Swim")).to_be_visible()


def test_the_same_by_keyboard_alone(site, page, stack):
    page.goto(site)
    launcher = page.get_by_role("button", name="Ask about SEND support")
    for _ in range(10):  # skip link first, then the launcher
        page.keyboard.press("Tab")
        if launcher.evaluate("node => node === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_label("Your message")).to_be_focused()
    expect(page.locator(".lo-bot").first).to_be_visible()
    page.keyboard.type("what's a SENCO?")
    page.keyboard.press("Enter")
    expect(page.locator(".lo-bot", has_text="co-ordinator")).to_be_visible(timeout=30_000)

    not_helpful = page.locator(".lo-bot", has_text="co-ordinator").get_by_role(
        "button", name="Not helpful"
    )
    for _ in range(40):
        page.keyboard.press("Shift+Tab")
        if not_helpful.evaluate("node => node === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.get_by_label("What was wrong? (optional)")).to_be_focused()
    page.keyboard.type("Too short")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Thank you, your feedback was saved.")).to_be_visible()
    [row] = feedback_for(stack.database_url, session_id(page))
    assert (row.rating, row.comment) == ("down", "Too short")

    page.keyboard.press("Escape")
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_reflows_at_320_pixels(site, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(site)
    page.get_by_role("button", name="Ask about SEND support").click()
    page.get_by_label("Your message").fill("speech therapy for my 3 year old anywhere")
    page.keyboard.press("Enter")
    expect(page.locator(".lo-card").first).to_be_visible(timeout=30_000)
    overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"widget-320-{uuid.uuid4().hex[:6]}.png"))
    context.close()
    assert not overflow, "the page scrolls sideways at 320 px"


def test_no_serious_or_critical_accessibility_violations(site, page):
    page.goto(site)
    page.get_by_role("button", name="Ask about SEND support").click()
    page.get_by_label("Your message").fill(
        "autism friendly swimming on a saturday anywhere for a 7 year old"
    )
    page.keyboard.press("Enter")
    expect(page.locator(".lo-card").first).to_be_visible(timeout=30_000)
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("async () => await axe.run(document)")
    serious = [
        f"{violation['id']}: {violation['help']}"
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == []
