"""Importing Open Referral UK services: the three shapes, real-world quirks, a paged feed."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

import pytest

from indexer.oruk import fetch_feed, load_directory, load_file


def test_full_fixture_imports_with_its_quirks_reported(oruk_fixtures):
    result = load_file(oruk_fixtures / "service_full.json")
    [service] = result.services
    assert service.name == "Community Counselling"
    assert service.minimum_age == 12 and service.maximum_age == 100
    assert service.last_modified.isoformat() == "2023-03-15"
    assert service.organization == "Example Organization Inc."
    location = service.locations[0]
    assert location.latitude is None  # latitude 100 is not on Earth
    assert service.cost_options == ()  # the only price ended in 2022
    fields = {issue.field for issue in result.issues}
    assert {"location.latitude", "cost_options.valid_to"} <= fields
    assert not result.skipped


def test_failing_fixture_imports_with_a_warning_per_bad_field(oruk_fixtures):
    result = load_file(oruk_fixtures / "service_full_failing_validation.json")
    [service] = result.services
    assert service.name == "Community Counselling"
    assert service.url == "" and service.email == ""
    by_field = {issue.field: issue for issue in result.issues}
    for field in ("description", "url", "email"):
        issue = by_field[field]
        assert issue.file == "service_full_failing_validation.json"
        assert issue.record_id == "ac148810-d857-441c-9679-408f346de14b"
        assert not issue.skipped
    assert "email-example_com" in str(by_field["email"])


def test_api_page_shape_imports(oruk_fixtures):
    result = load_file(oruk_fixtures / "service_list_page.json")
    assert [service.id for service in result.services] == ["ac148810-d857-441c-9679-408f346de14b"]


def test_list_and_single_object_shapes_import(tmp_path):
    record = {"id": "a", "name": "Alpha", "description": "First."}
    (tmp_path / "list.json").write_text(json.dumps([record, {**record, "id": "b"}]))
    (tmp_path / "one.json").write_text(json.dumps({**record, "id": "c"}))
    result = load_directory(tmp_path)
    assert sorted(service.id for service in result.services) == ["a", "b", "c"]


def test_a_malformed_record_is_skipped_and_the_rest_import(tmp_path):
    records = [
        {"id": "good", "name": "Good service", "minimum_age": "five"},
        {"name": "No id here"},
        {"id": "nameless"},
        "not an object",
        {"id": "good-2", "name": "Also good", "status": "unknown-state"},
    ]
    (tmp_path / "mixed.json").write_text(json.dumps(records))
    result = load_directory(tmp_path)
    assert [service.id for service in result.services] == ["good", "good-2"]
    assert result.services[0].minimum_age is None
    assert not result.services[1].is_active
    skipped = {(issue.record_id, issue.field) for issue in result.skipped}
    assert skipped == {("#2", "id"), ("nameless", "name"), (None, None)}
    age = next(issue for issue in result.issues if issue.field == "minimum_age")
    assert str(age).startswith("mixed.json record good field 'minimum_age'")


def test_a_broken_file_is_reported_by_name_and_other_files_still_import(tmp_path):
    (tmp_path / "broken.json").write_text("{ not json")
    (tmp_path / "fine.json").write_text(
        json.dumps([{"id": "x", "name": "X", "description": "Fine."}])
    )
    result = load_directory(tmp_path)
    assert [service.id for service in result.services] == ["x"]
    [issue] = result.issues
    assert issue.file == "broken.json" and issue.skipped


def test_inactive_services_are_kept_with_their_last_modified(tmp_path):
    record = {"id": "old", "name": "Old club", "status": "inactive"}
    record["last_modified"] = "2021-06-30"
    (tmp_path / "s.json").write_text(json.dumps([record]))
    [service] = load_directory(tmp_path).services
    assert not service.is_active
    assert service.last_modified.isoformat() == "2021-06-30"


class _PagedFeed(BaseHTTPRequestHandler):
    pages: list[dict] = []
    requested: list[int] = []

    def do_GET(self):  # noqa: N802 (the handler's name is fixed by http.server)
        page = int(parse_qs(urlparse(self.path).query).get("page", ["1"])[0])
        type(self).requested.append(page)
        if page > len(self.pages):
            self.send_error(503)
            return
        body = json.dumps(self.pages[page - 1]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def paged_feed():
    def page(number: int, ids: list[str]) -> dict:
        return {
            "total_items": 5,
            "total_pages": 3,
            "page_number": number,
            "size": 2,
            "first_page": number == 1,
            "last_page": number == 3,
            "contents": [
                {"id": i, "name": f"Service {i}", "description": "A service."} for i in ids
            ],
        }

    _PagedFeed.pages = [page(1, ["a", "b"]), page(2, ["c", "d"]), page(3, ["e"])]
    _PagedFeed.requested = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _PagedFeed)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/services"
    server.shutdown()


def test_a_live_feed_is_followed_through_every_page(paged_feed):
    result = fetch_feed(paged_feed)
    assert [service.id for service in result.services] == ["a", "b", "c", "d", "e"]
    assert _PagedFeed.requested == [1, 2, 3]
    assert result.issues == []


def test_a_feed_that_stops_answering_is_reported(paged_feed):
    _PagedFeed.pages = _PagedFeed.pages[:1]
    _PagedFeed.pages[0] = {**_PagedFeed.pages[0], "last_page": False}
    result = fetch_feed(paged_feed)
    assert [service.id for service in result.services] == ["a", "b"]
    [issue] = result.issues
    assert issue.skipped and "503" in issue.message


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "ftp://files.example.org/leaflet.pdf",
        "http://[not-an-address",
        "www.example.org and ask for Sam",
        "mailto:info@example.org",
    ],
)
def test_a_service_url_families_cannot_safely_open_is_dropped_with_a_warning(tmp_path, url):
    record = {"id": "svc-1", "name": "Alpha", "description": "First.", "url": url}
    (tmp_path / "services.json").write_text(json.dumps([record]))
    result = load_directory(tmp_path)
    [service] = result.services
    assert service.url == ""
    [issue] = [issue for issue in result.issues if issue.field == "url"]
    assert (issue.file, issue.record_id, issue.skipped) == ("services.json", "svc-1", False)
    assert "http:// or https://" in issue.message


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ("www.nlmind.org", "https://www.nlmind.org"),
        ("linktr.ee/scunnylgbtq", "https://linktr.ee/scunnylgbtq"),
        (" www.krunch.org.uk/southwest ", "https://www.krunch.org.uk/southwest"),
        ("HTTPS://e-voice.org/choir/", "HTTPS://e-voice.org/choir/"),
    ],
)
def test_a_feed_address_without_a_scheme_gets_https(tmp_path, written, kept):
    record = {"id": "svc-1", "name": "Alpha", "description": "First.", "url": written}
    (tmp_path / "services.json").write_text(json.dumps([record]))
    result = load_directory(tmp_path)
    assert result.services[0].url == kept
    assert [issue for issue in result.issues if issue.field == "url"] == []


def test_an_https_service_url_is_kept(tmp_path):
    record = {"id": "svc-1", "name": "Alpha", "description": "First.", "url": "https://a.example"}
    (tmp_path / "services.json").write_text(json.dumps([record]))
    assert load_directory(tmp_path).services[0].url == "https://a.example"
