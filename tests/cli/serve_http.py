#!/usr/bin/env python3
"""One HTTP request for the serve tests (standard library only).

serve_http.py PORT METHOD TARGET [--body N] [--header 'Name: value']...
Prints the status on the first line, then 'name: value' header lines
(names lower-cased), an empty line, and the body. TARGET is sent as given
(already percent-encoded, or deliberately malformed).
"""
import http.client
import sys

port, method, target = int(sys.argv[1]), sys.argv[2], sys.argv[3]
body, headers = None, {}
args = sys.argv[4:]
while args:
    if args[0] == "--body":
        body = b"x" * int(args[1])
    elif args[0] == "--header":
        k, v = args[1].split(":", 1)
        headers[k.strip()] = v.strip()
    args = args[2:]
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
c.putrequest(method, target, skip_accept_encoding=True)
for k, v in headers.items():
    c.putheader(k, v)
if body is not None:
    c.putheader("Content-Length", str(len(body)))
c.endheaders(body)
r = c.getresponse()
data = r.read()
out = sys.stdout.buffer
out.write(f"{r.status}\n".encode())
for k, v in r.getheaders():
    out.write(f"{k.lower()}: {v}\n".encode())
out.write(b"\n" + data)
