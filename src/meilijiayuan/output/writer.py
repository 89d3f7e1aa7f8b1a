"""The one writer: every character mljy prints goes out here, always as UTF-8.

A Windows runner (or ``PYTHONIOENCODING=cp1252``) gives Python a standard output that
cannot carry Chinese; left to it, 马陆镇 would come out as ``\\u9a6c\\u9646\\u9547`` inside
an XML document that declares UTF-8. mljy's output is UTF-8 whatever the locale says:
the renderers write text to :data:`STDOUT` (or :data:`STDERR`), which encodes it as UTF-8
onto the stream's byte buffer. A rich console is given :data:`STDOUT` as its file.

The streams look ``sys.stdout`` and ``sys.stderr`` up on every write, so output captured by
a test (which replaces them) is honoured. Characters UTF-8 cannot carry (a file name that
is not UTF-8 arrives as surrogates) are written as backslash escapes rather than crashing.
A reader that leaves early raises :class:`BrokenPipeError` from :func:`out`; the command
wrapper (``cli.common.run``) ends the run with exit 1, silently.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, Any, cast

ENCODING = "utf-8"
ERRORS = "backslashreplace"

__all__ = [
    "STDERR", "STDOUT", "Utf8Stream", "err", "out", "utf8_std_streams", "write_file",
]


class Utf8Stream:
    """A text stream writing UTF-8 bytes to ``sys.<name>``'s buffer (its text layer when it
    has no buffer, as a test's ``StringIO``)."""

    encoding = ENCODING
    errors = ERRORS

    def __init__(self, name: str) -> None:
        self._name = name

    def _target(self) -> IO[str]:
        stream: IO[str] = getattr(sys, self._name)
        return stream

    def write(self, text: str) -> int:
        target = self._target()
        buffer = getattr(target, "buffer", None)
        if buffer is None:
            target.write(text)
        else:
            target.flush()  # anything written to the text layer first keeps its place
            buffer.write(text.encode(ENCODING, ERRORS))
        return len(text)

    def flush(self) -> None:
        target = self._target()
        target.flush()
        buffer = getattr(target, "buffer", None)
        if buffer is not None:
            buffer.flush()

    def isatty(self) -> bool:
        return bool(self._target().isatty())

    def fileno(self) -> int:
        return self._target().fileno()

    def writable(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:  # anything else a library asks a stream for
        return getattr(self._target(), name)


STDOUT: IO[str] = cast("IO[str]", Utf8Stream("stdout"))
"""Standard output, UTF-8."""
STDERR: IO[str] = cast("IO[str]", Utf8Stream("stderr"))
"""Standard error, UTF-8."""


def out(text: str) -> None:
    """Write ``text`` to standard output as UTF-8, and flush."""
    STDOUT.write(text)
    STDOUT.flush()


def err(text: str) -> None:
    """Write ``text`` to standard error as UTF-8, and flush."""
    STDERR.write(text)
    STDERR.flush()


def utf8_std_streams() -> None:
    """Make the process's own standard streams UTF-8 too (the console script calls this
    first), so what other libraries print — click's help and usage errors — is UTF-8 as
    well."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(encoding=ENCODING, errors=ERRORS)


def write_file(path: Path, data: str | bytes, *, replace: bool = True) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` through a temporary file in the same folder
    and ``os.replace``, so a reader never sees a half-written file.

    Every file mljy writes goes through here: the meeting's outputs (made again each month,
    so an existing file is replaced), templates and converted reports (``replace=False``
    refuses an existing file with :class:`FileExistsError` unless ``--force``), reports
    mended by ``validate --fix``. A replaced file keeps its permissions; a new one gets the
    usual ``0o666 & ~umask`` (``mkstemp`` alone would make it private)."""
    if not replace and path.exists():
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = _mode_for(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data.encode(ENCODING) if isinstance(data, str) else data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    """An existing file's permissions, or what a new file gets: ``0o666 & ~umask``."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
