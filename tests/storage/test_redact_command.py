"""`python -m storage redact --json`: the command contract outside sets are run through."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from storage.redaction import redact
from tests.paths import REPO_ROOT

MESSAGES = [
    "my son Oliver is 7, call 07700 900123",
    "nothing personal in this one about Kelby",
    "",
    "email kemi.adeyemi(at)example(dot)org — ünïcode stays put",
]


def run(*args: str, stdin: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "storage", "redact", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=env,
        timeout=300,
        check=True,
    )


def test_one_json_object_a_line_with_offsets_into_the_original_message():
    out = run("--json", stdin="\n".join(MESSAGES) + "\n").stdout.splitlines()
    assert len(out) == len(MESSAGES)
    for message, line in zip(MESSAGES, out, strict=True):
        record = json.loads(line)
        assert set(record) == {"text", "spans"}
        assert record["text"] == redact(message)  # exactly the stores' redactor
        rebuilt, last = [], 0
        for start, end, kind in record["spans"]:
            assert 0 <= start < end <= len(message) and kind.isupper()
            rebuilt += [message[last:start], f"[{kind}]"]
            last = end
        assert "".join(rebuilt) + message[last:] == record["text"]
    first = json.loads(out[0])
    assert [message[s:e] for s, e, _ in first["spans"] for message in [MESSAGES[0]]] == [
        "Oliver",
        "07700 900123",
    ]
    assert json.loads(out[1])["spans"] == []


def test_without_json_it_writes_the_redacted_lines():
    out = run(stdin="my son Oliver is 7\n").stdout
    assert out == "my son [NAME] is 7\n"
