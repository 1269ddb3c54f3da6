"""What the servers expose: Rasa's HTTP API is off, and the action server answers only locally."""

from __future__ import annotations

import socket
import subprocess

import httpx
import pytest


def test_the_rasa_http_api_is_not_exposed(stack):
    for path in ("/conversations/someone/tracker", "/status", "/model/parse", "/version"):
        response = httpx.get(f"{stack.rasa_url}{path}", timeout=10)
        assert response.status_code in (403, 404), path
    replaced = httpx.put(f"{stack.rasa_url}/model", json={"model_file": "/tmp/x"}, timeout=10)
    assert replaced.status_code in (403, 404, 405)


def test_the_action_server_listens_on_localhost_only(stack):
    addresses = subprocess.run(["hostname", "-I"], capture_output=True, text=True).stdout.split()
    outside = [address for address in addresses if ":" not in address]
    if not outside:
        pytest.skip("this machine has no address other than loopback")
    with socket.socket() as probe:
        probe.settimeout(2)
        assert probe.connect_ex((outside[0], stack.action_port)) != 0
    assert httpx.get(f"http://127.0.0.1:{stack.action_port}/health", timeout=5).status_code == 200
