#!/usr/bin/env python3
"""Run `khabar extract` over a corpus on an Apache Spark cluster.

The job reads articles as JSON Lines (one {"id": ..., "text": ...} object a
line, the input of `khabar extract corpus.jsonl`) or as text files (one
article a file), from any path Spark reads (local, hdfs://, s3a://, ...),
splits them into contiguous ranges in input order, pipes each range through
the khabar binary on an executor (`khabar extract - --no-header -q -j 1`),
and writes the events:

  --output FILE       one CSV file on the driver: the header, then each
                      partition's rows in partition order. Byte-identical
                      to `khabar extract corpus.jsonl -o FILE` on one
                      machine.
  --output-dir URI    a folder of part files on any Hadoop file system
                      (saveAsTextFile): part-00000 starts with the header,
                      and the parts concatenated in name order
                      (`cat part-*`, `hdfs dfs -getmerge`) are that same CSV.
  --parquet URI       Parquet with the contract's columns (event_index,
                      start and end as integers, the other cells strings
                      as in --format jsonl), part files in input order.

Why byte-identical: khabar's rows for a document depend on that document
alone, so any split of the input gives the same rows; the job keeps every
partition contiguous and in input order, runs khabar over it as one opaque
CSV blob (no splitting of khabar's output on newlines, so cells that hold
a newline survive), and concatenates the blobs in partition order after a
single header. Two things would otherwise depend on the split, and the job
handles both:
  - `khabar extract -` sniffs standard input (JSON Lines when its first
    non-blank line is a JSON object, else one text document). Each
    partition is therefore fed after a sentinel line, a JSON object with an
    empty text, which khabar skips silently (benign) and which makes the
    whole partition JSON Lines whatever its first real line is.
  - khabar skips a document whose id was already seen. Across partitions
    the job does the same before piping: the first document with a given
    id (non-blank text) is kept and later ones are dropped (--no-dedupe
    turns this pass off when ids are known to be unique).

The binary embeds its default gazetteers, so shipping the binary alone is
enough. Custom gazetteers: --gazetteers DIR ships a local folder with
SparkContext.addFile, or names a folder unpacked by spark-submit
`--archives gaz.tar.gz#gaz` (then --gazetteers gaz).

Example (see README.md beside this file):
  spark-submit --master spark://host:7077 --files target/release/khabar \\
      examples/spark/khabar_spark.py --partitions 64 \\
      hdfs:///corpus/news.jsonl --output-dir hdfs:///out/events
"""

import argparse
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

from pyspark import SparkContext, SparkFiles, StorageLevel

# A JSON object with an empty text: khabar skips it as a benign "empty
# text" (not an error, nothing written, not remembered as a seen id), and
# its presence as the first line makes khabar read standard input as JSON
# Lines whatever the partition's first real line is.
SENTINEL = b'{"id":"\\u0000khabar-spark-partition","text":""}\n'

INT_COLUMNS = {"event_index", "start", "end"}


def parse_args(argv):
    p = argparse.ArgumentParser(
        description="Run khabar extract over a corpus on Apache Spark.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 1)[1],
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT",
                   help="JSON Lines files or folders (or text-file folders "
                        "with --text), any path Spark reads; several are "
                        "read in the order given")
    out = p.add_mutually_exclusive_group(required=True)
    out.add_argument("--output", metavar="FILE",
                     help="write one CSV file on the driver's file system")
    out.add_argument("--output-dir", metavar="URI",
                     help="write CSV part files (header in part-00000) to a "
                          "folder on any Hadoop file system")
    out.add_argument("--parquet", metavar="URI", help="write Parquet")
    p.add_argument("--text", action="store_true",
                   help="inputs are folders of text files, one article a "
                        "file, doc_id the path relative to the folder (as "
                        "`khabar extract FOLDER`); *.txt only")
    p.add_argument("--partitions", type=int, default=0, metavar="N",
                   help="number of partitions (default: 3 x the cluster's "
                        "default parallelism)")
    p.add_argument("--khabar", default="khabar", metavar="PATH",
                   help="the khabar binary: a local path (shipped with "
                        "addFile) or the name of a file shipped with "
                        "spark-submit --files (default: khabar)")
    p.add_argument("--gazetteers", metavar="DIR",
                   help="custom gazetteers: a local folder (shipped with "
                        "addFile) or a folder unpacked by --archives")
    p.add_argument("--no-dedupe", action="store_true",
                   help="skip the pass that drops documents whose id was "
                        "seen earlier in the corpus")
    p.add_argument("--khabar-arg", action="append", default=[],
                   metavar="ARG",
                   help="extra argument for khabar extract (repeatable), "
                        "e.g. --khabar-arg=--max-doc-bytes=16M")
    return p.parse_args(argv)


# ---------------------------------------------------------------- executors

