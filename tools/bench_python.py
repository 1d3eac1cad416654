#!/usr/bin/env python3
"""khabar.extract against the `khabar` command on the same input, in MB/s.

    PYTHON_WITH_KHABAR tools/bench_python.py [CORPUS.jsonl] [--runs 5]
        [--threads 1 2] [--repeat 1] [--bin target/release/khabar]

Run it with a Python that has the khabar wheel installed (README, "From
Python"); build the command first (cargo build --release). CORPUS defaults
to ../shared/data/bbc/bbc.jsonl. MB/s counts the documents' text (10^6 bytes
of the "text" fields), as tools/bench_e2e.sh does.

Per run and thread count, interleaved so that a slow spell of a shared
machine falls on every variant alike:
  cli    `khabar extract -j N -q CORPUS -o events.csv --entities entities.csv`,
         wall time of the process (start-up and gazetteer compile included);
  cold   a fresh Python process's first khabar.extract(docs, threads=N): the
         pipeline is compiled in that call, as in the command's run;
  warm   the same process's second call (pipeline reused): the steady rate.
The documents are read with json.loads before the clock starts (reported
apart: the command's time includes its JSON parsing).

--repeat K makes K copies of the corpus with fresh ids (a temporary JSON
Lines file for the command, the same documents for the module), so that
start-up weighs less and the steady rates show.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Runs in a fresh interpreter per measurement: the first call there is cold.
CHILD = r"""
import json, sys, time
t0 = time.perf_counter()
with open(sys.argv[1], encoding="utf-8") as f:
    docs = [json.loads(line) for line in f if line.strip()]
t1 = time.perf_counter()
import khabar
threads = int(sys.argv[2])
out = []
for _ in range(2):
    t = time.perf_counter()
    events, entities = khabar.extract(docs, threads=threads)
    out.append(time.perf_counter() - t)
print(json.dumps({"load": t1 - t0, "cold": out[0], "warm": out[1],
                  "events": len(events), "entities": len(entities)}))
"""


def text_mb(path: str) -> float:
    n = 0
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                n += len(json.loads(line)["text"].encode("utf-8"))
    return n / 1e6


def repeated(path: str, k: int, tmp: str) -> str:
    if k == 1:
        return path
    out = os.path.join(tmp, "corpus.jsonl")
    with open(path, encoding="utf-8") as f:
        docs = [json.loads(line) for line in f if line.strip()]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(k):
            for d in docs:
                f.write(json.dumps(dict(d, id=f"{i}/{d['id']}"), ensure_ascii=False) + "\n")
    return out


def cli_run(binary: str, corpus: str, threads: int, tmp: str) -> tuple[float, int, int]:
    ev, en = os.path.join(tmp, "events.csv"), os.path.join(tmp, "entities.csv")
    t = time.perf_counter()
    subprocess.run(
        [binary, "extract", "-j", str(threads), "-q", corpus, "-o", ev, "--entities", en],
        check=True,
    )
    wall = time.perf_counter() - t
    with open(ev, encoding="utf-8") as f:
        events = sum(1 for _ in f) - 1
    with open(en, encoding="utf-8") as f:
        entities = sum(1 for _ in f) - 1
    return wall, events, entities


def fmt(xs: list[float]) -> str:
    xs = sorted(xs)
    return f"{statistics.median(xs):.2f} ({xs[0]:.2f}-{xs[-1]:.2f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=os.path.join(HERE, "..", "shared", "data", "bbc", "bbc.jsonl"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--bin", default=os.path.join(HERE, "target", "release", "khabar"))
    a = ap.parse_args()
    if not os.path.exists(a.corpus):
        print(f"no corpus at {a.corpus}: nothing to measure", file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        corpus = repeated(a.corpus, a.repeat, tmp)
        mb = text_mb(corpus)
        print(f"corpus: {a.corpus} x{a.repeat} ({mb:.2f} MB of text), {a.runs} runs; "
              f"MB/s median (min-max)")
        walls: dict[tuple[str, int], list[float]] = {}
        loads = []
        for _ in range(a.runs):
            for j in a.threads:
                wall, cli_ev, cli_en = cli_run(a.bin, corpus, j, tmp)
                walls.setdefault(("cli", j), []).append(wall)
                r = json.loads(subprocess.run(
                    [sys.executable, "-c", CHILD, corpus, str(j)],
                    check=True, capture_output=True, text=True,
                ).stdout)
                if (r["events"], r["entities"]) != (cli_ev, cli_en):
                    print(f"row counts differ: cli {cli_ev}/{cli_en}, module "
                          f"{r['events']}/{r['entities']}", file=sys.stderr)
                    return 1
                walls.setdefault(("cold", j), []).append(r["cold"])
                walls.setdefault(("warm", j), []).append(r["warm"])
                loads.append(r["load"])
        print(f"rows: {cli_ev} events, {cli_en} entities; json.loads of the corpus "
              f"(before the module's clock): {statistics.median(loads):.2f} s")
        for j in a.threads:
            cli = statistics.median(walls[("cli", j)])
            for kind in ("cli", "cold", "warm"):
                w = walls[(kind, j)]
                rate = fmt([mb / x for x in w])
                vs = "" if kind == "cli" else f"; {cli / statistics.median(w) * 100:.0f}% of the command's MB/s"
                print(f"-j {j} {kind:4}: wall s {fmt(w)}; MB/s {rate}{vs}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
