"""Where `build` puts a pack: `<out>/<store>/<case_id>/`, the store being the seller's Client ID."""

from __future__ import annotations

from pathlib import Path

from factories import CLIENT_ID  # tests/factories.py's cases' (and tests/ledger/ledger_testkit.py's)

__all__ = ["CLIENT_ID", "find_pack", "pack_dir"]


def pack_dir(out: Path, case_id: str, client_id: str = CLIENT_ID) -> Path:
    return out / client_id / case_id


def find_pack(out: Path, case_id: str) -> Path:
    """The one pack named `case_id` under `out`, whichever store it belongs to (the examples' differ)."""
    [found] = [folder for folder in out.glob(f"*/{case_id}") if folder.is_dir()]
    return found
