#!/usr/bin/env python3
"""Document-frequency profile of a folder of Jekyll posts (bench/README.md
"df_profile.py"): the share of posts that contain each word, and the shape of
that distribution. Used to compare the real blogs of ../shared/corpora with
gen_corpus's profiles; it prints statistics only (shares, counts), never text
beyond the probe words asked for and, with --top K, the K most common words.

  df_profile.py [--json] [--top K] [--probe WORD]... DIR...

A word here is a run of one script, as a whole-word indexer would see it
after a particle is cut: Hangul runs (one trailing particle stripped when at
least two syllables stay, so 삼성이 and 삼성은 count as 삼성 but 삼성전자 is
its own word), Latin runs (lower case), digit runs. Front matter is skipped
except the title. One post counts a word once (document frequency).
"""
import json
import os
import re
import sys

PARTICLES = sorted(
    "은 는 이 가 을 를 의 에 에서 에게 도 만 과 와 로 으로 보다 처럼 이다 였다 이었다 라고 이라고 까지 부터 에는 에서는 으로는 로는 와의 과의 이나 나".split(),
    key=len, reverse=True)
RUN = re.compile(r"[\uac00-\ud7a3]+|[A-Za-z]+|[0-9]+")


def words(text):
    out = set()
    for m in RUN.finditer(text):
        w = m.group(0)
        c = w[0]
        if "\uac00" <= c <= "\ud7a3":
            for p in PARTICLES:
                if w.endswith(p) and len(w) - len(p) >= 2:
                    w = w[: -len(p)]
                    break
        else:
            w = w.lower()
        out.add(w)
    return out


def post_text(raw):
    if raw.startswith("---"):
        end = raw.find("\n---", 3)
        if end > 0:
            fm, raw = raw[:end], raw[end + 4:]
            t = re.search(r"^title:\s*(.*)$", fm, re.M)
            if t:
                raw = t.group(1) + "\n" + raw
    return raw


def posts(dirs):
    for d in dirs:
        for root, subdirs, files in os.walk(d):
            subdirs.sort()
            subdirs[:] = [s for s in subdirs if not s.startswith(".")]
            for f in sorted(files):
                if f.endswith((".md", ".markdown")):
                    with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                        yield post_text(fh.read())


def profile(dirs, probes, top):
    df = {}
    n = 0
    for text in posts(dirs):
        n += 1
        for w in words(text):
            df[w] = df.get(w, 0) + 1
    if n == 0:
        raise SystemExit("df_profile.py: no posts under " + " ".join(dirs))
    ranked = sorted(df.values(), reverse=True)
    share = lambda c: 100.0 * c / n
    res = {
        "posts": n,
        "distinct": len(df),
        "df1_share": 100.0 * sum(1 for c in ranked if c == 1) / len(ranked),
        # how many words are in at least X % of the posts
        "words_at_least": {str(x): sum(1 for c in ranked if share(c) >= x) for x in (50, 20, 10, 5, 2, 1, 0.5)},
        # the df share of the word at rank r (1 = most common)
        "share_at_rank": {str(r): share(ranked[r - 1]) if r <= len(ranked) else 0.0
                          for r in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)},
        "probes": {p: share(df.get(p, 0)) for p in probes},
    }
    if top:
        res["top"] = [[w, share(c)] for w, c in sorted(df.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    return res


def main(argv):
    probes, dirs, top, as_json = [], [], 0, False
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "--probe":
            probes.append(argv[i + 1].lower() if argv[i + 1].isascii() else argv[i + 1]); i += 2
        elif a == "--top":
            top = int(argv[i + 1]); i += 2
        elif a == "--json":
            as_json = True; i += 1
        elif a in ("-h", "--help"):
            print(__doc__); return 0
        else:
            dirs.append(a); i += 1
    if not dirs:
        print(__doc__, file=sys.stderr); return 2
    r = profile(dirs, probes, top)
    if as_json:
        print(json.dumps(r, ensure_ascii=False))
        return 0
    print(f"posts {r['posts']}  distinct words {r['distinct']}  df=1 {r['df1_share']:.1f} %")
    print("words in >= X % of posts: " + "  ".join(f"{k}%: {v}" for k, v in r["words_at_least"].items()))
    print("df share at rank:        " + "  ".join(f"{k}: {v:.1f}" for k, v in r["share_at_rank"].items()))
    for p, s in r["probes"].items():
        print(f"probe {p}: {s:.2f} %")
    for w, s in r.get("top", []):
        print(f"top {w}: {s:.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
