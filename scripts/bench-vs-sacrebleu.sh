#!/usr/bin/env bash
# Times `mtcheck batch` (every check on) against sacrebleu's chrF alone over the
# same N article pairs, in one run on one machine, and prints the ratio.
#
#   scripts/bench-vs-sacrebleu.sh [--rows N] [--jobs J] [--data DIR] [--bin PATH]
#                                 [--rounds R] [--keep DIR] [--skip-build]
#
#   --rows N     article pairs (default 3250): the WMT23 manifest's rows
#                repeated until there are N, each with a unique id
#   --jobs J     passed to `mtcheck batch --jobs` (default: all cores)
#   --data DIR   folder with manifest.csv and articles/ (default
#                ../shared/data/wmt23-zhen next to this repository)
#   --bin PATH   mtcheck binary (default: target/dist/mtcheck, built first)
#   --rounds R   timed rounds, each mtcheck then sacrebleu (default 3); the
#                figures are the medians
#   --keep DIR   keep the manifest and reports in DIR instead of a temp folder
#   --skip-build do not run `cargo build --profile dist`
#
# The dist profile (Cargo.toml) is release with fat LTO and one codegen unit:
# the build benchmark figures are taken with (docs/PERFORMANCE.md).
# Needs Python 3 with sacrebleu (pip install sacrebleu==2.6.0). The bar:
# mtcheck, doing all checks, at least 8x faster than sacrebleu's chrF alone.
# See docs/PERFORMANCE.md, "Against sacrebleu".
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
rows=3250
rounds=3
jobs=""
data="$repo/../shared/data/wmt23-zhen"
bin=""
keep=""
build=1

while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --jobs) jobs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --data) data="$2"; shift 2 ;;
    --bin) bin="$2"; shift 2 ;;
    --keep) keep="$2"; shift 2 ;;
    --skip-build) build=0; shift ;;
    -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-vs-sacrebleu: unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

case "$rounds" in ''|*[!0-9]*|0) echo "bench-vs-sacrebleu: --rounds must be a positive integer" >&2; exit 2 ;; esac
case "$rows" in ''|*[!0-9]*|0) echo "bench-vs-sacrebleu: --rows must be a positive integer" >&2; exit 2 ;; esac
if [ -n "$jobs" ]; then
  case "$jobs" in *[!0-9]*|0) echo "bench-vs-sacrebleu: --jobs must be a positive integer" >&2; exit 2 ;; esac
fi
if [ ! -f "$data/manifest.csv" ] || [ ! -d "$data/articles" ]; then
  echo "bench-vs-sacrebleu: no manifest.csv and articles/ in $data (use --data)" >&2
  exit 2
fi
data="$(cd "$data" && pwd)"
python="${PYTHON:-python3}"
if ! "$python" -c 'import sacrebleu' 2>/dev/null; then
  echo "bench-vs-sacrebleu: $python cannot import sacrebleu; run: pip install sacrebleu==2.6.0" >&2
  exit 2
fi

if [ -z "$bin" ]; then
  bin="$repo/target/dist/mtcheck"
  if [ "$build" = 1 ]; then
    echo "building the dist binary (release + fat LTO)..." >&2
    cargo build --profile dist --quiet --manifest-path "$repo/Cargo.toml" --bin mtcheck
  fi
fi
if [ ! -x "$bin" ]; then
  echo "bench-vs-sacrebleu: no mtcheck binary at $bin" >&2
  exit 2
fi

if [ -n "$keep" ]; then
  work="$keep"; mkdir -p "$work"
else
  work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fi

