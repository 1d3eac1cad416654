#!/usr/bin/env bash
# Instructions executed per document by `khabar extract -j 1`, counted by
# valgrind's cachegrind: a deterministic figure where wall and CPU time on a
# shared machine vary by 10-20 %. The start-up (gazetteer load and compile)
# is measured on a one-document corpus and subtracted.
#
#   tools/instructions.sh CORPUS.jsonl [BINARY=target/release/khabar] [TOP=0]
#
# Prints the total; with TOP > 0 also the TOP functions by instructions of
# the per-document work. A few thousand documents are enough (about 40 s
# per 3,000 BBC documents under valgrind).
set -euo pipefail
corpus=$1
bin=${2:-target/release/khabar}
top=${3:-0}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
head -n 1 "$corpus" > "$work/one.jsonl"
for c in one full; do
  input=$corpus
  [ "$c" = one ] && input=$work/one.jsonl
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file="$work/$c.cg" \
    "$bin" extract -j 1 -q "$input" -o /dev/null --entities /dev/null >/dev/null 2>&1
done
python3 - "$work/one.cg" "$work/full.cg" "$corpus" "$top" <<'PY'
import collections, json, sys

def load(path):
    per_fn, fn = collections.Counter(), None
    for line in open(path):
        if line.startswith("fn="):
            fn = line[3:].strip()
        elif fn and line[:1].isdigit():
            parts = line.split()
            if len(parts) >= 2:
                per_fn[fn] += int(parts[1])
    return per_fn

one, full = load(sys.argv[1]), load(sys.argv[2])
docs = text = 0
for line in open(sys.argv[3], encoding="utf-8"):
    docs += 1
    text += len(json.loads(line)["text"].encode("utf-8"))
per_doc = {f: full[f] - one.get(f, 0) for f in full}
total = sum(per_doc.values())
print(f"start-up: {sum(one.values()) / 1e6:.1f} M instructions")
print(f"per-document work: {total / 1e6:.1f} M instructions for {docs} documents, "
      f"{text / 1e6:.2f} MB of text: {total / text:.0f} per byte")
for f, n in sorted(per_doc.items(), key=lambda x: -x[1])[: int(sys.argv[4])]:
    print(f"{100 * n / total:5.1f}% {n / 1e6:8.1f} M  {f[:110]}")
PY
