"""A seeded generator of hostile evidence files, made at run time from the test suite's factories.

Each file is a base (encrypted, active-content, bomb, polyglot, oversized, camera and MPO pictures…)
put through one mutation (as it is, truncated, renamed, a ZIP appended, junk before it, bytes flipped,
two files glued, emptied). Files from a public corpus are added where a folder of them is given
(FUZZ_CORPUS): the campaign never fetches anything, the machines it runs on may have no network.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "attachments"))  # as pytest puts it for its tests

import hostile_files as h

from factories import make_jpeg, make_pdf, make_text_pdf

Base = Callable[[], bytes]
BASES: dict[str, tuple[str, Base]] = {
    "pdf": ("pdf", make_pdf),
    "pdf_400_pages": ("pdf", lambda: make_text_pdf([["Page"]] * 399 + [["Buyer phone +7 912 345-67-89"]])),
    "rc4": ("pdf", partial(h.encrypted_pdf, "RC4-128", "")),
    "aes128": ("pdf", partial(h.encrypted_pdf, "AES-128", "secret")),
    "aes256": ("pdf", partial(h.encrypted_pdf, "AES-256", "")),
    "aes_filler": ("pdf", h.aes_pdf),
    "javascript": ("pdf", h.javascript_pdf),
    "names_js": ("pdf", h.names_javascript_pdf),
    "submit_form": ("pdf", h.submit_form_pdf),
    "launch": ("pdf", h.launch_pdf),
    "file_attachment": ("pdf", h.file_attachment_pdf),
    "embedded": ("pdf", partial(h.written_pdf, "embedded_file")),
    "xref_loop": ("pdf", h.xref_loop_pdf),
    "polyglot_zip": ("pdf", h.polyglot_pdf_zip),
    "flate_bomb": ("pdf", partial(h.flate_bomb_pdf, 64)),
    "nested_bomb": ("pdf", h.nested_bomb_pdf),
    "huge_length": ("pdf", h.huge_length_pdf),
    "slow": ("pdf", partial(h.slow_pdf, 4, 20_000)),
    "oversized": ("pdf", partial(h.big_pdf, 5_300_000)),
    "remote_link": ("pdf", h.remote_link_pdf),
    "deep_names": ("pdf", h.deep_name_tree_pdf),
    "cyclic_names": ("pdf", h.cyclic_name_tree_pdf),
    "associated": ("pdf", h.associated_file_pdf),
    **{
        f"script_{r}": ("pdf", partial(h.script_behind_dummy_pdf, r))
        for r in ("open_action", "field_kid", "xfa")
    },
    "jpeg": ("jpg", partial(make_jpeg, 600, 800)),
    "truncated_jpeg": ("jpg", h.truncated_jpeg),
    "exif_gps": ("jpg", h.exif_jpeg),
    "gps_photo": ("jpg", partial(h.gps_photo, 600, 800)),
    "camera": ("jpg", h.camera_jpeg),
    "mpo": ("jpg", h.mpo),
    "restart": ("jpg", h.restart_jpeg),
    "sof_giant": ("jpg", partial(h.sof_patched_jpeg, 60000, 60000)),
    "grey_7200": ("jpg", partial(h.grey_jpeg, 7200, 7200)),
    **{
        f"other_{name}": (fmt or "bin", partial(lambda d: d, data))
        for name, (data, fmt, _) in h.OTHER_FORMATS.items()
    },
}
_OTHER_SUFFIXES = ("pdf", "jpg", "jpeg", "png", "txt", "zip", "PDF", "")


@dataclass(frozen=True)
class Hostile:
    label: str  # base/mutation, for the report of a failure
    suffix: str
    data: bytes


def _mutate(data: bytes, suffix: str, rng: random.Random, others: list[bytes]) -> tuple[str, str, bytes]:
    kind = rng.choice(
        ["as_is", "truncated", "renamed", "zip_appended", "junk_before", "flipped", "glued", "empty"]
    )
    if kind == "truncated":
        return kind, suffix, data[: rng.randrange(max(len(data), 1))]
    if kind == "renamed":
        return kind, rng.choice(_OTHER_SUFFIXES), data
    if kind == "zip_appended":
        return kind, suffix, data + h.zip_bytes({"payload.exe": b"MZ" + bytes(64)})
    if kind == "junk_before":
        return kind, suffix, rng.randbytes(rng.randrange(1, 1024)) + data
    if kind == "flipped":
        flipped = bytearray(data)
        for _ in range(rng.randrange(1, 16)):
            if flipped:
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
        return kind, suffix, bytes(flipped)
    if kind == "glued":
        return kind, suffix, data + rng.choice(others)
    if kind == "empty":
        return kind, suffix, b""
    return kind, suffix, data


def hostile_files(seed: int, count: int, corpus: Path | None = None) -> Iterator[Hostile]:
    """`count` hostile files (the same ones for the same seed), then every file of `corpus` as it is."""
    rng = random.Random(seed)
    made = {name: (suffix, make()) for name, (suffix, make) in BASES.items()}
    others = [data for _, data in made.values() if len(data) < 1_000_000]
    names = sorted(made)
    for _ in range(count):
        name = rng.choice(names)
        suffix, data = made[name]
        kind, suffix, data = _mutate(data, suffix, rng, others)
        yield Hostile(f"{name}/{kind}", suffix, data)
    if corpus is not None:
        for path in sorted(p for p in corpus.rglob("*") if p.is_file()):
            yield Hostile(f"corpus/{path.relative_to(corpus)}", path.suffix.lstrip("."), path.read_bytes())
