#!/usr/bin/env python3
"""Draw a uniform random sample of extracted events for hand judgement.

Reads the events CSV written by `khabar extract` (optionally keeping only
documents whose id starts with one of --prefix), draws N events uniformly at
random without replacement (fixed seed: the draw is reproducible; all of them
when there are fewer than N), and writes a judgement sheet: one
tab-separated line per event with its slots and its evidence sentence, and
empty `verdict` / `note` columns to fill by hand.

    python3 tools/sample_events.py --events /tmp/bbc/events.csv \
        --prefix business/ --prefix tech/ --n 100 --seed 16 > sheet.tsv

The sheet quotes only the evidence sentence of each event (at most 300
characters), enough to judge it against the rule in the README.
"""

import argparse
import csv
import random
import sys

COLUMNS = [
    "n", "doc_id", "event_index", "event_type", "trigger", "participants",
    "parties", "evidence", "verdict", "note",
]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", required=True, help="events.csv from khabar extract")
    ap.add_argument("--prefix", action="append", default=[],
                    help="keep documents whose id starts with this (repeatable)")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=16)
    args = ap.parse_args()

    with open(args.events, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f)
                if not args.prefix or r["doc_id"].startswith(tuple(args.prefix))]
    # Sort first so that the draw does not depend on the file's row order.
    rows.sort(key=lambda r: (r["doc_id"], int(r["event_index"])))
    rng = random.Random(args.seed)
    sample = rows if len(rows) <= args.n else rng.sample(rows, args.n)
    sample.sort(key=lambda r: (r["doc_id"], int(r["event_index"])))

    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    clean = lambda s: " ".join(s.split())
    for i, r in enumerate(sample, 1):
        out.writerow([i, r["doc_id"], r["event_index"], r["event_type"], r["trigger"],
                      r["participants"], r["parties"], clean(r["evidence"])[:300], "", ""])
    print(f"{len(sample)} of {len(rows)} events", file=sys.stderr)


if __name__ == "__main__":
    main()
