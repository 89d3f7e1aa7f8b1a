"""Which files to read: paths and folders expanded into report files, sorted."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from meilijiayuan.findings import Finding

YAML_SUFFIXES = (".yaml", ".yml")
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")  # read by meilijiayuan.read.workbook
REPORT_SUFFIXES = YAML_SUFFIXES + WORKBOOK_SUFFIXES


def iter_yaml_files(paths: Iterable[str]) -> Iterator[tuple[str, Finding | None]]:
    """Expand files and folders (walked, sorted) into YAML files; a bad path yields a finding."""
    for raw in paths:
        if is_plain_path(raw):
            # The common case, an existing file, with one stat and no Path: the same stat
            # as Path(raw).exists() below makes. Anything else goes the long way.
            try:
                mode: int | None = os.stat(raw).st_mode
            except (OSError, ValueError):
                mode = None
            if mode is not None and not stat.S_ISDIR(mode):
                yield raw, None
                continue
        # os.path.isdir is Path.is_dir without building a Path: once per file named
        if os.path.isdir(raw):
            found = _yaml_files_under(str(Path(raw)))
            if not found:
                yield raw, Finding("no-input", raw, args={"path": raw})
            for f in found:
                yield f, None
        elif _exists(raw):
            yield raw, None
        else:
            yield raw, Finding("path-not-found", raw, args={"path": raw})


def _exists(raw: str) -> bool:
    """True unless the path is known not to exist; a name the system refuses (too long)
    counts as existing, so that reading it says why (file-unreadable)."""
    try:
        return Path(raw).exists()
    except OSError:  # Path.exists raises ENAMETOOLONG
        return True


_NO_SUCH_FILE = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})
_POSIX_PATHS = os.sep == "/" and os.altsep is None


def is_plain_path(path: str) -> bool:
    """Whether ``str(Path(path)) == path``, told without building the Path: a POSIX path
    with no empty or "." component and no separator at the end."""
    return (
        _POSIX_PATHS
        and bool(path)
        and "//" not in path
        and "/./" not in path
        and not path.startswith("./")
        and not path.endswith(("/", "/."))
    )


def _yaml_files_under(top: str) -> list[str]:
    """The report files (YAML and workbooks) in ``top`` and below, sorted, exactly as
    ``sorted(str(f) for f in Path(top).rglob("*") if f.suffix.lower() in REPORT_SUFFIXES and
    f.is_file())`` finds them, less what an office program or a Mac leaves beside them: Excel's
    and WPS's lock files (``~$马陆镇.xlsx``, ``.~马陆镇.xlsx``) and macOS's ``._马陆镇.xlsx``
    (a copied file's metadata, on a USB stick or a shared folder)
    (symbolic links to folders are not followed; folders that cannot be read are skipped),
    with os.scandir: the file type comes with the listing, so no stat per file."""
    found: list[str] = []
    folders = [top]
    while folders:
        folder = folders.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except PermissionError:
            continue
        for entry in entries:
            name = entry.name
            path = name if folder == "." else os.path.join(folder, name)
            if entry.is_dir(follow_symlinks=False):
                folders.append(path)
                continue
            dot = name.rfind(".")  # Path.suffix: a leading dot starts no suffix
            if 0 < dot < len(name) - 1 and name[dot:].lower() in REPORT_SUFFIXES:
                if name.startswith("._") or (name.startswith(("~$", ".~"))
                                             and name[dot:].lower() in WORKBOOK_SUFFIXES):
                    continue  # lock files and metadata, not reports
                try:
                    is_file = entry.is_file()
                except OSError as err:
                    if err.errno not in _NO_SUCH_FILE:
                        raise
                    is_file = False
                if is_file:
                    found.append(path)
    return sorted(found)
