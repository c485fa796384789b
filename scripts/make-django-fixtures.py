#!/usr/bin/python3
"""Writes src/test/resources/import/django-users.jsonl: users as a Django application
exports them, with password hashes made by Django's own hashers (make_password), so the
Java verifier (ai.rememberizer.auth.crypto.LegacyHashes) is tested against the real thing.

Runs offline on Debian's packages, with the system Python (not the pyenv one on PATH):

    apt-get install python3-django python3-bcrypt python3-argon2
    /usr/bin/python3 scripts/make-django-fixtures.py [OUTPUT]

Each line: {"email", "name", "email_verified", "password_hash", "created_at"} as the import
reads them, plus fields for the tests only: "test_password" (the plaintext), "test_format"
(the LegacyHashes.Format it must be recognised as) and "test_note" (what made it). Salts are
random, so every run writes different hashes; every hash is checked here with Django's
check_password / python bcrypt / argon2-cffi before it is written.

Costs: the many lines use small costs so the tests stay fast (PBKDF2 10,000 iterations, as
Django 1.4 stored; Argon2 m=512,t=2,p=2, Django 1.10 to 3.1's defaults; bcrypt cost 5; our
Argon2id at m=1024,t=2,p=1), and one line per Django hasher uses the installed Django's real
defaults (printed at the end), one ours at our defaults (m=19456,t=2,p=1).
"""

import datetime
import json
import os
import sys
import unicodedata

import django
from django.conf import settings

settings.configure(
    PASSWORD_HASHERS=[
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
        "django.contrib.auth.hashers.Argon2PasswordHasher",
        "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
        "django.contrib.auth.hashers.BCryptPasswordHasher",
    ]
)
django.setup()

import argon2  # noqa: E402
import bcrypt  # noqa: E402
from django.contrib.auth import hashers  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUTPUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "src/test/resources/import/django-users.jsonl")

LONG_ASCII = "The quick brown fox jumps over the lazy dog; then it does it again, and again!"  # 78 bytes
assert len(LONG_ASCII.encode()) > 72
# 71 ASCII bytes, then "é" (2 bytes): bcrypt's 72-byte cut falls inside the "é".
LONG_SPLIT = "a" * 71 + "é and more"
assert LONG_SPLIT.encode()[71:73] == "é".encode()

# (password, why)
PASSWORDS = [
    ("correct horse battery staple", "ASCII"),
    ("", "empty"),
    ("lètmein café", "Latin-1 letters"),
    ("密码是中文的", "CJK"),
    ("🔐 emoji 😀🎉", "astral code points (surrogate pairs in Java)"),
    ("ﬁnance ﬂow", "ligatures: NFKC gives 'finance flow'"),
    ("ｐａｓｓｗｏｒｄ１２３", "full-width: NFKC gives 'password123'"),
    ("cafe\u0301", "decomposed e + combining acute: NFKC gives 'café'"),
    ("  spaces around  ", "leading and trailing spaces, kept as typed"),
    ("nul\u0000inside", "a NUL character (Python's bcrypt refuses it)"),
    (LONG_ASCII, "78 ASCII bytes: bcrypt counts the first 72"),
    (LONG_SPLIT, "81 bytes, the 72-byte cut inside an 'é'"),
]


# --- Hashers at fixture costs: Django's own classes, with only their cost attributes changed.

class FixturePBKDF2(hashers.PBKDF2PasswordHasher):
    iterations = 10000


class FixturePBKDF2SHA1(hashers.PBKDF2SHA1PasswordHasher):
    iterations = 10000


class FixtureArgon2id(hashers.Argon2PasswordHasher):
    time_cost = 2
    memory_cost = 512
    parallelism = 2


class FixtureArgon2i(FixtureArgon2id):
    """Django 1.10 to 3.1's Argon2PasswordHasher: argon2i (3.2 moved to argon2id)."""

    def params(self):
        p = super().params()
        return argon2.Parameters(
            type=argon2.low_level.Type.I,
            version=p.version,
            salt_len=p.salt_len,
            hash_len=p.hash_len,
            time_cost=p.time_cost,
            memory_cost=p.memory_cost,
            parallelism=p.parallelism,
        )


