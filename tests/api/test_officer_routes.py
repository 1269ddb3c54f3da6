"""Every officer page refuses anonymous requests and forged forms; sign-in locks out guessers."""

from __future__ import annotations

import re
import threading

import pyotp
import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from api.main import create_app
from api.routes import officer_insights, officer_login, officer_review
from api.routes.officer_login import failed_sign_in_message
from core.config import Settings
from officers.accounts import AccountError, create_officer, disable_officer
from storage.audit_log import audit, audit_entries
from storage.models import USERNAME_LENGTH
from storage.records import raise_flag, record_unanswered
from tests.paths import REPO_ROOT

PASSWORD = "correct horse battery"
PUBLIC = {"/officer/login"}
OFFICER_MODULES = (officer_login, officer_review, officer_insights)


@pytest.fixture
def settings(tmp_path):
    return Settings(database_url=f"sqlite:///{tmp_path / 'app.db'}", login_max_failures=3)


@pytest.fixture
def client(settings):
    create_officer(settings.database_url, "amy", PASSWORD)
    with TestClient(create_app(settings)) as client:
        yield client


def officer_routes() -> list[tuple[str, str]]:
    found = []
    for route in [r for module in OFFICER_MODULES for r in module.router.routes]:
        if isinstance(route, APIRoute):
            assert route.path.startswith("/officer/") or route.path == "/officer"
            if route.path not in PUBLIC:
                path = route.path.replace("{kind}", "question").replace("{item_id}", "1")
                path = path.replace("{theme_id}", "1").replace("{flag_id}", "1")
                found += [(method, path) for method in route.methods]
    return found


def sign_in(client: TestClient, password: str = PASSWORD, username: str = "amy", code: str = ""):
    page = client.get("/officer/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    return client.post(
        "/officer/login",
        data={"username": username, "password": password, "code": code, "csrf_token": token},
        follow_redirects=False,
    )


def page_csrf(client: TestClient) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', client.get("/officer").text).group(1)


def test_there_are_officer_routes_to_check(client):
    assert len(officer_routes()) >= 14


def test_every_officer_route_refuses_an_anonymous_request(client, settings):
    record_unanswered(settings.database_url, "c", "secret question", "x", [], [])
    for method, path in officer_routes():
        response = client.request(method, path, follow_redirects=False)
        if method == "GET":
            assert response.status_code == 303, path
            assert response.headers["location"] == "/officer/login"
        else:
            assert response.status_code == 401, path
        assert "secret question" not in response.text


def test_every_officer_form_refuses_a_wrong_csrf_token(client):
    assert sign_in(client).status_code == 303
    for method, path in officer_routes():
        if method == "POST":
            response = client.post(path, data={"csrf_token": "forged", "status": "resolved"})
            assert response.status_code == 403, path


def test_sign_in_needs_the_login_forms_own_token(client):
    response = client.post(
        "/officer/login", data={"username": "amy", "password": PASSWORD, "csrf_token": "x"}
    )
    assert response.status_code == 403


def test_the_session_cookie_is_http_only_and_same_site(client):
    cookie = sign_in(client).headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie


def test_the_cookie_is_secure_when_settings_say_tls(tmp_path):
    secure = Settings(database_url=f"sqlite:///{tmp_path / 's.db'}", cookie_secure=True)
    create_officer(secure.database_url, "amy", PASSWORD)
    with TestClient(create_app(secure), base_url="https://testserver") as client:
        assert "Secure" in sign_in(client).headers["set-cookie"]


def test_three_wrong_passwords_pause_sign_in_from_that_address(client, settings):
    for _ in range(3):
        assert sign_in(client, "wrong password!").status_code == 401
    refused = sign_in(client)
    assert refused.status_code == 401 and error_on(refused) == failed_sign_in_message(settings)
    assert ("amy", "sign-in refused: paused") in [
        (entry.username, entry.action) for entry in audit_entries(settings.database_url)
    ]


def error_on(page) -> str:
    return re.search(r'<p class="error" role="alert">([^<]*)</p>', page.text).group(1)


def test_every_failed_sign_in_gets_the_same_answer(client, settings):
    """No username enumeration, and no telling a right password from a wrong code."""
    secret = create_officer(settings.database_url, "bea", PASSWORD, totp=True)
    create_officer(settings.database_url, "cal", PASSWORD)
    disable_officer(settings.database_url, "cal")
    refusals = [
        sign_in(client, PASSWORD, "nobody"),  # no such officer
        sign_in(client, "wrong password!", "bea", pyotp.TOTP(secret).now()),
        sign_in(client, PASSWORD, "bea", "000000"),  # right password, wrong code
        sign_in(client, PASSWORD, "bea"),  # right password, no code
        sign_in(client, PASSWORD, "cal"),  # disabled
    ]
    for _ in range(3):
        refusals.append(sign_in(client, "wrong password!"))
    refusals.append(sign_in(client))  # right, but paused
    assert {r.status_code for r in refusals} == {401}
    assert {error_on(r) for r in refusals} == {failed_sign_in_message(settings)}


