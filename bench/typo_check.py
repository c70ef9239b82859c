#!/usr/bin/env python3
"""Typo tolerance as a reader expects (issue 19 item 2): two checks on an
index built from posts on disk, nothing fetched.

(a) The typo set: WORDS words drawn with a fixed seed from the posts' words
    of 5+ Latin letters or 3+ Hangul syllables that the index holds, each
    given one random edit (insert, delete, substitute or transpose; Hangul at
    jamo level, re-composed into whole syllables, redrawn when it does not
    compose), edits that give a word the index holds left out. A typo is a
    hit when a post holding the intended word (a hit of the word searched as
    typed) is in the typo's top 10 with --autocorrect. Also counted: typos
    whose searched query (or did-you-mean) is the intended word.
(b) The FREQUENT most frequent Latin and the FREQUENT most frequent Hangul
    words of the posts, searched with --autocorrect: how many the layout fix
    converted and how many were "corrected" (search instead or did-you-mean).
    Both must be 0.

  bench/typo_check.py [--build BUILD_DIR] [--words 300] [--frequent 2000]
                      [--seed 19] [--min-hit 0.90] [--keep] POSTS_DIR...

Exits 1 when the hit rate is below --min-hit or (b) is not 0/0.
"""
import argparse, collections, json, os, random, re, shutil, subprocess, sys, tempfile

LATIN = re.compile(r"[A-Za-z]+")
HANGUL = re.compile(r"[\uac00-\ud7a3]+")
# The words of a post: whole runs of letters only (no digit or sign glued on:
# gpt5, .net and c++ are not typo-set words).
TOKEN = re.compile(r"[0-9A-Za-z\uac00-\ud7a3_.+#-]+")


FRONT = re.compile(r"\A---\n.*?\n---\n", re.S)
# Link targets, bare URLs and HTML tags: not the post's text.
NOT_TEXT = re.compile(r"\]\([^)]*\)|https?://\S+|<[^>\n]*>")


def words_of(paths):
    """Word counts of the posts' text as newsidx indexes it: posts only (no
    _drafts or other _folder but _posts, no README), front matter left out."""
    c = collections.Counter()
    for root in paths:
        for d, dirs, fs in os.walk(root):
            dirs[:] = sorted(x for x in dirs if not x.startswith((".", "_")) or x == "_posts")
            for f in sorted(fs):
                if not f.endswith((".md", ".markdown")) or f.lower().startswith("readme"):
                    continue
                with open(os.path.join(d, f), encoding="utf-8", errors="replace") as fh:
                    for tok in TOKEN.findall(NOT_TEXT.sub(" ", FRONT.sub("", fh.read(), count=1))):
                        if LATIN.fullmatch(tok):
                            c[tok.lower()] += 1
                        elif HANGUL.fullmatch(tok):
                            c[tok] += 1
    return c


# Hangul at jamo level: conjoining jamo L (19), V (21), T (27).
L = [chr(0x1100 + i) for i in range(19)]
V = [chr(0x1161 + i) for i in range(21)]
T = [chr(0x11A8 + i) for i in range(27)]
JAMO = L + V + T


