"""Sign-in with a name and PIN: scrypt hashes, failed attempts limited and logged, roles."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

import pytest

from cartclinic.errors import InputRefused
from cartclinic.users import MAX_FAILED, SignInRefused, Staff

# on a SQLite file and on a PostgreSQL server alike (issue 14)
pytestmark = pytest.mark.both_backends

NOW = datetime(2026, 11, 27, 8, 30)


@pytest.fixture
def staff(roster):
    s = Staff(roster.store)
    s.add("Li Na", "2468", "admin", "setup")
    s.add("Tom Ward", "1357", "nurse", "Li Na")
    return s


def test_pin_is_stored_as_a_salted_scrypt_hash_keyed_with_the_pcs_pin_key(staff, roster):
    import hmac

    from cartclinic.pin_key import key_id, pin_key

    user = roster.store.user_by_name("Li Na")
    # The stored text is the HMAC, with the PC's PIN key (kept outside the roster), of the scrypt
    # hash of the PIN with this person's salt, and the key's id; never the PIN itself.
    key = pin_key(create=False)
    assert key is not None
    scrypt = hashlib.scrypt(b"2468", salt=bytes.fromhex(user.pin_salt), n=2**14, r=8, p=1,
                            dklen=32)
    assert user.pin_hash == f"k1:{key_id(key)}:" + hmac.new(key, scrypt, "sha256").hexdigest()
    assert len(user.pin_salt) >= 32
    # the roster alone holds nothing a PIN can be tried against: the scrypt hash is not in it
    assert scrypt.hex() not in user.pin_hash
    other = roster.store.user_by_name("Tom Ward")
    assert other.pin_salt != user.pin_salt


def test_right_pin_signs_in(staff):
    assert staff.sign_in("Li Na", "2468", NOW).role == "admin"


def test_wrong_pin_says_how_many_tries_are_left_and_is_audited(staff, roster):
    with pytest.raises(SignInRefused, match=f"{MAX_FAILED - 1} tries left"):
        staff.sign_in("Tom Ward", "0000", NOW)
    notes = [r for r in roster.store.audit_rows() if r["row_id"] == "sign_in_failed"]
    assert notes and "Tom Ward" in notes[-1]["new"]


def test_too_many_wrong_pins_lock_the_name_for_a_while(staff):
    for _ in range(MAX_FAILED - 1):
        with pytest.raises(SignInRefused):
            staff.sign_in("Tom Ward", "0000", NOW)
    with pytest.raises(SignInRefused, match="locked for 5 minutes"):
        staff.sign_in("Tom Ward", "0000", NOW)
    with pytest.raises(SignInRefused, match="locked until"):
        staff.sign_in("Tom Ward", "1357", NOW + timedelta(minutes=1))
    assert staff.sign_in("Tom Ward", "1357", NOW + timedelta(minutes=6)).name == "Tom Ward"


@pytest.mark.parametrize("pin", ["", "12", "123456789", "12a4", "１２３４５"])
def test_pin_format(staff, pin):
    if pin == "１２３４５":  # full-width digits are NFKC-folded to ASCII: accepted
        staff.add("Wide", pin, "nurse", "Li Na")
        assert staff.sign_in("Wide", "12345", NOW)
        return
    with pytest.raises(InputRefused, match="PIN"):
        staff.add("Bad", pin, "nurse", "Li Na")


def test_only_admins_pass_require_admin(staff):
    staff.require_admin(staff.sign_in("Li Na", "2468", NOW))
    with pytest.raises(InputRefused, match="not an admin"):
        staff.require_admin(staff.sign_in("Tom Ward", "1357", NOW))


def test_duplicate_names_refused(staff):
    with pytest.raises(InputRefused, match="already has a sign-in"):
        staff.add("Li  Na", "9999", "nurse", "Li Na")


def test_admin_resets_a_forgotten_pin_and_lifts_a_lockout(staff):
    admin = staff.sign_in("Li Na", "2468", NOW)
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInRefused):
            staff.sign_in("Tom Ward", "0000", NOW)
    staff.reset_pin("Tom Ward", "8642", admin)
    assert staff.sign_in("Tom Ward", "8642", NOW).name == "Tom Ward"


def test_a_nurse_cannot_reset_pins(staff):
    nurse = staff.sign_in("Tom Ward", "1357", NOW)
    with pytest.raises(InputRefused, match="not an admin"):
        staff.reset_pin("Li Na", "0000", nurse)


def test_a_switched_off_sign_in_is_refused_and_the_last_admin_stays(staff):
    admin = staff.sign_in("Li Na", "2468", NOW)
    staff.set_active("Tom Ward", False, admin)
    with pytest.raises(SignInRefused, match="no sign-in"):
        staff.sign_in("Tom Ward", "1357", NOW)
    with pytest.raises(InputRefused, match="your own"):
        staff.set_active("Li Na", False, admin)


def test_exports_never_carry_pin_hashes(staff, roster, tmp_path):
    from cartclinic.store.audit import redact

    rows = [r for r in roster.store.audit_rows() if r["table_name"] == "users"]
    assert rows and all("pin_hash" in r["new"] for r in rows)
    for r in rows:
        assert '"pin_hash": "(hidden)"' in redact(r["new"])
        assert roster.store.user_by_name("Li Na").pin_hash not in redact(r["new"])


# -- lockouts in elapsed time (UTC), whatever the wall clock does ---------------------------
def test_a_lockout_in_the_autumn_dst_change_lasts_five_minutes_not_an_hour_and_five(staff):
    """Europe/London, last Sunday of October 2026: 01:00 to 02:00 happens twice. Locked at
    01:58 BST (the first 01:58), the name is free again at 01:04 GMT, six minutes later."""
    from zoneinfo import ZoneInfo

    london = ZoneInfo("Europe/London")
    locked_at = datetime(2026, 10, 25, 1, 58, tzinfo=london)  # fold=0: BST, 00:58 UTC
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInRefused):
            staff.sign_in("Tom Ward", "0000", locked_at)
    four_later = datetime(2026, 10, 25, 1, 2, fold=1, tzinfo=london)  # 01:02 GMT = 01:02 UTC
    with pytest.raises(SignInRefused, match="locked until 01:03"):
        staff.sign_in("Tom Ward", "1357", four_later)
    six_later = datetime(2026, 10, 25, 1, 4, fold=1, tzinfo=london)  # 01:04 GMT = 01:04 UTC
    assert staff.sign_in("Tom Ward", "1357", six_later).name == "Tom Ward"


def test_a_lockout_end_is_kept_in_utc(staff, roster):
    from datetime import UTC
    from zoneinfo import ZoneInfo

    at = datetime(2026, 7, 1, 14, 0, tzinfo=ZoneInfo("Asia/Shanghai"))  # 06:00 UTC
    for _ in range(MAX_FAILED):
        with pytest.raises(SignInRefused):
            staff.sign_in("Tom Ward", "0000", at)
    stored = roster.store.user_by_name("Tom Ward").locked_until
    assert datetime.fromisoformat(stored) == datetime(2026, 7, 1, 6, 5, tzinfo=UTC)
    assert stored.endswith("+00:00")


def test_pin_key_an_older_hash_still_signs_in_and_is_remade_keyed(staff, roster):
    from cartclinic.users import hash_pin

    user = roster.store.user_by_name("Tom Ward")
    roster_store = roster.store
    with roster_store.write("older program"):
        roster_store.update_user(user.id, pin_hash=hash_pin("1357", user.pin_salt))
    assert staff.sign_in("Tom Ward", "1357", NOW).name == "Tom Ward"
    assert roster.store.user_by_name("Tom Ward").pin_hash.startswith("k1:")
    assert staff.sign_in("Tom Ward", "1357", NOW).name == "Tom Ward"  # and still signs in


def test_pin_key_missing_on_another_pc_is_said_and_not_counted_as_a_wrong_pin(
        staff, roster, tmp_path, monkeypatch):
    monkeypatch.setenv("CARTCLINIC_PIN_KEY", str(tmp_path / "another-pc" / "pin-key"))
    with pytest.raises(SignInRefused, match="another PIN key"):
        staff.sign_in("Li Na", "2468", NOW)
    assert roster.store.user_by_name("Li Na").failed_attempts == 0
    assert staff.pins_need_another_key()
    # the roster's OS account gives a new PIN there (cartclinic-admin staff reset-pin)
    staff.set_pin("Li Na", "8642", "ward IT (command line)")
    assert staff.sign_in("Li Na", "8642", NOW).role == "admin"


def test_pin_key_is_created_owner_only_once(tmp_path, monkeypatch):
    import os
    import stat

    from cartclinic.pin_key import pin_key

    path = tmp_path / "cfg" / "pin-key"
    monkeypatch.setenv("CARTCLINIC_PIN_KEY", str(path))
    assert pin_key(create=False) is None
    first = pin_key()
    assert len(first) == 32 and pin_key() == first
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
