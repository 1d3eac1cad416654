"""khabar: who met whom, when, where and what they agreed, from news articles.

    import khabar
    events, entities = khabar.extract(["BAKU, May 5 (AZERTAC). ..."])
    events_df, entities_df = khabar.extract_frames(docs)   # needs pandas

The rows are those of the `khabar extract` command (see the output contract
in the project's README): `events` has the columns of events.csv, `entities`
those of entities.csv, with the same values as the CSV cells (without the
apostrophe that the CSV puts before cells a spreadsheet would run as
formulas, as in the command's JSON Lines output).

The package also installs the `khabar` command itself.
"""

from __future__ import annotations

import os
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _khabar

__all__ = ["extract", "extract_frames", "EVENT_COLUMNS", "ENTITY_COLUMNS"]
__version__: str = _khabar.__version__

#: Columns of the events rows, in order (events.csv).
EVENT_COLUMNS: List[str] = list(_khabar.EVENT_COLUMNS)
#: Columns of the entities rows, in order (entities.csv).
ENTITY_COLUMNS: List[str] = list(_khabar.ENTITY_COLUMNS)

#: Integer columns (character offsets and the event's position); every other
#: column is a str, multi-valued ones joined with "; ".
INT_COLUMNS = ("event_index", "start", "end")

Path = Union[str, "os.PathLike[str]"]
Doc = Union[str, Dict[str, Any]]


def _args(
    threads: Optional[int],
    gazetteers: Optional[Path],
    extra_gazetteers: Union[None, Path, Iterable[Path]],
) -> Tuple[Optional[int], Optional[Path], List[Path]]:
    if threads is not None and (
        isinstance(threads, bool) or not isinstance(threads, int) or threads < 1
    ):
        raise ValueError(f"threads must be a positive int or None, not {threads!r}")
    if extra_gazetteers is None:
        extra = []
    elif isinstance(extra_gazetteers, (str, bytes, os.PathLike)):
        # One folder, not the characters of its name.
        extra = [extra_gazetteers]
    else:
        extra = list(extra_gazetteers)
    return threads, gazetteers, extra


def extract(
    docs: Iterable[Doc],
    threads: Optional[int] = None,
    gazetteers: Optional[Path] = None,
    extra_gazetteers: Union[None, Path, Iterable[Path]] = None,
) -> Tuple[List[Dict[str, Any]], List[Dict[str, Any]]]:
    """Extracts events and entities from documents.

    docs: an iterable of documents, each a str (the text; its doc_id is its
        position in docs, "0", "1", ...) or a dict with "id" (a str, or an
        int taken as its decimal string), "text" and optionally "date" (the
        publication date: an ISO 8601 str or a datetime.date) and "title";
        other keys are ignored, as in the command's JSON Lines input. Ids
        must be unique. A text that is empty or only whitespace gives no
        rows (the command skips it).
    threads: worker threads; None for one per core.
    gazetteers: a folder of gazetteer files to use instead of the built-in
        ones (`khabar extract --gazetteers`).
    extra_gazetteers: folders of gazetteer files to add
        (`--extra-gazetteers`): one path or several.

    Returns (events, entities): lists of dicts, one per row, keyed by the
    columns of events.csv and entities.csv in order. event_index, start and
    end are ints (start and end: character offsets, text[start:end]); every
    other value is a str, "" when unknown, multi-valued cells joined with
    "; ". Rows come in the order of docs.

    Raises ValueError for a bad document (naming its position in docs and
    why) or malformed gazetteers. The GIL is released while the documents
    are extracted; the gazetteers are compiled at the first call and reused
    by later calls with the same gazetteer options.
    """
    threads, gazetteers, extra = _args(threads, gazetteers, extra_gazetteers)
    return _khabar.extract(docs, threads, gazetteers, extra)


def _pandas():
    try:
        import pandas
    except ImportError as e:
        raise ImportError(
            "khabar.extract_frames needs pandas, which is not installed: "
            "pip install pandas (khabar.extract needs nothing more)"
        ) from e
    return pandas


def _frame(pd, columns: Dict[str, list], names: List[str]):
    frame = pd.DataFrame({name: columns[name] for name in names}, columns=names)
    # Without rows, pandas cannot tell the columns' types: make the integer
    # columns integers whatever the number of rows.
    return frame.astype({c: "int64" for c in INT_COLUMNS if c in names})


def extract_frames(
    docs: Iterable[Doc],
    threads: Optional[int] = None,
    gazetteers: Optional[Path] = None,
    extra_gazetteers: Union[None, Path, Iterable[Path]] = None,
):
    """extract() as two pandas DataFrames: (events, entities).

    The columns are those of events.csv and entities.csv, in order;
    event_index, start and end are int64, the other columns str values
    (multi-valued ones joined with "; ", as in the CSV; split them with
    frame["parties"].str.split("; ")). Needs pandas.
    """
    pd = _pandas()  # before the work, not after it
    threads, gazetteers, extra = _args(threads, gazetteers, extra_gazetteers)
    events, entities = _khabar.extract(docs, threads, gazetteers, extra, columnar=True)
    return _frame(pd, events, EVENT_COLUMNS), _frame(pd, entities, ENTITY_COLUMNS)
