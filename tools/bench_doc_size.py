#!/usr/bin/env python3
"""Time `khabar extract -j 1` against a document's size (issue #18).

For each size (MB = 10^6 bytes of text) this builds, in a scratch folder
under /tmp, the same text two ways from the BBC articles (taken in order,
cycling through the corpus when the size needs more than one pass):

  one.txt   the articles joined by blank lines: ONE document
  sep.jsonl the same articles, one JSON Lines document each (fresh ids)

and runs `khabar extract -j 1 -q INPUT -o events.csv --entities
entities.csv` on both under `/usr/bin/time -v`, printing wall seconds,
seconds per MB, the one-document / separate-documents ratio of s/MB and the
peak RSS of each, and the CPU seconds (user + system; wall time on a shared
machine also counts the time other processes held the cores).  The ratio is the issue's goal (at most 1.5 at every size)
and the last lines give the log-log slope of wall time against size (1.0 is
linear, 2.0 quadratic).

    tools/bench_doc_size.py [--bin target/release/khabar] [--sizes 1,4,16,64]
                            [--runs 1] [--timeout 900] [--corpus BBC.jsonl]
                            [--keep]

Build first: cargo build --release.  A run over --timeout seconds is killed
and reported as such (the quadratic code took hours on 64 MB).
"""
import argparse
import json
import math
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def build_inputs(corpus, size_mb, folder):
    """Writes one.txt and sep.jsonl of about size_mb MB of text; returns
    (bytes of text, number of articles)."""
    texts = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            texts.append(json.loads(line)["text"])
    target = int(size_mb * 1e6)
    total = 0
    n = 0
    sep_bytes = len("\n\n".encode("utf-8"))
    with open(os.path.join(folder, "one.txt"), "w", encoding="utf-8") as one, open(
        os.path.join(folder, "sep.jsonl"), "w", encoding="utf-8"
    ) as sep:
        # Whole articles only, so that both inputs hold exactly the same
        # articles; stop at the first that would pass the target size.
        while True:
            t = texts[n % len(texts)]
            b = len(t.encode("utf-8"))
            extra = b + (sep_bytes if n else 0)
            if n and total + extra > target:
                break
            if n:
                one.write("\n\n")
            one.write(t)
            sep.write(json.dumps({"id": f"c{n // len(texts)}/{n % len(texts)}", "text": t}))
            sep.write("\n")
            total += extra
            n += 1
    return total, n


def run(binary, path, out, timeout):
    """Returns (wall s, CPU s, peak RSS MB) or (None, None, None) on timeout."""
    cmd = [
        "/usr/bin/time", "-v", binary, "extract", "-j", "1", "-q", path,
        "-o", os.path.join(out, "events.csv"), "--entities", os.path.join(out, "entities.csv"),
    ]
    try:
        p = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, None, None
    if p.returncode != 0:
        sys.exit(f"khabar failed ({p.returncode}) on {path}:\n{p.stderr}")
    wall = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (\S+)", p.stderr).group(1)
    secs = 0.0
    for part in wall.split(":"):
        secs = secs * 60 + float(part)
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    cpu = sum(float(re.search(rf"{k} time \(seconds\): (\S+)", p.stderr).group(1)) for k in ("User", "System"))
    return secs, cpu, rss_kb / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", default=os.path.join(HERE, "target/release/khabar"))
    ap.add_argument("--corpus", default=os.path.join(HERE, "../shared/data/bbc/bbc.jsonl"))
    ap.add_argument("--sizes", default="1,4,16,64", help="MB, comma-separated")
    ap.add_argument("--runs", type=int, default=1, help="runs per input; the median is shown")
    ap.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    a = ap.parse_args()
    sizes = [float(s) for s in a.sizes.split(",")]
    scratch = tempfile.mkdtemp(prefix="khabar-docsize-", dir="/tmp")
    rows = []
    try:
        print("| size MB | articles | one doc s | separate s | one s/MB | separate s/MB | ratio (wall) | one CPU s | separate CPU s | ratio (CPU) | one peak RSS MB | separate peak RSS MB |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for size in sizes:
            folder = os.path.join(scratch, f"{size:g}")
            os.makedirs(folder)
            nbytes, narticles = build_inputs(a.corpus, size, folder)
            mb = nbytes / 1e6
            res = {}
            for kind, name in (("one", "one.txt"), ("sep", "sep.jsonl")):
                walls, cpus, rsss = [], [], []
                for _ in range(a.runs):
                    w, c, r = run(a.bin, os.path.join(folder, name), folder, a.timeout)
                    if w is None:
                        walls = None
                        break
                    walls.append(w)
                    cpus.append(c)
                    rsss.append(r)
                res[kind] = ((statistics.median(walls), statistics.median(cpus), max(rsss))
                             if walls else (None, None, None))
            (ow, oc, orss), (sw, sc, srss) = res["one"], res["sep"]
            fmt = lambda x, f="{:.2f}": (f.format(x) if x is not None else f"> {a.timeout:g} (killed)")
            ratio = (ow / sw) if ow is not None and sw else None
            cratio = (oc / sc) if oc is not None and sc else None
            print(f"| {mb:.2f} | {narticles} | {fmt(ow)} | {fmt(sw)} | "
                  f"{fmt(ow / mb if ow else None, '{:.3f}')} | {fmt(sw / mb if sw else None, '{:.3f}')} | "
                  f"{fmt(ratio)} | {fmt(oc)} | {fmt(sc)} | {fmt(cratio)} | "
                  f"{fmt(orss, '{:.0f}')} | {fmt(srss, '{:.0f}')} |", flush=True)
            rows.append((mb, ow, sw, oc, sc))
            shutil.rmtree(folder)
        # Slope of log(time) against log(size): a least-squares fit over the
        # sizes that finished.  Start-up (gazetteer compile, ~0.15 s) flattens
        # the curve at 1 MB, so the slope between the two largest sizes is
        # given too.
        for label, idx in (("one doc, wall", 1), ("separate, wall", 2), ("one doc, CPU", 3), ("separate, CPU", 4)):
            pts = [(math.log(r[0]), math.log(r[idx])) for r in rows if r[idx]]
            if len(pts) >= 2:
                mx = statistics.mean(p[0] for p in pts)
                my = statistics.mean(p[1] for p in pts)
                slope = sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)
                last = (pts[-1][1] - pts[-2][1]) / (pts[-1][0] - pts[-2][0])
                print(f"slope of log(s) on log(MB), {label}: {slope:.2f} (fit), {last:.2f} (two largest sizes)")
    finally:
        if not a.keep:
            shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
