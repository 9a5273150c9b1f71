"""Import, package level: is this package for us, from whom it says, genuine, current and whole?

The checks :func:`~humanops.sharing.exchange_import.import_package` makes before it looks at a
single feature, in this order (each refusal a SharingError naming the file): signer's key known
→ the key is the sender's, and not our own → signature → key not revoked → validity window no
longer than the workspace allows (:func:`max_validity`) → we are a named recipient → exercise
isolation → not expired, not from the future → sequence newer than the last accepted from that
sender. Then, once the payload is decoded, its layers and counts against the manifest
(:func:`check_counts`).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from humanops.errors import SharingError
from humanops.model.exercise import exercise_name, isolation_refusal
from humanops.model.marking import format_time
from humanops.sharing.directory_store import key_by_fingerprint
from humanops.sharing.keys import format_fingerprint, public_key
from humanops.sharing.package_format import OpenedPackage, verify_signature
from humanops.sharing.payload_codec import LayerPayload
from humanops.store.workspace import Workspace

CLOCK_SKEW = timedelta(days=1)  # a package "created" further in the future than this is refused
MAX_VALIDITY_KEY = "package_max_validity_days"
DEFAULT_MAX_VALIDITY = timedelta(days=90)


def max_validity(workspace: Workspace) -> timedelta:
    """The longest validity window a package may claim (meta setting, default 90 days)."""
    text = workspace.get_meta(MAX_VALIDITY_KEY)
    try:
        days = int(text) if text else None
    except ValueError:
        days = None
    return timedelta(days=days) if days and 0 < days <= 3650 else DEFAULT_MAX_VALIDITY


def verify_package(workspace: Workspace, opened: OpenedPackage, me: str, now: datetime, file: str) -> dict[str, Any]:
    """The manifest's claims checked (see the module docstring); what was verified, for the report."""
    fp = opened.sender_fingerprint
    key = key_by_fingerprint(workspace, fp)
    if key is None:
        raise SharingError(f"signed by an unknown key {format_fingerprint(fp)} (the package says it is from "
                           f"{opened.sender!r}); add the sender's contact card after checking this fingerprint "
                           "with them", file=file)
    if key.org_id != opened.sender:
        raise SharingError(f"signed with the key of {key.org_id!r} but claims to come from {opened.sender!r}",
                           file=file)
    if key.org_id == me:
        raise SharingError("is a package we sent ourselves", file=file)
    verify_signature(opened, public_key(key.signing_key), file=file)
    created = opened.created
    if key.revoked_at is not None:  # whatever "created" says: a stolen key can backdate it
        raise SharingError(f"signed with a key of {key.org_id!r} revoked at {format_time(key.revoked_at)}: "
                           "everything signed with it is refused from then on", file=file)
    longest = max_validity(workspace)
    if opened.expires - created > longest:
        raise SharingError(f"claims to be valid for {(opened.expires - created).days} days; packages are accepted "
                           f"for at most {longest.days} (setting {MAX_VALIDITY_KEY})", file=file)
    if me not in opened.recipients:
        raise SharingError(f"is addressed to {', '.join(opened.recipients)}, not to us ({me})", file=file)
    # the flag is trusted only now, its signature verified: an exercise never mixes with real data
    refusal = isolation_refusal(exercise_name(workspace), opened.exercise)
    if refusal:
        raise SharingError(refusal, file=file)
    if now >= opened.expires:
        raise SharingError(f"expired at {format_time(opened.expires)}", file=file)
    if created > now + CLOCK_SKEW:
        raise SharingError(f"claims to be created at {format_time(created)}, in the future (check the clocks)",
                           file=file)
    row = workspace.sql.execute(
        "SELECT last_received_sequence, last_received_package FROM humanops_exchange_peers WHERE org_id = ?",
        (opened.sender,)).fetchone()
    last = int(row[0]) if row else 0
    sequence = opened.manifest["sequence"]
    if sequence <= last:
        what = "a replay of a package already imported" if row and row[1] == opened.package_id else \
            "older than one already imported"
        raise SharingError(f"is {what} from {opened.sender} (sequence {sequence}; the last accepted was {last}): "
                           "an older package never overwrites newer data", file=file)
    return {"signature": "valid", "signer": key.org_id, "fingerprint": format_fingerprint(fp),
            "recipients": opened.recipients, "created": opened.manifest["created"],
            "expires": opened.manifest["expires"], "sequence": sequence, "last_sequence": last,
            "highest_marking": opened.manifest["highest_marking"], "mode": opened.manifest["mode"],
            "exercise": opened.exercise}


def check_counts(opened: OpenedPackage, layers: dict[str, LayerPayload], file: str) -> None:
    """The payload holds the layers, features, tombstones and generalised features the signed manifest declares."""
    declared = opened.manifest["layers"]
    if set(declared) != set(layers):
        raise SharingError("the payload's layers differ from the manifest's", file=file)
    for name, payload in layers.items():
        deleted = payload.frame["_deleted"].to_numpy(dtype=bool)
        generalised = payload.frame["_generalised"].notna().to_numpy() & ~deleted
        counts = {"features": int((~deleted).sum()), "tombstones": int(deleted.sum()),
                  "generalised": int(generalised.sum())}
        if counts != declared[name]:
            raise SharingError(f"the payload holds {counts}, the manifest declares {declared[name]}",
                               file=file, layer=name)
