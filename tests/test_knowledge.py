"""The embedded default knowledge keeps the promises of the source contract."""

from __future__ import annotations

import re

from indexer.council import load_council
from indexer.facets import CATEGORIES, NEEDS, service_facets
from indexer.guidance import load_guidance
from indexer.oruk import load_directory
from tests.conftest import KNOWLEDGE

DRAMA_NUMBER = re.compile(r"^(0113 496 0\d{3}|0114 496 0\d{3}|07700 900\d{3})$")


def test_council_has_its_contacts_and_at_least_eight_towns():
    council = load_council(KNOWLEDGE)
    assert len(council.towns) >= 8
    for contact in council.contacts.values():
        assert DRAMA_NUMBER.match(contact.phone), contact


def test_directory_imports_cleanly_and_covers_every_category_need_town_and_age():
    council = load_council(KNOWLEDGE)
    directory = load_directory(KNOWLEDGE / "directory")
    assert directory.issues == []
    services = directory.services
    assert len(services) >= 150
    facets = [service_facets(service, council.towns, council.name) for service in services]
    assert set().union(*(f.categories for f in facets)) == set(CATEGORIES)
    assert set().union(*(f.needs for f in facets)) == set(NEEDS)
    for town in council.towns:
        assert sum(town in f.towns for f in facets) >= 8, town
    assert min(s.minimum_age for s in services if s.minimum_age is not None) == 0
    assert max(s.maximum_age for s in services if s.maximum_age is not None) >= 25
    assert sum(not s.is_active for s in services) >= 3
    assert sum(s.last_modified.year <= 2023 for s in services) >= 3


def test_every_phone_number_is_fictional():
    for service in load_directory(KNOWLEDGE / "directory").services:
        numbers = [service.phone] + [contact.phone for contact in service.contacts]
        for number in filter(None, numbers):
            assert DRAMA_NUMBER.match(number), (service.id, number)


def test_guidance_covers_the_topics_families_ask_about():
    names = {document.file_name for document in load_guidance(KNOWLEDGE / "guidance")}
    assert names >= {
        "ordinarily_available_provision.md",
        "short_breaks_eligibility.md",
        "ehc_needs_assessment.md",
        "sen_support.md",
        "home_to_school_travel.md",
        "preparing_for_adulthood.md",
        "information_advice_support.md",
        "disagreements_and_complaints.md",
        "glossary.md",
    }


def test_every_service_a_guidance_section_links_to_is_in_the_directory():
    known = {service.id for service in load_directory(KNOWLEDGE / "directory").services}
    linked = {
        (document.file_name, heading, service_id)
        for document in load_guidance(KNOWLEDGE / "guidance")
        for heading, ids in document.services.items()
        for service_id in ids
    }
    assert len(linked) >= 20
    assert [link for link in linked if link[2] not in known] == []
    for document in load_guidance(KNOWLEDGE / "guidance"):
        headings = set(re.findall(r"^##+ (.+)$", document.body, re.M))
        assert set(document.services) <= headings, document.file_name


def test_national_helplines_and_matters_elsewhere_are_listed():
    council = load_council(KNOWLEDGE)
    assert {"IPSEA", "Contact"} <= {
        helpline.name.split()[0].rstrip(",") for helpline in council.national_helplines
    }
    assert {"housing", "school admissions"} <= {referral.topic for referral in council.elsewhere}
    for referral in council.elsewhere:
        assert DRAMA_NUMBER.match(referral.contact.phone), referral
