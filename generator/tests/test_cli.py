"""The command line as the build runs it: exit statuses, stderr, no tracebacks."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import GENERATOR, INCLUDE

PRELUDE = "#include <buffers/soa/annotate.hpp>\n"


def run(*args, cwd):
    env = dict(os.environ, PYTHONPATH=str(GENERATOR))
    env.pop("BUFFERS_SOA_GEN_TRACEBACK", None)
    return subprocess.run([sys.executable, "-m", "buffers_soa_gen", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_module_entry_point_writes_the_output(tmp_path):
    (tmp_path / "p.hpp").write_text(PRELUDE + "struct BUFFERS_SOA P { int a; };\n")
    result = run("p.hpp", "-o", "gen/p.soa.hpp", "-I", str(INCLUDE), "--std", "c++20", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    text = (tmp_path / "gen" / "p.soa.hpp").read_text()
    assert '#include "../p.hpp"' in text
    assert "struct soa_generated<::P>" in text


def test_wrapper_script(tmp_path):
    (tmp_path / "p.hpp").write_text(PRELUDE + "struct BUFFERS_SOA P { int a; };\n")
    result = subprocess.run([str(GENERATOR / "buffers-soa-gen"), "p.hpp", "-o", "p.soa.hpp", f"-I{INCLUDE}",
                             "--include-as", "<p.hpp>"], cwd=tmp_path, capture_output=True, text=True)
    assert (result.returncode, result.stderr) == (0, "")
    assert "#include <p.hpp>\n" in (tmp_path / "p.soa.hpp").read_text()


def test_version_option(tmp_path):
    from buffers_soa_gen import __version__

    result = run("--version", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, f"buffers-soa-gen {__version__}\n")


def test_usage_errors_exit_2(tmp_path):
    result = run("p.hpp", cwd=tmp_path)  # no -o
    assert result.returncode == 2
    assert "the following arguments are required: -o/--output" in result.stderr


def test_unchanged_output_is_not_rewritten(tmp_path):
    (tmp_path / "p.hpp").write_text(PRELUDE + "struct BUFFERS_SOA P { int a; };\n")
    run("p.hpp", "-o", "p.soa.hpp", f"-I{INCLUDE}", cwd=tmp_path)
    os.utime(tmp_path / "p.soa.hpp", ns=(10**9, 10**9))
    result = run("p.hpp", "-o", "p.soa.hpp", f"-I{INCLUDE}", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "p.soa.hpp").stat().st_mtime_ns == 10**9


def test_garbage_input_gives_diagnostics_not_a_traceback(tmp_path):
    (tmp_path / "bin.hpp").write_bytes(bytes(range(256)) * 4)
    result = run("bin.hpp", "-o", "out.hpp", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert all(line.startswith("bin.hpp:") and ": error: " in line for line in result.stderr.splitlines())
    assert not (tmp_path / "out.hpp").exists()


def test_unwritable_output_is_an_error_not_a_traceback(tmp_path):
    (tmp_path / "p.hpp").write_text("struct P { int a; };\n")
    (tmp_path / "file").write_text("")
    result = run("p.hpp", "-o", "file/p.soa.hpp", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("buffers-soa-gen: error: cannot write file/p.soa.hpp")
    assert "Traceback" not in result.stderr


def test_deterministic_across_runs(tmp_path):
    source = Path(__file__).resolve().parent / "mutation" / "corpus.hpp"
    a = run(str(source), "-o", "a/out.hpp", f"-I{INCLUDE}", "--include-as", "x.hpp", cwd=tmp_path)
    b = run(str(source), "-o", "b/out.hpp", f"-I{INCLUDE}", "--include-as", "x.hpp", cwd=tmp_path)
    assert a.returncode == b.returncode == 0
    assert (tmp_path / "a" / "out.hpp").read_bytes() == (tmp_path / "b" / "out.hpp").read_bytes()


def test_output_may_not_overwrite_the_header(tmp_path):
    (tmp_path / "p.hpp").write_text("struct P { int a; };\n")
    result = run("p.hpp", "-o", "./p.hpp", cwd=tmp_path)
    assert result.returncode == 2
    assert "would overwrite the header" in result.stderr
    assert (tmp_path / "p.hpp").read_text() == "struct P { int a; };\n"


def test_depfile_lists_the_header_and_everything_it_includes(tmp_path):
    (tmp_path / "a dir").mkdir()
    (tmp_path / "a dir" / "units.hpp").write_text("using Real = float;\n")
    (tmp_path / "p.hpp").write_text(PRELUDE + '#include "a dir/units.hpp"\nstruct BUFFERS_SOA P { Real a; };\n')
    result = run("p.hpp", "-o", "p.soa.hpp", "--depfile", "p.d", f"-I{INCLUDE}", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    text = (tmp_path / "p.d").read_text()
    assert text.endswith("\n") and not text.endswith("\\\n")
    lines = [line.removesuffix(" \\").strip() for line in text.splitlines()]
    assert lines[0] == f"{tmp_path}/p.soa.hpp:"
    assert f"{tmp_path}/a\\ dir/units.hpp" in lines
    assert f"{tmp_path}/p.hpp" in lines
    assert str((INCLUDE / "buffers" / "soa" / "annotate.hpp").resolve()) in lines
    assert all(Path(line.replace("\\ ", " ")).exists() for line in lines[1:])


def test_an_arguments_file_gives_the_parser_the_compile_flags(tmp_path):
    # What buffers_generate_soa writes: every flag of the compile, one a line; g++-only flags
    # that libclang would refuse are left out, the ones that change the parse are used.
    (tmp_path / "inc").mkdir()
    (tmp_path / "inc" / "pch.hpp").write_text("#include <cstdint>\nusing Id = std::uint16_t;\n")
    (tmp_path / "p.hpp").write_text(PRELUDE + """
#if !defined(LEVEL) || LEVEL != 2 || defined(GONE) || !defined(NDEBUG) || __cplusplus <= 202002L
#error the flags did not reach the parser
#endif
struct BUFFERS_SOA P { Id id; };
""")
    (tmp_path / "flags.rsp").write_text("\n".join([
        "-I", str(INCLUDE), "-DLEVEL=2", "-DGONE", "-UGONE", "-O2", "-DNDEBUG", "-fconcepts-diagnostics-depth=3",
        "-Wall", "-include", str(tmp_path / "inc" / "pch.hpp"), "-include", "<vector>", "-std=gnu++23", "",
        "-pipe"]) + "\n")
    result = run("p.hpp", "-o", "p.soa.hpp", "--args-file", "flags.rsp", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    text = (tmp_path / "p.soa.hpp").read_text()
    assert "::buffers::soa_member_t<::Id, Const> id;" in text
    assert "// p.hpp as the generator saw it: LEVEL=2, GONE undefined, NDEBUG=1, __cplusplus=202101L." in text


def test_a_missing_arguments_file_is_a_usage_error(tmp_path):
    (tmp_path / "p.hpp").write_text(PRELUDE + "struct BUFFERS_SOA P { int a; };\n")
    result = run("p.hpp", "-o", "p.soa.hpp", "--args-file", "nope.rsp", cwd=tmp_path)
    assert result.returncode == 2
    assert "cannot read nope.rsp" in result.stderr
