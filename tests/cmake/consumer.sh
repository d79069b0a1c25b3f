#!/usr/bin/env bash
# consumer.sh <find_package|add_subdirectory> <source dir> <build dir> <work dir> <c++ compiler>
# Builds and runs a small project that uses buffers the way a user's project would.
set -euo pipefail
mode=$1 src=$2 build=$3 work=$4 cxx=$5
rm -rf "$work"
mkdir -p "$work"
args=(-G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug)
if [[ $mode == find_package ]]; then
    # Install from the build tree of this very configuration into a throwaway prefix.
    cmake --install "$build" --prefix "$work/prefix" >/dev/null
    args+=(-DCMAKE_PREFIX_PATH="$work/prefix")
else
    args+=(-DBUFFERS_SOURCE_DIR="$src")
fi
cmake -S "$src/tests/cmake/$mode" -B "$work/build" "${args[@]}" >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; exit 1; }
cmake --build "$work/build" ||
    exit 1
"$work/build/consumer"
