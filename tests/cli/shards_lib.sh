# Helpers for the shard tests (sourced after lib.sh).

# gen_posts DIR N SEED: N posts written for these tests (Korean and English
# text from a small fixed vocabulary, tags, categories, authors, dates);
# every 7th post repeats the body of the one before (equal scores: ties).
gen_posts() {
  python3 - "$1" "$2" "$3" <<'PY'
import os, random, sys
out, n, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
ko = ["삼성전자가", "반도체를", "스타게이트", "데이터센터에", "오픈AI와", "투자했다", "메모리", "시장은", "전력이",
      "인공지능", "엔비디아의", "수출이", "정부는", "발표했다", "협력을", "서울에서", "소프트뱅크가", "클라우드",
      "검색엔진", "형태소", "김치찌개를", "제주", "여행", "바다", "기술"]
en = ["Samsung", "OpenAI", "semiconductor", "market", "power", "datacenter", "search", "engine", "memory",
      "investment", "cloud", "model", "Seoul", "travel", "ocean", "chip", "export", "policy"]
tags = ["AI", "반도체", "여행", "검색", "경제"]
cats = ["tech", "life", "ai"]
authors = ["김하늘", "Jane Roe", "편집부"]
body = ""
for i in range(n):
    if i % 7 != 6 or not body:
        words = [rng.choice(ko if rng.random() < 0.6 else en) for _ in range(rng.randint(20, 120))]
        body = " ".join(words) + ".\n\n" + " ".join(rng.choice(ko) for _ in range(rng.randint(5, 30))) + "."
    y, m, d = rng.choice([2023, 2024, 2025]), rng.randint(1, 12), rng.randint(1, 28)
    title = " ".join(rng.choice(ko + en) for _ in range(rng.randint(2, 6)))
    fm = (f'---\ntitle: "{title}"\ndate: {y}-{m:02d}-{d:02d} 09:00:00 +0900\n'
          f'tags: [{", ".join(rng.sample(tags, rng.randint(1, 3)))}]\ncategories: {rng.choice(cats)}\n'
          f'author: {rng.choice(authors)}\n---\n\n')
    sub = os.path.join(out, f"g{i % 5}")
    os.makedirs(sub, exist_ok=True)
    with open(os.path.join(sub, f"{y}-{m:02d}-{d:02d}-gen-{i:04d}.md"), "w") as f:
        f.write(fm + body + "\n")
PY
}

# same_results WANT GOT [TOL]: two `newsq --json --batch` outputs (one JSON
# per query) hold the same hit ids in the same order with scores equal within
# TOL relative (default 1e-9), and the same facets, suggestions and query
# reading; prints what differs.
same_results() {
  python3 - "$1" "$2" "${3:-1e-9}" <<'PY'
import json, sys
want = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
got = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
tol = float(sys.argv[3])
bad = 0
if len(want) != len(got):
    print(f"{len(want)} results vs {len(got)}"); sys.exit(1)
hits = 0
for w, g in zip(want, got):
    wi = [h["id"] for h in w["hits"]]; gi = [h["id"] for h in g["hits"]]
    hits += len(wi)
    if wi != gi:
        print(f"{w['query']}: ids differ\n  want {wi}\n  got  {gi}"); bad += 1; continue
    for a, b in zip(w["hits"], g["hits"]):
        if abs(a["score"] - b["score"]) > tol * max(abs(a["score"]), 1e-300):
            print(f"{w['query']}: {a['id']} score {a['score']!r} vs {b['score']!r}"); bad += 1
    for k in ("facets", "did_you_mean", "mode", "search_instead", "query"):
        if w.get(k) != g.get(k):
            print(f"{w['query']}: {k} differs: {w.get(k)!r} vs {g.get(k)!r}"); bad += 1
    if g.get("partial"):
        print(f"{w['query']}: marked partial"); bad += 1
print(f"{len(want)} queries, {hits} hits compared")
sys.exit(1 if bad else 0)
PY
}

# shard_of ID N: the shard newsidx routes ID to (64-bit FNV-1a of its bytes mod N).
shard_of() {
  python3 -c '
import sys
h = 0xcbf29ce484222325
for c in sys.argv[1].encode():
    h = ((h ^ c) * 0x100000001b3) % (1 << 64)
print(h % int(sys.argv[2]))' "$1" "$2"
}

now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
