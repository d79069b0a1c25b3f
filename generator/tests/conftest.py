"""Shared helpers: run the generator in-process on small headers written to a temporary dir."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

GENERATOR = Path(__file__).resolve().parent.parent
ROOT = GENERATOR.parent
INCLUDE = ROOT / "include"
sys.path.insert(0, str(GENERATOR))

from buffers_soa_gen import cli  # noqa: E402


class Run:
    def __init__(self, status: int, stderr: str, output: Path):
        self.status = status
        self.stderr = stderr
        self.output = output

    @property
    def text(self) -> str:
        return self.output.read_text()

    @property
    def errors(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line]


@pytest.fixture
def generate(tmp_path, capsys, monkeypatch):
    """generate(source, *extra_args, name='input.hpp') -> Run; paths in messages are relative."""
    monkeypatch.chdir(tmp_path)

    def run(source: str, *args: str, name: str = "input.hpp") -> Run:
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        Path(name).write_text(source)
        output = tmp_path / "out" / (Path(name).stem + ".soa.hpp")
        capsys.readouterr()
        status = cli.main([name, "-o", str(output), f"-I{INCLUDE}", *args])
        return Run(status, capsys.readouterr().err, output)

    return run


@pytest.fixture
def parse(tmp_path, monkeypatch):
    """parse(source) -> model.Header for a header written to a temporary dir."""
    from buffers_soa_gen.parse import parse_header

    monkeypatch.chdir(tmp_path)

    def run(source: str, *, defines=(), name: str = "input.hpp"):
        Path(name).write_text(source)
        return parse_header(name, [str(INCLUDE)], list(defines))

    return run


def compiler() -> str | None:
    for candidate in (os.environ.get("CXX"), "g++", "clang++"):
        if candidate and any((Path(d) / candidate).exists() for d in os.environ.get("PATH", "").split(":")):
            return candidate
    return None
