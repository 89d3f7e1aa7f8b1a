"""Safe YAML → plain values with positions: the first stage of every check (读取报表).

A report is typed by hand, so the loader trusts nothing in it. Bytes are decoded here
(UTF-8 with or without BOM; anything else is named, e.g. GBK/GB18030, and so is a file that
is not text at all, e.g. an Excel workbook renamed to .yaml); the YAML is read
from libyaml's event stream, never through ``yaml.load``, and values are built with an
explicit stack, so no tag is ever constructed, nothing runs, and no nesting can overflow
a stack. Anchors, aliases, merge keys, tags, duplicate keys, a second document and
complex keys are refused; size, depth and node count are bounded. Plain scalars are
resolved by a few narrow rules (``yes`` stays text, ``010`` stays text). Every problem
becomes a located :class:`~meilijiayuan.findings.Finding`; ``load_*`` never raises for
bad input and returns no data (``None``) as soon as anything is wrong.

Nearly every report is nothing but nested mappings of plain one-line scalars: those are
read line by line instead, to the very same result and several times faster (see "the
common case" below); libyaml reads everything else.

Lines and columns are 1-based and count characters; a BOM and CRLF line ends shift
nothing.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from codecs import BOM_UTF16_BE, BOM_UTF16_LE, BOM_UTF32_BE, BOM_UTF32_LE
from pathlib import Path
from typing import Any, Final, TypeAlias

from meilijiayuan.findings import Finding
from meilijiayuan.read.document import (
    MAX_FINDINGS,
    Document,
    Position,
    YamlPath,
    line_col,
    line_starts,
    resolve_plain,
)
from meilijiayuan.read.limits import DEFAULT_LIMITS, Limits  # one class for the CLI and the loader

__all__ = [
    "DEFAULT_LIMITS",
    "Document",
    "Limits",
    "Position",
    "YamlPath",
    "load_bytes",
    "load_path",
]

def load_path(
    path: Path | str,
    display: str | None = None,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Read and load one file; ``display`` is the name used in messages (default: ``path``).

    The size is checked with ``stat`` first, so an oversized file is refused unread.
    """
    name = str(path) if display is None else display
    used = encoding or "utf-8"
    try:
        info = os.stat(path)  # os, not pathlib: this runs once per file, thousands per run
    except (FileNotFoundError, NotADirectoryError):
        return _refused(name, used, "path-not-found", path=name)
    except OSError as err:
        return _refused(name, used, "file-unreadable", reason=err.strerror or str(err))
    except ValueError as err:  # a NUL in the path
        return _refused(name, used, "file-unreadable", reason=str(err))
    if stat.S_ISDIR(info.st_mode):  # said the same way on every system
        return _refused(name, used, "file-unreadable", reason=os.strerror(errno.EISDIR))
    if info.st_size > limits.max_bytes:
        return _refused(name, used, "file-too-large", size=info.st_size, limit=limits.max_bytes)
    try:
        # os.open and os.read, not a file object: a sixth of the cost, for thousands of files
        fd = os.open(path, _READ_BINARY)
        try:
            # Sized by stat: read(max_bytes + 1) would allocate 1 MiB for every file.
            raw = _read(fd, info.st_size + 1)
            if len(raw) > info.st_size:
                # Bounded: the file has grown since stat, or is a pipe or a device.
                raw += _read(fd, limits.max_bytes + 1 - len(raw))
        finally:
            os.close(fd)
    except OSError as err:
        return _refused(name, used, "file-unreadable", reason=err.strerror or str(err))
    return load_bytes(raw, name, encoding=encoding, limits=limits)


_READ_BINARY: Final = os.O_RDONLY | getattr(os, "O_BINARY", 0)  # O_BINARY: Windows only


def _read(fd: int, size: int) -> bytes:
    """Up to ``size`` bytes, fewer only at the end of the file (as a file object's ``read``)."""
    data = os.read(fd, size)
    if not 0 < len(data) < size:
        return data
    parts = [data]
    size -= len(data)
    while size > 0:
        more = os.read(fd, size)
        if not more:
            break
        parts.append(more)
        size -= len(more)
    return b"".join(parts)


