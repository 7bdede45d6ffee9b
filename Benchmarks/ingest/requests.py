#!/usr/bin/env python3
"""Writes N distinct signed contact forms for wrk, one per line: the body, a tab, the X-Signature value.

    requests.py COUNT SECRET PATH [FIRST]   (FIRST: the number of the first form, 0 unless given; runs against
                                             one gateway need ranges of their own)

Every request is a new event (ticketgate answers the same signed request twice as a duplicate, which
stores nothing), so the benchmark measures the durable path."""
import hashlib
import hmac
import json
import sys

count, secret, path = int(sys.argv[1]), sys.argv[2].encode(), sys.argv[3]
first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
topics = ["Refund for invoice", "Cannot log in", "Question about the API", "Upgrade to enterprise", "Bug in export"]
with open(path, "w") as out:
    for index in range(first, first + count):
        body = json.dumps(
            {
                "email": f"customer{index % 5000}@example.com",
                "name": "Jane Doe",
                "subject": f"{topics[index % len(topics)]} {index}",
                "message": "Hello, I was charged twice for my last order and would like a refund, please. "
                "The order was placed on Monday and the card statement shows two payments.",
                "plan": "enterprise" if index % 7 == 0 else "starter",
                "page": "/contact",
            },
            separators=(",", ":"),
        )
        signature = hmac.new(secret, body.encode(), hashlib.sha256).hexdigest()
        out.write(f"{body}\tsha256={signature}\n")
