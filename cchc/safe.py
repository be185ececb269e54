"""Text from data made safe for each kind of output: the one place every writer asks.

Data arrives by pull request, so a name or title may hold anything validation lets through
(or, for data only loaded leniently, anything YAML can spell):

- terminals: control characters (ESC, CSI, BEL, ...) would move the cursor, recolour or
  retitle the terminal, or hide text; they are shown as visible escapes (``\\x1b``).
  Rich markup is never interpreted from data: every rich Console printing data is made
  by `console` below, with markup and emoji off.
- spreadsheets (CSV, XLSX): a text cell starting with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return would be evaluated as a formula by Excel or LibreOffice (OWASP "CSV
  injection"); it gets a leading apostrophe. Numbers stay numbers.
- XML (Word, Excel): characters XML 1.0 forbids (most C0 controls, U+FFFE, U+FFFF,
  surrogates) make python-docx and openpyxl raise; they become U+FFFD.
"""

from __future__ import annotations

import re
from datetime import date
from typing import IO, Any

__all__ = [
    "FORMULA_PREFIXES",
    "console",
    "csv_cell",
    "spreadsheet_text",
    "terminal_data",
    "terminal_text",
    "xlsx_set",
    "xml_text",
]

#: C0 controls except tab and newline, DEL, and the C1 controls (U+0080-U+009F).
_TERMINAL_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: Characters XML 1.0 does not allow (tab, newline and carriage return are allowed).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: First characters that make a spreadsheet evaluate a cell (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _visible(match: re.Match[str]) -> str:
    return f"\\x{ord(match.group()):02x}"


def terminal_text(text: str) -> str:
    """`text` with every control character but newline and tab shown as ``\\xNN``."""
    return _TERMINAL_UNSAFE.sub(_visible, text)


def terminal_data(value: Any) -> Any:
    """A copy of JSON-like data (dicts, lists, tuples, str) with `terminal_text` on every
    string, keys included, for a renderer that prints it on a terminal."""
    if isinstance(value, str):
        return terminal_text(value)
    if isinstance(value, dict):
        return {terminal_data(k): terminal_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(terminal_data(v) for v in value)
    return value


def xml_text(text: str) -> str:
    """`text` with the characters XML forbids replaced by U+FFFD (Word, Excel)."""
    return _XML_FORBIDDEN.sub("\ufffd", text)


def spreadsheet_text(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def csv_cell(value: Any) -> Any:
    """A CSV cell: numbers as they are, text neutralised (`spreadsheet_text`)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return spreadsheet_text(str(value))


def xlsx_set(cell: Any, value: Any) -> None:
    """Put `value` in an openpyxl cell: numbers and dates as such, text always as text.

    openpyxl stores a str starting with "=" as a formula (and "#N/A" as an error): a text
    cell is neutralised, cleaned of characters XML forbids, and typed as a string.
    """
    if value is None or isinstance(value, bool | int | float | date):
        cell.value = value
        return
    cell.value = xml_text(spreadsheet_text(str(value)))
    cell.data_type = "s"


def console(stream: IO[str] | None = None, **options: Any) -> Any:
    """A rich Console that prints data literally: no markup, no emoji, no highlighting.

    Text printed with it must still go through `terminal_text` (rich passes ESC through).
    """
    from rich.console import Console

    options.setdefault("highlight", False)
    return Console(file=stream, markup=False, emoji=False, **options)
