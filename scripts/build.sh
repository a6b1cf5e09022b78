#!/usr/bin/env bash
# Build the web page's wasm module into www/pkg/ (ecplint.js + ecplint_bg.wasm) and the sample archive.
#
#   scripts/build.sh                 # setup (no browser), cargo build, wasm-bindgen, wasm-opt, sample
#   ECPLINT_SKIP_SETUP=1 scripts/build.sh
#   WASM_OPT_LEVEL=-O3 scripts/build.sh   # default -Oz (smallest; see Cargo.toml [profile.wasm])
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "[build] $*"; }
die() { echo "[build] ERROR: $*" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"
t0=$SECONDS

if [[ -z "${ECPLINT_SKIP_SETUP:-}" ]]; then
  bash scripts/setup.sh
fi

# 1. The JS API crate (crates/ecplint-wasm, over the core) as wasm (profile: Cargo.toml [profile.wasm]).
say "cargo build --profile wasm --target wasm32-unknown-unknown -p ecplint-wasm"
cargo build --profile wasm --target wasm32-unknown-unknown -p ecplint-wasm
wasm=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/ecplint_wasm.wasm # cargo's output, wherever CARGO_TARGET_DIR puts it
[[ -f "$wasm" ]] || die "cargo did not produce $wasm"

# 2. JS bindings: an ES module for <script type="module"> and workers, no bundler.
say "wasm-bindgen --target web --out-dir www/pkg --out-name ecplint --no-typescript"
rm -rf target/pkg.tmp
mkdir -p target
wasm-bindgen --target web --out-dir target/pkg.tmp --out-name ecplint --no-typescript "$wasm"
# Lets node import www/pkg/ecplint.js as the ES module it is (tests); browsers ignore it.
echo '{ "type": "module" }' > target/pkg.tmp/package.json

# 3. Shrink with binaryen from npm (never Debian's binaryen 108: it emits broken modules).
# The features are Rust's defaults for wasm32-unknown-unknown; given explicitly so that a stripped
# target-features section cannot make wasm-opt reject bulk-memory instructions.
wasm_opt=node_modules/.bin/wasm-opt
[[ -x "$wasm_opt" ]] || die "$wasm_opt missing: run scripts/setup.sh (npm ci)"
level=${WASM_OPT_LEVEL:--Oz}
say "wasm-opt $level"
"$wasm_opt" "$level" \
  --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  target/pkg.tmp/ecplint_bg.wasm -o target/pkg.tmp/ecplint_bg.opt.wasm
mv target/pkg.tmp/ecplint_bg.opt.wasm target/pkg.tmp/ecplint_bg.wasm

# 4. A quick load check of the module (catches a broken optimizer before a browser ever sees it).
node --input-type=module -e "
  import { readFileSync } from 'node:fs';
  const m = await import('./target/pkg.tmp/ecplint.js');
  await m.default({ module_or_path: readFileSync('target/pkg.tmp/ecplint_bg.wasm') });
  const ws = new m.Workspace();
  ws.addArchive('x.tgz', new Uint8Array([1, 2, 3]));
  const r = ws.check();
  if (m.version() !== '$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)' || r.schema !== 1 || m.rules().length === 0)
    throw new Error('the built module does not work: ' + JSON.stringify(r).slice(0, 300));
" || die "the optimized module failed to load or run in node"

# The navigation preview's stylesheet, linked by the page's sandboxed preview frame (whose CSP
# forbids inline styles); the CLI inlines the same file.
cp src/navigation/preview.css www/preview.css

# The rules' documentation, which the wasm leaves out (size): rules.json (Markdown, beside the JS
# API, whose rules() has no docs) and rule-docs.json, the same rendered to HTML in both languages by
# pulldown-cmark (crates/rule-docs), which the page's docs dialog fetches when first opened.
cargo run --quiet --bin ecplint -- rules --format json > target/pkg.tmp/rules.json
cargo run --quiet -p rule-docs -- target/pkg.tmp/rules.json > target/pkg.tmp/rule-docs.json

# The rules site (www/rules/): a static page per rule in English and Chinese from the same docs,
# whose examples are live <ecplint-example>s (www/ecplint-example/) written over the good project.
say "rules site → www/rules/"
rm -rf target/rules.tmp
cargo run --quiet -p rule-docs -- site target/pkg.tmp/rules.json tests/fixtures/good-project target/rules.tmp \
  "$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)"

# The values.schema.json validator (HELM-005), a module of its own (~440 KB gzipped, over half the
# page's budget): the worker fetches it only when a dropped chart has a values.schema.json.
say "values.schema.json validator: crates/values-schema-wasm → www/pkg/values-schema/"
cargo build --profile wasm --target wasm32-unknown-unknown -p values-schema-wasm
wasm-bindgen --target web --out-dir target/pkg.tmp/values-schema --out-name values_schema --no-typescript \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/values_schema_wasm.wasm"
"$wasm_opt" "$level" \
  --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  target/pkg.tmp/values-schema/values_schema_bg.wasm -o target/pkg.tmp/values-schema/opt.wasm
mv target/pkg.tmp/values-schema/opt.wasm target/pkg.tmp/values-schema/values_schema_bg.wasm

# Download and Copy link (src/pack, src/share.rs), a module of its own (DEFLATE is ~9 KB gzipped,
# more than the page's budget had left): the worker fetches it on first use.
say "Download and Copy link: crates/ecplint-pack-wasm → www/pkg/pack/"
cargo build --profile wasm --target wasm32-unknown-unknown -p ecplint-pack-wasm
wasm-bindgen --target web --out-dir target/pkg.tmp/pack --out-name ecplint_pack --no-typescript \
  "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/ecplint_pack_wasm.wasm"
"$wasm_opt" "$level" \
  --enable-mutable-globals --enable-nontrapping-float-to-int --enable-bulk-memory \
  --enable-sign-ext --enable-reference-types --enable-multivalue \
  target/pkg.tmp/pack/ecplint_pack_bg.wasm -o target/pkg.tmp/pack/opt.wasm
mv target/pkg.tmp/pack/opt.wasm target/pkg.tmp/pack/ecplint_pack_bg.wasm

# The Kubernetes schemas K8S-001 reads, one file per version: the page's worker fetches the one
# it checks for, the first time (not part of the first download).
mkdir -p target/pkg.tmp/kube-schemas
cp src/render/kube_schemas/*.json target/pkg.tmp/kube-schemas/

rm -rf www/pkg
mv target/pkg.tmp www/pkg
rm -rf www/rules
mv target/rules.tmp www/rules

raw=$(stat -c %s www/pkg/ecplint_bg.wasm)
gz=$(gzip -9 -c www/pkg/ecplint_bg.wasm | wc -c)
say "www/pkg/ecplint_bg.wasm: $raw bytes ($((raw / 1024)) KiB), gzip -9: $gz bytes ($((gz / 1024)) KiB)"

# The page's whole download: what a visit fetches (wasm, JS, CSS, HTML), each file gzipped as a
# server would send it. Budget: 800 KB (issue 9); the build fails past it. The rules' docs
# (pkg/rule-docs.json) are fetched only when the rules dialog first opens: printed apart. The rules
# site (www/rules/) is pages of its own; <ecplint-example> (www/ecplint-example/) counts only if
# the page loads it.
budget=800000
gz_sum() { local n=0 f; for f in "$@"; do n=$((n + $(gzip -9 -c "$f" | wc -c))); done; echo "$n"; }
not_the_page=(-path www/rules -prune -o)
if ! grep -qs 'ecplint-example/' www/index.html www/*.js; then
  not_the_page+=(-path www/ecplint-example -prune -o)
fi
page_gz=0
while IFS= read -r -d '' f; do
  page_gz=$((page_gz + $(gzip -9 -c "$f" | wc -c)))
done < <(find www -maxdepth 2 "${not_the_page[@]}" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' \) -print0)
say "page download (wasm + JS + CSS + HTML, gzip -9 per file): $page_gz bytes ($((page_gz / 1024)) KiB; budget $budget bytes)"
say "<ecplint-example> (www/ecplint-example/*.js), loaded by docs pages with the wasm above: $(gz_sum www/ecplint-example/*.js) bytes gzipped"
say "rules site (www/rules/): $(find www/rules -name '*.html' | wc -l) pages; a rule page itself (HTML + CSS): $(gz_sum www/rules/en/CHART-005.html www/rules/rules.css) bytes gzipped"
say "rule docs (HTML, both languages), fetched when the rules dialog first opens: $(gzip -9 -c www/pkg/rule-docs.json | wc -c) bytes gzipped"
say "values.schema.json validator, fetched for a chart with a schema: $(cat www/pkg/values-schema/*.wasm www/pkg/values-schema/*.js | gzip -9 | wc -c) bytes gzipped"
say "Download and Copy link, fetched on first use: $(cat www/pkg/pack/*.wasm www/pkg/pack/*.js | gzip -9 | wc -c) bytes gzipped"
say "Kubernetes schemas, one fetched when a check first needs its version: $(for f in www/pkg/kube-schemas/*.json; do gzip -9 -c "$f" | wc -c; done | sort -n | sed -n '1p;$p' | paste -sd- -) bytes gzipped each"
(( page_gz <= budget )) || die "the page's download is $page_gz bytes gzipped, over the $budget-byte budget"

# 5. The npm package folder (target/npm/ecplint; `npm pack target/npm/ecplint` makes the tarball):
#    the module above with the package's own entries, types and README (npm/).
node scripts/npm-package.mjs www/pkg target/npm/ecplint || die "could not assemble the npm package"

# 6. The sample project the page offers, as an archive (reproducible: sorted, no owners, no times).
sample=tests/fixtures/sample/orbit-console-project
if [[ -d "$sample" ]]; then
  mkdir -p www/sample
  tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=ustar \
    -C tests/fixtures/sample -cf - orbit-console-project | gzip -9n > www/sample/orbit-console-project.tgz
  say "www/sample/orbit-console-project.tgz: $(stat -c %s www/sample/orbit-console-project.tgz) bytes"
else
  say "no $sample yet: skipping the sample archive"
fi

say "done in $((SECONDS - t0))s"