def load_bytes(
    raw: bytes,
    file: str,
    *,
    encoding: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Document:
    """Load one report from its bytes; ``file`` is the name used in messages.

    With ``encoding`` the bytes are decoded with that codec instead of UTF-8 (``--encoding``).
    """
    if len(raw) > limits.max_bytes:
        used = encoding or "utf-8"
        return _refused(file, used, "file-too-large", size=len(raw), limit=limits.max_bytes)
    decoded = _decode(raw, file, encoding)
    if isinstance(decoded, Finding):
        return Document(file, findings=[decoded], encoding=encoding or "utf-8")
    text, used = decoded
    simple = _simple_document(text, limits)  # never takes a control character
    if simple is not None:
        return Document(file, *simple, [], used)
    controls = _control_characters(text, file)
    if controls:
        return Document(file, findings=controls, encoding=used)
    # PyYAML only for a file the line reader declines; its mistakes named in the user's words
    from meilijiayuan.read.recover import read_yaml

    return read_yaml(text, file, limits, used)


def _refused(file: str, used: str, code: str, **args: Any) -> Document:
    """A document refused as a whole, before any YAML is read."""
    return Document(file, findings=[Finding(code, file, args=args)], encoding=used)


# --- bytes → text --------------------------------------------------------------------------

_WIDE_BOMS: Final = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (BOM_UTF32_BE, "UTF-32", "utf-32"),
    (BOM_UTF32_LE, "UTF-32", "utf-32"),
    (BOM_UTF16_BE, "UTF-16", "utf-16"),
    (BOM_UTF16_LE, "UTF-16", "utf-16"),
)
_WIDE_BOM_STARTS: Final = (b"\0", b"\xfe", b"\xff")  # the first bytes of those BOMs
# Only needed to name the encoding of a file that is not UTF-8: compiled on first use
# (re's cache), as its wide ranges take milliseconds to compile at every start-up.
_CJK: Final = "[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e]"
# Everything YAML cannot hold (C0 but tab and line ends, DEL, C1, surrogates, U+FFFE/F),
# plus NEL, U+2028 and U+2029: libyaml counts those as line ends where editors do not,
# which would make every later line number wrong; plus U+FEFF, a BOM anywhere but at the
# very start (where it is removed before this check: files pasted together), which libyaml
# skips at a line start and then reports the line one column late. Written as the set
# itself rather than the complement of what YAML allows: that compiles 10× faster.
_CONTROL: Final = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]"
)

# Files that are not text at all, told by their first bytes (full signatures, so a text
# that starts with "PK" is not one): what a report saved from Excel, Word or WPS, scanned,
# or zipped and then renamed to .yaml starts with. Zip files are told apart further by the
# names of their entries (_ZIP_ENTRY).
_MAGIC: Final = (
    (b"PK\x03\x04", "archive"),  # zip: also xlsx, docx, pptx and WPS's own formats
    (b"PK\x05\x06", "archive"),  # an empty zip
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # .xls, .doc, .ppt, .wps, .et
    (b"%PDF-", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"Rar!\x1a\x07", "archive"),
    (b"7z\xbc\xaf\x27\x1c", "archive"),
    (b"\x1f\x8b\x08", "archive"),  # gzip
)
_MAGIC_STARTS: Final = tuple(magic for magic, _ in _MAGIC)
# An entry name in a zip's local header (30 bytes in) or central directory (46 bytes in):
# Office Open XML keeps a workbook under xl/, a document under word/, slides under ppt/.
# Compiled on first use (re's cache), like _CJK.
_ZIP_ENTRY: Final = rb"PK\x03\x04.{26}(xl|word|ppt)/|PK\x01\x02.{42}(xl|word|ppt)/"
_ZIP_KINDS: Final = {b"xl": "xlsx", b"word": "docx", b"ppt": "pptx"}
# C0 controls but tab and line ends: text in any encoding holds next to none of them,
# other files hold about one byte in nine.
_CONTROL_BYTES: Final = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])


def _decode(raw: bytes, file: str, encoding: str | None) -> tuple[str, str] | Finding:
    """The text and the codec used, or the finding that says why there is no text.

    A plain UTF-8 file costs one search for a NUL byte and the decoding itself: whether the
    file is text at all is asked only when it holds a NUL or is not UTF-8.
    """
    if encoding is not None:
        if raw.startswith(_MAGIC_STARTS):  # a codec asked for, but the bytes are no text
            return _not_text(file, _magic(raw))
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as err:
            try:
                before = raw[: err.start].decode(encoding, "replace")
            except UnicodeError:  # idna and punycode take no error handler
                before = raw[: err.start].decode("latin-1")
            line, column = _end_of(before)
            args = {"encoding": encoding, "offset": err.start}
            return Finding("encoding-invalid", file, line, column, args)
        except (LookupError, ValueError):  # unknown codec, or not a text codec (base64)
            return Finding("encoding-invalid", file, args={"encoding": encoding, "offset": 0})
        return text.removeprefix("\ufeff"), encoding
    if raw.startswith(_WIDE_BOM_STARTS):
        for bom, guess, codec in _WIDE_BOMS:
            if raw.startswith(bom):
                return Finding("encoding", file, args={"guess": guess, "codec": codec})
    nul = b"\0" in raw  # UTF-16 text and most other files have NUL bytes; UTF-8 text does not
    if nul:
        kind = _magic(raw)
        if kind is not None:
            return _not_text(file, kind)
        wide = _utf16_without_bom(raw)
        if wide is not None:
            return Finding("encoding", file, args={"guess": "UTF-16", "codec": wide})
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        kind = (None if nul else _magic(raw)) or _binary(raw)
        if kind is not None:
            return _not_text(file, kind)
        line, column = _end_of(raw[: err.start].decode("utf-8", "replace"))
        # Guess from the first byte that is not UTF-8 on: a file may start as UTF-8
        # (or ASCII) and go on in GBK where someone pasted text in.
        return Finding("encoding", file, line, column, _legacy_guess(raw[err.start :]))
    if text.startswith("\ufeff"):
        return text[1:], "utf-8-sig"
    return text, "utf-8"


