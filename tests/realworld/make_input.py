#!/usr/bin/env python3
"""Builds the JSON Lines input of khabar's own real-article set from texts
fetched by hand (see README.md in this folder).

    python3 tests/realworld/make_input.py TEXTS_DIR > /tmp/realworld/input.jsonl

TEXTS_DIR holds <id>.txt for each line of sources-*.jsonl. Each text is
checked against its sha256; a missing text is reported on stderr and left
out (exit 1 if any), a different one is reported and kept (whitespace-only
differences are harmless: the gold holds facts, not offsets)."""
import glob
import hashlib
import json
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
if len(sys.argv) < 2:
    sys.exit(__doc__)
texts = sys.argv[1]
bad = 0
for path in sorted(glob.glob(os.path.join(here, "sources-*.jsonl"))):
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        src = json.loads(line)
        p = os.path.join(texts, src["id"] + ".txt")
        try:
            raw = open(p, "rb").read()
        except OSError as e:
            print(f"{src['id']}: {e}", file=sys.stderr)
            bad += 1
            continue
        if hashlib.sha256(raw).hexdigest() != src["sha256"]:
            print(f"{src['id']}: sha256 differs", file=sys.stderr)
        doc = {"id": src["id"], "text": raw.decode("utf-8"), "date": src["pubdate"] or None}
        print(json.dumps(doc, ensure_ascii=False))
sys.exit(1 if bad else 0)
