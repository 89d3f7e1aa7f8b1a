"""The YAML files changed since a git revision (``mljy validate --changed-since REF``).

What counts as changed, from the repository root:

- files added, copied, modified or renamed (``git diff --diff-filter=ACMR``) between the
  merge base of REF and HEAD and the working tree, so committed, staged and unstaged
  edits all count, and a base branch that moved on adds nothing (as ``REF...HEAD``);
  when REF and HEAD share no history (a shallow clone), REF itself is the base;
- untracked files that ``.gitignore`` does not exclude (a new report not yet added is
  checked locally; a CI checkout has none);
- deleted files are not listed: there is nothing left to validate.

git runs without a shell, with ``core.quotepath=off`` and NUL-separated output, so file
names with Chinese characters (or spaces, quotes) come back exactly.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

YAML_SUFFIXES = (".yaml", ".yml", ".xlsx", ".xlsm", ".xls", ".ods")  # reports: YAML and workbooks

__all__ = ["GitError", "changed_files"]


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, git not installed."""


def _git(args: Sequence[str], cwd: Path) -> str:
    try:
        proc = subprocess.run(
            ["git", "-c", "core.quotepath=off", *args], cwd=cwd, capture_output=True,
            text=True, encoding="utf-8", errors="surrogateescape", check=False,
        )
    except FileNotFoundError:
        raise GitError("git is not installed (not found on PATH)") from None
    except OSError as exc:
        raise GitError(str(exc)) from None
    if proc.returncode != 0:
        raise GitError(_first_line(proc.stderr) or f"git {args[0]} exited with {proc.returncode}")
    return proc.stdout


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            line = line.removeprefix("fatal: ").removeprefix("error: ")
            # keep the message printable even for file names git could not decode
            return line.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return ""


def _base(ref: str, root: Path) -> str:
    """The commit to compare against: merge-base(REF, HEAD), else REF itself."""
    if not ref or ref.startswith("-"):  # never let a revision be read as an option
        raise GitError(f"unknown revision '{ref}'")
    try:
        commit = _git(["rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], root).strip()
    except GitError:
        raise GitError(f"unknown revision '{ref}'") from None
    try:
        return _git(["merge-base", commit, "HEAD"], root).strip() or commit
    except GitError:
        return commit


def changed_files(ref: str, paths: Sequence[str] = (), *,
                  cwd: str | Path | None = None) -> list[str]:
    """YAML files changed since ``ref`` (see the module docstring) under ``paths``.

    ``paths`` (files or folders, relative to ``cwd``) limit the result; none means the
    whole repository. Paths come back relative to ``cwd``, sorted. Raises
    :class:`GitError` outside a repository or for an unknown ``ref``.
    """
    here = Path(cwd if cwd is not None else os.getcwd()).resolve()
    root = Path(_git(["rev-parse", "--show-toplevel"], here).strip()).resolve()
    base = _base(ref, root)
    names = _git(["diff", "--name-only", "-z", "--diff-filter=ACMR", base, "--"], root).split("\0")
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], root).split("\0")
    scopes = [(here / p).resolve() for p in paths]
    found: set[str] = set()
    for name in names:
        if not name or not name.lower().endswith(YAML_SUFFIXES):
            continue
        full = root / name
        if not full.is_file():
            continue
        if scopes and not any(full == s or s in full.parents for s in scopes):
            continue
        found.add(os.path.relpath(full, here))
    return sorted(found)
