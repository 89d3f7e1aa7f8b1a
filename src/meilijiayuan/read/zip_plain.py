"""A zip held in memory, read with :mod:`struct` and :mod:`zlib` when it is plain, else by
:mod:`zipfile`: what :mod:`.workbook_zip` needs (the parts' names, sizes and flags, and a
part's bytes), at about a tenth of zipfile's cost for a workbook (benchmarks/README.md).

A workbook's zip is nearly always plain: no comment, no zip64, no data before it, one disk,
no extra fields, every part stored or deflated and none encrypted, each part's local header
where the central directory says and the parts apart. This module reads only that case. At
the first thing outside it — a damaged or hostile file among them — it hands the whole file
to :class:`zipfile.ZipFile`, so every odd file gets zipfile's own answer (its exception or its
bytes). A part read here is returned only when it inflates to exactly its declared size with
its declared CRC-32; anything else is read again by zipfile, which raises. The tests hold the
two readers to the same answers on every workbook fixture and on damaged copies of them.
"""

from __future__ import annotations

import bisect
import io
import struct
import zipfile
import zlib
from typing import IO, Final, NamedTuple

__all__ = ["Part", "open_zip"]

_END: Final = struct.Struct("<4s4H2LH")  # end of central directory, 22 bytes
_CENTRAL: Final = struct.Struct("<4s4B4HL2L5H2L")  # a central directory entry, 46 bytes
_LOCAL: Final = struct.Struct("<4s2B4HL2L2H")  # a local file header, 30 bytes
_ZIP64_LOCATOR: Final = b"PK\x06\x07"
_STORED, _DEFLATED = 0, 8
_PLAIN_FLAGS: Final = 0x0806  # deflate's speed bits (0x6), UTF-8 names (0x800)
_DESCRIPTOR_FLAG: Final = 0x0008  # sizes repeated after the data: the directory has them
_NEWEST_VERSION: Final = 63  # the newest "version needed to extract" zipfile reads


class Part(NamedTuple):
    """One part, named as :class:`zipfile.ZipInfo` names what inspect_zip reads of it (a
    tuple: made for every part of every workbook, it costs a tenth of a dataclass)."""

    filename: str
    file_size: int
    flag_bits: int
    compress_type: int
    compress_size: int
    CRC: int  # zipfile.ZipInfo's spelling
    header_offset: int


class PlainZip:
    """A plain zip's parts; :meth:`read` falls back to zipfile for a part that does not
    inflate cleanly."""

    def __init__(self, raw: bytes, parts: dict[str, Part], directory_at: int) -> None:
        self._raw = raw
        self._parts = parts
        # where each part's data must end: the next part's header, or the directory
        self._bounds = sorted([p.header_offset for p in parts.values()] + [directory_at])

    def infolist(self) -> list[Part]:
        return list(self._parts.values())

    def read(self, name: str) -> bytes:
        part = self._parts.get(name)
        data = None if part is None else self._inflate(part)
        if data is None:  # no such part, or damaged: zipfile says what is wrong
            with zipfile.ZipFile(io.BytesIO(self._raw)) as archive:
                return archive.read(name)
        return data

    def stored(self, name: str) -> tuple[int, bytes] | None:
        """The part as stored (its compression and bytes), or ``None``: no such part. Parts
        stored alike read alike, so this keys what is worked out from a part without
        inflating it (workbooks from one template share their workbook.xml and styles)."""
        part = self._parts.get(name)
        start = None if part is None else self._data_start(part)
        if part is None or start is None:
            return None
        return part.compress_type, self._raw[start:start + part.compress_size]

    def open(self, name: str) -> IO[bytes]:
        return io.BytesIO(self.read(name))

    def close(self) -> None:
        pass

    def __enter__(self) -> PlainZip:
        return self

    def __exit__(self, *_: object) -> None:
        pass

    def _data_start(self, part: Part) -> int | None:
        """Where the part's data starts when its local header is where the directory says
        and its data ends before the next part; else ``None``."""
        raw, at = self._raw, part.header_offset
        if at + _LOCAL.size > len(raw):
            return None
        (signature, _needed, _system, _flags, _method, _time, _date, _crc, _compressed, _size,
         name_size, extra_size) = _LOCAL.unpack_from(raw, at)
        start: int = at + _LOCAL.size
        if signature != b"PK\x03\x04" or raw[start:start + name_size] != part.filename.encode():
            return None
        start += name_size + extra_size
        if start + part.compress_size > self._bounds[bisect.bisect_right(self._bounds, at)]:
            return None  # the data runs into the next part (or the directory)
        return start

    def _inflate(self, part: Part) -> bytes | None:
        """The part's bytes when they are where :meth:`_data_start` says and come out exactly
        as declared (size and CRC-32), else ``None``. At most ``file_size + 1`` bytes are
        inflated, whatever the data claims."""
        start = self._data_start(part)
        if start is None:
            return None
        data = self._raw[start:start + part.compress_size]
        if part.compress_type == _DEFLATED:
            inflater = zlib.decompressobj(-15)
            try:
                data = inflater.decompress(data, part.file_size + 1)
            except zlib.error:
                return None
            if not inflater.eof:
                return None
        if len(data) != part.file_size or zlib.crc32(data) != part.CRC:
            return None
        return data


def open_zip(raw: bytes) -> PlainZip | zipfile.ZipFile:
    """The zip in ``raw``: read here when plain, else by zipfile (which may raise
    :class:`zipfile.BadZipFile`)."""
    plain = _plain(raw)
    return zipfile.ZipFile(io.BytesIO(raw)) if plain is None else plain


def _plain(raw: bytes) -> PlainZip | None:
    """A plain zip read from its central directory, or ``None``: not plain (see the
    module's docstring)."""
    size = len(raw)
    if size < _END.size:
        return None
    end_at = size - _END.size
    (signature, disk, cd_disk, on_disk, count, cd_size, cd_at, comment) = _END.unpack_from(
        raw, end_at)
    if (signature != b"PK\x05\x06" or disk or cd_disk or comment or on_disk != count
            or cd_at + cd_size != end_at
            or raw[end_at - 20:end_at - 16] == _ZIP64_LOCATOR):
        return None
    parts: dict[str, Part] = {}
    at = cd_at
    for _ in range(count):
        if at + _CENTRAL.size > end_at:
            return None
        entry = _CENTRAL.unpack_from(raw, at)
        (signature, _made, _system, needed, _reserved, flags, method, _time, _date,
         crc, compressed, file_size, name_size, extra_size, comment_size, start_disk,
         _internal, _external, header_at) = entry
        if (signature != b"PK\x01\x02" or flags & ~_PLAIN_FLAGS & ~_DESCRIPTOR_FLAG
                or needed > _NEWEST_VERSION
                or method not in (_STORED, _DEFLATED) or extra_size or comment_size
                or start_disk or (method == _STORED and compressed != file_size)):
            return None
        at += _CENTRAL.size
        name_bytes = raw[at:at + name_size]
        at += name_size
        # a workbook's part names are ASCII (then cp437 and UTF-8 read them alike)
        if len(name_bytes) != name_size or not name_bytes.isascii() or b"\x00" in name_bytes:
            return None
        name = name_bytes.decode("ascii")
        if name in parts:
            return None
        parts[name] = Part(name, file_size, flags, method, compressed, crc, header_at)
    if at != end_at:
        return None
    return PlainZip(raw, parts, cd_at)
