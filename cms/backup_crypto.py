"""Encrypted backup files: the whole gzip file sealed with Fernet (AES-128-CBC + HMAC-SHA256, ``cryptography``)
under a key derived from the operator's passphrase with scrypt.

Layout: ``MAGIC`` (one line), a 16-byte random salt, then the Fernet token. Nothing in the file names the
passphrase; a wrong one (or a changed byte) is refused, never half-read.
"""

from __future__ import annotations

import base64
import os

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"MUA-THI-ENCRYPTED-BACKUP fernet scrypt v1\n"
SALT_BYTES = 16
# scrypt cost: 2**15 × 8 × 128 bytes = 32 MiB and about a tenth of a second per derivation.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
PASSPHRASE_ENV = "BACKUP_PASSPHRASE"
MIN_PASSPHRASE_LENGTH = 12


class WrongPassphrase(ValueError):
    """The passphrase does not open the file (or the file was changed)."""


def _key(passphrase: str, salt: bytes) -> bytes:
    kdf = Scrypt(salt=salt, length=32, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P)
    return base64.urlsafe_b64encode(kdf.derive(passphrase.encode("utf-8")))


def is_encrypted(data: bytes) -> bool:
    return data.startswith(MAGIC)


def encrypt(data: bytes, passphrase: str) -> bytes:
    salt = os.urandom(SALT_BYTES)
    return MAGIC + salt + Fernet(_key(passphrase, salt)).encrypt(data)


def decrypt(blob: bytes, passphrase: str) -> bytes:
    if not is_encrypted(blob):
        raise ValueError("not an encrypted backup")
    body = blob[len(MAGIC):]
    salt, token = body[:SALT_BYTES], body[SALT_BYTES:]
    try:
        return Fernet(_key(passphrase, salt)).decrypt(token)
    except InvalidToken as error:
        raise WrongPassphrase("wrong passphrase or damaged file") from error
