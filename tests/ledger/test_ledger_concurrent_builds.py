"""Two `build`s of one case at once, without `--force`: exactly one writes the pack, the other is refused.

Both check that the pack is absent before judging the evidence, so both pass the check; the pack is put
in place without replacing anything (inside the ledger's write lock), and the second is told B002
instead of "pack written" over the first's pack. Real processes, as two terminals or two CI jobs are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from ledger_pg_server import PgServer, start_server

from kit.concurrent_builds import run_pair_forked, tally, tiny_case
from kit.packs import pack_dir
from ozon_urgent.ledger import list_tickets, open_ledger
from ozon_urgent.ticket import pack

PAIRS = 20
PG_PAIRS = 3


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    for var in (
        "LANG",
        "LC_ALL",
        "LC_MESSAGES",
        "OZON_URGENT_LANG",
        "OZON_URGENT_LEDGER",
        "OZON_URGENT_TODAY",
    ):
        monkeypatch.delenv(var, raising=False)


def test_one_of_two_concurrent_builds_writes_the_pack(tmp_path: Path) -> None:
    case = tiny_case(tmp_path / "case")
    pairs = [run_pair_forked(case, tmp_path / f"pair-{number}") for number in range(PAIRS)]
    # B010 is the loser's right answer only when it read the ledger after the winner had finished: it
    # then keeps the pack as up to date. Neither may ever write too.
    assert set(tally(pairs)) <= {"B002 + written", "B010 + written"}, tally(pairs)
    assert tally(pairs)["B002 + written"] >= PAIRS // 2, tally(pairs)
    for number, pair in enumerate(pairs):
        loser = next(outcome for outcome in pair if outcome.label != "written")
        assert loser.exit_code == (1 if loser.label == "B002" else 0)
        folder = tmp_path / f"pair-{number}"
        pack = pack_dir(folder / "out", "test-carrier-failure")
        assert sorted(p.name for p in pack.parent.iterdir()) == [pack.name]  # no staged leftovers
        store = open_ledger(str(folder / "ledger.sqlite3"))
        try:
            with store.read():
                [ticket] = list_tickets(store)
        finally:
            store.close()
        assert ticket.pack_path == str(pack)
        meta = json.loads((pack / "ticket.json").read_text("utf-8"))
        assert meta["case_sha256"] == ticket.case_sha256


@pytest.fixture(scope="module")
def server() -> Iterator[PgServer]:
    running = start_server()
    yield running
    running.stop()


def test_one_of_two_concurrent_builds_writes_the_pack_on_postgresql(tmp_path: Path, server: PgServer) -> None:
    """The same with a PostgreSQL ledger an agency's team shares: its advisory lock orders the two."""
    case = tiny_case(tmp_path / "case")
    pairs = []
    for number in range(PG_PAIRS):
        url = server.create_database(f"pair_{number}")
        pairs.append(run_pair_forked(case, tmp_path / f"pair-{number}", url))
    assert set(tally(pairs)) <= {"B002 + written", "B010 + written"}, tally(pairs)


@pytest.mark.parametrize("renameat2", [True, False], ids=["renameat2", "no-renameat2"])
def test_a_pack_published_meanwhile_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, renameat2: bool
) -> None:
    """The step the race comes down to: both staged while the name was free, the second publish refused."""
    if not renameat2:  # a platform without the call: the folder rename itself refuses a pack folder
        monkeypatch.setattr(pack, "_renameat2", lambda a, b, flags: None)
    target = tmp_path / "out" / "1234567" / "case-a"
    first = pack.stage_pack(target, {"ticket.txt": b"first"}, force=False)
    second = pack.stage_pack(target, {"ticket.txt": b"second"}, force=False)
    first.publish()
    first.settle()
    with pytest.raises(pack.PackExistsError) as refused:
        second.publish()
    second.discard()
    assert refused.value.variant == "meanwhile"
    assert (target / "ticket.txt").read_bytes() == b"first"
    assert [p.name for p in target.parent.iterdir()] == ["case-a"]  # the second's staged copy is gone
    assert (
        refused.value.message("zh")
        == f"本次运行期间，另一次运行已写入 {target}；已保留原样，也未记录任何内容。请重新运行该命令"
    )


def test_force_still_replaces(tmp_path: Path) -> None:
    target = tmp_path / "out" / "case-a"
    first = pack.stage_pack(target, {"ticket.txt": b"first"}, force=False)
    second = pack.stage_pack(target, {"ticket.txt": b"second"}, force=True)
    first.publish()
    first.settle()
    second.publish()
    second.settle()
    assert (target / "ticket.txt").read_bytes() == b"second"
    assert [p.name for p in target.parent.iterdir()] == ["case-a"]
