#!/usr/bin/python3
# What each part of newsidx's expanded queries costs in Xapian's matcher.
#
#   cut -f2 queries.tsv | while read -r q; do newsq --db DB --explain -n 1 "$q" | sed -n 's/^expanded: //p'; done >expanded.txt
#   /usr/bin/python3 bench/query_shape.py DB expanded.txt
#
# Rebuilds each query from its description (Query::get_description, as
# `newsq --explain` prints it) with Xapian's Python bindings (python3-xapian,
# Debian's /usr/bin/python3) and times variants without the NEAR proximity
# pairs, without the joined-word alternatives (weight 0.3 SYNONYM groups),
# without any phrase, without the coordination clause of a keyword list
# (`1 * (… AND …)`), interleaved per query, best of 8 rounds each (robust
# to a loaded machine). BM25 k1 0.9 b 0.5 and ties by value slot 3, as the
# searcher. Prints each variant's median and total latency, and their
# ratios to "as built" (the total is dominated by the few slowest queries).
import re, sys, time, xapian
db = xapian.Database(sys.argv[1])
lines = [l.strip() for l in open(sys.argv[2], encoding="utf-8") if l.strip()]
OPS = {"OR": xapian.Query.OP_OR, "AND": xapian.Query.OP_AND, "SYNONYM": xapian.Query.OP_SYNONYM,
       "PHRASE": xapian.Query.OP_PHRASE, "NEAR": xapian.Query.OP_NEAR, "AND_MAYBE": xapian.Query.OP_AND_MAYBE,
       "FILTER": xapian.Query.OP_FILTER, "AND_NOT": xapian.Query.OP_AND_NOT}
def isnum(t):
    try: float(t); return True
    except ValueError: return False
def tokenize(s):
    # A concept key may hold a space (XN젠슨 황): a word after a term, not
    # an operator, belongs to it.
    out = []
    for t in re.findall(r"\(|\)|[^\s()]+", s):
        p = out[-1] if out else "("
        if t not in OPS and t not in ("(", ")", "*") and p not in OPS and p not in ("(", ")", "*") \
                and not (len(out) >= 2 and out[-2] in ("PHRASE", "NEAR")) and not isnum(p):
            out[-1] = p + " " + t
        else:
            out.append(t)
    return out
# returns a tree: ("term", t) | ("scale", f, node) | ("op", name, window, [nodes])
def parse(toks, i):
    def term(i):
        t = toks[i]
        if isnum(t) and i + 1 < len(toks) and toks[i+1] == "*":
            node, i = term(i + 2)
            return ("scale", float(t), node), i
        if t == "(":
            node, i = group(i + 1)
            return node, i
        return ("term", t), i + 1
    def group(i):
        nodes = []; op = None; win = 0
        node, i = term(i); nodes.append(node)
        while toks[i] != ")":
            op = toks[i]; i += 1
            if op in ("PHRASE", "NEAR"): win = int(toks[i]); i += 1
            node, i = term(i); nodes.append(node)
        return (("op", op, win, nodes) if op else nodes[0]), i + 1
    return group(i)
def build(n, drop):
    k = n[0]
    if k == "term": return xapian.Query(n[1])
    if k == "scale":
        if drop(n): return None
        sub = build(n[2], drop)
        return None if sub is None else xapian.Query(xapian.Query.OP_SCALE_WEIGHT, sub, n[1])
    if drop(n): return None
    subs = [q for q in (build(c, drop) for c in n[3]) if q is not None]
    if not subs: return None
    if n[1] in ("PHRASE", "NEAR"): return xapian.Query(OPS[n[1]], subs, n[2])
    return xapian.Query(OPS[n[1]], subs)
trees = []
for l in lines:
    toks = tokenize(l[len("Query("):-1])
    tree, _ = parse(toks + [")"], 0)
    trees.append(tree)
def near(n): return n[0] == "scale" and n[2][0] == "op" and n[2][1] == "NEAR"
def joined(n): return n[0] == "scale" and n[2][0] == "op" and n[2][1] == "SYNONYM" and abs(n[1] - 0.3) < 0.01
def splits(n): return n[0] == "op" and n[1] == "PHRASE"
def coordination(n): return n[0] == "scale" and abs(n[1] - 1.0) < 1e-9 and n[2][0] == "op" and n[2][1] == "AND"
def none(n): return False
variants = [("as built", none), ("no NEAR pair", near), ("no joined-word alternatives", joined),
            ("no phrases at all (joined, splits)", lambda n: joined(n) or splits(n)),
            ("no NEAR, no phrases", lambda n: near(n) or joined(n) or splits(n)),
            ("no coordination clause (1 * AND)", coordination)]
enq = xapian.Enquire(db)
enq.set_weighting_scheme(xapian.BM25Weight(0.9, 0, 1, 0.5, 0.5))
enq.set_sort_by_relevance_then_value(3, False)
built = {name: [build(t, drop) for t in trees] for name, drop in variants}
best = {name: [1e9] * len(trees) for name, _ in variants}
for rnd in range(8):
    for i in range(len(trees)):
        for name, _ in variants:
            q = built[name][i]
            s0 = time.perf_counter(); enq.set_query(q); enq.get_mset(0, 10); d = time.perf_counter() - s0
            best[name][i] = min(best[name][i], d)
base = None
for name, _ in variants:
    l = sorted(best[name])
    med, tot = l[len(l) // 2] * 1000, sum(l) * 1000
    base = base or (med, tot)
    print(f"{name:36s} median {med:6.2f} ms ({med / base[0]:4.2f}x)  total {tot:7.1f} ms ({tot / base[1]:4.2f}x)")
