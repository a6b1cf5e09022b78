#!/usr/bin/env bash
# Write the JSON report (`ecplint check --format json`) and the text output (en, zh) of every
# corpus chart into OUT, one file each, so that two builds can be compared with `diff -r`:
#
#   scripts/corpus-reports.sh target/release/ecplint /tmp/after    # then: diff -r /tmp/before /tmp/after
#
# The corpus is ../shared/corpus/charts (or $ECPLINT_CORPUS).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:?usage: corpus-reports.sh ECPLINT_BINARY OUT_DIR}
out=${2:?usage: corpus-reports.sh ECPLINT_BINARY OUT_DIR}
corpus=${ECPLINT_CORPUS:-../shared/corpus/charts}
[[ -d $corpus ]] || { echo "corpus-reports: no corpus at $corpus" >&2; exit 1; }
mkdir -p "$out"
n=0
while IFS= read -r archive; do
  name=$(echo "${archive#"$corpus"/}" | tr '/' '_')
  # Exit code 1 (findings) is expected; 2 (unreadable) is recorded in the report itself.
  "$bin" check --format json "$archive" > "$out/$name.json" || true
  "$bin" check --color never "$archive" > "$out/$name.en.txt" || true
  "$bin" check --color never --lang zh "$archive" > "$out/$name.zh.txt" || true
  n=$((n + 1))
done < <(find "$corpus" -name '*.tgz' | sort)
echo "corpus-reports: $n charts into $out"
