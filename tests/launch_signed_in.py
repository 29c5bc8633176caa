"""Start the program already signed in, for the README's screenshot and other scripted runs:

    printf '%s\\n' PIN | python tests/launch_signed_in.py --db ROSTER --who NAME [main.py options]

The PIN is read from the first line of standard input and checked against the roster, as the
sign-in dialog checks it: a wrong PIN counts towards the lockout and is audited, a locked or
unknown name is refused (exit 0 without a window, the refusal on stderr). It lives here, outside
the shipped packages (`cartclinic`, `ui`): the installed program has no way to sign anyone in
without their PIN.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cartclinic_ui import app, start  # noqa: E402

from cartclinic.errors import InputRefused  # noqa: E402


def main(argv: list[str]) -> int:
    pin = sys.stdin.readline().strip()

    def sign_in_with_pin(ctx, who: str | None) -> bool:
        if not who:
            print("launch_signed_in: give --who NAME", file=sys.stderr)
            return False
        try:
            user = ctx.staff.sign_in(who, pin, ctx.now())
        except InputRefused as exc:
            for reason in exc.reasons:
                print(f"launch_signed_in: refused: {reason}", file=sys.stderr)
            return False
        ctx.sign_in(user)
        return True

    app.sign_in = sign_in_with_pin  # the program's start looks its sign-in up by name
    return start.main([sys.argv[0], *argv])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
