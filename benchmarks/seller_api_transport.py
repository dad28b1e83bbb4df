"""Benchmark: the Seller API transport on urllib (before) against requests with urllib3's Retry (now).

Run: `.venv/bin/python benchmarks/seller_api_transport.py [--old-rev REV]`. Prints figures; asserts nothing.
The old transport comes from git: by default the parent of the commit that took `urllib.request` out of
transport.py. Figures: 200 sequential `post()` calls against a local http.server that keeps connections
open (HTTP/1.1) and one that closes them (HTTP/1.0); the module's import cost (`-X importtime`,
cumulative); the whole `pull` command against the tests' fake Ozon, each transport in its own process.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "seller_api"))

from pull_fake import API_KEY, CLIENT_ID, FakeOzon
from pull_support import TODAY, local_server, standard_account

from ozon_urgent.seller_api.endpoints import RATING_SUMMARY
from ozon_urgent.seller_api.transport import Credentials, SellerApiClient

REPO = Path(__file__).resolve().parents[1]
TRANSPORT = "src/ozon_urgent/seller_api/transport.py"
CALLS = 200
# About the size of a real rating summary answer.
ANSWER = json.dumps({"groups": [{"group_name": "g", "items": [{"rating": f"r{n}"} for n in range(40)]}]})


def old_source(rev: str | None) -> str:
    if rev is None:
        ported = git("log", "-1", "--format=%H", "-S", "import urllib.request", "--", TRANSPORT).strip()
        rev = f"{ported}^"
    return git("show", f"{rev}:{TRANSPORT}")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True).stdout


class _Answer(BaseHTTPRequestHandler):
    # http.server writes the headers and the body separately; with Nagle on, a kept-alive connection
    # waits ~40 ms for the client's delayed ACK before the body goes out. Real servers do not.
    disable_nagle_algorithm = True

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = ANSWER.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def plain_server(protocol: str) -> Iterator[str]:
    handler = type("Answer", (_Answer,), {"protocol_version": protocol})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def per_call_ms(make_client: Callable[[str], Any], url: str) -> float:
    """Median over 5 rounds of the mean time of one `post()` in 200 sequential calls, after a warm-up."""
    client = make_client(url)
    for _ in range(10):
        client.post(RATING_SUMMARY, {})
    rounds = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(CALLS):
            client.post(RATING_SUMMARY, {})
        rounds.append((time.perf_counter() - started) / CALLS * 1000)
    return statistics.median(rounds)


# Every child process starts with this: given a file (argv[1]), the import system finds the old transport
# there under the module's own name, so `-X importtime` and the CLI see it exactly where the new one sits.
_PRELUDE = """
import importlib.abc, importlib.util, sys
OLD_FILE = sys.argv[1]  # now: the CLI replaces sys.argv before the transport is imported
class _Old(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name == "ozon_urgent.seller_api.transport":
            return importlib.util.spec_from_file_location(name, OLD_FILE)
        return None
if OLD_FILE:
    sys.meta_path.insert(0, _Old())
TRANSPORT = "ozon_urgent.seller_api.transport"
"""
_MODULE = "ozon_urgent.seller_api.transport"
# What `pull` imports, in its order, before and around the transport (see cli_pull.pull).
_PULL_IMPORTS = (
    "import ozon_urgent.cli, ozon_urgent.cli_pull, ozon_urgent.policy, ozon_urgent.seller_api.errors;"
    " import ozon_urgent.seller_api.pull"
)


def import_us(transport_file: str, imports: str) -> int:
    """The transport's cumulative `-X importtime` µs (best of 5) where `imports` first brings it in."""
    line = re.compile(rf"\|\s*(\d+) \|\s+{re.escape(_MODULE)}$", re.MULTILINE)
    runs = []
    for _ in range(5):
        code = f"{_PRELUDE}\n{imports}"
        argv = [sys.executable, "-X", "importtime", "-c", code, transport_file]
        done = subprocess.run(argv, capture_output=True)
        found = line.search(done.stderr.decode())
        assert found, done.stderr.decode()[-500:]
        runs.append(int(found[1]))
    return min(runs)


def import_rows(old_file: str) -> None:
    print("import of the transport module, cumulative ms (best of 5):")
    # Alone, and inside `pull`, where Typer, pydantic and the readers have loaded much of what it needs.
    for label, imports in (
        ("after ozon_urgent.seller_api", f"import ozon_urgent.seller_api; import {_MODULE}"),
        ("inside pull's imports", _PULL_IMPORTS),
    ):
        row(label, import_us(old_file, imports) / 1000, import_us("", imports) / 1000, "ms")


_PULL = (
    _PRELUDE
    + """
import atexit
atexit.register(lambda: print("transport:", sys.modules[TRANSPORT].__file__, file=sys.stderr))
from ozon_urgent.entry import main
sys.argv = ["ozon-urgent", *sys.argv[2:]]
main()
"""
)


def pull_seconds(fake: FakeOzon, transport_file: str, out: Path) -> float:
    env = {
        **os.environ,
        "LANG": "C",
        "OZON_API_URL": fake.base_url,
        "OZON_CLIENT_ID": CLIENT_ID,
        "OZON_API_KEY": API_KEY,
        "OZON_URGENT_TODAY": TODAY,
    }
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", _PULL, transport_file, "pull", "--out", str(out)], env=env, capture_output=True
    )
    elapsed = time.perf_counter() - started
    assert done.returncode == 0, done.stderr.decode()[-500:]
    used = done.stderr.decode().rsplit("transport: ", 1)[-1].strip()
    assert used == (transport_file or str(REPO / TRANSPORT)), used  # the swap did happen
    return elapsed


