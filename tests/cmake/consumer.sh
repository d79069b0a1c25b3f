#!/usr/bin/env bash
# consumer.sh <find_package|add_subdirectory|fetchcontent> <source dir> <build dir> <work dir> <c++ compiler>
# Builds and runs a small project that uses buffers the way a user's project would.
set -euo pipefail
mode=$1 src=$2 build=$3 work=$4 cxx=$5
rm -rf "$work"
mkdir -p "$work"
args=(-G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug)
if [[ $mode == find_package ]]; then
    # Installed as the README says: configure (a top-level configure that needs neither Catch2
    # nor Google Benchmark and builds no tests), then install.
    cmake -S "$src" -B "$work/install-build" -G Ninja -DCMAKE_DISABLE_FIND_PACKAGE_Catch2=ON \
        -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON >"$work/install-configure.log" 2>&1 ||
        { cat "$work/install-configure.log"; exit 1; }
    cmake --install "$work/install-build" --prefix "$work/prefix" >/dev/null
    args+=(-DCMAKE_PREFIX_PATH="$work/prefix")
    # The installed launcher: python3 first on PATH (here often pyenv's) may lack clang.cindex;
    # the launcher goes on to an interpreter that has it.
    printf '#pragma once\n#include <buffers/soa/annotate.hpp>\nstruct BUFFERS_SOA P { int a; };\n' >"$work/p.hpp"
    printf '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n' >"$work/no-clang-python"
    chmod +x "$work/no-clang-python"
    "$work/prefix/bin/buffers-soa-gen" "$work/p.hpp" -o "$work/p.soa.hpp" -I "$work/prefix/include" ||
        { echo "consumer: the installed buffers-soa-gen failed"; exit 1; }
    BUFFERS_SOA_PYTHON="$work/no-clang-python" "$work/prefix/bin/buffers-soa-gen" "$work/p.hpp" \
        -o "$work/p2.soa.hpp" -I "$work/prefix/include" ||
        { echo "consumer: the installed launcher did not skip an interpreter without clang.cindex"; exit 1; }
    grep -q "struct soa_generated<::P>" "$work/p2.soa.hpp" || { echo "consumer: no output"; exit 1; }
else
    args+=(-DBUFFERS_SOURCE_DIR="$src")
fi
cmake -S "$src/tests/cmake/$mode" -B "$work/build" "${args[@]}" >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" ||
    exit 1
"$work/build/consumer"
if [[ -x $work/build/generated ]]; then
    "$work/build/generated"
fi
# A build right after a build has nothing to do (no glob re-check, no reconfigure).
ninja -C "$work/build" -n | grep -q "no work to do" || { ninja -C "$work/build" -n -d explain; exit 1; }
