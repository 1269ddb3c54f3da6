"""Whatever a feed or a family sends, ingestion and facet parsing never crash (hypothesis)."""

from __future__ import annotations

import contextlib
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from indexer.council import SourceError, load_council
from indexer.facets import FacetExtractor, QueryFacets
from indexer.guidance import read_guidance_file, split_into_passages
from indexer.oruk import parse_records

TOWNS = ["Harrowfield", "Kelby", "Coldwater Bridge"]
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=25,
)
ORUK_KEYS = [
    "id", "name", "description", "status", "url", "email", "minimum_age", "maximum_age",
    "last_modified", "schedules", "service_areas", "service_at_locations", "cost_options",
    "contacts", "taxonomy_terms", "organization", "fees_description", "attending_type",
]  # fmt: skip
service_like = st.fixed_dictionaries({}, optional={key: json_values for key in ORUK_KEYS})
payloads = (
    json_values
    | st.lists(service_like, max_size=4)
    | service_like
    | st.fixed_dictionaries({"contents": st.lists(service_like, max_size=4)})
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(payloads)
def test_any_payload_imports_or_is_reported_never_crashes(payload):
    result = parse_records(payload, "fuzz.json", set())
    for service in result.services:
        assert service.id and service.name
    json.dumps([str(issue) for issue in result.issues])


_extractor = FacetExtractor(TOWNS)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_message_gives_facets_that_round_trip(text):
    facets = _extractor.extract(text)
    assert QueryFacets.from_dict(facets.as_dict()) == facets
    assert facets.age is None or 0 <= facets.age <= 25
    assert set(facets.towns) <= set(TOWNS)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_any_guidance_file_is_read_or_refused_with_a_source_error(body):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.md"
        path.write_text(body, encoding="utf-8")
        try:
            document = read_guidance_file(path)
        except SourceError:
            return
        split_into_passages(document)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_any_council_file_is_loaded_or_refused_with_a_source_error(content):
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "council.yml").write_text(json.dumps(content), encoding="utf-8")
        with contextlib.suppress(SourceError):
            load_council(Path(folder))