def pull_figures(old_file: str, work: Path, runs: int = 11) -> tuple[float, float]:
    """Median wall seconds of `pull` (old, new), runs alternated so drift hits both alike."""
    old: list[float] = []
    new: list[float] = []
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # not a line per request
    with local_server() as server:
        fake = standard_account(FakeOzon(server)).install()
        pull_seconds(fake, "", work / "warm")  # the first run pays for cold caches
        for run in range(runs):
            old.append(pull_seconds(fake, old_file, work / f"old-{run}"))
            new.append(pull_seconds(fake, "", work / f"new-{run}"))
        calls = len(fake.seen) // (2 * runs + 1)
    print(f"pull against the fake Ozon ({calls} API calls a run), median of {runs}:")
    return statistics.median(old), statistics.median(new)


def row(label: str, old: float, new: float, unit: str) -> None:
    print(f"  {label:<34} old {old:9.3f} {unit}   new {new:9.3f} {unit}   new/old {new / old:5.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old-rev", help="git revision holding the urllib transport")
    rev = parser.parse_args().old_rev
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        (work / "old_transport.py").write_text(old_source(rev), "utf-8")
        sys.path.insert(0, folder)
        old_module = importlib.import_module("old_transport")

        def old_client(url: str) -> Any:
            return old_module.SellerApiClient(old_module.Credentials(CLIENT_ID, API_KEY), url, timeout=5)

        def new_client(url: str) -> SellerApiClient:
            return SellerApiClient(Credentials(CLIENT_ID, API_KEY), url, timeout=5)

        print(f"{CALLS} sequential post() calls, ms per call (median of 5 rounds):")
        for protocol, label in (("HTTP/1.1", "server keeps connections"), ("HTTP/1.0", "server closes them")):
            with plain_server(protocol) as url:
                row(label, per_call_ms(old_client, url), per_call_ms(new_client, url), "ms")
        import_rows(str(work / "old_transport.py"))
        old_pull, new_pull = pull_figures(str(work / "old_transport.py"), work)
        row("pull wall time", old_pull * 1000, new_pull * 1000, "ms")


if __name__ == "__main__":
    main()
