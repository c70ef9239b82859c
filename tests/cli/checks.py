"""Shared by the HTTP check scripts of tests/cli (serve_*.py): FAIL lines on
stderr, counted; done() exits 1 if any check failed."""
import sys

fails = []


def fail(what):
    fails.append(what)
    print("FAIL:", what, file=sys.stderr)


def check(ok, what):
    if not ok:
        fail(what)


def done():
    sys.exit(1 if fails else 0)
