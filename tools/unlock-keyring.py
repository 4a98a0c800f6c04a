#!/usr/bin/env python3
"""Unlock a Concord case base without Concord (docs/security.md).

Reads keyring.json, asks for a password (with --login) or the recovery code (with --recovery)
and prints the SQLCipher 4 raw-key statement for concord.db. The secret is read from the
terminal, or from standard input when that is not a terminal. Needs Python 3.8+ and the
`cryptography` package.

    python3 unlock-keyring.py keyring.json --login ouyang
    python3 unlock-keyring.py keyring.json --recovery
"""
import argparse
import base64
import getpass
import hashlib
import hmac
import json
import sys
import unicodedata

from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def b64(text):
    return base64.b64decode(text)


def unwrap(slot, secret):
    kdf = slot["kdf"]
    kek = hashlib.scrypt(secret.encode("utf-8"), salt=b64(kdf["salt"]), n=kdf["N"], r=kdf["r"],
                         p=kdf["p"], dklen=32, maxmem=256 * kdf["N"] * kdf["r"] + 1024 * 1024)
    aad = json.dumps(["concord-slot-v1", slot["id"], slot["kind"], slot["loginHash"], "scrypt",
                      kdf["N"], kdf["r"], kdf["p"], kdf["salt"], 32], separators=(",", ":"))
    cipher = slot["cipher"]
    return AESGCM(kek).decrypt(b64(cipher["iv"]), b64(slot["wrappedKey"]) + b64(cipher["tag"]),
                               aad.encode("utf-8"))


def normalize_recovery_code(code):
    code = "".join(code.upper().split()).replace("-", "")
    return code.replace("I", "1").replace("L", "1").replace("O", "0")


def read_secret(prompt):
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    return sys.stdin.readline().rstrip("\r\n")


def main():
    parser = argparse.ArgumentParser(description="Print the SQLCipher key of a Concord case base.")
    parser.add_argument("keyring")
    who = parser.add_mutually_exclusive_group(required=True)
    who.add_argument("--login")
    who.add_argument("--recovery", action="store_true")
    args = parser.parse_args()

    with open(args.keyring, encoding="utf-8") as handle:
        ring = json.load(handle)
    if ring.get("format") != "concord-keyring" or ring.get("version") != 1:
        sys.exit("not a Concord keyring (format concord-keyring, version 1)")

    if args.recovery:
        slot = next(s for s in ring["slots"] if s["kind"] == "recovery")
        secret = normalize_recovery_code(read_secret("Recovery code: "))
    else:
        login = args.login.strip().lower()
        digest = hmac.new(b64(ring["loginSalt"]), login.encode("utf-8"), hashlib.sha256).hexdigest()
        slot = next((s for s in ring["slots"] if s["kind"] == "user" and s["loginHash"] == digest), None)
        if slot is None:
            sys.exit("no key slot for this login")
        secret = unicodedata.normalize("NFC", read_secret("Password: "))

    try:
        key = unwrap(slot, secret)
    except Exception:
        sys.exit("wrong password or recovery code, or the slot was altered")
    print(f"PRAGMA key = \"x'{key.hex()}'\";")


if __name__ == "__main__":
    main()
