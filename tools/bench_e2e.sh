#!/usr/bin/env bash
# End-to-end throughput and peak memory of `khabar extract`, as BENCHMARKS.md
# reports them: N runs per thread count, median (min-max) of wall-clock MB/s,
# user CPU seconds and peak RSS, events and entities written to files;
# runs interleaved across thread counts.
#
#   [KHABAR_BIN=BINARY] tools/bench_e2e.sh CORPUS.jsonl [RUNS=5] [THREADS="1 2"]
#
# MB/s counts the documents' text (the JSON "text" fields, 10^6 bytes), not
# the JSON around it. Build first: cargo build --release.
set -euo pipefail
corpus=$1
runs=${2:-5}
threads=${3:-"1 2"}
here=$(cd "$(dirname "$0")/.." && pwd)
bin=${KHABAR_BIN:-$here/target/release/khabar}  # KHABAR_BIN=target/pgo/khabar for the PGO build
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
text_mb=$(python3 -c '
import json, sys
n = 0
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        n += len(json.loads(line)["text"].encode("utf-8"))
print(n / 1e6)' "$corpus")
echo "corpus: $corpus ($text_mb MB of text), $runs runs, commit $(git -C "$here" rev-parse --short HEAD)"
# Runs are interleaved (run 1 at every thread count, then run 2, ...) so
# that a slow spell of this shared machine falls on all thread counts alike
# and the ratio between them is not skewed by when each was run.
for r in $(seq "$runs"); do
  for j in $threads; do
    /usr/bin/time -f "%e %U %M" -o "$out/t.$j.$r" \
      "$bin" extract -j "$j" -q "$corpus" -o "$out/events.csv" --entities "$out/entities.csv"
  done
done
for j in $threads; do
  python3 - "$text_mb" "$j" "$out"/t."$j".* <<'PY'
import statistics, sys
mb = float(sys.argv[1]); j = sys.argv[2]
rows = [list(map(float, open(p).read().split())) for p in sys.argv[3:]]
wall = sorted(r[0] for r in rows); user = sorted(r[1] for r in rows); rss = sorted(r[2] / 1024 for r in rows)
def fmt(xs, f=lambda x: x):
    v = sorted(f(x) for x in xs)
    return f"{statistics.median(v):.2f} ({v[0]:.2f}-{v[-1]:.2f})"
print(f"-j {j}: wall s {fmt(wall)}; MB/s wall {fmt(wall, lambda w: mb / w)}; "
      f"user s {fmt(user)}; MB/s per CPU-second {fmt(user, lambda u: mb / u)}; "
      f"peak RSS MB {fmt(rss)}")
PY
done
# Speed-up of 2 threads over 1: ratio of the median wall times, and the
# median of the ratios within each interleaved pair.
if [[ " $threads " == *" 1 "* && " $threads " == *" 2 "* ]]; then
  python3 - "$out" "$runs" <<'PY'
import statistics, sys
out, runs = sys.argv[1], int(sys.argv[2])
w = {j: [float(open(f"{out}/t.{j}.{r}").read().split()[0]) for r in range(1, runs + 1)] for j in (1, 2)}
pairs = sorted(a / b for a, b in zip(w[1], w[2]))
print(f"-j 2 / -j 1 speed-up: {statistics.median(w[1]) / statistics.median(w[2]):.2f}x (medians); "
      f"{statistics.median(pairs):.2f}x ({pairs[0]:.2f}-{pairs[-1]:.2f}) per pair")
PY
fi