# The manifest, repeated to N rows with unique ids; paths stay relative to the
# manifest's folder through a link to the articles.
ln -sfn "$data/articles" "$work/articles"
"$python" - "$data/manifest.csv" "$work/manifest.csv" "$rows" <<'PY'
import csv, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
with open(src, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
with open(dst, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f)
    w.writerow(["id", "candidate", "reference"])
    for i in range(n):
        r = rows[i % len(rows)]
        w.writerow([f"{r['id']}#{i // len(rows)}", r["candidate"], r["reference"]])
PY

cpu="$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //' || true)"
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(uname -sr)"
echo "mtcheck: $("$bin" --version 2>/dev/null || echo '?'), binary $bin"
echo "pairs: $rows (from $(($(wc -l < "$data/manifest.csv") - 1)) WMT23 article pairs)"

if ! "$bin" batch --help >/dev/null 2>&1; then
  echo "bench-vs-sacrebleu: $bin has no 'batch' subcommand" >&2
  exit 2
fi

# One round: mtcheck batch, then sacrebleu, each timed on its own. Rounds
# alternate the two so a slow spell of the machine falls on both; the
# figures are the medians, and the spread of the rounds' ratios is printed.
args=(batch "$work/manifest.csv" --output "$work/report.csv" --quiet)
[ -n "$jobs" ] && args+=(--jobs "$jobs")
TIMEFORMAT='%3R %3U %3S'
mt_walls=(); mt_cpus=(); sb_walls=(); sb_cpus=()
for round in $(seq 1 "$rounds"); do
  set +e
  { time "$bin" "${args[@]}" 2>"$work/mtcheck.stderr"; } 2>"$work/mtcheck.time"
  code=$?
  set -e
  # 0 ok, 1 below --fail-below, 3 some rows failed: all timed runs.
  if [ "$code" -gt 1 ] && [ "$code" -ne 3 ]; then
    echo "bench-vs-sacrebleu: mtcheck batch failed with exit $code:" >&2
    cat "$work/mtcheck.stderr" >&2
    exit 1
  fi
  if [ "$code" -eq 3 ]; then echo "warning: mtcheck batch exited 3 (some rows failed); see $work/report.csv" >&2; fi
  read -r mt_seconds mt_user mt_sys < "$work/mtcheck.time"
  mt_walls+=("$mt_seconds")
  mt_cpu="$("$python" -c "print(f'{$mt_user + $mt_sys:.3f}')")"
  mt_cpus+=("$mt_cpu")
  compare=()
  [ "$round" = 1 ] && compare=(--compare "$work/report.csv")
  # ${a[@]+...}: an empty array is "unbound" to `set -u` before bash 4.4.
  sb="$("$python" "$here/bench_sacrebleu.py" "$work/manifest.csv" ${compare[@]+"${compare[@]}"})"
  if [ "$round" = 1 ]; then
    echo "$sb" | grep -v -e '^sacrebleu_seconds=' -e '^sacrebleu_cpu_seconds=' \
      -e '^sacrebleu_pairs_per_s=' -e '^sacrebleu_candidate_mb_per_s=' || true
  fi
  sb_seconds="$(echo "$sb" | sed -n 's/^sacrebleu_seconds=//p')"
  sb_cpu="$(echo "$sb" | sed -n 's/^sacrebleu_cpu_seconds=//p')"
  sb_walls+=("$sb_seconds")
  sb_cpus+=("$sb_cpu")
  echo "round $round: mtcheck $mt_seconds s (CPU $mt_cpu s), sacrebleu $sb_seconds s (CPU $sb_cpu s)"
done

"$python" - "$rows" "${jobs:-all}" "${mt_walls[*]}" "${mt_cpus[*]}" "${sb_walls[*]}" "${sb_cpus[*]}" <<'PY'
import statistics as st, sys
rows, jobs = int(sys.argv[1]), sys.argv[2]
mt_w, mt_c, sb_w, sb_c = ([float(x) for x in a.split()] for a in sys.argv[3:7])
med = st.median
print(f"rounds={len(mt_w)}")
print(f"mtcheck_jobs={jobs}")
print(f"mtcheck_seconds={med(mt_w):.3f}")
print(f"mtcheck_cpu_seconds={med(mt_c):.3f}")
print(f"mtcheck_pairs_per_s={rows / med(mt_w):.1f}")
print(f"sacrebleu_seconds={med(sb_w):.3f}")
print(f"sacrebleu_cpu_seconds={med(sb_c):.3f}")
print(f"sacrebleu_pairs_per_s={rows / med(sb_w):.1f}")
per_round = [s / max(m, 0.001) for s, m in zip(sb_w, mt_w)]
print(f"speedup={med(sb_w) / med(mt_w):.1f}x wall (median of each; rounds {min(per_round):.1f}-{max(per_round):.1f}x; "
      f"sacrebleu chrF alone, 1 core / mtcheck batch, every check, jobs {jobs}; bar >= 8x)")
print(f"speedup_cpu={med(sb_c) / max(med(mt_c), 0.001):.1f}x CPU time (same work per CPU second; compare on a loaded machine)")
PY
