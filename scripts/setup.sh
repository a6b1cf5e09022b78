#!/usr/bin/env bash
# Install what building and testing ecplint needs, and only what is missing (safe to run again).
#
#   scripts/setup.sh            # wasm target, wasm-bindgen-cli (= the crate's version), npm devDependencies
#   scripts/setup.sh --browser  # ... and Debian's chromium + chromium-driver (for the e2e and browser tests)
#
# No tool is ever allowed to download a browser of its own.
set -euo pipefail
cd "$(dirname "$0")/.."

browser=0
for arg in "$@"; do
  case "$arg" in
    --browser) browser=1 ;;
    -h | --help) sed -n '2,8p' "$0"; exit 0 ;;
    *) echo "setup.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

say() { echo "[setup] $*"; }
t0=$SECONDS
die() { echo "[setup] ERROR: $*" >&2; exit 1; }

export PATH="$HOME/.cargo/bin:$PATH"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1

command -v cargo >/dev/null || die "cargo not found: install Rust with rustup (https://rustup.rs)"
command -v node >/dev/null || die "node not found: install Node.js 20 or newer"
command -v npm >/dev/null || die "npm not found: install Node.js 20 or newer (it brings npm)"

# 1. The wasm target.
if command -v rustup >/dev/null; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
  # rustfmt: the tests check the formatting (a minimal rustup profile leaves it out).
  if ! cargo fmt --version >/dev/null 2>&1; then
    say "adding the Rust component rustfmt"
    rustup component add rustfmt
  fi
elif ! rustc --print target-libdir --target wasm32-unknown-unknown >/dev/null 2>&1; then
  die "no rustup, and the wasm32-unknown-unknown target is missing"
fi

# 2. wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock.
[[ -f Cargo.lock ]] || cargo generate-lockfile
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
[[ -n "$want" ]] || die "no wasm-bindgen crate in Cargo.lock"
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
have_runner=$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}' || true)
if [[ "$have" != "$want" || "$have_runner" != "$want" ]]; then
  say "installing wasm-bindgen-cli $want (found: ${have:-none}); a cold build takes 5-13 minutes"
  # Not --locked: the crates index here lacks one of its pinned transitive versions.
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 3. npm devDependencies (binaryen's wasm-opt, playwright-core, axe-core for the e2e accessibility
#    scan, typescript and @types/node for the npm package's declarations) as package-lock.json pins them.
npm_ok() {
  [[ -x node_modules/.bin/wasm-opt && -d node_modules/playwright-core && -d node_modules/axe-core && -d node_modules/typescript && -d node_modules/@types/node ]] || return 1
  [[ -f node_modules/.package-lock.json ]] || return 1
  [[ ! -f package-lock.json || node_modules/.package-lock.json -nt package-lock.json ]] || return 1
  [[ node_modules/.package-lock.json -nt package.json ]]
}
if ! npm_ok; then
  if [[ -f package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  else
    say "npm install"
    npm install --no-audit --no-fund
  fi
fi

# 4. Debian's Chromium and ChromeDriver.
if (( browser )); then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    command -v apt-get >/dev/null || die "chromium/chromedriver missing and no apt-get: install Chromium and a matching ChromeDriver"
    sudo=()
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || die "installing chromium needs root (no sudo found)"
      sudo=(sudo)
    fi
    say "installing Debian's chromium and chromium-driver"
    export DEBIAN_FRONTEND=noninteractive
    if ! "${sudo[@]}" apt-get install -y chromium chromium-driver; then
      say "apt-get install failed; running apt-get update and trying again"
      "${sudo[@]}" apt-get update
      "${sudo[@]}" apt-get install -y chromium chromium-driver
    fi
  fi
  command -v chromium >/dev/null && command -v chromedriver >/dev/null || die "chromium/chromedriver still missing"
fi

say "ok in $((SECONDS - t0))s (wasm-bindgen $want, node $(node --version)$( ((browser)) && echo ", $(chromium --version 2>/dev/null | head -1)"))"