class FixtureArgon2iV10(FixtureArgon2i):
    """Argon2 version 1.0 (0x10), which libargon2 writes as "v=16" and older argon2-cffi
    releases wrote with no version field at all (as in Django's own test suite). Django's encode()
    passes no version to argon2-cffi, so this one is Django's encode() with the version added."""

    def encode(self, password, salt):
        params = self.params()
        data = argon2.low_level.hash_secret(
            password.encode(),
            salt.encode(),
            time_cost=params.time_cost,
            memory_cost=params.memory_cost,
            parallelism=params.parallelism,
            hash_len=params.hash_len,
            type=params.type,
            version=0x10,
        )
        return self.algorithm + data.decode("ascii")


class FixtureBCryptSHA256(hashers.BCryptSHA256PasswordHasher):
    rounds = 5


class FixtureBCrypt(hashers.BCryptPasswordHasher):
    rounds = 5


def django_hash(hasher, password):
    encoded = hashers.make_password(password, hasher=hasher)
    assert hashers.check_password(password, encoded), encoded
    assert not hashers.identify_hasher(encoded).verify("x" + password, encoded), encoded
    return encoded


def plain_bcrypt(password, prefix, rounds=5):
    """python bcrypt 3.2's own hashpw; "$2y$" (PHP's prefix) is made by handing hashpw a salt
    with the "$2y$" prefix, which it computes as "$2b$" and returns with "$2y$" (a prefix
    rewrite, as PHP's hashes are the same algorithm under another name)."""
    salt = bcrypt.gensalt(rounds, prefix=b"2b")
    salt = b"$" + prefix + salt[3:]
    hashed = bcrypt.hashpw(password.encode(), salt)
    assert hashed.startswith(b"$" + prefix + b"$")
    assert bcrypt.checkpw(password.encode(), hashed)
    assert not bcrypt.checkpw(("x" + password).encode(), hashed)
    return hashed.decode("ascii")


def argon2_cffi(memory_cost):
    return argon2.PasswordHasher(time_cost=2, memory_cost=memory_cost, parallelism=1, hash_len=32, salt_len=16,
                                 type=argon2.low_level.Type.ID)


OURS = argon2_cffi(19456)  # our defaults: auth.password.memory-kib=19456, iterations=2, parallelism=1
OURS_CHEAP = argon2_cffi(1024)


def ours(password, hasher=OURS_CHEAP):
    """Our own PHC string ($argon2id$v=19$m=..,t=2,p=1$salt$hash), made by argon2-cffi."""
    encoded = hasher.hash(password)
    assert hasher.verify(encoded, password)
    return encoded


