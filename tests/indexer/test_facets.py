"""Facets from a family's words, and from a service's own fields."""

from __future__ import annotations

import pytest

from indexer.facets import FacetExtractor, QueryFacets, service_facets
from indexer.models import CostOption, Location, Schedule, Service, TaxonomyTerm

TOWNS = ["Harrowfield", "Kelby", "Dunmere", "Coldwater Bridge"]


@pytest.fixture(scope="module")
def extractor():
    return FacetExtractor(TOWNS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("swimming for my autistic son in Kelby", {"towns": ["Kelby"], "needs": ["autism"]}),
        ("anything for ASD kids on Sat", {"needs": ["autism"], "days": ["SA"]}),
        ("my daughter is deaf", {"needs": ["hearing"]}),
        ("clubs at the weekend in coldwater bridge", {"towns": ["Coldwater Bridge"]}),
        ("she's 14 actually", {"age": 14}),
        ("for my 7 year old", {"age": 7}),
        ("my 3yo has adhd", {"age": 3, "needs": ["adhd"]}),
        ("he is in year 9 at school", {"age": 13}),
        ("my 18 month old", {"age": 1}),
        ("anything free in dunmeer", {"free": True, "towns": ["Dunmere"]}),
        ("what about Saturdays?", {"days": ["SA"]}),
        ("speech therapy please", {"needs": ["slcn"], "categories": ["health-therapy"]}),
        ("autisum friendly swimming", {"needs": ["autism"], "categories": ["sport-leisure"]}),
        ("hello there", {}),
    ],
)
def test_facets_found_in_a_families_words(extractor, text, expected):
    found = extractor.extract(text).as_dict()
    for key, value in expected.items():
        assert found.get(key) == value, (text, found)
    if not expected:
        assert found == {}


def test_weekend_means_saturday_and_sunday(extractor):
    assert extractor.extract("anything on weekends?").days == ["SA", "SU"]


def test_a_follow_up_overrides_only_what_it_says():
    first = QueryFacets(age=10, towns=["Kelby"], needs=["autism"])
    follow_up = QueryFacets(age=14)
    merged = first.merged_with(follow_up)
    assert (merged.age, merged.towns, merged.needs) == (14, ["Kelby"], ["autism"])


def _service(**fields) -> Service:
    return Service(id="s", name="S", source_file="f.json", **fields)


def test_service_towns_come_from_locations_and_areas():
    service = _service(
        locations=(Location(town="kelby"),),
        service_areas=("Dunmere and surrounding villages",),
    )
    facets = service_facets(service, TOWNS, "Harrowfield Council")
    assert facets.towns == {"Kelby", "Dunmere"} and not facets.borough_wide


def test_a_council_wide_area_is_borough_wide_not_the_town_of_the_same_name():
    service = _service(service_areas=("Harrowfield Council area",))
    facets = service_facets(service, TOWNS, "Harrowfield Council")
    assert facets.borough_wide and facets.towns == set()


def test_service_needs_and_categories_come_from_taxonomy_terms_first():
    service = _service(
        description="Mentions deaf children in passing.",
        taxonomy_terms=(
            TaxonomyTerm("need-autism", "Autism"),
            TaxonomyTerm("cat-sport-leisure", "Sport and leisure"),
        ),
    )
    facets = service_facets(service, TOWNS)
    assert facets.needs == {"autism"} and facets.categories == {"sport-leisure"}


def test_service_needs_fall_back_to_its_words_when_untagged():
    service = _service(description="Support for families of deaf and blind children.")
    assert service_facets(service, TOWNS).needs == {"hearing", "visual"}


def test_free_paid_and_unknown_costs():
    free = _service(cost_options=(CostOption(amount=0, description="Free"),))
    paid = _service(cost_options=(CostOption(amount=4.0, description="£4"),))
    assert service_facets(free, TOWNS).free is True
    assert service_facets(paid, TOWNS).free is False
    assert service_facets(_service(), TOWNS).free is None


def test_days_from_codes_or_from_words():
    coded = _service(schedules=(Schedule(days=("SA", "SU")),))
    worded = _service(schedules=(Schedule(description="Every Tuesday after school"),))
    assert service_facets(coded, TOWNS).days == {"SA", "SU"}
    assert service_facets(worded, TOWNS).days == {"TU"}


@pytest.mark.parametrize(
    "text",
    ["we live 0.1 of a mile from school", "he is 2.5 miles away", "she is 3 weeks into term"],
)
def test_a_number_that_measures_something_else_is_not_an_age(extractor, text):
    assert extractor.extract(text).age is None
