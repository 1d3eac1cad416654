"""Tests of the installed khabar package: the module against the command, the
README's example, the frames, bad input and thread counts.

Run with the wheel installed (`.ci/run` builds it and installs it into a
fresh venv). The command compared with is $KHABAR_BIN when set (CI: the
cargo-built binary), else the `khabar` command the wheel installed.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

import khabar

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
INT_COLUMNS = {"event_index", "start", "end"}


def installed_command() -> str:
    """The `khabar` command the wheel installed, beside this Python's
    scripts (the venv need not be activated)."""
    scripts = Path(sysconfig.get_path("scripts"))
    found = shutil.which("khabar", path=str(scripts))
    assert found, f"the wheel did not install the khabar command in {scripts}"
    return found


def command() -> str:
    return os.environ.get("KHABAR_BIN") or installed_command()


def fixture_docs() -> list[dict]:
    # Bytes decoded as the command decodes them: no newline translation,
    # which would move the offsets.
    return [
        {"id": p.name, "text": p.read_bytes().decode("utf-8")}
        for p in sorted(FIXTURES.glob("*.txt"))
    ]


def run_command(tmp_path: Path, fmt: str) -> tuple[str, str]:
    ev, en = tmp_path / f"events.{fmt}", tmp_path / f"entities.{fmt}"
    subprocess.run(
        [command(), "extract", "-q", "--format", fmt, str(FIXTURES), "-o", str(ev),
         "--entities", str(en)],
        check=True,
    )
    return ev.read_text("utf-8"), en.read_text("utf-8")


def unformula(cell: str) -> str:
    """A CSV cell without the apostrophe the command puts before cells that
    a spreadsheet would run (the output contract's formula safety)."""
    if cell.startswith("'") and cell[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return cell[1:]
    return cell


def csv_rows(text: str) -> tuple[list[str], list[dict]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    rows = [
        {k: int(v) if k in INT_COLUMNS else unformula(v) for k, v in zip(header, r)}
        for r in reader
    ]
    return header, rows


def test_module_equals_command_csv_row_for_row(tmp_path):
    events, entities = khabar.extract(fixture_docs())
    ev_csv, en_csv = run_command(tmp_path, "csv")
    header, cli_events = csv_rows(ev_csv)
    assert header == khabar.EVENT_COLUMNS
    header, cli_entities = csv_rows(en_csv)
    assert header == khabar.ENTITY_COLUMNS
    assert len(events) > 10 and len(entities) > 100
    assert len(events) == len(cli_events)
    for i, (got, want) in enumerate(zip(events, cli_events)):
        assert list(got) == khabar.EVENT_COLUMNS
        assert got == want, f"event row {i}"
    assert len(entities) == len(cli_entities)
    for i, (got, want) in enumerate(zip(entities, cli_entities)):
        assert list(got) == khabar.ENTITY_COLUMNS
        assert got == want, f"entity row {i}"


def test_module_equals_command_jsonl(tmp_path):
    # JSON Lines carries the values unchanged: no apostrophe to undo.
    events, entities = khabar.extract(fixture_docs(), threads=2)
    ev, en = run_command(tmp_path, "jsonl")
    assert events == [json.loads(line) for line in ev.splitlines()]
    assert entities == [json.loads(line) for line in en.splitlines()]


def test_texts_ids_and_dates():
    text = (FIXTURES / "003_uz-kg-phone-on-tuesday.txt").read_bytes().decode("utf-8")
    events, entities = khabar.extract(["", "   ", text, text])
    # Empty texts give no rows; a bare text's id is its position.
    assert {r["doc_id"] for r in events} == {"2", "3"}
    import datetime

    dated = [{"id": 7, "text": "Talks were held on Tuesday.", "date": d}
             for d in ("2024-12-19", datetime.date(2024, 12, 19))]
    a = khabar.extract(dated[:1])
    b = khabar.extract(dated[1:])
    assert a == b
    assert all(r["doc_id"] == "7" for r in a[0] + a[1])


@pytest.mark.parametrize(
    "docs, index, reason",
    [
        (["fine", {"id": "b"}], 1, 'missing "text"'),
        ([{"id": "a", "text": "x"}, {"text": "x"}], 1, 'missing "id"'),
        ([{"id": "a", "text": "x"}, {"id": "b", "text": 3}], 1, '"text" is int'),
        ([{"id": "a", "text": "x"}, {"id": "a", "text": "y"}], 1, 'duplicate id "a"'),
        (["a", "b", {"id": "c", "text": "x", "date": "19.12.2024"}], 2, "not an ISO 8601 date"),
        (["a", 42], 1, "expected a str or a dict"),
        ([{"id": "", "text": "x"}], 0, '"id" is empty'),
        ([{"id": None, "text": "x"}], 0, '"id" is NoneType'),
        (["ok", "\ud800"], 1, "not valid Unicode"),
    ],
)
def test_bad_document_raises_with_its_index(docs, index, reason):
    with pytest.raises(ValueError, match=rf"^document {index}\b") as e:
        khabar.extract(docs)
    assert reason in str(e.value)


def test_bad_arguments():
    with pytest.raises(ValueError, match="threads"):
        khabar.extract(["x"], threads=0)
    with pytest.raises(ValueError, match="iterable"):
        khabar.extract(5)
    with pytest.raises((OSError, ValueError), match="gazetteers"):
        khabar.extract(["x"], gazetteers=str(ROOT / "no-such-folder"))


def test_gazetteer_options_and_generators():
    docs = fixture_docs()
    default = khabar.extract(docs)
    # The built-in gazetteers are the files of gazetteers/: same rows.
    assert khabar.extract(iter(docs), gazetteers=ROOT / "gazetteers") == default
    assert khabar.extract((d for d in docs), extra_gazetteers=[]) == default


def test_frames_columns_and_dtypes():
    pd = pytest.importorskip("pandas")
    events, entities = khabar.extract_frames(fixture_docs())
    assert list(events.columns) == khabar.EVENT_COLUMNS
    assert list(entities.columns) == khabar.ENTITY_COLUMNS
    for frame in (events, entities):
        assert len(frame) > 0
        for col in frame.columns:
            if col in INT_COLUMNS:
                assert frame[col].dtype == "int64", col
            else:
                assert pd.api.types.is_string_dtype(frame[col]), col
                assert all(isinstance(v, str) for v in frame[col]), col
    # Multi-valued cells as the contract's "; " strings, as extract gives.
    rows, _ = khabar.extract(fixture_docs())
    assert events.to_dict("records") == rows
    assert any("; " in v for v in events["parties"])
    # Without rows the columns and their types are the same.
    empty_ev, empty_en = khabar.extract_frames([])
    assert list(empty_ev.columns) == khabar.EVENT_COLUMNS
    assert empty_ev["start"].dtype == "int64" and empty_en["end"].dtype == "int64"


def test_frames_without_pandas_name_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas fails
    with pytest.raises(ImportError, match="pandas"):
        khabar.extract_frames(["x"])


def test_one_and_two_threads_give_equal_frames():
    pd = pytest.importorskip("pandas")
    # More documents than one window (256), so that windows meet.
    docs = [dict(d, id=f"{i}/{d['id']}") for i in range(20) for d in fixture_docs()]
    one = khabar.extract_frames(docs, threads=1)
    two = khabar.extract_frames(docs, threads=2)
    for a, b in zip(one, two):
        pd.testing.assert_frame_equal(a, b)
    # And in order: each copy's rows are the first copy's.
    single = khabar.extract(fixture_docs())
    assert len(one[0]) == 20 * len(single[0])
    assert len(one[1]) == 20 * len(single[1])


def readme_blocks() -> tuple[str, str]:
    """The shell and Python blocks of the README's "From Python" section."""
    text = (ROOT / "README.md").read_text("utf-8")
    section = text.split("## From Python", 1)[1].split("\n## ", 1)[0]
    sh = re.search(r"```sh\n(.*?)```", section, re.S)
    py = re.search(r"```python\n(.*?)```", section, re.S)
    assert sh and py, "README: no sh or python block under From Python"
    return sh.group(1), py.group(1)


def test_installed_command_runs_the_readme_example(tmp_path):
    sh, py = readme_blocks()
    # The README's commands run from a clone: give them its fixtures.
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "fixtures").symlink_to(FIXTURES)
    commands = [line.split("#")[0].split() for line in sh.splitlines()]
    commands = [c for c in commands if c and c[0] == "khabar"]
    assert commands, "README: no khabar command in the example"
    installed = installed_command()
    for c in commands:
        subprocess.run([installed, *c[1:]], cwd=tmp_path, check=True)
    _, events = csv_rows((tmp_path / "events.csv").read_text("utf-8"))
    _, entities = csv_rows((tmp_path / "entities.csv").read_text("utf-8"))
    assert (events, entities) == khabar.extract(fixture_docs())
    # The five lines of pandas.
    assert len(py.strip().splitlines()) == 5
    pytest.importorskip("pandas")
    out = subprocess.run([sys.executable, "-c", py], cwd=tmp_path, check=True,
                         capture_output=True, text=True).stdout
    assert "001_tj-by-commission-protocol.txt" in out and "PERSON" in out


def test_command_help_and_module_entry():
    installed = installed_command()
    out = subprocess.run([installed, "--help"], check=True, capture_output=True, text=True)
    assert "extract" in out.stdout
    out = subprocess.run([sys.executable, "-m", "khabar", "--version"], check=True,
                         capture_output=True, text=True)
    assert out.stdout.strip() == f"khabar {khabar.__version__}"
    bad = subprocess.run([installed, "extract", "--no-such-option"], capture_output=True)
    assert bad.returncode == 1
