"""The command contracts of DESIGN.md, run as a user would run them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import REPO_ROOT, SMALL_SOURCE


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "indexer", *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_build_prints_a_summary_and_search_prints_json(tmp_path):
    out = tmp_path / "index"
    built = run("build", "--source", str(SMALL_SOURCE), "--out", str(out))
    assert built.returncode == 0, built.stderr
    assert "services:  5 imported (1 inactive" in built.stdout
    assert "passages" in built.stdout and "seconds:" in built.stdout
    assert "Embedding" in built.stderr  # the progress bar

    found = run("search", "--index", str(out), "--top-k", "3", "--json", "free swimming")
    assert found.returncode == 0, found.stderr
    results = json.loads(found.stdout)
    assert len(results) == 3
    assert {"id", "kind", "title", "score"} <= set(results[0])
    assert results[0]["id"] == "t-swim-kings"
    assert results[0]["applied_facets"] == {"free": True, "categories": ["sport-leisure"]}


def test_search_over_a_queries_file_prints_one_json_list_per_line(tmp_path, small_index):
    queries = tmp_path / "queries.txt"
    queries.write_text("speech therapy\nhow long to decide on assessing\nteen club on friday\n")
    found = run(
        "search", "--index", str(small_index), "--top-k", "2", "--json", "--queries", str(queries)
    )
    assert found.returncode == 0, found.stderr
    lines = found.stdout.strip().splitlines()
    assert len(lines) == 3
    first, second, third = (json.loads(line) for line in lines)
    assert first[0]["id"] == "t-salt"
    assert second[0]["id"] == "ehc_basics.md#deciding-whether-to-assess"
    assert third[0]["id"] == "t-teen-youth"
    assert all(len(result) == 2 for result in (first, second, third))


def test_a_missing_index_is_a_clear_error(tmp_path):
    found = run("search", "--index", str(tmp_path / "nowhere"), "--json", "swimming")
    assert found.returncode == 2
    assert "No index found" in found.stderr and "python -m indexer build" in found.stderr
    assert "Traceback" not in found.stderr


def test_a_source_without_council_yml_is_a_clear_error(tmp_path):
    (tmp_path / "directory").mkdir()
    found = run("build", "--source", str(tmp_path), "--out", str(tmp_path / "index"))
    assert found.returncode == 2
    assert "council.yml: missing" in found.stderr and "Traceback" not in found.stderr


def test_guidance_without_front_matter_stops_the_build_naming_the_file(tmp_path):
    source = tmp_path / "source"
    (source / "guidance").mkdir(parents=True)
    (source / "council.yml").write_text((SMALL_SOURCE / "council.yml").read_text())
    (source / "guidance" / "oops.md").write_text("# No front matter\n")
    found = run("build", "--source", str(source), "--out", str(tmp_path / "index"))
    assert found.returncode == 2
    assert "oops.md" in found.stderr and "Traceback" not in found.stderr


def _copy_index(small_index, tmp_path):
    import shutil

    copy = tmp_path / "index"
    shutil.copytree(small_index, copy, symlinks=True)
    return copy


def test_check_passes_a_good_source_and_index(small_index):
    checked = run("check", "--source", str(SMALL_SOURCE), "--index", str(small_index))
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout.startswith("ok:")


def test_check_names_a_missing_index_folder(tmp_path):
    checked = run("check", "--source", str(SMALL_SOURCE), "--index", str(tmp_path / "nowhere"))
    assert checked.returncode == 2 and "No index found" in checked.stderr
    assert "Traceback" not in checked.stderr


def test_check_names_each_damaged_file(small_index, tmp_path):
    for damaged in ("dense.faiss", "documents.sqlite", "manifest.json"):
        index = _copy_index(small_index, tmp_path / damaged)
        (index / "current" / damaged).write_bytes(b"not what was written")
        checked = run("check", "--source", str(SMALL_SOURCE), "--index", str(index))
        assert checked.returncode == 2, damaged
        assert damaged in checked.stderr and "rebuild" in checked.stderr
        assert "Traceback" not in checked.stderr


def test_check_names_what_is_wrong_with_the_source(small_index, tmp_path):
    (tmp_path / "council.yml").write_text("name: Somewhere\n")
    checked = run("check", "--source", str(tmp_path), "--index", str(small_index))
    assert checked.returncode == 2 and "council.yml" in checked.stderr
    assert "Traceback" not in checked.stderr