def main():
    raw_bcrypt_ok = lambda pw: "\x00" not in pw  # noqa: E731  python bcrypt raises on NUL
    # (format, note, make, which passwords)
    kinds = [
        ("DJANGO_PBKDF2_SHA256", "Django PBKDF2PasswordHasher, 10000 iterations", lambda pw: django_hash(FixturePBKDF2(), pw), None),
        ("DJANGO_PBKDF2_SHA1", "Django PBKDF2SHA1PasswordHasher, 10000 iterations", lambda pw: django_hash(FixturePBKDF2SHA1(), pw), None),
        ("DJANGO_ARGON2ID", "Django Argon2PasswordHasher (argon2id), m=512,t=2,p=2", lambda pw: django_hash(FixtureArgon2id(), pw), None),
        ("DJANGO_ARGON2I", "Django 1.10-3.1 Argon2PasswordHasher (argon2i, v=19), m=512,t=2,p=2", lambda pw: django_hash(FixtureArgon2i(), pw), None),
        ("DJANGO_ARGON2I", "Django argon2i, version 0x10 written as v=16", lambda pw: django_hash(FixtureArgon2iV10(), pw), {0, 2}),
        ("DJANGO_ARGON2I", "Django argon2i, version 0x10 with no v= field (older argon2-cffi)", lambda pw: no_version(FixtureArgon2iV10(), pw), {0, 3, 5}),
        ("DJANGO_BCRYPT_SHA256", "Django BCryptSHA256PasswordHasher, cost 5", lambda pw: django_hash(FixtureBCryptSHA256(), pw), None),
        ("DJANGO_BCRYPT", "Django BCryptPasswordHasher, cost 5", lambda pw: django_hash(FixtureBCrypt(), pw), raw_bcrypt_ok),
        ("BCRYPT", "python bcrypt $2a$, cost 5", lambda pw: plain_bcrypt(pw, b"2a"), raw_bcrypt_ok),
        ("BCRYPT", "python bcrypt $2b$, cost 5", lambda pw: plain_bcrypt(pw, b"2b"), raw_bcrypt_ok),
        ("BCRYPT", "python bcrypt $2y$ (a $2b$ salt renamed, as PHP writes it), cost 5", lambda pw: plain_bcrypt(pw, b"2y"), raw_bcrypt_ok),
        ("ARGON2ID", "our own PHC string (argon2-cffi), m=1024,t=2,p=1", ours, None),
    ]
    # One line per Django hasher at the installed Django's real defaults.
    defaults = [
        ("DJANGO_PBKDF2_SHA256", "pbkdf2_sha256"),
        ("DJANGO_PBKDF2_SHA1", "pbkdf2_sha1"),
        ("DJANGO_ARGON2ID", "argon2"),
        ("DJANGO_BCRYPT_SHA256", "bcrypt_sha256"),
        ("DJANGO_BCRYPT", "bcrypt"),
    ]

    lines = []
    start = datetime.datetime(2019, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)

    def add(fmt, note, password, encoded):
        n = len(lines) + 1
        lines.append({
            "email": f"user{n:03d}@example.com",
            "name": ["Ada Lovelace", "Zoë Ñúñez", "李小龙", "Grace Hopper", "Émile Zola"][n % 5] + f" {n}",
            "email_verified": n % 3 != 0,
            "password_hash": encoded,
            "created_at": (start + datetime.timedelta(days=7 * n, seconds=n)).isoformat().replace("+00:00", "Z"),
            "test_password": password,
            "test_format": fmt,
            "test_note": note,
        })

    for fmt, note, make, which in kinds:
        for i, (password, why) in enumerate(PASSWORDS):
            if which is None or (callable(which) and which(password)) or (isinstance(which, set) and i in which):
                add(fmt, f"{note}; password: {why}", password, make(password))
    for fmt, algorithm in defaults:
        hasher = hashers.get_hasher(algorithm)
        add(fmt, f"Django {django.get_version()} {type(hasher).__name__} at its default cost; password: ASCII",
            PASSWORDS[0][0], django_hash(hasher, PASSWORDS[0][0]))
    add("ARGON2ID", "our own PHC string (argon2-cffi) at our defaults, m=19456,t=2,p=1; password: ASCII",
        PASSWORDS[0][0], ours(PASSWORDS[0][0], OURS))

    for line in lines:  # what the Java test checks, checked here first
        pw = line["test_password"]
        nfkc = unicodedata.normalize("NFKC", pw)
        if nfkc != pw:
            assert not verify_any(nfkc, line["password_hash"]), line

    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8", newline="\n") as out:
        for line in lines:
            out.write(json.dumps(line, ensure_ascii=True) + "\n")

    pbkdf2 = hashers.get_hasher("pbkdf2_sha256")
    a2 = hashers.get_hasher("argon2")
    bc = hashers.get_hasher("bcrypt_sha256")
    print(f"wrote {len(lines)} users to {OUTPUT}", file=sys.stderr)
    print(f"Django {django.get_version()}, bcrypt {bcrypt.__version__}, argon2-cffi {argon2.__version__}; defaults: "
          f"PBKDF2 {pbkdf2.iterations} iterations; Argon2 {a2.params().type.name} m={a2.memory_cost},t={a2.time_cost},"
          f"p={a2.parallelism}, hash {a2.params().hash_len} bytes; bcrypt rounds {bc.rounds}", file=sys.stderr)


def no_version(hasher, password):
    encoded = django_hash(hasher, password)
    assert "$v=16$" in encoded
    encoded = encoded.replace("$v=16$", "$", 1)
    assert hashers.check_password(password, encoded), encoded
    assert not hashers.identify_hasher(encoded).verify("x" + password, encoded), encoded
    return encoded


def verify_any(password, encoded):
    if encoded.startswith("$2"):
        return bcrypt.checkpw(password.encode(), encoded.encode())
    if encoded.startswith("$argon2id$"):
        try:
            return OURS.verify(encoded, password)
        except argon2.exceptions.VerificationError:
            return False
    return hashers.identify_hasher(encoded).verify(password, encoded)


if __name__ == "__main__":
    main()
