"""council.yml: the addresses families are sent to must be web addresses they can open."""

from __future__ import annotations

import shutil

import pytest

from indexer.council import SourceError, load_council
from tests.indexer.test_guidance import NOT_WEB_ADDRESSES
from tests.paths import SMALL_SOURCE

LOCAL_OFFER_URL = "https://localoffer.testbury.example.org"
SENDIASS_URL = "https://ias.testbury.example.org"


def council_with(tmp_path, old: str, new: str):
    """The small source's council.yml with the first `old` address replaced by `new`."""
    path = tmp_path / "council.yml"
    shutil.copy(SMALL_SOURCE / "council.yml", path)
    path.write_text(path.read_text().replace(old, f"'{new}'", 1))
    return load_council(tmp_path)


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
def test_a_local_offer_url_that_is_not_http_or_https_is_an_error(tmp_path, url):
    with pytest.raises(SourceError, match=r"council\.yml: local_offer_url .* http:// or https://"):
        council_with(tmp_path, LOCAL_OFFER_URL, url)


@pytest.mark.parametrize("url", NOT_WEB_ADDRESSES)
def test_a_contact_url_that_is_not_http_or_https_is_an_error(tmp_path, url):
    with pytest.raises(SourceError, match=r"council\.yml: contacts\.sendiass\.url .* https://"):
        council_with(tmp_path, SENDIASS_URL, url)


def test_https_addresses_are_kept(tmp_path):
    council = council_with(tmp_path, SENDIASS_URL, "https://ias.example.org/x")
    assert council.local_offer_url == LOCAL_OFFER_URL
    assert council.contacts["sendiass"].url == "https://ias.example.org/x"
