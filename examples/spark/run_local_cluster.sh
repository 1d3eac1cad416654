#!/usr/bin/env bash
# Runs examples/spark/khabar_spark.py on a real Spark standalone cluster on
# this machine (a master and two workers on 127.0.0.1) over the BBC corpus
# in >= 8 partitions, and checks that the events are byte-identical to
# `khabar extract` on one machine, for both outputs of the job (--output:
# one CSV file; --output-dir: part files concatenated in order).
#
#   bash examples/spark/run_local_cluster.sh
#
# Creates a virtual environment (.venv-spark in the repo root, gitignored;
# KHABAR_SPARK_VENV overrides) with a pinned PySpark, which carries Spark and
# its jars; needs Java 17 (installed with apt-get when missing and root).
# Builds target/release/khabar. The cluster is stopped on any exit.
# Exit status: 0 identical (or skipped: no corpus), 1 mismatch or failure.
#
# Environment: KHABAR_SPARK_CORPUS (default ../shared/data/bbc/bbc.jsonl
# beside the repo), KHABAR_SPARK_PARTITIONS (default 8),
# KHABAR_SPARK_KEEP=1 keeps the work folder for inspection.
set -euo pipefail

PYSPARK_VERSION=3.5.7
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CORPUS=${KHABAR_SPARK_CORPUS:-$ROOT/../shared/data/bbc/bbc.jsonl}
PARTITIONS=${KHABAR_SPARK_PARTITIONS:-8}
VENV=${KHABAR_SPARK_VENV:-$ROOT/.venv-spark}
T_START=$(date +%s.%N)

