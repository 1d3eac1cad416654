#!/usr/bin/env python3
"""Build a large JSON Lines corpus for throughput and memory tests by
repeating the BBC corpus with fresh document ids.

Usage:
    tools/make_corpus.py [OUT] [--size 1G] [--source ../shared/data/bbc/bbc.jsonl]

OUT defaults to target/corpus-1g.jsonl (under target/, so never committed).
Each copy of a source line keeps its text and every other field and gets the
id "r<copy>/<original id>", so ids stay unique and the output is the same
bytes on every run. Copies are appended until the file reaches --size bytes
(K, M and G suffixes are powers of 1024); the last copy is not cut, so the
file ends on a whole line and may pass --size by at most one source line.
"""

import argparse
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_size(s):
    mult = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30}
    s = s.strip()
    if s and s[-1].lower() in mult:
        return int(s[:-1]) * mult[s[-1].lower()]
    return int(s)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", nargs="?", default=os.path.join(ROOT, "target", "corpus-1g.jsonl"))
    ap.add_argument("--size", default="1G", help="target size in bytes (default 1G)")
    ap.add_argument(
        "--source",
        default=os.path.join(ROOT, "..", "shared", "data", "bbc", "bbc.jsonl"),
        help="JSON Lines file to repeat (default: the BBC corpus)",
    )
    args = ap.parse_args()
    target = parse_size(args.size)

    docs = []
    with open(args.source, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            obj = json.loads(line)
            if "id" not in obj or "text" not in obj:
                sys.exit(f"{args.source}:{n}: a line needs id and text")
            docs.append(obj)
    if not docs:
        sys.exit(f"{args.source}: no documents")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)) or ".", exist_ok=True)
    tmp = args.out + ".part"
    written = 0
    copies = 0
    with open(tmp, "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            for obj in docs:
                rec = dict(obj)
                rec["id"] = f"r{copies}/{obj['id']}"
                line = json.dumps(rec, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                if written >= target:
                    break
            copies += 1
    os.replace(tmp, args.out)
    print(f"{args.out}: {written} bytes, {copies} copies of {len(docs)} documents", file=sys.stderr)


if __name__ == "__main__":
    main()
