"""Benchmark for issue 28 (D4, safe to repeat): two `build`s of one case at once, 20 pairs by default.

Each pair is two real processes building the same tiny case into a fresh `--out` and ledger at the same
moment. Exactly one may write the pack; the other must be told the pack exists (B002), never replace it
and say "pack written" too. Run: `.venv/bin/python benchmarks/concurrent_builds.py [--pairs N]`.
Prints how the pairs ended and the time they took; asserts nothing (the test in
tests/ledger/test_ledger_concurrent_builds.py does). Target (issue 28): every pair writes exactly one
pack; before the fix 4 of 20 wrote two.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from kit.concurrent_builds import run_pair, tally, tiny_case

# B010 (kept, up to date) is the loser's right answer too when it read the ledger after the winner had
# finished: then the two did not overlap where it matters. Neither may write as well.
RIGHT = ("B002 + written", "B010 + written")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ozon-urgent-pairs-") as temp:
        root = Path(temp)
        case = tiny_case(root / "case")
        start = time.perf_counter()
        pairs = [run_pair(case, root / f"pair-{number}") for number in range(args.pairs)]
        took = time.perf_counter() - start
    counts = tally(pairs)
    pace = f"{took:.1f} s, {took / args.pairs:.2f} s a pair"
    print(f"{args.pairs} pairs of concurrent builds of one case ({pace})")
    for outcome, count in counts.most_common():
        print(f"  {count:3d}  {outcome}{'' if outcome in RIGHT else '   <- wrong'}")
    one_written = sum(counts[outcome] for outcome in RIGHT)
    refused = counts[RIGHT[0]]
    print(f"exactly one pack written: {one_written} of {args.pairs}; the other refused with B002: {refused}")


if __name__ == "__main__":
    main()