def test_signing_out_ends_the_session(client):
    sign_in(client)
    client.post("/officer/logout", data={"csrf_token": page_csrf(client)})
    assert client.get("/officer/queue", follow_redirects=False).status_code == 303


def test_officer_actions_are_audited(client, settings):
    sign_in(client)
    client.get("/officer/queue?status=new")
    actions = [(e.action, e.detail) for e in audit_entries(settings.database_url)]
    assert ("viewed /officer/queue", "status=new") in actions
    assert any(action == "signed in" for action, _ in actions)


def test_a_post_the_csrf_check_refuses_is_logged_as_refused_never_as_done(client, settings):
    flag, _ = raise_flag(settings.database_url, "c", "he hits me", "hits me", "Call 999.")
    sign_in(client)
    path = f"/officer/flags/{flag}/acknowledge"
    assert client.post(path, data={"csrf_token": "forged"}).status_code == 403
    actions = [entry.action for entry in audit_entries(settings.database_url)]
    assert actions[0] == f"refused {path}: the form had expired"
    assert not [action for action in actions if path in action and not action.startswith("refused")]
    assert not [action for action in actions if action.startswith("acknowledged")]


def test_each_change_is_logged_as_what_changed_once_it_has(client, settings):
    url = settings.database_url
    question = record_unanswered(url, "c", "is there archery for deaf kids", "x", [], [])
    flag, _ = raise_flag(url, "c", "he hits me", "hits me", "Call 999.")
    sign_in(client)
    token = page_csrf(client)
    data = {"csrf_token": token, "status": "resolved", "note": "Added to the sport guide"}
    client.post(f"/officer/items/question/{question}", data=data)
    client.post(f"/officer/flags/{flag}/acknowledge", data={"csrf_token": token})
    client.post("/officer/items/question/999", data=data)  # no such item: nothing changed
    client.post("/officer/logout", data={"csrf_token": token})
    done = [
        (entry.username, entry.action, entry.detail, entry.address)
        for entry in audit_entries(url)
        if not entry.action.startswith("viewed")
    ]
    assert done[:4] == [
        ("amy", "signed out", "", "testclient"),
        ("amy", f"acknowledged flag {flag}", "", "testclient"),
        ("amy", f"marked question {question} Resolved", "Added to the sport guide", "testclient"),
        ("amy", "signed in", "", "testclient"),
    ]


def test_the_audit_page_shows_a_page_of_entries_newest_first_with_older_and_newer(client, settings):
    for number in range(1, 61):
        audit(settings.database_url, "bea", f"action {number}")
    sign_in(client)  # the 61st entry; viewing the page is the 62nd
    first = client.get("/officer/audit").text
    actions = re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", first)
    assert actions[:3] == ["viewed /officer/audit", "signed in", "action 60"]
    assert len(actions) == 50 and actions[-1] == "action 13"
    assert 'href="/officer/audit?page=2">Older' in first and "Newer" not in first
    second = client.get("/officer/audit?page=2").text
    actions = re.findall(r"<tr><td>[^<]*</td><td>[^<]*</td><td>([^<]*)</td>", second)
    assert actions[0] == "action 13" and actions[-1] == "action 1"
    assert 'href="/officer/audit?page=1">Newer' in second and "Older" not in second


def test_a_bad_filter_gets_a_clear_error(client):
    sign_in(client)
    response = client.get("/officer/queue?since=yesterday")
    assert response.status_code == 422 and "date like" in response.json()["detail"]
    # "¹" is a digit to str.isdigit() but not to int(): found by the schema fuzz test.
    response = client.get("/officer/queue.csv?theme=%C2%B9")
    assert response.status_code == 422 and "theme's number" in response.json()["detail"]


@pytest.mark.parametrize(
    "query", ["until=9999-12-31", "since=0001-01-01", "since=1999-12-31", "until=2101-01-01"]
)
@pytest.mark.parametrize("page", ["/officer/queue", "/officer/queue.csv"])
def test_a_date_outside_2000_to_2100_is_a_plain_422(client, page, query):
    sign_in(client)
    response = client.get(f"{page}?{query}")
    assert response.status_code == 422
    assert response.json()["detail"] == (
        f"'{query.split('=')[0]}' must be a date between 2000-01-01 and 2100-12-31."
    )


def test_the_first_and_last_dates_allowed_are_accepted(client):
    sign_in(client)
    assert client.get("/officer/queue?since=2000-01-01&until=2100-12-31").status_code == 200