def _executable(path):
    """Returns a path to an executable copy of `path` (files fetched by
    Spark do not always keep the execute bit)."""
    mode = os.stat(path).st_mode
    if mode & stat.S_IXUSR:
        return path
    try:
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        return path
    except OSError:
        fd, copy = tempfile.mkstemp(prefix="khabar-")
        os.close(fd)
        shutil.copyfile(path, copy)
        os.chmod(copy, 0o755)
        return copy


def _resolve(name):
    """A shipped file or folder: SparkFiles first (addFile, --files), then
    the working folder (--archives), then the path as given."""
    for cand in (SparkFiles.get(os.path.basename(name.rstrip("/"))),
                 os.path.join(os.getcwd(), name), name):
        if os.path.exists(cand):
            return cand
    raise FileNotFoundError("khabar_spark: %r was not shipped to this "
                            "executor (use --files or --archives)" % name)


def _command(conf, fmt):
    cmd = [_executable(_resolve(conf["khabar"])), "extract", "-",
           "--no-header", "-q", "-j", "1", "--format", fmt]
    if conf["gazetteers"]:
        cmd += ["--gazetteers", _resolve(conf["gazetteers"])]
    return cmd + conf["extra"]


def _doc_key(line):
    """(id, usable) of a JSON line as khabar reads it: the id (a string, or
    an integer as its decimal string) and whether the document would be
    emitted (text a string that is not blank). None when khabar would
    reject the line anyway."""
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    doc_id = obj.get("id")
    if isinstance(doc_id, bool):
        return None
    if isinstance(doc_id, int):
        doc_id = str(doc_id)
    if not isinstance(doc_id, str) or not doc_id.strip():
        return None
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    return doc_id


def _ids(pidx, lines):
    for i, line in enumerate(lines):
        if '"id"' not in line:
            continue
        doc_id = _doc_key(line)
        if doc_id is not None:
            yield doc_id, (pidx, i)


