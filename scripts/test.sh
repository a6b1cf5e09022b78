#!/usr/bin/env bash
# Run every test: native cargo tests, the wasm tests in node, the built JS API, the npm package,
# the e2e page tests.
# Expects `scripts/setup.sh --browser` and `scripts/build.sh` to have run (`npm test` does both).
#
#   scripts/test.sh                   # everything
#   ECPLINT_TESTS="native wasm" scripts/test.sh   # a subset of: native wasm api npm e2e
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

want=" ${ECPLINT_TESTS:-native wasm api npm e2e} "
timings=()
t_all=$SECONDS

step() { # step NAME COMMAND...
  local name=$1 t=$SECONDS
  shift
  echo
  echo "=== [test] $name: $*"
  if ! "$@"; then
    echo "=== [test] FAILED: $name ($((SECONDS - t))s). Command: $*" >&2
    exit 1
  fi
  timings+=("$(printf '%-28s %4ss' "$name" $((SECONDS - t)))")
}

need() { command -v "$1" >/dev/null || { echo "[test] ERROR: $1 not found: $2" >&2; exit 1; }; }

# 1. Native: formatting; unit tests, rule doc examples, integration tests, doc tests of the core
#    and of the template engine (crates/gotmpl; a plain `cargo test` runs the root package only),
#    and of the crates beside them (the docs' HTML: crates/rule-docs).
if [[ $want == *" native "* ]]; then
  step "cargo fmt --check" cargo fmt --all --check
  step "cargo test (native)" cargo test -p ecplint -p gotmpl -p rule-docs -p slim-sort -p values-schema
fi

# 2. wasm: the JS API crates' tests (crates/ecplint-wasm/tests/*.rs, and the Download / Copy link
#    module's, crates/ecplint-pack-wasm/tests/*.rs) with wasm-bindgen-test, in node.
if [[ $want == *" wasm "* ]]; then
  need wasm-bindgen-test-runner "run scripts/setup.sh"
  for crate in ecplint-wasm ecplint-pack-wasm; do
    for f in crates/$crate/tests/*.rs; do
      [[ -e "$f" ]] || continue
      name=$(basename "$f" .rs)
      step "wasm tests ($crate $name, node)" env CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test -p "$crate" --target wasm32-unknown-unknown --test "$name"
    done
  done
fi

# 3. The built JS API (www/pkg) through its generated glue.
if [[ $want == *" api "* ]]; then
  [[ -f www/pkg/ecplint.js && -f www/pkg/ecplint_bg.wasm ]] || {
    echo "[test] ERROR: www/pkg is not built: run scripts/build.sh (or npm run build)" >&2
    exit 1
  }
  step "JS API (www/pkg, node)" node --test scripts/api-check.mjs
fi

# 4. The npm package (target/npm/ecplint): packed, installed into a temporary project, used from
#    Node and from a page in headless Chromium; its declarations type-checked (tsc --strict) and
#    held against real reports (tests/npm/).
if [[ $want == *" npm "* ]]; then
  [[ -f target/npm/ecplint/package.json ]] || {
    echo "[test] ERROR: target/npm/ecplint is not built: run scripts/build.sh (or npm run build)" >&2
    exit 1
  }
  need chromium "run scripts/setup.sh --browser"
  [[ -d node_modules/typescript && -d node_modules/playwright-core ]] || { echo "[test] ERROR: typescript or playwright-core missing: run scripts/setup.sh" >&2; exit 1; }
  step "npm package (tests/npm)" node --test tests/npm/
fi

# 5. End-to-end tests of the page in Debian's headless Chromium (Playwright), when present.
e2e_count() {
  find tests/e2e -type f \( -name '*.test.mjs' -o -name '*.test.js' -o -name '*.test.cjs' \
    -o -name '*-test.mjs' -o -name '*_test.mjs' -o -name 'test-*.mjs' \) 2>/dev/null | wc -l
}
if [[ $want == *" e2e "* ]]; then
  if [[ -d tests/e2e ]] && find tests/e2e -type f -name '*.*js' | grep -q .; then
    need chromium "run scripts/setup.sh --browser"
    [[ -d node_modules/playwright-core ]] || { echo "[test] ERROR: playwright-core missing: run scripts/setup.sh" >&2; exit 1; }
    if (( $(e2e_count) == 0 )); then
      echo "[test] ERROR: tests/e2e has scripts but none that node --test runs (name them *.test.mjs)" >&2
      exit 1
    fi
    step "e2e (Playwright, chromium)" node --test tests/e2e/
  else
    echo
    echo "=== [test] no tests/e2e/*.test.mjs yet: skipping the e2e tests"
  fi
fi

echo
echo "=== [test] all passed in $((SECONDS - t_all))s"
for t in "${timings[@]}"; do echo "    $t"; done
