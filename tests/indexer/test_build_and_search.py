"""Building the index with the real model, and searching it with facets and filters."""

from __future__ import annotations

import json
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from core.config import Settings
from indexer import build
from indexer.build import build_index
from indexer.facets import QueryFacets
from indexer.index_files import LoadedIndex, resolve_version
from indexer.search import Retriever
from tests.conftest import SMALL_SOURCE


@pytest.fixture(scope="module")
def retriever(small_index):
    return Retriever(small_index)


def ids(response) -> list[str]:
    return [hit.id for hit in response.hits]


def test_manifest_describes_the_build(small_index):
    manifest = json.loads((resolve_version(small_index) / "manifest.json").read_text())
    assert manifest["model"].startswith("sentence-transformers/all-MiniLM-L6-v2")
    assert manifest["dimensions"] == 384
    assert manifest["index_type"] == "flat"
    assert manifest["counts"]["services"] == 5
    assert manifest["counts"]["inactive_services"] == 1
    assert manifest["counts"]["passages"] == 4
    assert set(manifest["source_hashes"]) == {
        "council.yml",
        "directory/services.json",
        "guidance/ehc_basics.md",
    }
    assert manifest["built_at"] and manifest["build_seconds"] > 0


def test_inactive_services_are_never_suggested(retriever):
    response = retriever.search("the closed swim club that used to run", top_k=10)
    assert "t-closed-club" not in ids(response)
    assert len(response.hits) == 8  # every other document


def test_a_question_finds_the_guidance_passage(retriever):
    response = retriever.search("how long does the council have to decide about assessing")
    assert response.hits[0].id == "ehc_basics.md#deciding-whether-to-assess"
    assert response.hits[0].kind == "guidance"
    assert response.hits[0].payload["last_updated"] == "2026-04-01"


def test_a_town_filters_out_services_elsewhere_but_keeps_area_wide_ones(retriever):
    response = retriever.search("swimming in Kingsford", kind="service")
    assert response.facets.towns == ["Kingsford"]
    assert ids(response)[0] == "t-swim-kings"
    assert "t-swim-marsh" not in ids(response)
    assert "t-salt" in ids(response)  # serves the whole council area


def test_an_age_filters_services_by_their_range(retriever):
    response = retriever.search("something for my 3 year old", kind="service")
    assert response.facets.age == 3
    assert set(ids(response)) == {"t-swim-kings", "t-salt"}


def test_a_day_keeps_services_open_that_day(retriever):
    response = retriever.search("swimming on Saturday", kind="service")
    assert response.facets.days == ["SA"]
    assert ids(response)[0] == "t-swim-marsh"
    assert "t-swim-kings" not in ids(response)


def test_free_keeps_free_services(retriever):
    response = retriever.search("free swimming", kind="service")
    assert response.facets.free
    assert ids(response)[0] == "t-swim-kings"
    assert "t-swim-marsh" not in ids(response)


def test_need_lifts_matching_services_without_excluding_others(retriever):
    response = retriever.search("swimming for my autistic son", kind="service")
    assert response.facets.needs == ["autism"]
    assert ids(response)[:2] == ["t-swim-marsh", "t-swim-kings"]


def test_facets_from_the_conversation_apply_to_a_short_follow_up(retriever):
    earlier = QueryFacets(towns=["Kingsford"])
    response = retriever.search("swimming", kind="service", facets=earlier)
    assert response.facets.towns == ["Kingsford"]
    assert "t-swim-marsh" not in ids(response)


def test_concurrent_searches_give_the_same_answers(retriever):
    queries = ["swimming in Kingsford", "speech therapy", "ehc plan 20 weeks", "teen club"] * 10
    expected = {query: ids(retriever.search(query)) for query in set(queries)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda query: (query, ids(retriever.search(query))), queries))
    for query, found in results:
        assert found == expected[query]


def test_a_rebuild_embeds_only_changed_documents(tmp_path):
    source = tmp_path / "source"
    shutil.copytree(SMALL_SOURCE, source)
    out = tmp_path / "index"
    first = build_index(source, out, progress=False)
    assert first.encoded == first.documents == 9 and first.reused == 0

    services_file = source / "directory" / "services.json"
    services = json.loads(services_file.read_text())
    services[0]["description"] += " Lifeguards are trained in autism awareness."
    services_file.write_text(json.dumps(services))
    second = build_index(source, out, progress=False)
    assert (second.encoded, second.reused) == (1, 8)

    retriever = Retriever(out)
    assert retriever.search("lifeguards trained in autism awareness").hits[0].id == "t-swim-marsh"


def test_a_source_changed_during_a_build_is_built_again_before_going_live(tmp_path, monkeypatch):
    source, out = tmp_path / "source", tmp_path / "index"
    shutil.copytree(SMALL_SOURCE, source)
    build_index(source, out, progress=False)
    late = source / "guidance" / "late.md"
    embed_documents = build.embed_documents

    def embed_while_a_sync_writes(*args, **kwargs):
        if not late.exists():  # a content sync, which takes no build lock
            late.write_text(
                "---\ntitle: Short breaks\nsource_url: https://example.org/breaks\n"
                "last_reviewed: 2026-04-01\n---\n\n# Short breaks\n\n"
                "Short breaks give parent carers a few hours' rest each week.\n"
            )
        return embed_documents(*args, **kwargs)

    monkeypatch.setattr(build, "embed_documents", embed_while_a_sync_writes)
    summary = build_index(source, out, progress=False)
    live = LoadedIndex(resolve_version(out))
    assert "late.md#introduction" in live.positions
    assert "guidance/late.md" in live.manifest["source_hashes"]
    assert (summary.encoded, summary.reused) == (1, 9)  # only the late passage embedded


def test_readers_never_see_half_an_index_during_rebuilds(tmp_path):
    out = tmp_path / "index"
    build_index(SMALL_SOURCE, out, progress=False)
    stop = threading.Event()
    failures: list[Exception] = []
    loads = 0

    def keep_loading():
        nonlocal loads
        while not stop.is_set():
            try:
                loaded = LoadedIndex(resolve_version(out))
                assert len(loaded.documents) == loaded.manifest["counts"]["documents"] == 9
                loads += 1
            except Exception as error:  # any failure at all is the bug this test looks for
                failures.append(error)

    reader = threading.Thread(target=keep_loading)
    reader.start()
    try:
        for _ in range(4):
            build_index(SMALL_SOURCE, out, progress=False)
    finally:
        stop.set()
        reader.join()
    assert failures == [] and loads > 0
    assert len(list((out / "versions").iterdir())) == 3  # older versions pruned


def test_past_the_threshold_the_index_is_hnsw_and_filters_still_apply(tmp_path):
    out = tmp_path / "index"
    build_index(SMALL_SOURCE, out, settings=Settings(hnsw_threshold=1), progress=False)
    retriever = Retriever(out)
    assert retriever.manifest["index_type"] == "hnsw"
    response = retriever.search("free swimming in Kingsford", kind="service")
    assert ids(response)[0] == "t-swim-kings"
    assert "t-swim-marsh" not in ids(response)
