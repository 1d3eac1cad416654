#!/usr/bin/env bash
# Builds a profile-guided (PGO) release binary at target/pgo/khabar.
#
#   tools/pgo_build.sh [TRAINING_INPUT...]
#
# Three steps: an instrumented build, a run of it over training input that
# records which branches and calls are hot, and a release build that lays
# the code out by that profile. The result writes the same bytes as
# `cargo build --release` (PGO changes code layout and inlining, never
# behaviour). On the 1 GiB benchmark corpus it ran 13 % faster on one
# thread on one machine and no faster on another (see BENCHMARKS.md):
# measure on yours.
#
# Training input defaults to the repository's own fixture articles, run
# three times as they are (datelines give most of them a publication date)
# and once with `--batch 1` to exercise the small-window path. Pass other inputs (files, folders, JSON Lines) to train on your own
# corpus instead: a profile of text like yours fits best.
#
# Needs llvm-profdata of the same LLVM as rustc: `rustup component add
# llvm-tools` provides it (the script tries that when it is missing).
set -euo pipefail
cd "$(dirname "$0")/.."

sysroot=$(rustc --print sysroot)
host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$sysroot/lib/rustlib/$host/bin/llvm-profdata"
if [ ! -x "$profdata" ]; then
  echo "pgo_build.sh: llvm-profdata missing; running: rustup component add llvm-tools" >&2
  rustup component add llvm-tools
fi
if [ ! -x "$profdata" ]; then
  echo "pgo_build.sh: no llvm-profdata at $profdata" >&2
  exit 1
fi

work=$PWD/target/pgo-work
rm -rf "$work/profiles"
mkdir -p "$work/profiles" target/pgo

echo "pgo_build.sh: 1/3 instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$work/profiles" \
  cargo build --release --bin khabar --target-dir "$work/gen"

echo "pgo_build.sh: 2/3 training run" >&2
# Only the training runs' profiles: build scripts of the instrumented
# build wrote theirs too.
rm -f "$work/profiles"/*.profraw
gen=$work/gen/release/khabar
if [ $# -gt 0 ]; then
  "$gen" extract -q "$@" -o /dev/null --entities /dev/null
else
  for i in 1 2 3; do
    "$gen" extract -q tests/fixtures/ -o /dev/null --entities /dev/null
  done
  "$gen" extract -q --batch 1 tests/fixtures/ -o /dev/null --entities /dev/null
fi
"$profdata" merge -o "$work/merged.profdata" "$work/profiles"

echo "pgo_build.sh: 3/3 optimized build" >&2
RUSTFLAGS="-Cprofile-use=$work/merged.profdata" \
  cargo build --release --bin khabar --target-dir "$work/use"
cp "$work/use/release/khabar" target/pgo/khabar
echo "pgo_build.sh: built target/pgo/khabar" >&2
