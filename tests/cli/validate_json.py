#!/usr/bin/env python3
"""Validates JSON documents (one per line on stdin) against a JSON Schema file,
supporting the draft-07 subset tests/data/*.schema.json use: type, required,
properties, additionalProperties: false, items, enum, minimum, maximum,
minLength, minItems, maxItems, $ref to #/definitions/... Exits 1 with the path of the first error."""
import json
import sys

TYPES = {"object": dict, "array": list, "string": str, "boolean": bool}


def check(v, s, root, path):
    if "$ref" in s:
        node = root
        for part in s["$ref"].lstrip("#/").split("/"):
            node = node[part]
        return check(v, node, root, path)
    t = s.get("type")
    if t == "integer":
        ok = isinstance(v, int) and not isinstance(v, bool)
    elif t == "number":
        ok = isinstance(v, (int, float)) and not isinstance(v, bool)
    elif t:
        ok = isinstance(v, TYPES[t])
    else:
        ok = True
    if not ok:
        raise ValueError(f"{path}: expected {t}, got {type(v).__name__}")
    if "enum" in s and v not in s["enum"]:
        raise ValueError(f"{path}: {v!r} not in {s['enum']}")
    if "minimum" in s and v < s["minimum"]:
        raise ValueError(f"{path}: {v} < {s['minimum']}")
    if "maximum" in s and v > s["maximum"]:
        raise ValueError(f"{path}: {v} > {s['maximum']}")
    if "minLength" in s and isinstance(v, str) and len(v) < s["minLength"]:
        raise ValueError(f"{path}: shorter than {s['minLength']}")
    if isinstance(v, dict):
        for k in s.get("required", []):
            if k not in v:
                raise ValueError(f"{path}: missing {k}")
        props = s.get("properties", {})
        for k, x in v.items():
            if k in props:
                check(x, props[k], root, f"{path}.{k}")
            elif s.get("additionalProperties") is False:
                raise ValueError(f"{path}: unexpected key {k}")
    if isinstance(v, list):
        if len(v) < s.get("minItems", 0) or len(v) > s.get("maxItems", len(v)):
            raise ValueError(f"{path}: {len(v)} items")
        for i, x in enumerate(v):
            if "items" in s:
                check(x, s["items"], root, f"{path}[{i}]")


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    n = 0
    for line in sys.stdin:
        if line.strip():
            try:
                check(json.loads(line), schema, schema, "$")
            except ValueError as e:
                print(f"line {n + 1}: {e}", file=sys.stderr)
                sys.exit(1)
            n += 1
    if n == 0:
        print("no JSON documents on stdin", file=sys.stderr)
        sys.exit(1)


main()
