#!/usr/bin/env python3
"""Unlock a Concord case base without Concord (docs/security.md, keyring version 2).

Reads keyring.json, asks for a password (with --login) or the recovery code (with --recovery)
and prints the SQLCipher 4 raw-key statement for concord.db. The secret is read from the
terminal, or from standard input when that is not a terminal. Needs Python 3.8+ and the
`cryptography` package.

    python3 unlock-keyring.py keyring.json --login ouyang
    python3 unlock-keyring.py keyring.json --recovery

A keyring normally holds one key generation. Two mean a key rotation was interrupted: both
keys are printed, newest first, and exactly one of them opens concord.db.
"""
import argparse
import base64
import getpass
import hashlib
import hmac
import json
import sys
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def b64(text):
    return base64.b64decode(text)


def compact(value):
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def open_slot(slot, secret):
    """The slot's X25519 private key: scrypt, then AES-256-GCM with the slot's header as AAD."""
    kdf = slot["kdf"]
    if not (2 ** 12 <= kdf["N"] <= 2 ** 20 and 8 <= kdf["r"] <= 16 and 1 <= kdf["p"] <= 4):
        raise ValueError("scrypt parameters out of bounds")
    kek = hashlib.scrypt(secret.encode("utf-8"), salt=b64(kdf["salt"]), n=kdf["N"], r=kdf["r"],
                         p=kdf["p"], dklen=32, maxmem=256 * kdf["N"] * kdf["r"] + 1024 * 1024)
    aad = compact(["concord-slot-v2", slot["id"], slot["kind"], slot["loginHash"], "scrypt",
                   kdf["N"], kdf["r"], kdf["p"], kdf["salt"], 32, slot["publicKey"]])
    cipher = slot["cipher"]
    raw = AESGCM(kek).decrypt(b64(cipher["iv"]), b64(slot["privateKey"]) + b64(cipher["tag"]), aad)
    return X25519PrivateKey.from_private_bytes(raw)


def open_legacy_slot(slot, secret):
    """A format-1 slot (first release): the case-base key itself, sealed like a private key."""
    kdf = slot["kdf"]
    kek = hashlib.scrypt(secret.encode("utf-8"), salt=b64(kdf["salt"]), n=kdf["N"], r=kdf["r"],
                         p=kdf["p"], dklen=32, maxmem=256 * kdf["N"] * kdf["r"] + 1024 * 1024)
    aad = compact(["concord-slot-v1", slot["id"], slot["kind"], slot["loginHash"], "scrypt",
                   kdf["N"], kdf["r"], kdf["p"], kdf["salt"], 32])
    cipher = slot["cipher"]
    return AESGCM(kek).decrypt(b64(cipher["iv"]), b64(slot["wrappedKey"]) + b64(cipher["tag"]), aad)


def unwrap(private_key, slot, wrap, generation):
    """One generation's case-base key: X25519 with the ephemeral key, HKDF-SHA256, AES-256-GCM."""
    ephemeral = b64(wrap["ephemeralKey"])
    shared = private_key.exchange(X25519PublicKey.from_public_bytes(ephemeral))
    info = compact(["concord-wrap-v2", slot["id"], generation])
    kek = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + b64(slot["publicKey"]),
               info=info).derive(shared)
    key = AESGCM(kek).decrypt(b64(wrap["iv"]), b64(wrap["wrappedKey"]) + b64(wrap["tag"]), info)
    if len(key) != 32:
        raise ValueError("not a 32-byte key")
    return key


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
    if ring.get("format") != "concord-keyring" or ring.get("version") not in (1, 2):
        sys.exit("not a Concord keyring (format concord-keyring, version 1 or 2)")
    # Format-1 slots: all of a version-1 file, the not yet replaced ones of a version-2 file.
    slots = ring["slots"] + ring.get("legacySlots", []) if ring["version"] == 2 else ring["slots"]

    if args.recovery:
        slot = next(s for s in slots if s["kind"] == "recovery")
        secret = normalize_recovery_code(read_secret("Recovery code: "))
    else:
        login = args.login.strip().lower()
        digest = hmac.new(b64(ring["loginSalt"]), login.encode("utf-8"), hashlib.sha256).hexdigest()
        slot = next((s for s in slots if s["kind"] == "user" and s["loginHash"] == digest), None)
        if slot is None:
            sys.exit("no key slot for this login")
        secret = unicodedata.normalize("NFC", read_secret("Password: "))

    if "wrappedKey" in slot:
        try:
            key = open_legacy_slot(slot, secret)
        except Exception:
            sys.exit("wrong password or recovery code, or the slot was altered")
        print(f"PRAGMA key = \"x'{key.hex()}'\";")
        return
    try:
        private_key = open_slot(slot, secret)
    except Exception:
        sys.exit("wrong password or recovery code, or the slot was altered")

    keys = []
    for generation in sorted(ring["keys"], key=lambda g: g["generation"], reverse=True):
        wrap = next((w for w in generation["wraps"] if w["slot"] == slot["id"]), None)
        try:
            key = unwrap(private_key, slot, wrap, generation["generation"])
        except Exception:
            continue
        check = hmac.new(key, b"concord-key-check-v2", hashlib.sha256).hexdigest()
        if hmac.compare_digest(check, generation["check"]):
            keys.append(key)
    if not keys:
        sys.exit("the slot opens, but no key is wrapped to it: the keyring was altered")
    if len(keys) > 1:
        print("Two key generations (an interrupted key rotation): one of these opens concord.db.",
              file=sys.stderr)
    for key in keys:
        print(f"PRAGMA key = \"x'{key.hex()}'\";")


if __name__ == "__main__":
    main()