def test_marking_an_item_saves_status_note_and_who(client, settings):
    item = record_unanswered(
        settings.database_url, "c", "is there archery for deaf kids", "x", [], []
    )
    sign_in(client)
    response = client.post(
        f"/officer/items/question/{item}",
        data={"csrf_token": page_csrf(client), "status": "needs_content", "note": "Ask sport team"},
        follow_redirects=False,
    )
    assert response.status_code == 303
    exported = client.get("/officer/queue.csv?status=needs_content").text
    assert "is there archery for deaf kids" in exported and "Ask sport team" in exported
    assert "archery" not in client.get("/officer/queue.csv?status=new").text


def test_an_officer_sees_an_error_as_a_page_not_json(client):
    sign_in(client)
    response = client.get("/officer/themes/999/answer", headers={"accept": "text/html"})
    assert response.status_code == 404
    assert "That did not work" in response.text and "no such theme" in response.text


def test_sign_ins_beyond_the_concurrent_checks_are_answered_429_at_once(tmp_path, monkeypatch):
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'app.db'}", login_concurrent_checks=2)
    create_officer(settings.database_url, "amy", PASSWORD)
    checking, most, lock = [0], [0], threading.Lock()
    answered, let_go = threading.Semaphore(0), threading.Event()
    real_authenticate = officer_login.authenticate

    def held_authenticate(*args, **kwargs):
        with lock:
            checking[0] += 1
            most[0] = max(most[0], checking[0])
        let_go.wait(timeout=10)  # every check holds its slot until the others have arrived
        try:
            return real_authenticate(*args, **kwargs)
        finally:
            with lock:
                checking[0] -= 1

    monkeypatch.setattr(officer_login, "authenticate", held_authenticate)
    monkeypatch.setattr(officer_login, "login_csrf_ok", lambda request, token: True)
    responses = []
    with TestClient(create_app(settings)) as client:

        def attempt():
            data = {"username": "amy", "password": "wrong password!", "csrf_token": "x"}
            responses.append(client.post("/officer/login", data=data))
            answered.release()

        threads = [threading.Thread(target=attempt) for _ in range(8)]
        for thread in threads:
            thread.start()
        # Those without a slot are answered while the others are still checking.
        refused_at_once = all(answered.acquire(timeout=10) for _ in range(6))
        let_go.set()
        for thread in threads:
            thread.join()
    assert refused_at_once and most[0] == 2
    assert sorted(r.status_code for r in responses) == [401] * 2 + [429] * 6
    busy = next(r for r in responses if r.status_code == 429)
    assert "busy" in busy.json()["detail"] and busy.headers["retry-after"]


def test_sign_in_has_its_own_rate_limit_apart_from_the_families_chat(tmp_path):
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'app.db'}",
        rate_limit_per_address=2,
        login_attempts_per_minute=3,
    )
    create_officer(settings.database_url, "amy", PASSWORD)
    with TestClient(create_app(settings)) as client:
        assert [sign_in(client).status_code for _ in range(3)] == [303] * 3
        refused = sign_in(client)
        assert refused.status_code == 429 and "Please wait a minute" in refused.text
        # Families' chat and feedback from the same address still have their whole minute.
        assert client.app.state.limits["address"].allow("testclient")


@pytest.mark.parametrize("path", ["/officer/login", "/officer/queue", "/officer/queue.csv"])
def test_officer_responses_carry_a_no_script_csp_nosniff_and_same_origin_referrer(client, path):
    sign_in(client)
    response = client.get(path, follow_redirects=False)
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "script-src" not in csp and "'unsafe-inline'" not in csp
    assert "style-src 'self'" in csp and "form-action 'self'" in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_officer_templates_need_no_inline_script_or_style():
    templates = REPO_ROOT / "api" / "templates" / "officer"
    for page in templates.glob("*.html"):
        text = page.read_text()
        assert "<script" not in text and "<style" not in text and "style=" not in text, page
        assert not re.search(r"\son[a-z]+=", text), page


def test_officer_routes_are_left_out_of_the_published_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert paths and not [path for path in paths if path.startswith("/officer")]


@pytest.fixture
def any_settings(any_database):
    return Settings(database_url=any_database)


def test_an_81_character_username_is_refused_at_creation_and_at_sign_in(any_settings):
    """The longest name is 80 characters everywhere; one longer never signs in as its first 80."""
    url = any_settings.database_url
    longest = "a" * USERNAME_LENGTH
    create_officer(url, longest, PASSWORD)
    with pytest.raises(AccountError, match=f"1 to {USERNAME_LENGTH} characters"):
        create_officer(url, longest + "b", PASSWORD)
    with TestClient(create_app(any_settings)) as client:
        refused = sign_in(client, PASSWORD, longest + "a")
        assert refused.status_code == 401
        assert error_on(refused) == failed_sign_in_message(any_settings)
        assert sign_in(client, PASSWORD, longest).status_code == 303
        page = client.get("/officer/audit").text
    entries = [(e.username, e.action) for e in audit_entries(url)]
    assert (longest[:-1] + "…", "sign-in refused: too long") in entries
    assert (longest, "signed in") in entries
    assert "sign-in refused: too long" in page