def _magic(raw: bytes) -> str | None:
    """What kind of file ``raw`` is by its first bytes (see ``_MAGIC``), or ``None``."""
    if not raw.startswith(_MAGIC_STARTS):
        return None
    kind = next(kind for magic, kind in _MAGIC if raw.startswith(magic))
    if raw.startswith(b"PK"):
        entry = re.search(_ZIP_ENTRY, raw, re.DOTALL)
        if entry is not None:
            return _ZIP_KINDS[entry.group(1) or entry.group(2)]
    return kind


def _binary(raw: bytes) -> str | None:
    """``binary`` when control bytes are frequent, as in no text (a stray one is located)."""
    sample = raw[:4096]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return "binary" if controls >= 4 and controls * 32 >= len(sample) else None


def _not_text(file: str, kind: str | None) -> Finding:
    """The file is no text: ``kind`` says what it looks like (a catalogue term)."""
    from meilijiayuan.messages.catalogue import Term  # only for the rare file that is no text

    return Finding("not-text", file, args={"kind": Term(kind or "binary")})


def _utf16_without_bom(raw: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NUL bytes fall on one side of the pairs, as in UTF-16 text."""
    sample = raw[:4096]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd * 4 >= pairs and even * 8 <= odd:
        return "utf-16-le"
    if even * 4 >= pairs and odd * 8 <= even:
        return "utf-16-be"
    return None


def _legacy_guess(raw: bytes) -> dict[str, str]:
    """Name the likely encoding of bytes that are not UTF-8, and a codec that reads them."""
    chinese = _decoded(raw, "gb18030")
    if chinese is not None and re.search(_CJK, chinese):
        codec = "gbk" if _decoded(raw, "gbk") is not None else "gb18030"
        return {"guess": "GBK/GB18030", "codec": codec}
    codec = "cp1252" if _decoded(raw, "cp1252") is not None else "latin-1"
    return {"guess": "Latin-1/Windows-1252", "codec": codec}


def _decoded(raw: bytes, codec: str) -> str | None:
    try:
        return raw.decode(codec)
    except UnicodeDecodeError:
        return None


def _control_characters(text: str, file: str) -> list[Finding]:
    """One finding per control character, located (checked before libyaml sees the text)."""
    found: list[Finding] = []
    starts: list[int] | None = None
    for match in _CONTROL.finditer(text):
        if starts is None:
            starts = line_starts(text)
        line, column = line_col(starts, match.start())
        char = f"U+{ord(match.group()):04X}"
        if char == "U+FEFF":  # a BOM, named as one
            from meilijiayuan.messages.catalogue import Term

            char = Term(char)
        found.append(Finding("control-character", file, line, column, {"char": char}))
        if len(found) >= MAX_FINDINGS:
            break
    return found


def _end_of(text: str) -> Position:
    """The position just after ``text``: where the next character would be."""
    text = text.removeprefix("\ufeff")
    return line_col(line_starts(text), len(text))


# --- scalars -------------------------------------------------------------------------------

_SIMPLE_KEY: Final = r"[^ \-?:,\[\]{}#&*!|>'\"%@`<.\u3000](?:[^:#]*[^ :#])?"
_SIMPLE_VALUE: Final = r"[^ \-?:,\[\]{}#&*!|>'\"%@`](?:[^:#]*[^ :#])?"
# One line: indentation, then a key and maybe a value, or a comment, or nothing.
_SIMPLE_LINE: Final = re.compile(
    rf"( *)(?:({_SIMPLE_KEY}):(?:( +)({_SIMPLE_VALUE}))?(?: +#.*| *)|#.*)?"
)
_SIMPLE_KEY_MAX: Final = 128  # libyaml looks 1,024 characters ahead for a key's ":"

# A line read: (indentation, key, column after the colon or of the value, the value's text
# if any, its value); the key is "" for a blank or comment line.
_SimpleLine: TypeAlias = tuple[int, str, int, str | None, Any]
_SimpleResult: TypeAlias = tuple[
    dict[str, Any], dict[YamlPath, Position], dict[YamlPath, Position], dict[YamlPath, str]
]

# Lines met before, read: reports repeat most of theirs ("    state: in_progress", "items:",
# their heading comments), so most lines are read once a run. Bounded for hostile input.
_simple_lines: dict[str, _SimpleLine] = {}
_SIMPLE_LINES_KEPT: Final = 4096
_SIMPLE_LINE_KEPT: Final = 200  # characters


def _simple_line(line: str) -> _SimpleLine | None:
    """One line of the subset, or ``None``: it is not in it (nor is a control character)."""
    found = _SIMPLE_LINE.fullmatch(line)
    if found is None or (not line.isprintable() and _CONTROL.search(line)):
        return None
    spaces, key, gap, value = found.groups()
    indent = len(spaces)
    if key is None:
        return indent, "", 0, None, None
    if len(key) > _SIMPLE_KEY_MAX:
        return None
    column = indent + len(key) + 2  # just after the colon
    if value is None:
        return indent, key, column, None, None
    return indent, key, column + len(gap), value, resolve_plain(value)


def _simple_document(text: str, limits: Limits) -> _SimpleResult | None:
    """The data, value and key positions and source texts of a document in the plain
    block-mapping subset, or ``None``: not in the subset, read it with libyaml."""
    if "\t" in text:
        return None  # libyaml sees tabs differently: leave them to it (U+FEFF is a control)
    if "\r" in text:  # CRLF line ends shift nothing, a lone CR ends a line: leave it to libyaml
        if text.count("\r") != text.count("\r\n"):
            return None
        text = text.replace("\r\n", "\n")
    if 2 * text.count(":") + 1 > limits.max_nodes:
        return None  # nodes: the root, and each key and its value; a key has a ":" to itself
    root: dict[str, Any] = {}
    value_pos: dict[YamlPath, Position] = {}
    key_pos: dict[YamlPath, Position] = {}
    raw: dict[YamlPath, str] = {}
    # the open mappings, outermost first, and the innermost one's indentation, path, entries
    levels: list[tuple[int, YamlPath, dict[str, Any]]] = []
    top_indent, entries = -1, root
    top_path: YamlPath = ()
    # a key whose value is not known yet: a nested mapping if a deeper line follows, else null
    pending: tuple[YamlPath, str, Position] | None = None
    known = _simple_lines
    for number, line in enumerate(text.split("\n"), 1):
        read = known.get(line)
        if read is None:
            read = _simple_line(line)
            if read is None:
                return None
            if len(known) < _SIMPLE_LINES_KEPT and len(line) <= _SIMPLE_LINE_KEPT:
                known[line] = read
        indent, key, column, value, resolved = read
        if not key:
            continue  # blank or comment only: libyaml skips it at any indentation
        if indent > top_indent:  # the first key of a mapping: the root or a nested one
            if pending is not None:
                path, awaiting, _ = pending
                pending = None
            elif not levels and not indent:
                path, awaiting = (), ""
            else:
                return None  # deeper than its mapping, and no key before it to nest under
            if len(levels) >= limits.max_depth:
                return None
            nested: dict[str, Any] = {}
            if path:
                entries[awaiting] = nested
            else:
                root = nested
            value_pos[path] = (number, indent + 1)
            levels.append((top_indent, top_path, entries))
            top_indent, top_path, entries = indent, path, nested
        else:
            if pending is not None:
                path, awaiting, value_pos[path] = pending
                entries[awaiting] = None
                raw[path] = ""
                pending = None
            while indent < top_indent:
                top_indent, top_path, entries = levels.pop()
            if indent != top_indent:
                return None
            if key in entries:
                return None  # a key met twice: the walk says where
        path = top_path + (key,)  # noqa: RUF005 (no list built and converted, per line)
        key_pos[path] = (number, indent + 1)
        if value is None:
            pending = (path, key, (number, column))
        else:
            entries[key] = resolved
            value_pos[path] = (number, column)
            raw[path] = value
    if not levels:
        return None  # nothing but comments: the walk says so
    if pending is not None:
        path, awaiting, value_pos[path] = pending
        entries[awaiting] = None
        raw[path] = ""
    return root, value_pos, key_pos, raw


# --- the event walk ------------------------------------------------------------------------
