#!/usr/bin/env python3
"""The precision suite of issue 17 (tests/cli/precision_corpora.sh runs it).

For every row of tests/data/precision_words.tsv: the true posts are the
indexed posts whose visible text matches the row's regex (Python re,
case-insensitive) outside any match of its exclude regex; the engine's
answer is `newsq --json -n 10 --exact-total QUERY`. A row passes when every
hit of the top 10 is a true post and |total - true count| <= 10 % of the
true count. `status` says what today's engine must do: `pass` rows must
pass, `open` rows must fail (known failures of issue 17; one that passes is
reported so that its status is flipped to `pass`).

Usage: precision_corpora.py NEWSQ DB TSV DOCUMENTS PATH... (folders walked
as `newsidx add` walks them, files taken as given). DOCUMENTS is the
index's document count, which the walk must reproduce. Standard library only.
Environment: PRECISION_ROWS, a Python regex: only the rows whose query it
finds (default: all rows). PRECISION_VERBOSE=1: the false hits' titles.
"""
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n", re.S)
KEY = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(.*)$")
# The front-matter fields newsidx analyzes as text (indexer/document.cpp:
# title, tags, categories, the excerpt or description). The author is a
# filter only, and the file name is not text.
TEXT_KEYS = {"title", "tags", "tag", "categories", "category", "excerpt", "description"}
# What a reader does not see: link targets, bare URLs (the analyzer keeps a
# domain as one token: news.google.com is not the word google), HTML tags
# and their attributes, a code fence's language. The rest of a code
# block is text: newsidx indexes it, and a reader sees it.
URL = re.compile(r"(?:https?://|www\.)[^\s)\]>\"'<]+", re.I)
LINK_TARGET = re.compile(r"\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")
# The info string of a code fence (```python) is not shown; the code is.
FENCE_INFO = re.compile(r"^([ \t]*(?:`{3,}|~{3,}))[^\n`]*$", re.M)


def ignored_names(folder):
    """The plain names of a .newsidxignore (enough for corpus/: README.md)."""
    try:
        with open(os.path.join(folder, ".newsidxignore"), encoding="utf-8") as f:
            return {l.strip() for l in f if l.strip() and not l.startswith("#")}
    except OSError:
        return set()


def post_files(paths):
    out = []
    for p in paths:
        if os.path.isfile(p):
            out.append(os.path.abspath(p))
            continue
        ignore = set()
        for d, dirs, files in os.walk(p):
            ignore = ignore | ignored_names(d)
            dirs[:] = sorted(x for x in dirs if not x.startswith(".")
                             and x not in ("_site", "node_modules", "vendor") and x not in ignore)
            for f in sorted(files):
                if f.lower().endswith((".md", ".markdown")) and f not in ignore:
                    out.append(os.path.abspath(os.path.join(d, f)))
    return out


def visible_text(raw):
    """(published, text): the text fields of the front matter and the body."""
    raw = raw[1:] if raw.startswith("\ufeff") else raw  # a byte-order mark before the front matter
    m = FRONT.match(raw)
    if not m:
        return True, clean(raw)
    keep, key = [], None
    for line in m.group(1).split("\n"):
        km = KEY.match(line)
        if km:
            key = km.group(1).lower()
            if key == "published" and km.group(2).strip().lower() in ("false", "no", "off"):
                return False, ""
            if key in TEXT_KEYS:
                keep.append(km.group(2))
        elif key in TEXT_KEYS:
            keep.append(line)
    return True, clean("\n".join(keep) + "\n" + raw[m.end():])


def clean(text):
    # Decomposed Hangul (NFD) and full-width Latin read as the same word:
    # NFKC, as the analyzer's NFKC_Casefold (the regexes ignore case).
    text = unicodedata.normalize("NFKC", text)
    text = FENCE_INFO.sub(r"\1", text)
    text = LINK_TARGET.sub("]", text)
    text = URL.sub(" ", text)
    return TAG.sub(" ", text)


