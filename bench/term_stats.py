#!/usr/bin/python3
"""What an index hands Xapian per document: terms, wdf and positions, by term prefix.

    bench/term_stats.py DB [DB ...] [--docs N]

Reads the first N documents (default 300) of each Xapian database (a newsidx
index, or xapian_baseline's) through the Python bindings (python3-xapian,
installed with the test tools) and prints per document: distinct terms, the
sum of their wdf, terms with positions, positions; then the terms and the
positions by prefix (the leading capitals: XB syllable bigrams, XN concepts,
Z stems of TermGenerator …). Used for the indexing profile in bench/RESULTS.md.
"""
import collections
import sys

import xapian


def prefix_of(term):
    out = ""
    for ch in term:
        if ch.isascii() and ch.isupper():
            out += ch
        else:
            break
    return out


def main(argv):
    docs = 300
    paths = []
    it = iter(argv)
    for a in it:
        if a == "--docs":
            docs = int(next(it))
        elif a.startswith("-"):
            sys.exit(__doc__)
        else:
            paths.append(a)
    if not paths:
        sys.exit(__doc__)
    for path in paths:
        db = xapian.Database(path)
        n = terms = wdf = posterms = positions = 0
        by_prefix = collections.Counter()
        pos_by_prefix = collections.Counter()
        for i, post in enumerate(db.postlist("")):
            if i >= docs:
                break
            n += 1
            for t in db.get_document(post.docid).termlist():
                p = prefix_of(t.term.decode("utf-8", "replace"))
                terms += 1
                wdf += t.wdf
                by_prefix[p] += 1
                c = sum(1 for _ in db.positionlist(post.docid, t.term))
                if c:
                    posterms += 1
                    positions += c
                    pos_by_prefix[p] += c
        if n == 0:
            print(f"{path}: no documents")
            continue
        print(f"{path}: {n} documents; per document {terms / n:.1f} terms, wdf {wdf / n:.1f}, "
              f"{posterms / n:.1f} terms with positions, {positions / n:.1f} positions")
        print("  terms by prefix:    ", ", ".join(f"{k or '(none)'} {v / n:.1f}" for k, v in by_prefix.most_common(16)))
        print("  positions by prefix:", ", ".join(f"{k or '(none)'} {v / n:.1f}" for k, v in pos_by_prefix.most_common(8)))


if __name__ == "__main__":
    main(sys.argv[1:])
