#!/usr/bin/env python3
"""Scores random WMT23 line pairs with the sacrebleu package, for comparison
with mtcheck's own implementation (tests/metrics.rs runs this under
`cargo test`; it can also be run by hand).

usage: compare-sacrebleu.py SEGMENTS_TSV [--n 1000] [--seed 2023]

SEGMENTS_TSV is wmt23-zhen/segments.tsv (tab-separated, no quoting; the
`target` and `reference` columns are compared). Prints one JSON object:
  {"sacrebleu_version", "seed", "pairs": [{"hyp", "ref", "chrf", "chrf++",
   "bleu"}...], "corpus": {...}, "document": {...}}
where pairs are sentence-level scores (chrF2, chrF2++, BLEU with effective
order), corpus the corpus-level scores of all pairs (BLEU without effective
order), and document the scores of all hypotheses joined with single spaces
against all references joined the same way (one segment each).
Exits 3 with a message on stderr when sacrebleu cannot be imported.
"""

import argparse
import json
import random
import sys


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("segments")
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()

    try:
        import sacrebleu
        from sacrebleu.metrics import BLEU, CHRF
    except ImportError:
        print("sacrebleu not installed", file=sys.stderr)
        return 3

    with open(args.segments, encoding="utf-8", newline="\n") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    target, reference = header.index("target"), header.index("reference")
    rows = [line.split("\t") for line in lines[1:] if line]
    pairs = [(row[target], row[reference]) for row in rows]
    sample = random.Random(args.seed).sample(pairs, min(args.n, len(pairs)))

    chrf, chrfpp = CHRF(), CHRF(word_order=2)
    sentence_bleu = BLEU(effective_order=True)
    out = {
        "sacrebleu_version": sacrebleu.__version__,
        "seed": args.seed,
        "pairs": [
            {
                "hyp": hyp,
                "ref": ref,
                "chrf": chrf.sentence_score(hyp, [ref]).score,
                "chrf++": chrfpp.sentence_score(hyp, [ref]).score,
                "bleu": sentence_bleu.sentence_score(hyp, [ref]).score,
            }
            for hyp, ref in sample
        ],
    }
    hyps = [h for h, _ in sample]
    refs = [r for _, r in sample]
    out["corpus"] = {
        "chrf": CHRF().corpus_score(hyps, [refs]).score,
        "chrf++": CHRF(word_order=2).corpus_score(hyps, [refs]).score,
        "bleu": BLEU().corpus_score(hyps, [refs]).score,
    }
    hyp_doc, ref_doc = " ".join(hyps), " ".join(refs)
    out["document"] = {
        "chrf": sacrebleu.sentence_chrf(hyp_doc, [ref_doc]).score,
        "chrf++": CHRF(word_order=2).sentence_score(hyp_doc, [ref_doc]).score,
        "bleu": sacrebleu.corpus_bleu([hyp_doc], [[ref_doc]]).score,
    }
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
