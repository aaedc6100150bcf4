"""Type stubs of the extension module `rinse_text._rinse` (re-exported by `rinse_text`)."""

import os
from typing import Any, Dict, Iterable, List, Literal, Optional, Sequence, Tuple, Union

import pyarrow as pa

__version__: str

CodeList = Union[str, Iterable[str]]

class RinseError(ValueError):
    """An error from rinse: unknown rule code, bad configuration, unreadable
    configuration or rules file. The message is rinse's own."""

def learn(texts: Iterable[str], *, min_docs: int = 3, sample: int = 1000) -> List[Dict[str, Any]]:
    """Boilerplate rules learned from a sample of a batch, as `rinse clean`
    learns them before it cleans many documents (rule B118, review): lines
    recurring in at least `min_docs` of the first `sample` texts (at most
    64 MB; fewer than 4 texts learn nothing). Pass them to
    `Cleaner(rules=...)` to clean the whole batch as `rinse clean` would."""

class Edit:
    """One edit of a report, against the original text.

    `original[start:end] == before` (code-point offsets, as Python indexes a
    str); `original.encode()[byte_start:byte_end] == before.encode()` (the
    JSON report's offsets).
    """

    start: int
    end: int
    byte_start: int
    byte_end: int
    line: int
    """1-based line of `start` in the original."""
    column: int
    """1-based column (in characters) of `start` in its line."""
    before: str
    after: str
    codes: List[str]
    """Every rule code involved (several when edits of several passes merged)."""
    confidence: Literal["safe", "review", "suggest"]
    reasons: List[str]
    @property
    def reason(self) -> str:
        """The reasons, joined with "; "."""

class Cleaned:
    """The cleaned text of one document and the report of how it was cleaned."""

    @property
    def text(self) -> str:
        """The cleaned text."""
    @property
    def original(self) -> str:
        """The text that was cleaned."""
    @property
    def changed(self) -> bool:
        """Did cleaning change the text?"""
    @property
    def edits(self) -> List[Edit]:
        """Every edit, sorted and non-overlapping; applied in order to
        `original` they give `text`. Empty under `Cleaner(edits=False)`.
        Builds a new list on each access."""
    @property
    def suggestions(self) -> List[Edit]:
        """Edits of confidence "suggest" that were not applied."""
    @property
    def edit_count(self) -> int:
        """Number of edits made (also under `edits=False`)."""
    @property
    def counts(self) -> Dict[str, int]:
        """Edits per rule code."""
    @property
    def metadata(self) -> Dict[str, Any]:
        """Article metadata found in the page (date, source, editor...)."""
    @property
    def warnings(self) -> List[str]:
        """Warnings about the document."""
    @property
    def extracted(self) -> List[Dict[str, Any]]:
        """Sentences removed under `cjk="extract"`, one dict each."""
    def summary(self) -> str:
        """One line: "N edits, by rule: W104 ×3, P101 ×2"."""
    def to_json(self, *, pretty: bool = False) -> str:
        """The JSON report, as `rinse clean --report` writes it (with `input`
        null); `rinse apply REPORT INPUT` replays it. Offsets are bytes."""
    def to_dict(self) -> Dict[str, Any]:
        """The JSON report as a dict."""

class Cleaner:
    """The rinse pipeline, built once (rules are compiled then) and reused.

    Thread-safe; pickles by its arguments (a `config` file is read again
    where it is unpickled).

    Args:
        select: rule codes or prefixes to run, as a list or "W,M,P101"
            (default: every rule on by default).
        ignore: rule codes or prefixes never to run.
        only_safe: apply only "safe" edits.
        cjk: untranslated Chinese: "keep" (default), "drop", "mark", "extract".
        config: a rinse.toml file; the other arguments override its keys.
        normalize: "nfc" (default), "nfkc" or "none".
        edits: list every edit in reports (default). False is faster:
            `Cleaned.edits` is then empty, while `edit_count`, `counts` and
            the text are the same.
        rules: extra boilerplate rules, as `learn` returns them (or the
            fields of `[[boilerplate.extra_rules]]` in rinse.toml).

    Raises:
        RinseError: an unknown rule code, a bad value, an unreadable or
            invalid config file.
    """

    def __init__(
        self,
        select: Optional[CodeList] = None,
        ignore: Optional[CodeList] = None,
        only_safe: Optional[bool] = None,
        cjk: Optional[Literal["keep", "drop", "mark", "extract"]] = None,
        config: Optional[Union[str, os.PathLike[str]]] = None,
        normalize: Optional[Literal["nfc", "nfkc", "none"]] = None,
        edits: bool = True,
        rules: Optional[List[Dict[str, Any]]] = None,
    ) -> None: ...
    def clean(self, text: str) -> Cleaned:
        """Clean one document (the GIL is released while it runs).

        Raises:
            TypeError: `text` is not a str.
            UnicodeEncodeError: `text` holds a lone surrogate.
        """
    def clean_batch(self, texts: Sequence[str], threads: Optional[int] = None) -> List[Cleaned]:
        """Clean many documents, in order, on `threads` threads (None: one per
        core), with the GIL released for the whole batch.

        Raises:
            TypeError: an item is not a str (the message gives its index).
            UnicodeEncodeError: an item holds a lone surrogate.
            ValueError: `threads` is 0.
        """
    def clean_arrow(
        self, array: Any, *, threads: Optional[int] = None, report: bool = False
    ) -> Union[pa.RecordBatch, pa.Table]:
        """Clean an Arrow string array (string, large_string or string_view),
        read in place (zero-copy) through the Arrow PyCapsule interface: a
        pyarrow.Array or any object with `__arrow_c_array__`; a
        pyarrow.ChunkedArray is cleaned chunk by chunk.

        Returns a pyarrow.RecordBatch (a Table for a ChunkedArray, with the
        same chunks) of one row per input row:
        `text` (the input's type), `edits` (int64),
        `codes` (list<string>, the rule codes involved) and, with
        `report=True`, `report` (string: the JSON report, as `to_json`). A
        null row is null in every column.
        Needs pyarrow for the result.
        """
    def __reduce__(self) -> Tuple[Any, Tuple[Any, ...]]: ...
