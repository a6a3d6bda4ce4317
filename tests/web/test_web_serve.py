"""`didar serve` as a user runs it: a subprocess on a free port, bound to 127.0.0.1."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request

import pytest

from didar.cli.main import main  # noqa: F401 (first: cli.serve is registered by cli.main)
from didar.cli.serve import HOST, bind


def test_serve_binds_loopback_and_answers(sample_db):
    env = {**os.environ, "DIDAR_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "didar.cli.main", "serve", "--db", str(sample_db), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        line = proc.stdout.readline()
        m = re.search(r"http://([\d.]+):(\d+)/", line)
        assert m, line + proc.stderr.read()
        assert m[1] == "127.0.0.1"
        url = m[0]
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url, timeout=5) as r:
                    html = r.read().decode()
                    assert r.status == 200
                    assert r.headers["X-Content-Type-Options"] == "nosniff"
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise
                time.sleep(0.2)
        assert 'id="counts"' in html
        out = subprocess.run(["ss", "-ltn"], capture_output=True, text=True, check=False).stdout
        if out:  # where `ss` exists: the port is bound on loopback only
            ours = [x for x in out.splitlines() if f":{m[2]} " in x]
            assert ours and all("127.0.0.1:" in x for x in ours), ours
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_serve_refuses_a_missing_database(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "didar.cli.main", "serve", "--db", str(tmp_path / "none.db")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "DIDAR_TOKEN": ""},
    )
    assert r.returncode == 4
    assert "no database" in r.stderr
    assert not (tmp_path / "none.db").exists()


def test_bind_is_loopback():
    sock = bind(0)
    try:
        assert HOST == "127.0.0.1"
        assert sock.getsockname()[0] == "127.0.0.1"
    finally:
        sock.close()
    with pytest.raises(Exception, match="cannot listen"):
        busy = bind(0)
        try:
            bind(busy.getsockname()[1])
        finally:
            busy.close()
