#!/usr/bin/env bash
# Run GNU make over each case of tests/makefile-oracle/cases.mk and write what it said to
# tests/makefile-oracle/expected.txt (`name: ok`, or `name: LINE: message` of the error that
# stopped it), which src/makefile/tests.rs compares with the Makefile reader — without make.
# Each case is run with `make -n` (recipes are expanded, not run) in an empty folder.
set -euo pipefail
cd "$(dirname "$0")/../tests/makefile-oracle"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
awk -v dir="$work" '
  /^### / { name = $2; print name >> (dir "/names"); next }
  name != "" { print > (dir "/" name ".mk") }
' cases.mk
{
  echo "# $(LC_ALL=C make --version | head -1), make -n per case (scripts/makefile-oracle.sh)"
  while read -r name; do
    out="$(cd "$work" && mkdir -p "run-$name" && cd "run-$name" \
      && LC_ALL=C make -n --no-print-directory -f "../$name.mk" 2>&1 >/dev/null || true)"
    stop="$(printf '%s\n' "$out" | grep -m1 -F '*** ' || true)"
    if [ -z "$stop" ]; then
      echo "$name: ok"
    else
      # `../name.mk:LINE: *** message.  Stop.` → `name: LINE: message`
      line="${stop#../$name.mk:}"
      line="${line%%:*}"
      message="${stop#*\*\*\* }"
      message="${message%.  Stop.}"
      echo "$name: $line: $message"
    fi
  done < "$work/names"
} > expected.txt
echo "wrote tests/makefile-oracle/expected.txt"
