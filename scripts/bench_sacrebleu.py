#!/usr/bin/env python3
"""The sacrebleu half of scripts/bench-vs-sacrebleu.sh.

Reads a batch manifest (header with `candidate,reference`, paths relative to
the manifest's folder), joins each article's non-blank lines with single
spaces (the document-level form mtcheck's metrics use), and times sacrebleu's
chrF (default settings) over every pair, one pair at a time, on one core.
File reading and joining are inside the timed region, as they are for
`mtcheck batch`. Prints one `key=value` line per figure.

With --compare REPORT.csv it also compares the `chrf` column of an mtcheck
batch report with sacrebleu's scores for the same rows.
"""
import argparse
import csv
import os
import sys
import time


def load_rows(manifest):
    base = os.path.dirname(os.path.abspath(manifest))
    with open(manifest, newline="", encoding="utf-8") as f:
        return [
            (row.get("id", ""), os.path.join(base, row["candidate"]), os.path.join(base, row["reference"]))
            for row in csv.DictReader(f)
        ]


def joined(path):
    with open(path, encoding="utf-8-sig") as f:
        lines = [line.rstrip("\r\n") for line in f]
    return " ".join(line for line in lines if line.strip())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("manifest")
    ap.add_argument("--compare", metavar="REPORT_CSV")
    args = ap.parse_args()

    import sacrebleu
    from sacrebleu.metrics import CHRF

    rows = load_rows(args.manifest)
    chrf = CHRF()
    scores = {}
    total_bytes = 0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for row_id, cand_path, ref_path in rows:
        cand, ref = joined(cand_path), joined(ref_path)
        total_bytes += len(cand.encode("utf-8"))
        scores[row_id] = chrf.sentence_score(cand, [ref]).score
    seconds = time.perf_counter() - start
    cpu_seconds = time.process_time() - cpu_start
    print(f"sacrebleu_version={sacrebleu.__version__}")
    print(f"python={sys.version.split()[0]}")
    print(f"sacrebleu_rows={len(rows)}")
    print(f"sacrebleu_seconds={seconds:.3f}")
    print(f"sacrebleu_cpu_seconds={cpu_seconds:.3f}")
    print(f"sacrebleu_pairs_per_s={len(rows) / seconds:.1f}")
    print(f"sacrebleu_candidate_mb_per_s={total_bytes / seconds / 1e6:.2f}")

    if args.compare:
        worst, compared = 0.0, 0
        # utf-8-sig: batch reports start with a byte-order mark by default.
        with open(args.compare, newline="", encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                if row.get("status", "ok") != "ok" or row.get("id") not in scores:
                    continue
                try:
                    ours = float(row["chrf"])
                except (KeyError, ValueError):
                    continue
                compared += 1
                worst = max(worst, abs(ours - scores[row["id"]]))
        print(f"chrf_rows_compared={compared}")
        print(f"chrf_max_abs_diff={worst:.4f}")
        if compared == 0:
            print(f"bench_sacrebleu: no row of {args.compare} matched the manifest's ids", file=sys.stderr)
            sys.exit(1)


if __name__ == "__main__":
    main()
