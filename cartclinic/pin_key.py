"""The PC's PIN key: a secret kept outside the roster, mixed into every PIN hash, so that a
copied roster or backup alone gives nothing to guess PINs against. A 4-8 digit PIN has at most
10^8 values: its scrypt hash alone was found again in minutes (103 s for 4 digits on two
cores); with the key, the file holds an HMAC the guesser cannot compute.

The key is 32 random bytes in the OS user's own config folder (`platformdirs`; the file
`CARTCLINIC_PIN_KEY` names instead, e.g. for tests), created owner-only on first use. Each
hash names the key it was made with (its first 8 hex digits of SHA-256), so a roster moved to
a PC without that key says so instead of reporting wrong PINs: ward IT copies the key file with
the roster (docs/reliability.md), or resets the PINs as the roster's OS account
(`cartclinic-admin staff reset-pin NAME`)."""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from pathlib import Path

ENV = "CARTCLINIC_PIN_KEY"
KEY_BYTES = 32


def key_path() -> Path:
    named = os.environ.get(ENV)
    if named:
        return Path(named)
    from platformdirs import user_config_dir

    return Path(user_config_dir("cartclinic", appauthor=False, roaming=True)) / "pin-key"


def pin_key(*, create: bool = True) -> bytes | None:
    """This PC's key; made on first use when `create`, else None if there is none."""
    path = key_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if not create:
            return None
        return _create(path)
    if len(data) != KEY_BYTES:
        raise OSError(f"{path}: not a PIN key ({len(data)} bytes); restore it from ward IT's copy")
    return data


def key_id(key: bytes) -> str:
    return hashlib.sha256(key).hexdigest()[:8]


def _create(path: Path) -> bytes:
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_bytes(KEY_BYTES)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    fd = os.open(tmp, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(key)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.link(tmp, path)  # never replaces a key another process made meanwhile
        except FileExistsError:
            return pin_key(create=False) or key
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()
    return key
