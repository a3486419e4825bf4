#!/usr/bin/env bash
# Writes every report format for the seeds and the WMT23 batch into OUT_DIR,
# so two builds can be compared byte for byte (structural commits must not
# change a report):
#
#   scripts/report-snapshot.sh target/release/mtcheck /tmp/before
#   ... change, rebuild ...
#   scripts/report-snapshot.sh target/release/mtcheck /tmp/after
#   diff -r /tmp/before /tmp/after && echo identical
#
# WMT23 is read from ../shared/data/wmt23-zhen when it is there.
set -euo pipefail
bin=$(realpath "${1:?usage: report-snapshot.sh MTCHECK_BINARY OUT_DIR}")
out=${2:?usage: report-snapshot.sh MTCHECK_BINARY OUT_DIR}
root=$(cd "$(dirname "$0")/.." && pwd)
rm -rf "$out" && mkdir -p "$out"
out=$(realpath "$out")
cd "$root"
cand=seeds/xi-moscow-suspected-mt.txt
refr=seeds/xi-moscow-reference.txt
for fmt in text json csv html; do
    "$bin" check "$cand" --reference "$refr" --format "$fmt" --color never --output "$out/seeds.$fmt"
done
data=../shared/data/wmt23-zhen
if [ -f "$data/manifest.csv" ]; then
    (cd "$data" && "$bin" batch manifest.csv --quiet --output "$out/wmt23-report.csv" \
        --findings "$out/wmt23-findings.csv" --json "$out/wmt23.jsonl" --html-dir "$out/wmt23-html")
else
    echo "note: $data not found; seeds only" >&2
fi
echo "wrote $(find "$out" -type f | wc -l) files to $out"
