"""Compares newsidx's heading anchors with kramdown's, file by file.

Usage: heading_ids.py OURS KRAMDOWN MIN_SHARE
OURS and KRAMDOWN hold lines FILE<TAB>ID. The two parsers may disagree on
what is a heading (md4c follows CommonMark, kramdown its own rules), so
each file's two lists are aligned (longest common subsequence) and an id
counts as matched when it is in the alignment. Prints the figures; exits 1
when the share of kramdown's ids that newsidx gives identically is below
MIN_SHARE, listing the first differences.
"""
import sys
from collections import defaultdict


def read(path):
    out = defaultdict(list)
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, _, ident = line.rstrip("\n").partition("\t")
            out[name].append(ident)
    return out


def lcs(a, b):
    n, m = len(a), len(b)
    t = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            t[i][j] = t[i + 1][j + 1] + 1 if a[i] == b[j] else max(t[i + 1][j], t[i][j + 1])
    return t[0][0]


ours, theirs, min_share = read(sys.argv[1]), read(sys.argv[2]), float(sys.argv[3])
total = matched = 0
diffs = []
for name in sorted(set(ours) | set(theirs)):
    a, b = ours.get(name, []), theirs.get(name, [])
    same = lcs(a, b)
    total += len(b)
    matched += same
    if same < len(b) and len(diffs) < 10:
        extra = [x for x in b if x not in a][:3]
        diffs.append(f"{name}: kramdown {len(b)}, newsidx {len(a)}, same {same}; kramdown only: {extra}")
share = matched / total if total else 1.0
print(f"headings: kramdown {total}, identical anchors {matched} ({share:.4f})")
for d in diffs:
    print("  " + d)
sys.exit(0 if share >= min_share else 1)
