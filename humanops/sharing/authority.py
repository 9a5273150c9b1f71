"""The authority rule: may this version of a feature replace the one we hold?

Beside :func:`humanops.sharing.policy.may_receive` (who may *receive* a feature),
:func:`may_change` decides who may *change* it. It is the only place that decides, and it is
asked wherever a feature can change: a package import (the author is the organisation whose
signature covers the version, see :mod:`humanops.sharing.originator_signatures`), the app's
forms, marking panel and map tools, the CLI and bulk tools (the author is us). It is pure: it
reads the held version's originator and editors and what the incoming version changes.

Words: the *originator* made the feature and owns it; *editors* are organisations the
originator named (in the version we hold, which only the originator can change) to edit its
fields and geometry with it, e.g. a corridor negotiated by two organisations. The *author*
made the incoming version (and signed it).

The rules, in order; the first that matches decides:

==  ===========================================================  ========  ========================
 #  condition                                                    action    reason_code
==  ===========================================================  ========  ========================
 1  no author (nobody signed or made it)                         refuse    no_author
 2  we hold no version, the author is the originator it names    allow     new_from_originator
 3  we hold no version, someone else made it                     refuse    not_from_originator
 4  the incoming version names another originator than ours      refuse    originator_changed
 5  the author is the originator                                 allow     originator
 6  the author is a named editor and deletes it                  propose   editor_cannot_delete
 7  the author is a named editor and changes the marking         propose   editor_cannot_mark
 8  the author is a named editor and changes the editors         propose   editor_cannot_name_editors
 9  the author is a named editor                                 allow     named_editor
10  otherwise (anyone else's edit or deletion)                   propose   not_originator
==  ===========================================================  ========  ========================

*propose* means the version is never merged: it is kept as a proposal from its author, shown
to a person who accepts or rejects it (accepting someone's proposal about a third party's
feature makes it our own proposal to that originator). Rule 3 refuses rather than proposes:
without the originator's version there is nothing to propose a change to, and a feature that
first reaches us through someone else than its originator could claim any owner (an editor's
version of a feature we never saw included: we cannot check that the originator named it).

Rule 4 refuses the version as a change of ours; an import keeps it, when its claimed
originator signed it, as a dispute over who owns the uuid for a person to decide
(:mod:`humanops.sharing.import_authority`): a relay could otherwise claim a feature for itself
before its originator's version arrives.

A relay never appears here as an author: it forwards the originator's signed version
unchanged, and may only restrict the marking further for its own onward sharing
(:func:`humanops.sharing.marking_ops.set_marking`), which is not a change of the feature.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

ALLOW, PROPOSE, REFUSE = "allow", "propose", "refuse"


@dataclass(frozen=True)
class Held:
    """What matters of the version we hold: who owns it and whom it named as editors."""

    originator: str
    editors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Change:
    """An incoming (or local) version, described by who made it and what it changes."""

    originator: str  # the originator the new version names
    author: str  # who made it (whose signature covers it; us for a local edit)
    deleted: bool = False
    marking_changed: bool = False
    editors_changed: bool = False


@dataclass(frozen=True)
class AuthorityDecision:
    action: str  # "allow" | "propose" | "refuse"
    reason_code: str
    reason: str

    @property
    def allowed(self) -> bool:
        return self.action == ALLOW


def may_change(held: Held | None, change: Change) -> AuthorityDecision:
    """Whether ``change`` may replace ``held`` (None: we hold no version). The rules are the
    table in this module's docstring."""
    author = change.author
    if not author:
        return AuthorityDecision(REFUSE, "no_author", "nobody signed this version")
    if held is None:
        if author == change.originator:
            return AuthorityDecision(ALLOW, "new_from_originator", f"a new feature from its originator {author}")
        return AuthorityDecision(REFUSE, "not_from_originator",
                                 f"made by {author}, not by its originator {change.originator}, and we hold no "
                                 "version of it from the originator")
    owner = held.originator
    if change.originator != owner:
        return AuthorityDecision(REFUSE, "originator_changed",
                                 f"claims {change.originator} as originator; the feature is {owner}'s")
    if author == owner:
        return AuthorityDecision(ALLOW, "originator", f"made by its originator {owner}")
    if author in held.editors:
        if change.deleted:
            return AuthorityDecision(PROPOSE, "editor_cannot_delete",
                                     f"{author} may edit {owner}'s feature but only {owner} may delete it")
        if change.marking_changed:
            return AuthorityDecision(PROPOSE, "editor_cannot_mark",
                                     f"{author} may edit {owner}'s feature but only {owner} sets its marking")
        if change.editors_changed:
            return AuthorityDecision(PROPOSE, "editor_cannot_name_editors",
                                     f"only {owner} names the editors of its feature")
        return AuthorityDecision(ALLOW, "named_editor", f"{author} is named by {owner} as an editor")
    verb = "deletion" if change.deleted else "change"
    return AuthorityDecision(PROPOSE, "not_originator",
                             f"a {verb} by {author} of {owner}'s feature: only {owner} decides")


def parse_editors(value: object) -> tuple[str, ...]:
    """Editors as stored (comma-separated text) or sent (a list), as a tuple of ids."""
    if value is None or (isinstance(value, float) and value != value):
        return ()
    if isinstance(value, str):
        return tuple(p for p in (s.strip() for s in value.split(",")) if p)
    if isinstance(value, Iterable):
        return tuple(str(p) for p in value if p)
    return ()
