# Loads the buffers pretty printers into GDB.
#
#   source <prefix>/share/buffers/gdb/buffers-gdb.py        (in ~/.gdbinit, or gdb -ex/-iex)
#
# GDB also runs this file on its own when it is reachable as <program>-gdb.py next to a
# program (a symbolic link is enough) in a directory allowed by add-auto-load-safe-path; the
# printers are then registered for that program only. See docs/debugging.md.

import os
import sys

import gdb

_here = os.path.dirname(os.path.realpath(__file__))
if _here not in sys.path:
    sys.path.insert(0, _here)

import buffers_printers  # noqa: E402

buffers_printers.register(gdb.current_objfile())