def first_true_match(rx, ex, text):
    for m in rx.finditer(text):
        if ex:
            a = max(0, m.start() - 40)
            window = text[a:m.end() + 40]
            if any(e.start() <= m.start() - a and e.end() >= m.end() - a for e in ex.finditer(window)):
                continue
        return m
    return None


def read_rows(tsv):
    rows = []
    with open(tsv, encoding="utf-8") as f:
        lines = f.read().split("\n")
    header = lines[0].split("\t")
    want = ["query", "regex", "exclude_regex", "status", "note"]
    if header != want:
        sys.exit(f"{tsv}: header must be {'<TAB>'.join(want)}")
    for n, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != 5 or cols[3] not in ("pass", "open"):
            sys.exit(f"{tsv}:{n}: 5 columns, status pass or open, expected: {line!r}")
        rows.append(dict(zip(want, cols), line=n))
    return rows


def main():
    newsq, db, tsv, documents, paths = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:]
    rows = read_rows(tsv)
    pick = os.environ.get("PRECISION_ROWS", "")
    if pick:
        rows = [r for r in rows if re.search(pick, r["query"])]
    verbose = os.environ.get("PRECISION_VERBOSE") == "1"

    posts = {}
    for p in post_files(paths):
        with open(p, encoding="utf-8", errors="replace") as f:
            published, text = visible_text(f.read())
        if published and "/_drafts/" not in p:
            posts[p] = text
    problems = []
    if len(posts) != documents:
        problems.append(f"the walk found {len(posts)} published posts, the index holds {documents}")

    print(f"{'query':<16} {'status':<6} {'true':>5} {'total':>6} {'diff%':>6} {'false@10':>8}  result")
    t0 = time.monotonic()
    for row in rows:
        rx = re.compile(row["regex"], re.I)
        ex = re.compile(row["exclude_regex"], re.I) if row["exclude_regex"] else None
        truth = {p for p, text in posts.items() if first_true_match(rx, ex, text)}
        r = subprocess.run([newsq, "--db", db, "--json", "-n", "10", "--exact-total", "--fields", "id,path,title",
                            "--", row["query"]], capture_output=True, text=True)
        if r.returncode not in (0, 1):
            problems.append(f"{row['query']}: newsq exit {r.returncode}: {r.stderr[:300]}")
            continue
        out = json.loads(r.stdout)
        hits, total = out["hits"], out["estimated_total"]
        false_hits = [h for h in hits if os.path.abspath(h["path"]) not in truth]
        unknown = [h["path"] for h in hits if os.path.abspath(h["path"]) not in posts]
        if unknown:
            problems.append(f"{row['query']}: hits outside the walked posts: {unknown}")
        n = len(truth)
        count_ok = abs(total - n) <= 0.1 * n
        top_ok = not false_hits and (n == 0 or hits)
        ok = count_ok and top_ok
        diff = f"{100.0 * (total - n) / n:+.0f}" if n else "-"
        if ok and row["status"] == "pass":
            verdict = "pass"
        elif not ok and row["status"] == "open":
            verdict = "open (fails, as expected)"
        elif ok:
            verdict = "UNEXPECTED PASS: flip its status to pass"
            problems.append(f"{row['query']} (line {row['line']}) passes but is marked open: "
                            "set its status to pass in " + os.path.basename(tsv))
        else:
            why = []
            if false_hits:
                why.append(f"{len(false_hits)} false hits in the top 10")
            if not count_ok:
                why.append(f"total {total} for {n} true posts")
            verdict = "FAIL: " + ", ".join(why)
            problems.append(f"{row['query']} (line {row['line']}, status pass) fails: " + ", ".join(why))
        print(f"{row['query']:<16} {row['status']:<6} {n:>5} {total:>6} {diff:>6} {len(false_hits):>8}  {verdict}")
        for h in false_hits:
            print(f"    false: {h['id']}" + (f"  ({h['title']})" if verbose else ""))
    print(f"{len(rows)} rows, {len(posts)} posts, queries and truth in {time.monotonic() - t0:.1f} s")
    for p in problems:
        print("FAIL: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
