#!/usr/bin/env bash
# run.sh <find_package|add_subdirectory> <source dir> <build dir> <work dir> <c++ compiler>
# Builds the generator project as a user's project would and runs it. After install
# (find_package) it also checks that a changed generator regenerates without recompiling
# unchanged outputs' includers; as a subproject, that touching a header reruns the generator
# without rewriting the output, and that stale outputs fail to compile.
set -euo pipefail
mode=$1 src=$2 build=$3 work=$4 cxx=$5
rm -rf "$work"
mkdir -p "$work"
# A copy, so the test can touch its headers.
cp -r "$src/tests/generator_project" "$work/src"
args=(-G Ninja -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Debug -DBUFFERS_MODE="$mode")
if [[ $mode == find_package ]]; then
    cmake --install "$build" --prefix "$work/prefix" >/dev/null
    args+=(-DCMAKE_PREFIX_PATH="$work/prefix")
else
    args+=(-DBUFFERS_SOURCE_DIR="$src")
fi
fail() { printf 'generator project (%s): %s\n' "$mode" "$*" >&2; exit 1; }

cmake -S "$work/src" -B "$work/build" "${args[@]}" >"$work/configure.log" 2>&1 ||
    { cat "$work/configure.log"; fail "configure failed"; }
cmake --build "$work/build" || fail "build failed"
"$work/build/generator_project" || fail "the checks failed"

if [[ $mode == find_package ]]; then
    # A changed generator (here the installed copy) regenerates; an unchanged output recompiles nothing.
    touch "$work/prefix/share/buffers/generator/buffers_soa_gen/emit.py"
    cmake --build "$work/build" >"$work/regenerate.log" 2>&1 || { cat "$work/regenerate.log"; fail "regeneration failed"; }
    grep -q "Generating SoA names" "$work/regenerate.log" || { cat "$work/regenerate.log"; fail "a changed generator did not regenerate"; }
    if grep -q "Building CXX" "$work/regenerate.log"; then
        cat "$work/regenerate.log"; fail "an unchanged output recompiled its includers"
    fi
    echo "generator project ($mode): ok"
    exit 0
fi

# Touching the header reruns the generator, which leaves the unchanged output alone (so ninja's
# restat stops there); the next build has nothing to do.
out="$work/build/buffers_soa/generator_project/particles.soa.hpp"
before=$(stat -c %.9Y "$out")
touch "$work/src/include/game/particles.hpp"
cmake --build "$work/build" >"$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log"; fail "rebuild failed"; }
grep -q "Generating SoA names" "$work/rebuild.log" || { cat "$work/rebuild.log"; fail "touching the header did not rerun the generator"; }
[[ $(stat -c %.9Y "$out") == "$before" ]] || fail "an unchanged output was rewritten"
cmake --build "$work/build" | grep -q "no work to do" || fail "a second build still had work to do"
# So does touching a header it includes (the generator's depfile).
touch "$work/src/include/game/units.hpp"
cmake --build "$work/build" >"$work/rebuild.log" 2>&1 || { cat "$work/rebuild.log"; fail "rebuild failed"; }
grep -q "Generating SoA names" "$work/rebuild.log" || { cat "$work/rebuild.log"; fail "touching an included header did not rerun the generator"; }

# Stale outputs: fresh.cpp compiles, every edited struct fails with the self-check's message.
if cmake --build "$work/build" --target stale_check -- -k 0 >"$work/stale.log" 2>&1; then
    fail "stale outputs compiled"
fi
for expected in \
    "stale.soa.hpp is stale: stale::Count no longer has 2 fields" \
    "stale.soa.hpp is stale: field 0 of stale::Type is no longer 'float x'" \
    "stale.soa.hpp is stale: field 0 of stale::Name is no longer named 'x'"; do
    grep -qF "$expected" "$work/stale.log" || { cat "$work/stale.log"; fail "missing: $expected"; }
done
find "$work/build" -name 'fresh.cpp.o' | grep -q . || { cat "$work/stale.log"; fail "the up-to-date source did not compile"; }
echo "generator project ($mode): ok"