def run_partition(conf, fmt, dups):
    """mapPartitionsWithIndex function: the partition's lines piped through
    khabar; yields one element, (partition index, output bytes, exit code,
    stderr)."""

    def run(pidx, lines):
        chunks = [SENTINEL]
        for i, line in enumerate(lines):
            if dups:
                doc_id = _doc_key(line) if '"id"' in line else None
                first = dups.get(doc_id) if doc_id is not None else None
                if first is not None and first != (pidx, i):
                    continue  # a later document with an id already seen
            chunks.append(line.encode("utf-8"))
            chunks.append(b"\n")
        proc = subprocess.run(_command(conf, fmt), input=b"".join(chunks),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if proc.returncode not in (0, 2):
            raise RuntimeError("khabar failed on partition %d (exit %d): %s"
                               % (pidx, proc.returncode,
                                  proc.stderr.decode("utf-8", "replace")))
        yield pidx, proc.stdout, proc.returncode, proc.stderr

    return run


def _text_docs(base):
    """(path, content) of wholeTextFiles → (relative id, JSON line)."""
    prefix = base.rstrip("/") + "/"

    def conv(kv):
        path, content = kv
        rel = path[len(prefix):] if path.startswith(prefix) else \
            os.path.basename(path)
        # Keyed by the UTF-8 bytes of each path component: khabar walks a
        # folder level by level in byte order of the names (so "a/b.txt"
        # comes before "a-b.txt", unlike a plain string sort).
        key = tuple(part.encode("utf-8") for part in rel.split("/"))
        return key, json.dumps({"id": rel, "text": content},
                                        ensure_ascii=False)

    return conv


# ------------------------------------------------------------------- driver

def read_lines(sc, args, n):
    """The corpus as an RDD of JSON lines in input order, in >= n
    contiguous partitions."""
    if args.text:
        hconf = sc._jsc.hadoopConfiguration()
        hconf.set("mapreduce.input.fileinputformat.input.dir.recursive",
                  "true")
        parts = []
        for base in args.inputs:
            files = sc.wholeTextFiles(base, minPartitions=n)
            # wholeTextFiles names files by qualified URI: make the ids
            # relative to the folder given, qualified the same way.
            jpath = sc._jvm.org.apache.hadoop.fs.Path(base)
            root = jpath.getFileSystem(hconf).makeQualified(jpath).toString()
            docs = (files.filter(lambda kv: kv[0].endswith(".txt"))
                    .map(_text_docs(root))
                    .sortByKey(numPartitions=n)
                    .values())
            parts.append(docs)
        return sc.union(parts) if len(parts) > 1 else parts[0]

    parts = [sc.textFile(p, minPartitions=n) for p in args.inputs]
    lines = sc.union(parts) if len(parts) > 1 else parts[0]
    if lines.getNumPartitions() >= n:
        # textFile splits are contiguous byte ranges in file order, and a
        # union keeps its inputs' order: nothing to shuffle.
        return lines
    # Too few splits (gzip files are not splittable, or small files):
    # number the lines and cut them into n contiguous ranges.
    total = lines.count()
    per = max(1, -(-total // n))
    return (lines.zipWithIndex()
            .map(lambda li: (li[1], li[0]))
            .repartitionAndSortWithinPartitions(
                numPartitions=n, partitionFunc=lambda i: min(i // per, n - 1))
            .values())


def duplicates(lines):
    """{id: (partition, line)} of the first occurrence of each id that
    occurs more than once (usually empty)."""
    counted = (lines.mapPartitionsWithIndex(_ids)
               .mapValues(lambda pos: (pos, 1))
               .reduceByKey(lambda a, b: (min(a[0], b[0]), a[1] + b[1])))
    return {k: v[0] for k, v in counted.filter(lambda kv: kv[1][1] > 1)
            .collect()}


def header(conf):
    """The CSV header, as the binary writes it."""
    cmd = [_executable(_resolve(conf["khabar"])), "extract", "-", "-q"]
    if conf["gazetteers"]:
        cmd += ["--gazetteers", _resolve(conf["gazetteers"])]
    proc = subprocess.run(cmd + conf["extra"], input=SENTINEL,
                          stdout=subprocess.PIPE, check=True)
    return proc.stdout


def main(argv):
    args = parse_args(argv)
    sc = SparkContext.getOrCreate()
    sc.setLogLevel("WARN")
    t0 = time.time()

    conf = {"khabar": args.khabar, "gazetteers": args.gazetteers,
            "extra": list(args.khabar_arg)}
    if os.path.isfile(args.khabar):
        sc.addFile(os.path.abspath(args.khabar))
        conf["khabar"] = os.path.basename(args.khabar)
    if args.gazetteers and os.path.isdir(args.gazetteers):
        sc.addFile(os.path.abspath(args.gazetteers), recursive=True)
        conf["gazetteers"] = os.path.basename(args.gazetteers.rstrip("/"))

    n = args.partitions or 3 * sc.defaultParallelism
    lines = read_lines(sc, args, n)
    dups = {}
    if not args.no_dedupe:
        lines = lines.persist(StorageLevel.MEMORY_AND_DISK)
        dups = duplicates(lines)
        print("khabar_spark: read and id check %.1f s" % (time.time() - t0),
              file=sys.stderr)
        if dups:
            print("khabar_spark: %d ids occur more than once; later "
                  "documents skipped as khabar does" % len(dups),
                  file=sys.stderr)
    fmt = "jsonl" if args.parquet else "csv"
    results = lines.mapPartitionsWithIndex(run_partition(conf, fmt, dups),
                                           preservesPartitioning=True)

    failed = 0
    if args.parquet:
        from pyspark.sql import SparkSession
        from pyspark.sql.types import (LongType, StringType, StructField,
                                       StructType)
        spark = SparkSession(sc)
        columns = header(conf).decode("utf-8").rstrip("\n").split(",")
        schema = StructType([
            StructField(c, LongType() if c in INT_COLUMNS else StringType())
            for c in columns])

        def rows(item):
            for line in item[1].decode("utf-8").splitlines():
                obj = json.loads(line)
                yield tuple(
                    obj.get(c) if c in INT_COLUMNS or obj.get(c) is None
                    else str(obj.get(c)) for c in columns)

        results = results.persist(StorageLevel.MEMORY_AND_DISK)
        spark.createDataFrame(results.flatMap(rows), schema) \
            .write.mode("overwrite").parquet(args.parquet)
    elif args.output_dir:
        head = header(conf).decode("utf-8")
        results = results.persist(StorageLevel.MEMORY_AND_DISK)

        def text(item):
            body = item[1].decode("utf-8")
            if item[0] == 0:
                body = head + body
            # saveAsTextFile ends each element with "\n".
            return body[:-1] if body.endswith("\n") else body

        results.map(text).filter(lambda s: s != "") \
            .saveAsTextFile(args.output_dir)
    else:
        # Run all partitions in parallel (count), keeping the blobs, then
        # fetch them one partition at a time, in order.
        results = results.persist(StorageLevel.MEMORY_AND_DISK)
        results.count()
        print("khabar_spark: extraction %.1f s" % (time.time() - t0),
              file=sys.stderr)
        tmp = args.output + ".part"
        with open(tmp, "wb") as f:
            f.write(header(conf))
            for _, out, _, _ in results.toLocalIterator(
                    prefetchPartitions=True):
                f.write(out)
        os.replace(tmp, args.output)

    # khabar's messages about skipped input, by partition (line numbers
    # count from the partition's first line, plus one for the sentinel).
    for pidx, err in results.filter(lambda r: r[2] != 0) \
            .map(lambda r: (r[0], r[3])).collect():
        failed += 1
        for line in err.decode("utf-8", "replace").splitlines():
            print("khabar_spark: partition %d: %s" % (pidx, line),
                  file=sys.stderr)

    print("khabar_spark: %d partitions, %.1f s%s" % (
        lines.getNumPartitions(), time.time() - t0,
        ", %d with skipped input (see executor logs)" % failed
        if failed else ""), file=sys.stderr)
    sc.stop()
    # As khabar: 2 when the run completed but some input was skipped.
    return 2 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
