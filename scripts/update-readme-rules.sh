#!/usr/bin/env bash
# Regenerate the rule table of README.md (between <!-- rules:start --> and <!-- rules:end -->)
# from the rule catalog in the code: `ecplint rules --format markdown`.
set -euo pipefail
cd "$(dirname "$0")/.."
table="$(mktemp)"
trap 'rm -f "$table" "$table.readme"' EXIT
cargo run --quiet --bin ecplint -- rules --format markdown > "$table"
grep -q '^<!-- rules:start -->$' README.md && grep -q '^<!-- rules:end -->$' README.md || {
  echo "README.md lacks the <!-- rules:start --> / <!-- rules:end --> markers" >&2
  exit 1
}
awk -v table="$table" '
  /^<!-- rules:start -->$/ { print; while ((getline line < table) > 0) print line; skip = 1; next }
  /^<!-- rules:end -->$/   { skip = 0 }
  !skip                    { print }
' README.md > "$table.readme"
if cmp -s "$table.readme" README.md; then
  echo "README.md rule table is up to date"
else
  cp "$table.readme" README.md
  echo "README.md rule table updated"
fi
