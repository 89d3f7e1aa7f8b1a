"""The one file writer: whole or not at all, permissions kept, an existing file refused when
asked (output/writer.py ``write_file``)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from meilijiayuan.output.writer import write_file


def test_text_is_written_as_utf8_and_bytes_as_given(tmp_path: Path) -> None:
    write_file(tmp_path / "a.yaml", "unit: 马陆镇\n")
    write_file(tmp_path / "b.xlsx", b"PK\x03\x04")
    assert (tmp_path / "a.yaml").read_bytes() == "unit: 马陆镇\n".encode()
    assert (tmp_path / "b.xlsx").read_bytes() == b"PK\x03\x04"


def test_a_new_file_gets_the_umask_permissions_not_private_ones(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_file(tmp_path / "new.html", "<p>")
    finally:
        os.umask(old)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644


def test_a_replaced_file_keeps_its_permissions(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("old\n", encoding="utf-8")
    path.chmod(0o640)
    write_file(path, "new\n")
    assert path.read_text(encoding="utf-8") == "new\n"
    assert path.stat().st_mode & 0o777 == 0o640


def test_without_replace_an_existing_file_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(FileExistsError):
        write_file(path, "new\n", replace=False)
    assert path.read_text(encoding="utf-8") == "old\n"


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "r.yaml"
    out.write_text("old\n", encoding="utf-8")

    def broken(src: str, dst: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match="disk full"):
        write_file(out, "new\n")
    assert out.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["r.yaml"]
