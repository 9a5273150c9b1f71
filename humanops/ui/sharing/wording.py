"""What the sharing engine's codes mean, in sentences a field coordinator reads at a glance.

The engine counts withheld features by stable reason codes (``humanops.sharing.policy`` and
``exchange_export``); the dialogs show these sentences instead. An unknown code is shown as
it is, never hidden.
"""

from __future__ import annotations

WITHHELD_REASONS: dict[str, str] = {
    "unknown_marking": "Their marking holds a value this version of HumanOps does not understand: never sent.",
    "expired": "Their marking has expired: expired information is never shared.",
    "recipient_revoked": "The recipient's key was revoked: only TLP:CLEAR may still go to it.",
    "no_onward_sharing": "Received from another organisation and marked “no onward sharing”: only the "
                         "originator may share them.",
    "onward_red": "TLP:RED received from another organisation: never passed on.",
    "onward_amber_strict": "TLP:AMBER+STRICT received from another organisation: never passed on.",
    "not_releasable": "The recipient is not named in their “releasable to” list, neither directly nor "
                      "through a community.",
    "no_shared_community": "TLP:GREEN without a “releasable to” list, and the recipient shares no community "
                           "with the originator.",
    "originator_limit": "TLP:AMBER received from another organisation that named no one it may be passed on to.",
    "tlp_amber_strict_not_named": "TLP:AMBER+STRICT: the recipient is not named by its own id in "
                                  "“releasable to” (a community is not enough).",
    "tlp_red_not_named": "TLP:RED: the recipient is not named by its own id in “releasable to”.",
    "outside_aor": "Outside the recipient's area of responsibility.",
    "co_recipient": "Another recipient of this package may not have them (a package holds only what all "
                    "its recipients may have).",
    "co_recipient_precision": "The recipients would need different generalisations of them: send separate "
                              "packages.",
    "generalised_copy": "Generalised copies received from a partner: only their originator passes its data on.",
    "suppressed_small_group": "Generalised groups too small to share (fewer people than the marking's "
                              "threshold): suppressed to protect them.",
}

# What an import would do with the features of a package, by the engine's count names.
IMPORT_COUNTS: tuple[tuple[str, str], ...] = (
    ("inserted", "new"),
    ("updated", "updated"),
    ("deleted", "deleted"),
    ("conflicts", "conflicts"),
    ("quarantined", "quarantined"),
    ("unchanged", "unchanged"),
    ("stale", "older than ours"),
    ("ignored", "ignored"),
)

# Hints after a refusal, by a phrase of the engine's message: what the user can do about it.
_REFUSAL_HINTS: tuple[tuple[str, str], ...] = (
    ("unknown key", "If you expect packages from this sender, add its contact card (Sharing ▸ Partners and "
                    "keys) after checking this fingerprint with them by phone or in person."),
    ("claims to come from", "The package was signed by one partner in the name of another: do not trust it."),
    ("revoked", "The sender's key was revoked: ask them for their new contact card."),
    ("not to us", "This package was made for other organisations: ask the sender for one addressed to you."),
    ("not encrypted to any of our keys", "This package was made for other organisations, or it is damaged."),
    ("replay", "This package was imported already: nothing new to do."),
    ("older than one already imported", "A newer package from this sender was imported already: an older one "
                                        "never overwrites newer data."),
    ("expired at", "Ask the sender for a fresh package."),
    ("signature", "The file was altered after it was signed (or damaged): do not use it; ask the sender to "
                  "send it again."),
    ("hash", "The file was altered after it was signed (or damaged): do not use it; ask the sender to "
             "send it again."),
    ("altered", "The file was altered after it was signed: do not use it; ask the sender to send it again."),
    ("truncated", "The file is damaged or incomplete (a copy that stopped midway?): ask for it again."),
    ("not a humanops exchange package", "Choose a .hopx file made by HumanOps."),
    ("wrong passphrase", "Type the passphrase of your organisation's keys again."),
)


def withheld_sentence(code: str) -> str:
    return WITHHELD_REASONS.get(code, f"Withheld ({code}).")


def refusal_hint(message: str) -> str:
    """A next step for a refused package, or ''."""
    low = message.lower()
    for phrase, hint in _REFUSAL_HINTS:
        if phrase in low:
            return hint
    return "The package changed nothing in this workspace."


def fingerprint_lines(grouped: str, per_line: int = 4) -> str:
    """A fingerprint's groups of four, ``per_line`` groups a line, for reading aloud."""
    groups = grouped.split()
    return "\n".join(" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))


def plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"
