"""Write an output file atomically, and not at all when its content is unchanged.

Leaving an unchanged file alone keeps its mtime, so the build does not recompile what includes
it; writing through a temporary file and a rename means readers never see half a header.
"""

from __future__ import annotations

import os
import tempfile


def write_if_changed(path: str, text: str) -> bool:
    """Write `text` to `path` unless it already holds exactly that; True when written."""
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as existing:
            if existing.read() == data:
                return False
    except OSError:
        pass
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
    return True


def depfile_text(target: str, dependencies) -> str:
    """A Makefile-syntax depfile, as Ninja and CMake's DEPFILE read it."""

    def escape(path: str) -> str:
        return path.replace("\\", "\\\\").replace(" ", "\\ ").replace("#", "\\#").replace("$", "$$")

    lines = [f"{escape(target)}:"] + [f" {escape(d)}" for d in dependencies]
    return " \\\n".join(lines) + "\n"
