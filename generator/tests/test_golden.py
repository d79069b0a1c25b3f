"""The output for a representative header, byte for byte.

After an intended change to the output, regenerate the golden file with
BUFFERS_SOA_UPDATE_GOLDEN=1 /usr/bin/python3 -m pytest generator/tests/test_golden.py
and review the diff.
"""

import os
from pathlib import Path

from buffers_soa_gen import cli
from conftest import INCLUDE

GOLDEN = Path(__file__).resolve().parent / "golden"


def test_representative_header_matches_golden_output(tmp_path, capsys):
    output = tmp_path / "representative.soa.hpp"
    status = cli.main([str(GOLDEN / "representative.hpp"), "-o", str(output), f"-I{INCLUDE}",
                       "--include-as", "representative.hpp"])
    assert status == 0, capsys.readouterr().err
    expected = GOLDEN / "representative.soa.hpp"
    if os.environ.get("BUFFERS_SOA_UPDATE_GOLDEN"):
        expected.write_bytes(output.read_bytes())
    assert output.read_bytes() == expected.read_bytes()
