#!/usr/bin/env bash
# compile_fail.sh <c++> <source> [flags...]
# Passes when <source> fails to compile and the compiler's output contains the text of every
# `// expect: <text>` line in the source.
set -uo pipefail
cxx=$1 src=$2
shift 2
out=$("$cxx" -std=c++20 -fsyntax-only "$@" "$src" 2>&1)
if [[ $? -eq 0 ]]; then
    echo "compile_fail: $src compiled, but it must not"
    exit 1
fi
status=0
while IFS= read -r expected; do
    if ! grep -qF -- "$expected" <<<"$out"; then
        echo "compile_fail: expected message not found: $expected"
        status=1
    fi
done < <(sed -n 's|^// expect: ||p' "$src")
[[ $status -eq 0 ]] || printf '%s\n' "$out" | head -40
exit $status
