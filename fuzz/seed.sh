#!/bin/sh
# Builds the (gitignored) seed corpora from the test fixtures.
# Run from the repository root: sh fuzz/seed.sh
set -e
mkdir -p fuzz/corpus/extract fuzz/corpus/jsonl
for f in tests/fixtures/*.txt tests/seed/*.txt; do
    b=$(basename "$f" .txt)
    # 4 header bytes: year 2024 (0x07e7 + 1, little-endian), month 12, day 19.
    { printf '\347\007\014\023'; cat "$f"; } > "fuzz/corpus/extract/$b"
done
# JSON Lines seeds: header byte 0 (plain .jsonl, default limit), then lines.
python3 - <<'PY'
import glob, json, os
files = sorted(glob.glob("tests/fixtures/*.txt"))
def doc(i, f, **kw):
    d = {"id": os.path.basename(f), "text": open(f, encoding="utf-8").read()}
    d.update(kw)
    return json.dumps(d, ensure_ascii=(i % 2 == 0))
seeds = {
    "small": "\n".join(doc(i, f, date="2024-12-19") for i, f in enumerate(files[:4])) + "\n",
    "mixed": "\ufeff" + doc(0, files[4], title="t", url="u") + "\r\n\n"
             + '{"id":7,"text":"x"}\n[1]\nnot json\n{"id":"a"}\n{"id":"a","text":"  "}\n'
             + '{"id":"b","text":"T","date":19}\n' + doc(1, files[4]) + "\n",
}
for name, body in seeds.items():
    with open(f"fuzz/corpus/jsonl/{name}", "wb") as out:
        out.write(b"\x00\x00" + body.encode("utf-8"))
    with open(f"fuzz/corpus/jsonl/{name}-limit", "wb") as out:
        out.write(b"\x04\x40" + body.encode("utf-8"))
PY
