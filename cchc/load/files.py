"""Finding the data repository and its files, and reading one file safely."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from cchc.errors import NotFoundError

FileKind = Literal["unit", "model", "document", "indicators"]
KIND_DIRS: dict[str, FileKind] = {"units": "unit", "models": "model", "documents": "document"}
INDICATORS_FILE = "data/indicators.yaml"
MAX_FILE_BYTES = 5 * 1024 * 1024


def find_root(start: Path | None = None, root: Path | None = None) -> Path:
    """The repository root: `root` if given, else the first folder up from `start` with data/."""
    if root is not None:
        root = root.expanduser()
        if not root.is_dir():
            raise NotFoundError(f'không có thư mục "{root}"', hint="kiểm tra tùy chọn --root")
        if not (root / "data").is_dir():
            raise NotFoundError(
                f'"{root}" không phải kho dữ liệu cchc: không có thư mục data/',
                hint="chỉ --root tới thư mục chứa data/units, data/models, data/documents",
            )
        return root.resolve()
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "data").is_dir():
            return folder
    raise NotFoundError(
        f'không tìm thấy kho dữ liệu cchc từ "{here}": không thư mục nào ở đây hay phía trên '
        "có thư mục data/",
        hint="chạy lệnh trong kho dữ liệu, hoặc thêm --root THƯ-MỤC",
    )


@dataclass(frozen=True, slots=True)
class DataFile:
    rel: str  # POSIX path relative to the root, e.g. "data/units/xa-an-ngai.yaml"
    kind: FileKind

    @property
    def stem(self) -> str:
        return self.rel.rsplit("/", 1)[-1].removesuffix(".yaml")


def in_git_work_tree(root: Path) -> bool:
    """Whether `root` is inside a git work tree (a `.git` in it or above it)."""
    return any((folder / ".git").exists() for folder in (root, *root.parents))


def classify(rel: str) -> FileKind | None:
    """The kind of a repository-relative path, or None if cchc does not read it."""
    if rel == INDICATORS_FILE:
        return "indicators"
    parts = rel.split("/")
    if (
        len(parts) == 3
        and parts[0] == "data"
        and parts[1] in KIND_DIRS
        and parts[2].endswith(".yaml")
    ):
        return KIND_DIRS[parts[1]]
    return None


def list_files(root: Path) -> tuple[list[DataFile], list[str]]:
    """Every data file (sorted), and stray files in the data folders that cchc ignores."""
    _real_folder.cache_clear()  # folders may have been replaced since the last listing
    files: list[DataFile] = []
    stray: list[str] = []
    for folder, kind in KIND_DIRS.items():
        directory = root / "data" / folder
        if not directory.is_dir():
            continue
        with os.scandir(directory) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                rel = f"data/{folder}/{entry.name}"
                if entry.name.endswith(".yaml"):
                    files.append(DataFile(rel, kind))
                elif entry.name.endswith((".yml", ".YAML", ".json")) or "." not in entry.name:
                    stray.append(rel)
    if (root / INDICATORS_FILE).exists() or (root / INDICATORS_FILE).is_symlink():
        files.append(DataFile(INDICATORS_FILE, "indicators"))
    files.sort(key=lambda f: f.rel)
    stray.sort()
    return files, stray


def list_leftovers(root: Path) -> list[str]:
    """Temporary files that an interrupted edit left in data/ or its data folders
    (names `.NAME.XXXXXXXX.tmp` of `cchc.atomic.write_atomic`; the next edit removes them)."""
    from cchc.atomic import is_leftover_name

    found: list[str] = []
    for folder in ("", *KIND_DIRS):
        directory = root / "data" / folder
        try:
            with os.scandir(directory) as entries:
                names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
        except OSError:
            continue
        prefix = f"data/{folder}/" if folder else "data/"
        found.extend(prefix + name for name in names if is_leftover_name(name))
    return sorted(found)


class ReadError(Exception):
    """A file that cannot be read as data; `code` is the rule it breaks."""

    def __init__(self, code: str, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint


@lru_cache(maxsize=64)
def _real_folder(folder: str) -> str:
    return os.path.realpath(folder)


def _outside(root: Path, target: str) -> bool:
    real_root = _real_folder(str(root))
    return os.path.commonpath([real_root, target]) != real_root


def read_bytes(root: Path, rel: str) -> bytes:
    """The bytes of a data file, refusing symlinks out of the repository (of the file or of
    a folder on its way) and huge files."""
    path = os.path.join(root, rel)
    try:
        info = os.lstat(path)
        folder, name = os.path.split(path)
        linked = stat.S_ISLNK(info.st_mode)
        target = os.path.realpath(path) if linked else os.path.join(_real_folder(folder), name)
        if _outside(root, target):
            raise ReadError(
                "S022",
                f'liên kết tượng trưng trỏ ra ngoài kho dữ liệu ("{target}")',
                "chép tệp vào kho thay vì liên kết",
            )
        if linked:
            info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError("S022", "không phải tệp thường (thư mục hoặc thiết bị?)")
        if info.st_size > MAX_FILE_BYTES:
            raise ReadError(
                "S021",
                f"tệp quá lớn ({info.st_size / 1024 / 1024:.1f} MB, tối đa 5 MB)",
                "tách thành nhiều tệp, hoặc kiểm tra có chép nhầm tệp không",
            )
        with open(path, "rb") as handle:
            return handle.read()
    except PermissionError:
        raise ReadError(
            "S022", "không có quyền đọc tệp", "kiểm tra quyền truy cập (chmod)"
        ) from None
    except FileNotFoundError:
        raise ReadError("S022", "tệp không tồn tại (liên kết hỏng?)") from None
    except OSError as error:
        raise ReadError("S022", f"không đọc được tệp: {error.strerror}") from None


def template_links_out(root: Path) -> list[tuple[str, str]]:
    """(path, target) of every entry under `templates/` (the folder itself included) that
    is a symbolic link resolving outside the repository. Linked folders are not entered."""
    found: list[tuple[str, str]] = []
    pending = [root / "templates"]
    while pending:
        path = pending.pop()
        try:
            info = os.lstat(path)
        except OSError:
            continue
        if stat.S_ISLNK(info.st_mode):
            target = os.path.realpath(path)
            if _outside(root, target):
                found.append((path.relative_to(root).as_posix(), target))
        elif stat.S_ISDIR(info.st_mode):
            try:
                with os.scandir(path) as entries:
                    pending.extend(Path(entry.path) for entry in entries)
            except OSError:
                continue
    return sorted(found)
