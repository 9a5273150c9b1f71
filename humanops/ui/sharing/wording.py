"""What the sharing engine's codes mean, in sentences a field coordinator reads at a glance.

The engine counts withheld features by stable reason codes (``humanops.sharing.policy`` and
``exchange_export``); the dialogs show these sentences instead, in the UI's language (context
"wording"). An unknown code is shown as it is, never hidden.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

WITHHELD_REASONS: dict[str, str] = {
    "unknown_marking": QT_TRANSLATE_NOOP("wording", "Their marking holds a value this version of HumanOps does not "
                                                    "understand: never sent."),
    "expired": QT_TRANSLATE_NOOP("wording", "Their marking has expired: expired information is never shared."),
    "recipient_revoked": QT_TRANSLATE_NOOP("wording", "The recipient's key was revoked: only TLP:CLEAR may still go to "
                                                      "it."),
    "no_onward_sharing": QT_TRANSLATE_NOOP("wording", "Received from another organisation and marked “no onward "
                                                      "sharing”: only the originator may share them."),
    "onward_red": QT_TRANSLATE_NOOP("wording", "TLP:RED received from another organisation: never passed on."),
    "onward_amber_strict": QT_TRANSLATE_NOOP("wording", "TLP:AMBER+STRICT received from another organisation: never "
                                                        "passed on."),
    "not_releasable": QT_TRANSLATE_NOOP("wording", "The recipient is not named in their “releasable to” list, neither "
                                                   "directly nor through a community."),
    "no_shared_community": QT_TRANSLATE_NOOP("wording", "TLP:GREEN without a “releasable to” list, and the recipient "
                                                        "shares no community with the originator."),
    "originator_limit": QT_TRANSLATE_NOOP("wording", "TLP:AMBER received from another organisation that named no one "
                                                     "it may be passed on to."),
    "tlp_amber_strict_not_named": QT_TRANSLATE_NOOP("wording", "TLP:AMBER+STRICT: the recipient is not named by its "
                                                               "own id in “releasable to” (a community is not "
                                                               "enough)."),
    "tlp_red_not_named": QT_TRANSLATE_NOOP("wording", "TLP:RED: the recipient is not named by its own id in "
                                                      "“releasable to”."),
    "outside_aor": QT_TRANSLATE_NOOP("wording", "Outside the recipient's area of responsibility."),
    "co_recipient": QT_TRANSLATE_NOOP("wording", "Another recipient of this package may not have them (a package holds "
                                                 "only what all its recipients may have)."),
    "co_recipient_precision": QT_TRANSLATE_NOOP("wording", "The recipients would need different generalisations of "
                                                           "them: send separate packages."),
    "generalised_copy": QT_TRANSLATE_NOOP("wording", "Generalised copies received from a partner: only their "
                                                     "originator passes its data on."),
    "suppressed_small_group": QT_TRANSLATE_NOOP("wording", "Generalised groups too small to share (fewer people than "
                                                           "the marking's threshold): suppressed to protect them."),
}

# What an import would do with the features of a package, by the engine's count names.
IMPORT_COUNTS: tuple[tuple[str, str], ...] = (
    ("inserted", QT_TRANSLATE_NOOP("wording", "new")),
    ("updated", QT_TRANSLATE_NOOP("wording", "updated")),
    ("deleted", QT_TRANSLATE_NOOP("wording", "deleted")),
    ("conflicts", QT_TRANSLATE_NOOP("wording", "conflicts")),
    ("quarantined", QT_TRANSLATE_NOOP("wording", "quarantined")),
    ("unchanged", QT_TRANSLATE_NOOP("wording", "unchanged")),
    ("stale", QT_TRANSLATE_NOOP("wording", "older than ours")),
    ("ignored", QT_TRANSLATE_NOOP("wording", "ignored")),
)

# Hints after a refusal, by a phrase of the engine's message: what the user can do about it.
_REFUSAL_HINTS: tuple[tuple[str, str], ...] = (
    ("unknown key", QT_TRANSLATE_NOOP("wording", "If you expect packages from this sender, add its contact card "
                                                 "(Sharing ▸ Partners and keys) after checking this fingerprint with "
                                                 "them by phone or in person.")),
    ("claims to come from", QT_TRANSLATE_NOOP("wording", "The package was signed by one partner in the name of "
                                                         "another: do not trust it.")),
    ("revoked", QT_TRANSLATE_NOOP("wording", "The sender's key was revoked: ask them for their new contact card.")),
    ("not to us", QT_TRANSLATE_NOOP("wording", "This package was made for other organisations: ask the sender for one "
                                               "addressed to you.")),
    ("not encrypted to any of our keys", QT_TRANSLATE_NOOP("wording", "This package was made for other organisations, "
                                                                      "or it is damaged.")),
    ("replay", QT_TRANSLATE_NOOP("wording", "This package was imported already: nothing new to do.")),
    ("older than one already imported", QT_TRANSLATE_NOOP("wording", "A newer package from this sender was imported "
                                                                     "already: an older one never overwrites newer "
                                                                     "data.")),
    ("expired at", QT_TRANSLATE_NOOP("wording", "Ask the sender for a fresh package.")),
    ("signature", QT_TRANSLATE_NOOP("wording", "The file was altered after it was signed (or damaged): do not use it; "
                                               "ask the sender to send it again.")),
    ("hash", QT_TRANSLATE_NOOP("wording", "The file was altered after it was signed (or damaged): do not use it; ask "
                                          "the sender to send it again.")),
    ("altered", QT_TRANSLATE_NOOP("wording", "The file was altered after it was signed: do not use it; ask the sender "
                                             "to send it again.")),
    ("truncated", QT_TRANSLATE_NOOP("wording", "The file is damaged or incomplete (a copy that stopped midway?): ask "
                                               "for it again.")),
    ("not a humanops exchange package", QT_TRANSLATE_NOOP("wording", "Choose a .hopx file made by HumanOps.")),
    ("wrong passphrase", QT_TRANSLATE_NOOP("wording", "Type the passphrase of your organisation's keys again.")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("wording", text)


def withheld_sentence(code: str) -> str:
    if code in WITHHELD_REASONS:
        return _tr(WITHHELD_REASONS[code])
    return QCoreApplication.translate("wording", "Withheld ({code}).").format(code=code)


def import_count_label(key: str) -> str:
    """What an import count is called ("new", "updated"...), in the UI's language."""
    return _tr(dict(IMPORT_COUNTS)[key])


def refusal_hint(message: str) -> str:
    """A next step for a refused package, or ''. (The engine's message is English: its phrases
    are looked for in it as it is.)"""
    low = message.lower()
    for phrase, hint in _REFUSAL_HINTS:
        if phrase in low:
            return _tr(hint)
    return QCoreApplication.translate("wording", "The package changed nothing in this workspace.")


def fingerprint_lines(grouped: str, per_line: int = 4) -> str:
    """A fingerprint's groups of four, ``per_line`` groups a line, for reading aloud."""
    groups = grouped.split()
    return "\n".join(" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line))
