#!/usr/bin/env python3
"""Writes COUNT users as import-users reads them (JSON Lines) to OUTPUT, fast (about a
million lines in a few seconds), for bench/import.sh and the import tests:

    bench/make-users.py COUNT OUTPUT [PREFIX]

Hashes, names and verification flags are copied in turn from the Django fixtures
(src/test/resources/import/django-users.jsonl: real Django, bcrypt and Argon2 hashes of every
accepted format); the address varies (PREFIX-<n>@example.com, PREFIX "bench" by default), and so
does created_at. The fixtures' test_* fields are left out.
"""

import datetime
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "src/test/resources/import/django-users.jsonl")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    count = int(sys.argv[1])
    output = sys.argv[2]
    prefix = sys.argv[3] if len(sys.argv) > 3 else "bench"
    with open(FIXTURES, encoding="utf-8") as f:
        fixtures = [json.loads(line) for line in f]
    # Everything but the address and the date, encoded once per fixture.
    parts = [(json.dumps(u["name"]), "true" if u["email_verified"] else "false", json.dumps(u["password_hash"]))
             for u in fixtures]
    start = datetime.datetime(2015, 1, 1, tzinfo=datetime.timezone.utc).timestamp()
    n_parts = len(parts)
    with open(output, "w", encoding="utf-8", newline="\n", buffering=1 << 20) as out:
        write = out.write
        for n in range(1, count + 1):
            name, verified, hashed = parts[n % n_parts]
            created = datetime.datetime.fromtimestamp(start + n * 97, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            write(f'{{"email": "{prefix}-{n}@example.com", "name": {name}, "email_verified": {verified}, '
                  f'"password_hash": {hashed}, "created_at": "{created}"}}\n')


if __name__ == "__main__":
    main()
