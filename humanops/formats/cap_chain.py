"""Alert → Update → Cancel: the CAP messages a trigger alert goes out as, as agencies issue them.

An alert (``humanops.analysis.triggers.Alert``) changes after it is first sent: its zones move,
needs join it, its condition stops holding. CAP says so with a new message each time, never by
sending the first one again: every message has its own identifier, and an ``Update`` or ``Cancel``
names every message of the chain before it in ``references`` (sender,identifier,sent).
:func:`issue_cap` decides which message is due and records it in the workspace
(:mod:`humanops.store.cap_messages`); :func:`export_cap` writes it (or the whole chain), the one
function the CLI (``humanops triggers cap``) and the app's alerts panel call:

- nothing issued yet (or the last chain ended with a Cancel and the alert fired again): an ``Alert``;
- the alert is resolved: a ``Cancel`` (none when the last message is one already);
- what the alert says (its texts in the languages asked for, area, severity, marking, web
  address...) differs from the last message: an ``Update``;
- otherwise the latest message stands and is written again, byte for byte.

Chains are kept per status and sender: an ``Exercise`` message never references an ``Actual`` one,
and their identifiers differ. ``sent`` is the workspace clock (:func:`workspace_now`): the scenario's
time in a scenario workspace.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from humanops.errors import FormatError
from humanops.formats.cap import (
    CAP_STATUSES,
    CapAlertSource,
    CapHeader,
    cap_bytes,
    cap_message,
    cap_time,
    cap_token,
    content_digest,
    message_identifier,
    message_languages,
    write_cap_bytes,
)
from humanops.model.clock import workspace_now
from humanops.model.exercise import cap_status, exercise_banner
from humanops.model.marking import format_time, utc_now
from humanops.store import cap_messages
from humanops.store.cap_messages import CapMessageRecord

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace


@dataclass
class IssuedChain:
    """The messages of an alert for one status and sender, in the order issued (the last is the latest)."""

    alert_id: str
    messages: list[CapMessageRecord]
    new: CapMessageRecord | None = None  # the message this call issued, if one was due
    warnings: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # written by export_cap

    @property
    def latest(self) -> CapMessageRecord:
        return self.messages[-1]


def default_status(workspace: Workspace) -> str:
    """``Exercise`` in an exercise or a fictional scenario (the demo), else ``Actual``
    (:func:`humanops.model.exercise.cap_status`, the one answer to "is this an exercise?")."""
    return cap_status(workspace)


def _current_chain(records: list[CapMessageRecord]) -> list[CapMessageRecord]:
    if not records:
        return []
    last = records[-1].chain
    return [r for r in records if r.chain == last]


def _next_msg_type(alert: CapAlertSource, chain: list[CapMessageRecord], digest: str) -> str | None:
    """The message due now, or None when the latest one still says it all."""
    if not chain or chain[-1].msg_type == "Cancel":
        if alert.state == "resolved":
            if chain:
                return None  # cancelled already
            raise FormatError("the alert was resolved before any CAP message was issued for it: there is "
                              "nothing to cancel", feature=alert.id)
        return "Alert"
    if alert.state == "resolved":
        return "Cancel"
    return "Update" if chain[-1].content_sha256 != digest else None


def _warnings(alert: CapAlertSource, languages: tuple[str, ...], web: str) -> list[str]:
    warnings = []
    for lang in languages:
        missing = (alert.texts or {}).get(lang, {}).get("untranslated") or []
        if missing:
            warnings.append(f"alert {alert.id}, rule {alert.rule_id}: no {lang!r} text for "
                            f"{', '.join(missing)}; the English text is used in that <info>")
    if not web:
        warnings.append(f"alert {alert.id}: no <web> address (give 'web' in the rule file, or --web)")
    return warnings


def issue_cap(workspace: Workspace, alert: CapAlertSource, *, status: str | None = None, sender: str | None = None,
              sender_name: str | None = None, languages: tuple[str, ...] | None = None,
              web: str | None = None) -> IssuedChain:
    """Issue the message due for ``alert`` (if any) and record it; the chain it belongs to.

    Defaults: status from :func:`default_status`, sender our organisation, the response's languages
    (meta ``response_languages``), the alert's web address. Raises FormatError (nothing recorded)
    for a value CAP does not allow or a language the alert holds no texts in.
    """
    status = status or default_status(workspace)
    if status not in CAP_STATUSES:
        raise FormatError(f"status {status!r} is not a CAP 1.2 value ({', '.join(CAP_STATUSES)})", field="status")
    sender = cap_token(sender or workspace.organisation or "humanops")
    name = sender_name if sender_name is not None else (workspace.organisation or "")
    langs = message_languages(languages or cap_messages.response_languages(workspace), alert.id)
    web = web if web is not None else alert.web
    digest = content_digest(alert, status=status, sender=sender, languages=langs, sender_name=name, web=web)
    with workspace.transaction():  # read the chain and add to it as one writer: no two messages get one number
        records = cap_messages.messages(workspace, alert.id, status=status, sender=sender)
        chain = _current_chain(records)
        msg_type = _next_msg_type(alert, chain, digest)
        if msg_type is None:
            return IssuedChain(alert.id, records)
        sent = workspace_now(workspace)
        seq = records[-1].seq + 1 if records else 1
        references = tuple(r.reference for r in chain) if msg_type != "Alert" else ()
        header = CapHeader(identifier=message_identifier(alert.id, status, seq), sender=sender, sent=sent,
                           status=status, msg_type=msg_type, references=references,
                           exercise=(exercise_banner(workspace) or "") if status == "Exercise" else "")
        xml = cap_bytes(cap_message(alert, header, languages=langs, sender_name=name, web=web))
        record = CapMessageRecord(
            alert_id=alert.id, status=status, sender=sender,
            chain=(records[-1].chain + (msg_type == "Alert")) if records else 1, seq=seq,
            identifier=header.identifier, msg_type=msg_type, sent=cap_time(sent), refs=" ".join(references),
            content_sha256=digest, languages=" ".join(langs), xml=xml, recorded=format_time(utc_now()) or "")
        cap_messages.add(workspace, record)
    return IssuedChain(alert.id, [*records, record], new=record, warnings=_warnings(alert, langs, web))


def export_cap(workspace: Workspace, alert: CapAlertSource, out: str | Path, *, all_messages: bool = False,
               status: str | None = None, sender: str | None = None, sender_name: str | None = None,
               languages: tuple[str, ...] | None = None, web: str | None = None) -> IssuedChain:
    """Issue what is due (:func:`issue_cap`) and write the latest message to the file ``out``, or,
    with ``all_messages``, every message of the alert's chains to the folder ``out`` (one
    ``<identifier>.xml`` each, in the order issued). A message is recorded only when its file was
    written: a write that fails leaves the workspace as it was."""
    target = Path(out)
    if all_messages:
        if target.exists() and not target.is_dir():
            raise FormatError("--all writes one file per message: give a folder", file=str(target))
        if not target.parent.exists():
            raise FormatError("folder does not exist", file=str(target.parent))
    elif not target.parent.exists():
        raise FormatError("folder does not exist", file=str(target.parent))
    with workspace.transaction():  # the record commits with the files written, or not at all
        issued = issue_cap(workspace, alert, status=status, sender=sender, sender_name=sender_name,
                           languages=languages, web=web)
        try:
            if all_messages:
                target.mkdir(exist_ok=True)
                for record in issued.messages:
                    path = target / f"{record.identifier}.xml"
                    write_cap_bytes(str(path), record.xml)
                    issued.files.append(str(path))
            else:
                write_cap_bytes(str(target), issued.latest.xml)
                issued.files.append(str(target))
        except OSError as exc:
            raise FormatError(f"cannot write the CAP message: {exc.strerror or exc}", file=str(target)) from None
    return issued
