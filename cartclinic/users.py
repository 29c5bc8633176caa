"""Who is working: each nurse signs in with their own name and PIN.

PINs are stored as `hashlib.scrypt` hashes with a salt per person. Failed attempts are counted
and written to the audit trail; after `MAX_FAILED` in a row the name is locked for a while, so a
PIN cannot be guessed at a PC left in a corridor. Time is passed in, never read here.

A lockout is measured in elapsed time: its end is kept in UTC, never on the ward's wall clock,
so the autumn DST change (the hour from 01:00 to 02:00 happens twice) does not stretch five
minutes into an hour and five. A naive `now` is the PC's local time, turned into UTC here.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cartclinic.errors import InputRefused
from cartclinic.model import User
from cartclinic.pin_key import key_id, key_path, pin_key
from cartclinic.store import RosterStore

ROLES = ("nurse", "admin")
LANGUAGES = ("en", "zh")  # the interface languages a person may keep
MAX_FAILED = 5
LOCK_FOR = timedelta(minutes=5)
PIN_DIGITS = (4, 8)
# scrypt cost: about 50 ms on an old PC — slow for a guesser, unnoticed by a nurse
_N, _R, _P = 2**14, 8, 1


class SignInRefused(InputRefused):
    """Wrong name or PIN, or a locked name; says how many tries are left or until when."""


def hash_pin(pin: str, salt_hex: str) -> str:
    """The scrypt hash alone: how PINs were kept before the PC's PIN key (`pin_digest`)."""
    return hashlib.scrypt(pin.encode("utf-8"), salt=bytes.fromhex(salt_hex), n=_N, r=_R, p=_P,
                          dklen=32).hex()


KEYED = "k1"  # the marker of a hash made with the PC's PIN key: "k1:<key id>:<hmac>"


def pin_digest(pin: str, salt_hex: str, key: bytes | None = None) -> str:
    """The stored form of a PIN: its scrypt hash keyed with this PC's PIN key (cartclinic/
    pin_key.py), which the roster does not hold, and the id of that key."""
    key = key if key is not None else pin_key()
    assert key is not None
    mac = hmac.new(key, bytes.fromhex(hash_pin(pin, salt_hex)), hashlib.sha256).hexdigest()
    return f"{KEYED}:{key_id(key)}:{mac}"


class PinKeyMissing(SignInRefused):
    """The PINs of this roster were made with another PC's PIN key."""


def _pin_matches(user: User, pin: str) -> tuple[bool, bool]:
    """(the PIN is right, its hash should be remade with the key). A hash of an older program
    (scrypt alone) is checked as it was, and remade keyed after a right PIN."""
    stored = user.pin_hash
    if not stored.startswith(KEYED + ":"):
        return hmac.compare_digest(hash_pin(pin or "", user.pin_salt), stored), True
    _, wanted_id, _ = stored.split(":", 2)
    key = pin_key(create=False)
    if key is None or key_id(key) != wanted_id:
        raise PinKeyMissing(
            f"PIN: the PINs of this roster were made on a PC with another PIN key (id "
            f"{wanted_id}); this PC's key is {key_path()}. Ward IT copies the key file from the "
            "PC the roster came from, or resets the PINs as the roster's OS account: "
            "cartclinic-admin staff reset-pin NAME")
    return hmac.compare_digest(pin_digest(pin or "", user.pin_salt, key), stored), False


def check_pin_format(pin: str) -> str:
    pin = unicodedata.normalize("NFKC", pin or "").strip()
    low, high = PIN_DIGITS
    if not (pin.isascii() and pin.isdigit() and low <= len(pin) <= high):
        raise InputRefused(f"PIN: use {low} to {high} digits")
    return pin


def _lock_end(text: str) -> datetime:
    """A stored lockout end as UTC. Rosters of earlier versions kept a naive local time."""
    when = datetime.fromisoformat(text)
    return when.astimezone(UTC)


def locked_until_local(user: User) -> datetime | None:
    """When `user`'s lockout ends, on this PC's local clock (to show); None if not locked."""
    return _lock_end(user.locked_until).astimezone() if user.locked_until else None


