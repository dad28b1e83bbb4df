"""Benchmark: what an Ozon agent scans in each rendered letter, and how long rendering one takes.

Run: `.venv/bin/python benchmarks/letters.py [--rev main]` (after `make golden` or `make test`).
Reads the golden letters (the ten examples' ticket.txt and the reading set's five,
tests/golden/reading-set/), prints each letter's figures against the targets of issue 25 and the time
to render a ticket; asserts nothing. `--rev main` measures the golden letters of that revision.

Targets: subject ≤ 80 characters; one ID a line (0 lines with two IDs); each attachment named once in its
list and numbered once; the request one sentence; «обращение» at most twice in a follow-up; no Cyrillic
word hunspell-ru does not know beyond docs/russian-terms.md's list; longest sentence ≤ 40 words.
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden"
SUBJECT_MAX, SENTENCE_MAX = 80, 40
ID = r"\d{6,}-\d{4}(?:-\d)?"


def allowed_words() -> set[str]:
    text = (REPO / "docs" / "russian-terms.md").read_text("utf-8")
    section = text.split("## Words hunspell-ru does not know", 1)[1].split("\n## ", 1)[0]
    return {word.lower() for word in re.findall(r"^- `([^`]+)`", section, re.M)}


def unknown_words(text: str, allowed: set[str]) -> list[str]:
    if not shutil.which("hunspell"):
        return ["(hunspell not installed)"]
    found = subprocess.run(
        ["hunspell", "-d", "ru_RU", "-l", "-i", "utf-8"], input=text, capture_output=True, text=True
    ).stdout.split()
    return sorted({w for w in found if re.search("[а-яё]", w, re.I) and w.lower() not in allowed})


def figures(text: str, allowed: set[str]) -> dict[str, object]:
    follow_up = not text.startswith("URGENT:")
    subject = "" if follow_up else text.split("\n", 1)[0]
    sentences = [
        sentence
        for line in text.splitlines()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[А-ЯЁA-Z«])", line)
        if sentence.strip()
    ]
    requests = [line for line in text.splitlines() if line.startswith("Просим")]
    return {
        "subject": len(subject),
        # a list line with a run of IDs («…: a, b, c»), as the second draft had; prose may name several
        "ids_on_a_line": sum(
            bool(re.search(rf"(^|:)\s*{ID}(,\s*{ID})+\s*$", line)) for line in text.splitlines()
        ),
        "numbered_twice": len(re.findall(r"^\d+\. \d\d-", text, re.M)),
        "request_sentences": max((len(re.findall(r"[.!?](?:\s|$)", r)) for r in requests), default=0),
        "obrashchenie": text.lower().count("обращени") if follow_up else None,
        "longest_sentence": max(len(s.split()) for s in sentences),
        "unknown": unknown_words(text, allowed),
        "chars": len(text),
    }


def render_time() -> float:
    """Median milliseconds to render one example's ticket from its content (templates loaded once)."""
    sys.path.insert(0, str(REPO / "src"))
    from ozon_urgent.casefile.loader import load_case
    from ozon_urgent.casefile.model import Case
    from ozon_urgent.catalog import load_catalog
    from ozon_urgent.ticket.content import ticket_content
    from ozon_urgent.ticket.render import Renderer

    catalog, renderer = load_catalog(), Renderer()
    contents = []
    for path in sorted((REPO / "examples" / "cases").glob("*/case.yaml")):
        case = Case.model_validate(load_case(path).data)
        contents.append(ticket_content(case, case.case_id or path.parent.name, catalog, []))
    renderer.ticket(contents[0])  # templates and pymorphy3 loaded once, as in a run
    times = []
    for _ in range(20):
        for content in contents:
            started = time.perf_counter()
            renderer.ticket(content)
            times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def golden_letters(rev: str | None) -> dict[str, str]:
    """name → text of each golden letter, in the work tree or at a git revision (the second draft: an
    older revision has no reading set)."""
    if rev is None:
        paths = sorted([*GOLDEN.glob("*/ticket.txt"), *(GOLDEN / "reading-set").glob("*.txt")])
        return {str(p.relative_to(GOLDEN)): p.read_text("utf-8") for p in paths}
    listed = subprocess.run(
        ["git", "ls-tree", "-r", "--name-only", rev, "tests/golden"], cwd=REPO, capture_output=True, text=True
    ).stdout.split()
    wanted = [n for n in listed if n.endswith("/ticket.txt") or "/reading-set/" in n]

    def show(name: str) -> str:
        command = ["git", "show", f"{rev}:{name}"]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True).stdout

    return {name.removeprefix("tests/golden/"): show(name) for name in wanted}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rev", help="measure the golden letters at this git revision (e.g. main)")
    args = parser.parse_args()
    allowed = allowed_words()
    letters = golden_letters(args.rev)
    print(f"{'letter':44} subj  ids/line  req.sent  обращ.  longest  unknown words")
    worst: dict[str, int] = {"subject": 0, "ids_on_a_line": 0, "numbered_twice": 0, "longest_sentence": 0}
    unknown_total = 0
    for name, text in letters.items():
        f = figures(text, allowed)
        name = name.removesuffix("/ticket.txt").removesuffix(".txt")
        print(
            f"{name[:44]:44} {f['subject']:>4}  {f['ids_on_a_line']:>8}  {f['request_sentences']:>8}  "
            f"{'' if f['obrashchenie'] is None else f['obrashchenie']:>6}  {f['longest_sentence']:>7}  "
            f"{', '.join(f['unknown']) or '—'}"  # type: ignore[arg-type]
        )
        for key in worst:
            worst[key] = max(worst[key], int(f[key]))  # type: ignore[call-overload]
        unknown_total += len(f["unknown"])  # type: ignore[arg-type]
    print()
    print(f"letters: {len(letters)}")
    ratio = worst["subject"] / SUBJECT_MAX
    print(f"longest subject: {worst['subject']} chars (target ≤ {SUBJECT_MAX}; ratio {ratio:.2f})")
    print(f"lines with two IDs or more: {worst['ids_on_a_line']} (target 0)")
    print(f"attachments numbered twice: {worst['numbered_twice']} (target 0)")
    print(
        f"longest sentence: {worst['longest_sentence']} words (target ≤ {SENTENCE_MAX}; ratio "
        f"{worst['longest_sentence'] / SENTENCE_MAX:.2f})"
    )
    print(f"unknown Cyrillic words: {unknown_total} (target 0)")
    if args.rev is None:
        print(f"render one ticket: median {render_time():.1f} ms")


if __name__ == "__main__":
    main()