def to_jamo(w):
    out = []
    for ch in w:
        k = ord(ch) - 0xAC00
        out += [L[k // 588], V[(k % 588) // 28]] + ([T[k % 28 - 1]] if k % 28 else [])
    return out


def compose(js):
    """Whole syllables (L V T?)+, or None."""
    out, i = [], 0
    while i < len(js):
        if i + 1 >= len(js) or js[i] not in L or js[i + 1] not in V:
            return None
        s = 0xAC00 + (L.index(js[i]) * 21 + V.index(js[i + 1])) * 28
        i += 2
        if i < len(js) and js[i] in T and not (i + 1 < len(js) and js[i + 1] in V):
            s += T.index(js[i]) + 1
            i += 1
        out.append(chr(s))
    return "".join(out)


def edit(seq, alphabet, rng):
    s = list(seq)
    op = rng.choice(["insert", "delete", "substitute", "transpose"])
    if op == "insert":
        s.insert(rng.randrange(len(s) + 1), rng.choice(alphabet))
    elif op == "delete":
        del s[rng.randrange(len(s))]
    elif op == "substitute":
        i = rng.randrange(len(s))
        s[i] = rng.choice([a for a in alphabet if a != s[i]])
    else:
        i = rng.randrange(len(s) - 1)
        if s[i] == s[i + 1]:
            return None
        s[i], s[i + 1] = s[i + 1], s[i]
    return s


def typo(word, rng):
    for _ in range(100):
        if HANGUL.fullmatch(word):
            js = edit(to_jamo(word), JAMO, rng)
            t = compose(js) if js else None
        else:
            s = edit(word, "abcdefghijklmnopqrstuvwxyz", rng)
            t = "".join(s) if s else None
        if t and t != word:
            return t
    return None


def batch(newsq, db, queries, extra, n):
    """newsq --batch --json over `queries`: one result dict per query."""
    text = "".join(f"{i}\t{q}\n" for i, q in enumerate(queries))
    p = subprocess.run([newsq, "--db", db, "--batch", "-", "--json", "-n", str(n), "--fields", "id"] + extra,
                       input=text, capture_output=True, text=True, check=True)
    rows = [json.loads(l) for l in p.stdout.splitlines() if l.strip()]
    assert len(rows) == len(queries), (len(rows), len(queries))
    return rows


def held(row):
    """The index holds the query's words: hits, none from the last resort's pieces."""
    return bool(row["hits"]) and not row["partial_match_words"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--newsidx", help="default: BUILD/newsidx")
    ap.add_argument("--newsq", help="default: BUILD/newsq")
    ap.add_argument("--words", type=int, default=300)
    ap.add_argument("--frequent", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=19)
    ap.add_argument("--min-hit", type=float, default=0.90)
    ap.add_argument("--keep", action="store_true")
    ap.add_argument("posts", nargs="+")
    a = ap.parse_args()
    newsidx = a.newsidx or os.path.join(a.build, "newsidx")
    newsq = a.newsq or os.path.join(a.build, "newsq")
    tmp = tempfile.mkdtemp(prefix="newsidx-typo-")
    try:
        db = os.path.join(tmp, "db")
        subprocess.run([newsidx, "--db", db, "add"] + a.posts, check=True, stdout=subprocess.DEVNULL)
        counts = words_of(a.posts)

        # (a) the typo set.
        pool = sorted(w for w in counts
                      if (LATIN.fullmatch(w) and len(w) >= 5) or (HANGUL.fullmatch(w) and len(w) >= 3))
        rng = random.Random(a.seed)
        rng.shuffle(pool)
        typos, at = [], 0
        while len(typos) < a.words and at < len(pool):
            need = a.words - len(typos)
            chunk = pool[at:at + 2 * need + 10]
            at += len(chunk)
            # Words the index holds, each with a typo ...
            chunk = [w for w, r in zip(chunk, batch(newsq, db, chunk, [], 1)) if held(r)]
            cand = [(w, t) for w, t in ((w, typo(w, rng)) for w in chunk) if t]
            # ... the index does not hold (another real word: left out).
            rs = batch(newsq, db, [t for _, t in cand], [], 1)
            typos += [(w, t) for (w, t), r in zip(cand, rs) if not held(r)][:need]
        words = [w for w, _ in typos]
        posts = [set(h["id"] for h in r["hits"]) for r in batch(newsq, db, words, [], 100000)]
        got = batch(newsq, db, [t for _, t in typos], ["--autocorrect"], 10)
        hits = fixed = 0
        misses = []
        for (w, t), ps, r in zip(typos, posts, got):
            ok = any(h["id"] in ps for h in r["hits"])
            hits += ok
            fixed += (r["search_instead"] and r["query"] == w) or r["did_you_mean"] == w
            if not ok:
                misses.append(f"{t}->{r['query'] if r['search_instead'] else r['did_you_mean'] or '-'} (meant {w})")
        n = len(typos)
        rate = hits / n if n else 0.0
        print(f"typo set: {n} typos of words the index holds (seed {a.seed}; "
              f"{sum(1 for w in words if HANGUL.fullmatch(w))} Hangul, {sum(1 for w in words if LATIN.fullmatch(w))} Latin)")
        print(f"  intended word's posts in the top 10: {hits}/{n} = {100 * rate:.1f} %")
        for name, rx in (("Hangul", HANGUL), ("Latin", LATIN)):
            k = [i for i, w in enumerate(words) if rx.fullmatch(w)]
            h = sum(1 for i in k if any(x["id"] in posts[i] for x in got[i]["hits"]))
            print(f"    {name}: {h}/{len(k)} = {100 * h / max(len(k), 1):.1f} %")
        print(f"  corrected to the intended word: {fixed}/{n} = {100 * fixed / max(n, 1):.1f} %")
        print("  misses: " + "; ".join(misses[:40]) + (" …" if len(misses) > 40 else ""))

        # (b) frequent words as queries: nothing converted, nothing corrected.
        lat = [w for w, _ in sorted(((w, c) for w, c in counts.items() if LATIN.fullmatch(w)),
                                    key=lambda x: (-x[1], x[0]))[: a.frequent]]
        han = [w for w, _ in sorted(((w, c) for w, c in counts.items() if HANGUL.fullmatch(w)),
                                    key=lambda x: (-x[1], x[0]))[: a.frequent]]
        qs = lat + han
        rs = batch(newsq, db, qs, ["--autocorrect"], 1)
        layout = [q for q, r in zip(qs, rs) if r["search_instead"] and bool(HANGUL.search(r["query"])) != bool(HANGUL.search(q))]
        corrected = [q for q, r in zip(qs, rs) if (r["search_instead"] or r["did_you_mean"]) and q not in layout]
        print(f"frequent words: {len(lat)} Latin + {len(han)} Hangul: {len(layout)} converted by the layout fix, "
              f"{len(corrected)} corrected" + (f" ({', '.join((layout + corrected)[:20])})" if layout or corrected else ""))
        ok = rate >= a.min_hit and not layout and not corrected
        print("PASS" if ok else f"FAIL (need >= {100 * a.min_hit:.0f} % and 0/0)")
        return 0 if ok else 1
    finally:
        if a.keep:
            print(f"kept {tmp}", file=sys.stderr)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