def _check_language(language: str | None) -> str | None:
    if language in (None, ""):
        return None
    if language not in LANGUAGES:
        raise InputRefused(f"language: '{language}' is not en or zh (or none: the PC's setting)")
    return language


def _clean_name(name: str) -> str:
    name = " ".join(unicodedata.normalize("NFC", name or "").split())
    if not name:
        raise InputRefused("name: empty; type your name")
    if len(name) > 80:
        raise InputRefused("name: at most 80 characters")
    return name


class Staff:
    """The people who may sign in to one roster."""

    def __init__(self, store: RosterStore) -> None:
        self.store = store

    def users(self) -> list[User]:
        return self.store.users()

    def has_admin(self) -> bool:
        return any(u.role == "admin" and u.active for u in self.store.users())

    def needs_first_admin(self) -> bool:
        """A new roster: no admin and no patient yet, so whoever sets it up becomes its admin.
        A roster with patients never offers that (see `no_admin_message`)."""
        return not self.has_admin() and not self.store.has_patients()

    def no_admin_message(self) -> str | None:
        """Why a roster with patients but no active admin cannot be opened, and the way out;
        None when it has an admin (or no patients: a new roster)."""
        if self.has_admin() or not self.store.has_patients():
            return None
        return (
            f"The roster {self.store.path} holds patients but nobody who can sign in as its "
            "admin, so it is not opened (whoever is at the PC must not become its admin). Ward "
            "IT, signed in to the PC as the account that owns the roster, adds an admin with: "
            f"cartclinic-admin --db {self.store.path} staff add NAME --admin "
            "(it asks for the new PIN twice), or restores a backup made after the staff were "
            "set up."
        )

    def add(self, name: str, pin: str, role: str, who: str,
            language: str | None = None) -> User:
        name = _clean_name(name)
        pin = check_pin_format(pin)
        if role not in ROLES:
            raise InputRefused(f"role: '{role}' is not nurse or admin")
        language = _check_language(language)
        if self.store.user_by_name(name) is not None:
            raise InputRefused(f"name: {name} already has a sign-in")
        salt = secrets.token_hex(16)
        user = User(name=name, role=role, pin_salt=salt, pin_hash=pin_digest(pin, salt),
                    language=language)
        with self.store.write(who):
            user_id = self.store.add_user(user)
        return User(**{**user.__dict__, "id": user_id})

    def change_pin(self, name: str, old_pin: str, new_pin: str, now: datetime) -> None:
        user = self.sign_in(name, old_pin, now)
        new_pin = check_pin_format(new_pin)
        salt = secrets.token_hex(16)
        with self.store.write(user.name):
            assert user.id is not None
            self.store.update_user(user.id, pin_salt=salt, pin_hash=pin_digest(new_pin, salt))

    def sign_in(self, name: str, pin: str, now: datetime) -> User:
        """The user, or `SignInRefused`. Every failure is counted and audited."""
        name = _clean_name(name)
        user = self.store.user_by_name(name)
        if user is None or not user.active:
            with self.store.write("sign-in"):
                self.store.note("sign_in_failed", {"name": name, "why": "unknown name"})
            raise SignInRefused("name: no sign-in with that name; ask the ward admin")
        assert user.id is not None
        now_utc = now.astimezone(UTC)
        if user.locked_until and now_utc < _lock_end(user.locked_until):
            until = _lock_end(user.locked_until).astimezone(now.tzinfo if now.tzinfo else None)
            with self.store.write("sign-in"):
                self.store.note("sign_in_failed", {"name": name, "why": "locked"})
            raise SignInRefused(
                f"PIN: too many wrong PINs; {name} is locked until {until:%H:%M}. "
                "Wait, or ask the ward admin."
            )
        right, remake = _pin_matches(user, pin)
        if not right:
            failed = user.failed_attempts + 1
            locked = ((now_utc + LOCK_FOR).isoformat(timespec="seconds")
                      if failed >= MAX_FAILED else None)
            with self.store.write("sign-in"):
                self.store.update_user(user.id, failed_attempts=0 if locked else failed,
                                       locked_until=locked)
                self.store.note("sign_in_failed", {"name": name, "why": "wrong PIN",
                                                   "attempt": failed})
            if locked:
                raise SignInRefused(
                    f"PIN: wrong {MAX_FAILED} times; {name} is locked for "
                    f"{int(LOCK_FOR.total_seconds() // 60)} minutes"
                )
            left = MAX_FAILED - failed
            raise SignInRefused(f"PIN: wrong PIN; {left} tr{'ies' if left != 1 else 'y'} left")
        changes: dict = {}
        if user.failed_attempts or user.locked_until:
            changes.update(failed_attempts=0, locked_until=None)
        if remake:  # an older program's hash: kept from now on with the PC's PIN key
            changes.update(pin_hash=pin_digest(pin, user.pin_salt))
        if changes:
            with self.store.write(name):
                self.store.update_user(user.id, **changes)
        return user

    def reset_pin(self, name: str, new_pin: str, admin: User) -> None:
        """An admin sets a new PIN for someone who forgot theirs; it also lifts a lockout."""
        self.require_admin(admin)
        user = self._existing(name)
        new_pin = check_pin_format(new_pin)
        salt = secrets.token_hex(16)
        with self.store.write(admin.name):
            assert user.id is not None
            self.store.update_user(user.id, pin_salt=salt, pin_hash=pin_digest(new_pin, salt),
                                   failed_attempts=0, locked_until=None)

    def pins_need_another_key(self) -> bool:
        """Some PIN of this roster was made with a PIN key this PC does not hold (a roster
        moved or restored to another PC without its key file)."""
        key = pin_key(create=False)
        here = key_id(key) if key is not None else None
        return any(u.pin_hash.startswith(KEYED + ":") and u.pin_hash.split(":")[1] != here
                   for u in self.store.users())

    def set_pin(self, name: str, new_pin: str, who: str) -> User:
        """A new PIN, from the command line: by an admin signed in there, or by the roster's
        OS account when this PC lacks the roster's PIN key (`pins_need_another_key`)."""
        user = self._existing(name)
        new_pin = check_pin_format(new_pin)
        salt = secrets.token_hex(16)
        with self.store.write(who):
            assert user.id is not None
            self.store.update_user(user.id, pin_salt=salt, pin_hash=pin_digest(new_pin, salt),
                                   failed_attempts=0, locked_until=None)
        return user

    def unlock(self, name: str, admin: User) -> None:
        self.require_admin(admin)
        user = self._existing(name)
        with self.store.write(admin.name):
            assert user.id is not None
            self.store.update_user(user.id, failed_attempts=0, locked_until=None)

    def set_active(self, name: str, active: bool, admin: User) -> None:
        """A leaver can no longer sign in; their name stays in the audit trail."""
        self.require_admin(admin)
        user = self._existing(name)
        if not active and user.name == admin.name:
            raise InputRefused("name: you cannot switch off your own sign-in")
        if not active and user.role == "admin" and sum(
            1 for u in self.store.users() if u.role == "admin" and u.active
        ) <= 1:
            raise InputRefused("name: the last admin cannot be switched off")
        with self.store.write(admin.name):
            assert user.id is not None
            self.store.update_user(user.id, active=active)

    def set_language(self, name: str, language: str | None, by: User) -> User:
        """The interface language `name` works in (None: the PC's setting), set by that person
        or by an admin; returns the person as now kept."""
        language = _check_language(language)
        user = self._existing(name)
        if by.name != user.name:
            self.require_admin(by)
        if user.language != language:
            with self.store.write(by.name):
                assert user.id is not None
                self.store.update_user(user.id, language=language)
        return replace(user, language=language)

    def _existing(self, name: str) -> User:
        user = self.store.user_by_name(_clean_name(name))
        if user is None:
            raise InputRefused(f"name: no sign-in called {name}")
        return user

    def require_admin(self, user: User) -> None:
        if user.role != "admin":
            raise InputRefused(f"{user.name} is not an admin; ask the ward admin to do this")