say() { echo "spark-test: $*"; }
elapsed() { python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$2"; }

if [ ! -f "$CORPUS" ]; then
    say "SKIPPED: corpus $CORPUS is absent (the BBC corpus lives in shared/data/bbc)"
    exit 0
fi
CORPUS=$(cd "$(dirname "$CORPUS")" && pwd)/$(basename "$CORPUS")

# --- Java 17+ ---------------------------------------------------------------
if ! command -v java >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing Java 17 (openjdk-17-jre-headless)"
        apt-get update -qq && apt-get install -y -qq openjdk-17-jre-headless >/dev/null
    else
        say "FAILED: java not found; Spark needs Java 17"
        exit 1
    fi
fi

# --- PySpark in a virtual environment --------------------------------------
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
    say "creating $VENV with pyspark==$PYSPARK_VERSION"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install -q --disable-pip-version-check "pyspark==$PYSPARK_VERSION"
fi
PY=$VENV/bin/python
SPARK_HOME=$("$PY" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')
export SPARK_HOME
export PYSPARK_PYTHON=$PY PYSPARK_DRIVER_PYTHON=$PY
# Loopback only: every Spark process binds and advertises 127.0.0.1.
export SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_HOSTNAME=127.0.0.1 SPARK_MASTER_HOST=127.0.0.1
T_VENV=$(date +%s.%N)

# --- khabar -----------------------------------------------------------------
(cd "$ROOT" && cargo build --release --quiet)
KHABAR=$ROOT/target/release/khabar
T_BUILD=$(date +%s.%N)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/khabar-spark.XXXXXX")
export SPARK_LOG_DIR=$WORK/logs SPARK_CONF_DIR=$WORK/conf
mkdir -p "$SPARK_LOG_DIR" "$SPARK_CONF_DIR"
PIDS=()
SUMMARY=""

stop_cluster() {
    local code=$?
    trap - EXIT INT TERM
    local pid
    # Workers first, then the master; each by its own process id.
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        pid=${PIDS[i]}
        if kill -0 "$pid" 2>/dev/null; then
            kill "$pid" 2>/dev/null || true
        fi
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.2
        done
        if kill -0 "$pid" 2>/dev/null; then
            kill -9 "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    done
    [ ${#PIDS[@]} -gt 0 ] && say "cluster stopped (${PIDS[*]})"
    if [ "$code" != 0 ]; then
        for f in "$WORK"/logs/*.log "$WORK"/submit*.log; do
            [ -f "$f" ] || continue
            echo "----- tail of $f"; tail -n 40 "$f"
        done
        for f in "$WORK"/worker*/app-*/*/stderr; do
            [ -f "$f" ] || continue
            echo "----- tail of $f"; tail -n 40 "$f"
        done
    fi
    if [ "${KHABAR_SPARK_KEEP:-0}" = 1 ] || [ "$code" != 0 ]; then
        say "work folder kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    # The closing line, last: "spark: N passed, N failed".
    if [ -z "$SUMMARY" ] && [ "$code" != 0 ]; then SUMMARY="spark: 0 passed, 1 failed"; fi
    [ -n "$SUMMARY" ] && echo "$SUMMARY"
    exit "$code"
}
trap stop_cluster EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
wait_for() { # FILE PATTERN SECONDS
    local i
    for ((i = 0; i < $3 * 5; i++)); do
        grep -q "$2" "$1" 2>/dev/null && return 0
        sleep 0.2
    done
    say "FAILED: timed out waiting for '$2' in $1"
    return 1
}

# --- the cluster: a master and two workers on loopback ----------------------
MASTER_PORT=$(free_port)
"$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$MASTER_PORT" --webui-port "$(free_port)" \
    >"$SPARK_LOG_DIR/master.log" 2>&1 &
PIDS+=($!)
MASTER=spark://127.0.0.1:$MASTER_PORT
wait_for "$SPARK_LOG_DIR/master.log" "I have been elected leader" 90
CORES_PER_WORKER=$(( $(nproc) / 2 > 0 ? $(nproc) / 2 : 1 ))
for w in 1 2; do
    mkdir -p "$WORK/worker$w"
    "$SPARK_HOME/bin/spark-class" org.apache.spark.deploy.worker.Worker \
        --host 127.0.0.1 --port "$(free_port)" --webui-port "$(free_port)" \
        --cores "$CORES_PER_WORKER" --memory 2g --work-dir "$WORK/worker$w" \
        "$MASTER" >"$SPARK_LOG_DIR/worker$w.log" 2>&1 &
    PIDS+=($!)
done
for w in 1 2; do
    wait_for "$SPARK_LOG_DIR/worker$w.log" "Successfully registered with master" 90
done
say "cluster up: master $MASTER, 2 workers x $CORES_PER_WORKER cores (pids ${PIDS[*]})"
T_CLUSTER=$(date +%s.%N)

# --- single machine ---------------------------------------------------------
t0=$(date +%s.%N)
"$KHABAR" extract "$CORPUS" -q -o "$WORK/single.csv"
t1=$(date +%s.%N)
SINGLE_S=$(elapsed "$t0" "$t1")

# --- Spark ------------------------------------------------------------------
submit() { # LOG ARGS...
    local log=$1
    shift
    "$SPARK_HOME/bin/spark-submit" --master "$MASTER" \
        --conf spark.driver.host=127.0.0.1 --conf spark.driver.bindAddress=127.0.0.1 \
        --conf spark.ui.enabled=false --conf spark.executor.memory=1g \
        --conf spark.python.worker.reuse=true \
        --files "$KHABAR" \
        "$ROOT/examples/spark/khabar_spark.py" \
        --partitions "$PARTITIONS" --khabar khabar "$@" >"$log" 2>&1
}
t0=$(date +%s.%N)
submit "$WORK/submit1.log" "file://$CORPUS" --output "$WORK/spark.csv"
t1=$(date +%s.%N)
SPARK_S=$(elapsed "$t0" "$t1")
grep "^khabar_spark:" "$WORK/submit1.log" || true

t0=$(date +%s.%N)
submit "$WORK/submit2.log" "file://$CORPUS" --output-dir "file://$WORK/spark-parts"
t1=$(date +%s.%N)
SPARK2_S=$(elapsed "$t0" "$t1")
cat "$WORK"/spark-parts/part-* >"$WORK/spark-parts.csv"
NPARTS=$(ls "$WORK"/spark-parts/part-* | wc -l)

# --- compare ----------------------------------------------------------------
DOCS=$(grep -c . "$CORPUS")
MB=$("$PY" -c "import os, sys; print('%.2f' % (os.path.getsize(sys.argv[1]) / 1e6))" "$CORPUS")
ROWS=$(($(wc -l <"$WORK/single.csv") - 1))
rate() { "$PY" -c "import sys; d, mb, s = map(float, sys.argv[1:]); print('%.0f docs/s, %.2f MB/s' % (d / s, mb / s))" "$DOCS" "$MB" "$1"; }
say "corpus: $CORPUS ($DOCS documents, $MB MB), $ROWS event rows, $PARTITIONS partitions"
say "single machine: ${SINGLE_S} s ($(rate "$SINGLE_S"))"
say "spark --output: ${SPARK_S} s wall, spark-submit included ($(rate "$SPARK_S"))"
say "spark --output-dir: ${SPARK2_S} s wall, $NPARTS part files"
say "setup: venv+pip $(elapsed "$T_START" "$T_VENV") s, cargo build $(elapsed "$T_VENV" "$T_BUILD") s, cluster start $(elapsed "$T_BUILD" "$T_CLUSTER") s"

passed=0 failed=0
if cmp "$WORK/single.csv" "$WORK/spark.csv"; then
    say "OK: --output is byte-identical to khabar extract ($(wc -c <"$WORK/spark.csv") bytes)"
    passed=$((passed + 1))
else
    say "FAILED: --output differs from khabar extract"
    diff "$WORK/single.csv" "$WORK/spark.csv" | head -20 || true
    failed=$((failed + 1))
fi
if cmp "$WORK/single.csv" "$WORK/spark-parts.csv"; then
    say "OK: --output-dir parts concatenated are byte-identical to khabar extract"
    passed=$((passed + 1))
else
    say "FAILED: --output-dir parts concatenated differ from khabar extract"
    diff "$WORK/single.csv" "$WORK/spark-parts.csv" | head -20 || true
    failed=$((failed + 1))
fi
say "total $(elapsed "$T_START" "$(date +%s.%N)") s"
SUMMARY="spark: $passed passed, $failed failed"
[ "$failed" = 0 ]
