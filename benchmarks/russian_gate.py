"""Benchmark: the Russian gate's time on a 2,000-word explanation, its dictionaries' load time and memory."""

# Run: `.venv/bin/python benchmarks/russian_gate.py [--words N] [--repeat N]`. Prints figures against the
# targets; asserts nothing. Target (issue: Russian gate): ≤ 50 ms for 2,000 words once the dictionary is
# loaded; the load itself happens only in a run that checks Russian, and is reported as measured.

from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
TARGET_MS = 50.0


def rss_mb() -> float:
    """The process's resident memory now (Linux), or its peak where /proc is missing."""
    statm = Path("/proc/self/statm")
    if statm.exists():
        return int(statm.read_text().split()[1]) * resource.getpagesize() / 2**20
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_load(load: Callable[[], object]) -> tuple[float, float]:
    before, started = rss_mb(), time.perf_counter()
    load()
    return 1000 * (time.perf_counter() - started), rss_mb() - before


def example_sentences() -> list[str]:
    """Every Russian sentence a seller wrote in the shipped examples: real prose, not generated words."""
    texts = []
    for path in sorted((REPO / "examples" / "cases").glob("*/case.yaml")):
        case = yaml.safe_load(path.read_text("utf-8"))
        texts.append(case["explanation"]["ru"])
        texts.append(case["notification"].get("text") or "")
        texts.extend(item.get("caption_ru") or "" for item in case.get("evidence", []))
    return [sentence.strip() + "." for text in texts for sentence in text.split(". ") if sentence.strip()]


def explanation(words: int, seed: int = 7) -> str:
    """Example sentences in a shuffled order until the text has `words` words."""
    sentences, rng, out, count = example_sentences(), random.Random(seed), [], 0
    while count < words:
        sentence = rng.choice(sentences)
        out.append(sentence)
        count += len(sentence.split())
    return " ".join(out)


def median_ms(run: Callable[[], object], repeat: int, before: Callable[[], None]) -> float:
    times = []
    for _ in range(repeat):
        before()
        started = time.perf_counter()
        run()
        times.append(1000 * (time.perf_counter() - started))
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()

    # What every `check` imports, the gate's checks included: no dictionary may load with them.
    import ozon_urgent.checks
    import ozon_urgent.checks.russian_gate_rules  # noqa: F401

    heavy = sorted(name for name in ("pymorphy3", "razdel", "spellchecker") if name in sys.modules)
    print(f"loaded with the checks: {', '.join(heavy) or 'no dictionary, no tokenizer'}")

    from ozon_urgent.russian_gate import analyse
    from ozon_urgent.russian_gate.gate import TextReport
    from ozon_urgent.russian_gate.lexicon import english, morph, russian_known

    morph_ms, morph_mb = timed_load(morph)
    english_ms, english_mb = timed_load(english)
    print(f"pymorphy3 dictionary load:  {morph_ms:7.1f} ms  RSS +{morph_mb:5.1f} MB  (once per process)")
    print(f"English word list load:     {english_ms:7.1f} ms  RSS +{english_mb:5.1f} MB  (on a Latin word)")

    text = explanation(args.words)
    words = len(text.split())

    def cold() -> None:  # nothing of this text seen before: every word looked up
        analyse.cache_clear()
        russian_known.cache_clear()

    def warm() -> None:  # a batch run: its words already looked up for an earlier case
        analyse.cache_clear()

    def gate() -> TextReport:
        return analyse(text)

    report = gate()
    cold_ms = median_ms(gate, args.repeat, cold)
    warm_ms = median_ms(gate, args.repeat, warm)
    print(f"explanation: {words} words, {len(text)} characters, {report.problems} findings")
    print(f"gate, words not seen before: {cold_ms:6.1f} ms  (target <= {TARGET_MS:.0f} ms)")
    print(f"gate, words seen in the run: {warm_ms:6.1f} ms")

    long_text = (text + " ") * (100_000 // len(text) + 1)
    long_ms = median_ms(lambda: analyse(long_text[:100_000]), 5, cold)
    print(f"gate on 100,000 characters:  {long_ms:6.1f} ms")


if __name__ == "__main__":
    main()
