"""Atomic writes, and no write at all when the content is unchanged."""

import os

import pytest

from buffers_soa_gen.write import write_if_changed


def test_writes_new_file_and_directories(tmp_path):
    path = tmp_path / "a" / "b" / "out.hpp"
    assert write_if_changed(str(path), "one\n")
    assert path.read_text() == "one\n"
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)  # not mkstemp's private mode
    assert os.listdir(path.parent) == ["out.hpp"]


def test_unchanged_content_keeps_the_file_and_its_mtime(tmp_path):
    path = tmp_path / "out.hpp"
    write_if_changed(str(path), "same\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert not write_if_changed(str(path), "same\n")
    assert path.stat().st_mtime_ns == 1_000_000_000


def test_changed_content_replaces_the_file(tmp_path):
    path = tmp_path / "out.hpp"
    write_if_changed(str(path), "old\n")
    assert write_if_changed(str(path), "new\n")
    assert path.read_text() == "new\n"
    assert os.listdir(tmp_path) == ["out.hpp"]


def test_a_failed_write_leaves_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "out.hpp"
    write_if_changed(str(path), "old\n")

    def broken_replace(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_if_changed(str(path), "new\n")
    assert path.read_text() == "old\n"
    assert os.listdir(tmp_path) == ["out.hpp"]
