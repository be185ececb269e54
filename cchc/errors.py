"""The one family of user-facing errors, and the exit codes of every command.

Code anywhere in cchc raises a `CchcError` (or a subclass) with a Vietnamese message;
`cchc.cli.main` is the only place that turns it into text on stderr and an exit status.
Nothing else prints errors, and no traceback reaches a user (set CCHC_DEBUG=1 to see one).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path

from cchc.safe import terminal_text


class ExitCode(IntEnum):
    """Exit statuses, documented in docs/commands.md."""

    OK = 0
    #: `validate`: findings at or above --fail-on; `fmt --check`, `render --check`: not clean.
    FINDINGS = 1
    #: Bad option or argument, unknown id, missing file, not a data repository.
    USAGE = 2
    #: The data has errors that stop this command (run `cchc validate` to see them).
    DATA = 3
    #: A bug in cchc ("lỗi nội bộ"): reachable from no input; please report it.
    INTERNAL = 4
    #: Standard output went away mid-way (`cchc list models | head -1`): stop quietly,
    #: 128 + SIGPIPE as git and the shell report it. A closed stdout (`>&-`) is not this:
    #: it is read as /dev/null and the command keeps its own exit code, as git does.
    BROKEN_PIPE = 141


@dataclass(frozen=True)
class Location:
    """A place in a file: 1-based line and column (0 = unknown)."""

    path: Path | str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        text = str(self.path)
        if self.line:
            text += f":{self.line}"
            if self.col:
                text += f":{self.col}"
        return text


class CchcError(Exception):
    """An error the user can act on: a Vietnamese message, optional hint and location."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        location: Location | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.location = location

    def render(self) -> str:
        """The text printed on stderr (control characters quoted from data shown as \\x1b)."""
        head = f"{self.location}: " if self.location else ""
        text = f"lỗi: {head}{self.message}"
        if self.hint:
            text += f"\n  gợi ý: {self.hint}"
        return terminal_text(text)


class UsageError(CchcError):
    """A bad option, argument or value given on the command line."""


class NotFoundError(CchcError):
    """An id, file or folder the user named does not exist."""


class DataError(CchcError):
    """The data repository has errors that stop this command."""

    exit_code = ExitCode.DATA


class GitError(CchcError):
    """A git revision could not be read (not a repository, unknown revision, ...)."""
