#!/usr/bin/env bash
# Coverage-guided fuzzing with AFL++ (cargo-afl) on the stable toolchain: see fuzz/README.md.
#
#   scripts/fuzz.sh TARGET SECONDS     one target (archive yaml mako config navigation check template share)
#   scripts/fuzz.sh all SECONDS        every target in turn, SECONDS each
#   scripts/fuzz.sh stats [TARGET]     the table of what the saved runs did, without running
#
# Installs cargo-afl (and builds AFL++) when missing, builds the targets, makes the seed corpus
# (scripts/fuzz-seeds.py) when fuzz/seeds/ is absent, and runs afl-fuzz under `nice -n 10` with
# a hang timeout of 1 s (-t 1000) and a memory limit of 512 MiB (-m 512). A run resumes from
# fuzz/out/TARGET (the queue it saved: the corpus) when that exists, so runs add up; findings
# are in fuzz/out/TARGET/default/{crashes,hangs}/. Reproduce one with
#   fuzz/target/plain/release/replay TARGET FILE   (plain build, prints the time; panics show a trace)
# Env: ECPLINT_FUZZ_TARGET_DIR (default fuzz/target), ECPLINT_FUZZ_NICE (default 10),
#      ECPLINT_CORPUS (for the seeds, default ../shared/corpus).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
FUZZ=$ROOT/fuzz
TARGETS=(archive yaml mako config navigation check template share)
AFL_VERSION=0.18.2
export CARGO_TARGET_DIR=${ECPLINT_FUZZ_TARGET_DIR:-$FUZZ/target}
NICE=${ECPLINT_FUZZ_NICE:-10}

usage() {
  echo "usage: $0 TARGET|all SECONDS | $0 stats [TARGET]   (targets: ${TARGETS[*]})" >&2
  exit 2
}

# One line per target from afl-fuzz's fuzzer_stats (cumulative over resumed runs).
stats() {
  printf '%-11s %12s %8s %9s %8s %7s %8s %7s %6s\n' target executions exec/s run_time edges bitmap corpus crashes hangs
  for t in "$@"; do
    local f=$FUZZ/out/$t/default/fuzzer_stats
    if [[ ! -f $f ]]; then
      printf '%-11s %12s\n' "$t" "(no run)"
      continue
    fi
    local -A s=()
    while IFS=':' read -r k v; do
      k=${k//[[:space:]]/}
      v=${v#"${v%%[![:space:]]*}"}
      s[$k]=$v
    done <"$f"
    local run=${s[run_time]:-0} execs=${s[execs_done]:-0}
    local rate=0
    if ((run > 0)); then rate=$((execs / run)); fi
    printf '%-11s %12s %8s %8ss %8s %7s %8s %7s %6s\n' "$t" "$execs" "$rate" "$run" \
      "${s[edges_found]:-?}/${s[total_edges]:-?}" "${s[bitmap_cvg]:-?}" "${s[corpus_count]:-?}" \
      "${s[saved_crashes]:-?}" "${s[saved_hangs]:-?}"
  done
}

[[ $# -ge 1 ]] || usage
if [[ $1 == stats ]]; then
  if [[ $# -ge 2 ]]; then stats "$2"; else stats "${TARGETS[@]}"; fi
  exit 0
fi
[[ $# -eq 2 && $2 =~ ^[0-9]+$ ]] || usage
if [[ $1 == all ]]; then
  selected=("${TARGETS[@]}")
else
  [[ " ${TARGETS[*]} " == *" $1 "* ]] || usage
  selected=("$1")
fi
seconds=$2

# cargo-afl, and AFL++ built for this rustc (it says "already built" when it is).
if ! cargo afl --version >/dev/null 2>&1; then
  echo "== installing cargo-afl $AFL_VERSION (a few minutes)"
  cargo install cargo-afl --version "$AFL_VERSION"
fi
if ! out=$(cargo afl config --build 2>&1) && ! grep -q "already built" <<<"$out"; then
  echo "$out" >&2
  echo "cargo afl config --build failed" >&2
  exit 1
fi

echo "== building the targets (cargo afl build --release, $CARGO_TARGET_DIR)"
(cd "$FUZZ" && nice -n "$NICE" cargo afl build --release --features afl --bins)
(cd "$FUZZ" && nice -n "$NICE" cargo build --release --bin replay --target-dir "$CARGO_TARGET_DIR/plain")

if [[ ! -d $FUZZ/seeds ]]; then
  echo "== making the seed corpus (scripts/fuzz-seeds.py)"
  python3 "$ROOT/scripts/fuzz-seeds.py"
fi

# afl-fuzz on a shared machine: no CPU binding, no UI, no core-pattern or governor checks.
export AFL_NO_AFFINITY=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_AUTORESUME=1 AFL_NO_FASTRESUME=1  # fast resume trips over a queue we added seeds to

for t in "${selected[@]}"; do
  out=$FUZZ/out/$t
  mkdir -p "$out"
  dict=()
  if [[ -f $FUZZ/dict/$t.dict ]]; then dict=(-x "$FUZZ/dict/$t.dict"); fi
  # A resumed run reads its old queue again and ignores -i: seeds made since the last run are put
  # into that queue, named as AFL++ names its entries (`id:…`; it renumbers them on resume and
  # cleans up only such names).
  if [[ -d $out/default/queue ]]; then
    n=0
    for f in "$FUZZ/seeds/$t"/*; do
      if [[ ! -e $out/seeds-added || $f -nt $out/seeds-added ]]; then
        n=$((n + 1))
        cp "$f" "$out/default/queue/id:9$(printf %05d $n),orig:seed-$(basename "$f")"
      fi
    done
    touch "$out/seeds-added"
  fi
  echo "== fuzzing $t for ${seconds}s (resumes from $out when it holds a run)"
  nice -n "$NICE" cargo afl fuzz -i "$FUZZ/seeds/$t" -o "$out" -t 1000 -m 512 -V "$seconds" \
    "${dict[@]}" -- "$CARGO_TARGET_DIR/release/$t" 2>&1 | tail -n 400 >"$out/afl.log" || {
    echo "afl-fuzz failed for $t; the end of $out/afl.log:" >&2
    tail -20 "$out/afl.log" >&2
    exit 1
  }
done

echo "== totals (all runs so far)"
stats "${selected[@]}"
# Findings of this run and of earlier ones (a resumed run renames them to crashes.DATE, hangs.DATE).
for t in "${selected[@]}"; do
  for d in "$FUZZ/out/$t/default"/{crashes,hangs}*; do
    if compgen -G "$d/id:*" >/dev/null; then
      echo "$t: $(ls "$d" | grep -c '^id:') in $d"
    fi
  done
done
echo "replay one: $CARGO_TARGET_DIR/plain/release/replay TARGET FILE (a plain build; a panic shows where)"
