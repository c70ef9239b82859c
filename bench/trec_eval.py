#!/usr/bin/env python3
"""Scores a TREC run against qrels: nDCG@10, MRR@10, Recall@10, Recall@100.

usage: trec_eval.py QRELS RUN [--json]
QRELS lines: qid 0 docid grade (grade > 0 is relevant; graded gains for nDCG).
RUN lines:   qid Q0 docid rank score tag (percent-encoded docids are decoded).
Queries in QRELS with no relevant document are ignored; a query with
relevant documents but no line in RUN scores 0.
"""
import json
import math
import sys
from collections import defaultdict
from urllib.parse import unquote


def load_qrels(path):
    rel = defaultdict(dict)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 4 and int(p[3]) > 0:
                rel[p[0]][p[2]] = int(p[3])
    return rel


def load_run(path):
    run = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            p = line.split()
            if len(p) >= 6:
                run[p[0]].append((int(p[3]), unquote(p[2])))
    return {q: [d for _, d in sorted(v)] for q, v in run.items()}


def score(rel, run):
    totals = defaultdict(float)
    for q, judged in rel.items():
        docs = run.get(q, [])
        dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(docs[:10]))
        ideal = sorted(judged.values(), reverse=True)[:10]
        idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
        totals["ndcg@10"] += dcg / idcg if idcg else 0
        rr = next((1 / (i + 1) for i, d in enumerate(docs[:10]) if d in judged), 0)
        totals["mrr@10"] += rr
        totals["recall@10"] += len(set(docs[:10]) & judged.keys()) / len(judged)
        totals["recall@100"] += len(set(docs[:100]) & judged.keys()) / len(judged)
    n = len(rel)
    return {k: v / n for k, v in totals.items()} | {"queries": n}


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    s = score(load_qrels(sys.argv[1]), load_run(sys.argv[2]))
    if "--json" in sys.argv:
        print(json.dumps(s))
    else:
        print(" ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}" for k, v in s.items()))


if __name__ == "__main__":
    main()
