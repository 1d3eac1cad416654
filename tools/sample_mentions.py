#!/usr/bin/env python3
"""Draw a uniform random sample of entity mentions for hand judgement.

Reads the entities CSV written by `khabar extract --entities` and the JSONL
corpus it was run on, keeps the mentions of one label, draws N of them
uniformly at random without replacement (fixed seed, so the draw is
reproducible), and prints each with about CONTEXT characters of text either
side, the mention marked [[like this]].

Offsets in the entities CSV are character offsets into the document text, so
Python str indexing applies directly.

    python3 tools/sample_mentions.py --label PLACE --n 100 --seed 2026 \
        --entities /tmp/judge/entities.csv --corpus ../shared/data/bbc/bbc.jsonl

With --tsv the output is one tab-separated line per mention (index, doc_id,
start, end, mention, canonical, context), ready for a judgement sheet.
"""

import argparse
import csv
import json
import random
import sys


def load_corpus(path):
    docs = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            d = json.loads(line)
            docs[d["id"]] = d["text"]
    return docs


def context(text, start, end, width):
    lo = max(0, start - width)
    hi = min(len(text), end + width)
    s = text[lo:start] + "[[" + text[start:end] + "]]" + text[end:hi]
    s = " ".join(s.split())  # newlines and tabs to single spaces
    return ("..." if lo > 0 else "") + s + ("..." if hi < len(text) else "")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--label", required=True, help="e.g. PLACE, PERSON")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--entities", required=True, help="entities CSV from khabar")
    ap.add_argument("--corpus", required=True, help="JSONL with id and text")
    ap.add_argument("--context", type=int, default=100,
                    help="characters of context either side (default 100)")
    ap.add_argument("--tsv", action="store_true", help="tab-separated output")
    a = ap.parse_args(argv)

    docs = load_corpus(a.corpus)
    with open(a.entities, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["label"] == a.label]
    # Sort so the draw depends only on the data, not on the CSV's row order.
    rows.sort(key=lambda r: (r["doc_id"], int(r["start"]), int(r["end"])))
    if a.n > len(rows):
        sys.exit(f"only {len(rows)} {a.label} mentions, asked for {a.n}")
    sample = random.Random(a.seed).sample(rows, a.n)

    print(f"# {len(rows)} {a.label} mentions; {a.n} drawn with seed {a.seed}",
          file=sys.stderr)
    for i, r in enumerate(sample, 1):
        text = docs[r["doc_id"]]
        s, e = int(r["start"]), int(r["end"])
        if text[s:e] != r["text"]:
            print(f"warning: offsets of {r['doc_id']} {s}-{e} give "
                  f"{text[s:e]!r}, CSV says {r['text']!r}", file=sys.stderr)
        ctx = context(text, s, e, a.context)
        if a.tsv:
            print("\t".join([str(i), r["doc_id"], str(s), str(e), r["text"],
                             r["canonical"], ctx]))
        else:
            print(f"{i:3d}. {r['doc_id']}  {r['text']!r} -> {r['canonical']!r}")
            print(f"     {ctx}")
            print()


if __name__ == "__main__":
    main()
