#!/usr/bin/env bash
# libstdc++'s std::vector test suite against buffers::Vector, or its std::deque suite against
# buffers::Deque with --container deque (see docs/conformance.md).
#
#   tests/conformance/run.sh [--work DIR] [--container vector|deque] [conformance.py options...]
#
# The suite is GPL code from Debian's gcc-12-source package: this script installs the package
# when it is missing (as root; otherwise it prints the command), extracts only the vector and deque tests
# and util/ into the work directory (default build/conformance), and hands over to
# conformance.py. Nothing of the suite is ever written into the source tree.
#
# Examples:
#   tests/conformance/run.sh --gate                         # what CTest runs
#   tests/conformance/run.sh --columns std,vector,svo,default --update-doc   # docs table
#   tests/conformance/run.sh --container deque --gate-only  # what CTest runs for Deque
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)

work=$root/build/conformance
args=()
while [[ $# -gt 0 ]]; do
    case $1 in
        --work) work=$2; shift 2 ;;
        *) args+=("$1"); shift ;;
    esac
done

package=gcc-12-source
if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed'; then
    if [[ $(id -u) -ne 0 ]]; then
        echo "conformance: the libstdc++ test suite comes from Debian's $package package;" >&2
        echo "conformance: install it as root, then run this again:" >&2
        echo "    apt-get update && apt-get install -y $package" >&2
        exit 1
    fi
    echo "conformance: installing $package"
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "$package" || { apt-get update -q && apt-get install -y -q "$package"; }
fi

tarball=
for t in /usr/src/gcc-12/gcc-12*.tar.xz; do
    [[ -f $t ]] && tarball=$t
done
if [[ -z $tarball ]]; then
    echo "conformance: no /usr/src/gcc-12/gcc-12*.tar.xz; is $package complete?" >&2
    exit 1
fi

# Extracted once per tarball (xz has to read the whole 80 MB archive: a few seconds). CTest's
# vector and deque runs share this directory; they never run at the same time (RESOURCE_LOCK).
suite=$work/libstdc++-testsuite
stamp=$suite/.extracted-from
dirs="23_containers/vector 23_containers/deque util"
if [[ ! -f $stamp || $(cat "$stamp") != "$tarball $(stat -c %Y "$tarball") $dirs" ]]; then
    echo "conformance: extracting $dirs from $tarball"
    rm -rf "$suite"
    mkdir -p "$suite"
    patterns=()
    for d in $dirs; do patterns+=("gcc-12*/libstdc++-v3/testsuite/$d/*"); done
    tar -xJf "$tarball" -C "$suite" --strip-components=3 --wildcards "${patterns[@]}"
    echo "$tarball $(stat -c %Y "$tarball") $dirs" >"$stamp"
fi

exec python3 "$here/conformance.py" --suite "$suite" --work "$work" \
    --include "$root/include" --doc "$root/docs/conformance.md" "${args[@]}"
