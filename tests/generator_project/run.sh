#!/usr/bin/env bash
# run.sh <find_package|add_subdirectory> <source dir> <build dir> <work dir> <c++ compiler>
# Builds the generator project as a user's project would and runs it; a build right after each
# build must have nothing to do (`ninja -n`).
# * find_package (the installed package): a single-config Release build, then Ninja
#   Multi-Config with Debug and Release in one tree (each configuration its own outputs), then
#   a changed generator regenerates without recompiling the includers of unchanged outputs.
# * add_subdirectory: Debug; touching a header reruns the generator without rewriting the output;
#   a compile that sees other macros than the generator fails, naming them.
set -euo pipefail
mode=$1 src=$2 build=$3 work=$4 cxx=$5
rm -rf "$work"
mkdir -p "$work"
# A copy, so the test can touch its headers.
cp -r "$src/tests/generator_project" "$work/src"
args=(-DCMAKE_CXX_COMPILER="$cxx" -DBUFFERS_MODE="$mode")
if [[ $mode == find_package ]]; then
    cmake --install "$build" --prefix "$work/prefix" >/dev/null
    args+=(-DCMAKE_PREFIX_PATH="$work/prefix")
else
    args+=(-DBUFFERS_SOURCE_DIR="$src")
fi
fail() { printf 'generator project (%s): %s\n' "$mode" "$*" >&2; exit 1; }

# configure <build dir> <cmake args>...
configure() {
    local dir=$1
    shift
    cmake -S "$work/src" -B "$dir" "${args[@]}" "$@" >"$dir.configure.log" 2>&1 ||
        { cat "$dir.configure.log"; fail "configure failed"; }
}
# build_and_run <build dir> <config> <ninja file>: build, run, then a build with nothing to do.
build_and_run() {
    local dir=$1 config=$2 ninja_file=$3
    cmake --build "$dir" --config "$config" || fail "$config build failed"
    local exe="$dir/generator_project"
    [[ -x $exe ]] || exe="$dir/$config/generator_project"
    "$exe" || fail "the checks failed ($config)"
    local dry
    dry=$(ninja -C "$dir" -f "$ninja_file" -n)
    grep -q "no work to do" <<<"$dry" || { echo "$dry"; fail "a build right after the $config build has work to do"; }
}

if [[ $mode == find_package ]]; then
    # Release: NDEBUG from CMAKE_CXX_FLAGS_RELEASE reaches the parser.
    configure "$work/release" -G Ninja -DCMAKE_BUILD_TYPE=Release
    build_and_run "$work/release" Release build.ninja
    grep -q "NDEBUG=1" "$work/release/buffers_soa/generator_project/game/fx/particle.soa.hpp" ||
        fail "the Release output was not generated with NDEBUG"

    # One tree, two configurations: each has its outputs; switching regenerates nothing twice.
    configure "$work/multi" -G "Ninja Multi-Config" -DCMAKE_CONFIGURATION_TYPES="Debug;Release"
    build_and_run "$work/multi" Debug build-Debug.ninja
    build_and_run "$work/multi" Release build-Release.ninja
    out="$work/multi/buffers_soa/generator_project"
    grep -q "NDEBUG undefined" "$out/Debug/game/fx/particle.soa.hpp" || fail "Debug output: NDEBUG"
    grep -q "NDEBUG=1" "$out/Release/game/fx/particle.soa.hpp" || fail "Release output: NDEBUG"
    dry=$(ninja -C "$work/multi" -f build-Debug.ninja -n)
    grep -q "no work to do" <<<"$dry" || { echo "$dry"; fail "the Release build left work for Debug"; }

    # A changed generator (here the installed copy) regenerates; an unchanged output recompiles nothing.
    touch "$work/prefix/share/buffers/generator/buffers_soa_gen/emit.py"
    cmake --build "$work/release" >"$work/regenerate.log" 2>&1 || { cat "$work/regenerate.log"; fail "regeneration failed"; }
    grep -q "Generating SoA names" "$work/regenerate.log" || { cat "$work/regenerate.log"; fail "a changed generator did not regenerate"; }
    if grep -q "Building CXX" "$work/regenerate.log"; then
        cat "$work/regenerate.log"; fail "an unchanged output recompiled its includers"
    fi
    echo "generator project ($mode): ok"
    exit 0
fi

configure "$work/build" -G Ninja -DCMAKE_BUILD_TYPE=Debug
build_and_run "$work/build" Debug build.ninja
# Outputs mirror the headers' paths below the include directory and include them as sources do.
generated="$work/build/buffers_soa/generator_project/game"
for header in fx/particle ai/particle; do
    grep -qx "#include \"game/$header.hpp\"" "$generated/$header.soa.hpp" ||
        fail "game/$header.soa.hpp does not include \"game/$header.hpp\""
done

# Touching the header reruns the generator, which leaves the unchanged output alone (so ninja's
# restat stops there); the next build has nothing to do.
out="$work/build/buffers_soa/generator_project/game/particles.soa.hpp"
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

# A compile that sees macros the generator did not: fresh.cpp compiles, every edited struct
# fails with a message that names the macros and the fix.
if cmake --build "$work/build" --target stale_check -- -k 0 >"$work/stale.log" 2>&1; then
    fail "stale outputs compiled"
fi
cause="stale.soa.hpp was generated under different flags/macros than this compile: the generator saw STALE_ADD_FIELD undefined, STALE_CHANGE_TYPE undefined, STALE_SWAP_NAMES undefined. Give it the flags of this compile"
for expected in \
    "$cause" \
    ": the generator saw 2 fields in stale::Count" \
    ": the generator saw field 0 of stale::Type as 'float x'" \
    ": the generator saw field 0 of stale::Name named 'x'"; do
    grep -qF "$expected" "$work/stale.log" || { cat "$work/stale.log"; fail "missing: $expected"; }
done
find "$work/build" -name 'fresh.cpp.o' | grep -q . || { cat "$work/stale.log"; fail "the up-to-date source did not compile"; }
echo "generator project ($mode): ok"
