"""The workspace tables of the exchange half of sharing: identity, directory, exchange state,
quarantine, conflicts and the audit log.

Each is an ordinary SQLite table registered in ``gpkg_contents`` as ``attributes``, so QGIS
lists it too (nothing is hidden in side files). They are created on first use, inside the
caller's transaction, so a refused operation leaves no trace of them either.
"""

from __future__ import annotations

from humanops.store.db import Connection
from humanops.store.schema import register_attributes_table

TABLES: dict[str, tuple[str, str]] = {
    # Our own keys: public halves in clear, private halves sealed with the passphrase. Rows with
    # revoked_at set are earlier keys kept to open packages sent to them (signing half dropped).
    "humanops_identity": ("HumanOps: our own organisation's keys (private keys encrypted)", """
        CREATE TABLE humanops_identity (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            org_id TEXT NOT NULL,
            signing_key TEXT NOT NULL,
            encryption_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            created DATETIME NOT NULL,
            revoked_at DATETIME,
            sealed TEXT NOT NULL)"""),
    "humanops_partners": ("HumanOps: partner organisations (and our own)", """
        CREATE TABLE humanops_partners (
            org_id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            acronym TEXT NOT NULL DEFAULT '',
            communities TEXT NOT NULL DEFAULT '[]',
            area_of_responsibility TEXT,
            is_self BOOLEAN NOT NULL DEFAULT 0,
            card_created DATETIME,
            added DATETIME NOT NULL)"""),
    "humanops_partner_keys": ("HumanOps: partners' public keys, with their validity", """
        CREATE TABLE humanops_partner_keys (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            org_id TEXT NOT NULL,
            signing_key TEXT NOT NULL,
            encryption_key TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            valid_from DATETIME NOT NULL,
            revoked_at DATETIME)"""),
    "humanops_communities": ("HumanOps: communities (sharing groups)", """
        CREATE TABLE humanops_communities (
            community_id TEXT PRIMARY KEY NOT NULL,
            name TEXT NOT NULL,
            members TEXT NOT NULL DEFAULT '[]')"""),
    # Per partner: the last change we sent it (incremental exports) and the last sender
    # sequence number we accepted from it (replays and older packages are refused).
    "humanops_exchange_peers": ("HumanOps: exchange state per partner", """
        CREATE TABLE humanops_exchange_peers (
            org_id TEXT PRIMARY KEY NOT NULL,
            last_sent_change INTEGER NOT NULL DEFAULT 0,
            last_sent_package TEXT,
            last_sent_at DATETIME,
            last_received_sequence INTEGER NOT NULL DEFAULT 0,
            last_received_package TEXT,
            last_received_at DATETIME)"""),
    # Generalised features we derived and sent, per partner: version, modified time and hash of
    # what was sent, so an aggregate is re-sent only when it changed, and withdrawn (a
    # tombstone) when it no longer exists.
    "humanops_sent_generalised": ("HumanOps: generalised features sent to each partner", """
        CREATE TABLE humanops_sent_generalised (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partner TEXT NOT NULL, layer TEXT NOT NULL, uuid TEXT NOT NULL,
            version INTEGER NOT NULL, modified TEXT, content_hash TEXT,
            UNIQUE (partner, layer, uuid))"""),
    # Revisions (version, modified) known to be ancestors of the feature we hold, beyond our own
    # history: received with a newer version, or the other side of a resolved conflict. An
    # incoming version descends from ours when ours is among its ancestors.
    "humanops_lineage": ("HumanOps: known ancestor versions of features", """
        CREATE TABLE humanops_lineage (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL, modified TEXT NOT NULL,
            UNIQUE (layer, uuid, version, modified))"""),
    # Features we hold only generalised (received so): never merged over exact data.
    "humanops_generalised": ("HumanOps: features held in generalised form", """
        CREATE TABLE humanops_generalised (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL, precision TEXT NOT NULL,
            source_package TEXT,
            UNIQUE (layer, uuid))"""),
    "humanops_quarantine": ("HumanOps: received features refused by the sharing rules", """
        CREATE TABLE humanops_quarantine (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            at DATETIME NOT NULL,
            package_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            layer TEXT NOT NULL,
            uuid TEXT,
            version INTEGER,
            reason_code TEXT NOT NULL,
            reason TEXT NOT NULL,
            feature TEXT)"""),
    "humanops_conflicts": ("HumanOps: concurrent edits waiting for a decision", """
        CREATE TABLE humanops_conflicts (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL,
            uuid TEXT NOT NULL,
            detected_at DATETIME NOT NULL,
            package_id TEXT NOT NULL,
            sender TEXT NOT NULL,
            local_version INTEGER,
            local_feature TEXT,
            incoming_version INTEGER NOT NULL,
            incoming_feature TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
            resolution TEXT,
            resolved_at DATETIME)"""),
    "humanops_audit": ("HumanOps: append-only, hash-chained audit log of exchanges", """
        CREATE TABLE humanops_audit (
            seq INTEGER PRIMARY KEY NOT NULL,
            at DATETIME NOT NULL,
            action TEXT NOT NULL,
            counterpart TEXT,
            package_id TEXT,
            payload_sha256 TEXT,
            counts TEXT NOT NULL,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            entry_hash TEXT NOT NULL)"""),
    # Originators' signed statements (lists of content hashes), received or our own, kept so
    # that the features they cover can be forwarded with them (docs/exchange-format.md §8).
    "humanops_statements": ("HumanOps: originators' signed statements over feature versions", """
        CREATE TABLE humanops_statements (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            statement_id TEXT NOT NULL UNIQUE,
            originator TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            created DATETIME NOT NULL,
            body TEXT NOT NULL,
            signature TEXT NOT NULL)"""),
    # Per feature received: the version we hold as its author signed it (the originator's own
    # marking, before any restriction of ours), with the statement that covers it.
    "humanops_signed_versions": ("HumanOps: originators' signed content of the features we hold", """
        CREATE TABLE humanops_signed_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT 0,
            content_hash TEXT NOT NULL, author TEXT NOT NULL, editors TEXT,
            tlp TEXT, releasable_to TEXT, caveats TEXT, expires DATETIME, precision TEXT,
            statement_id TEXT NOT NULL,
            UNIQUE (layer, uuid))"""),
    # Changes proposed by someone else than a feature's originator (received, or ours): never
    # merged; a person accepts or rejects them (humanops.sharing.proposals).
    "humanops_proposals": ("HumanOps: proposed changes to features, waiting for their originator", """
        CREATE TABLE humanops_proposals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL,
            uuid TEXT NOT NULL,
            originator TEXT NOT NULL,
            proposer TEXT NOT NULL,
            base_version INTEGER NOT NULL,
            proposed_at DATETIME NOT NULL,
            deleted BOOLEAN NOT NULL DEFAULT 0,
            feature TEXT NOT NULL,
            package_id TEXT,
            received_from TEXT,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'accepted', 'rejected', 'forwarded', 'withdrawn')),
            decided_at DATETIME,
            decision TEXT)"""),
    # Our own stricter markings of partners' features (re-applied when their originator sends a
    # new version), and the editors we named for our own features or layers.
    "humanops_restrictions": ("HumanOps: our stricter markings of partners' features", """
        CREATE TABLE humanops_restrictions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL,
            marking TEXT NOT NULL, set_at DATETIME NOT NULL,
            UNIQUE (layer, uuid))"""),
    "humanops_editors": ("HumanOps: organisations we named as editors of our features", """
        CREATE TABLE humanops_editors (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            layer TEXT NOT NULL, uuid TEXT NOT NULL DEFAULT '',
            editors TEXT NOT NULL,
            UNIQUE (layer, uuid))"""),
    # What each partner was sent exactly (feature, version) and which of our proposals, so an
    # incremental package also carries what became receivable since (a new community member,
    # a widened marking, a changed area of responsibility), not only what changed.
    "humanops_sent_versions": ("HumanOps: feature versions sent to each partner", """
        CREATE TABLE humanops_sent_versions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partner TEXT NOT NULL, layer TEXT NOT NULL, uuid TEXT NOT NULL, version INTEGER NOT NULL,
            UNIQUE (partner, layer, uuid))"""),
    "humanops_sent_proposals": ("HumanOps: proposals sent to each partner", """
        CREATE TABLE humanops_sent_proposals (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            partner TEXT NOT NULL, proposal INTEGER NOT NULL,
            UNIQUE (partner, proposal))"""),
}
INDEXES = (
    "CREATE INDEX IF NOT EXISTS humanops_partner_keys_org ON humanops_partner_keys(org_id)",
    "CREATE INDEX IF NOT EXISTS humanops_conflicts_feature ON humanops_conflicts(layer, uuid, status)",
    "CREATE INDEX IF NOT EXISTS humanops_proposals_feature ON humanops_proposals(layer, uuid, status)",
)


# Tables earlier versions made WITHOUT ROWID: GDAL cannot read such a table registered in
# gpkg_contents ("no such column: m._rowid_"), so QGIS and ogrinfo failed on the workspace.
_WITHOUT_ROWID = ("humanops_sent_generalised", "humanops_lineage", "humanops_generalised")


def _rebuild_without_rowid(connection: Connection) -> None:
    """Give the tables an earlier version made WITHOUT ROWID an ordinary rowid, rows kept."""
    for name in _WITHOUT_ROWID:
        row = connection.execute("SELECT sql FROM sqlite_master WHERE type='table' AND name = ?", (name,)).fetchone()
        if row is None or "WITHOUT ROWID" not in (row[0] or "").upper():
            continue
        columns = [c[1] for c in connection.execute(f'PRAGMA table_info("{name}")')]
        connection.execute(f'ALTER TABLE "{name}" RENAME TO "{name}_old"')
        connection.execute(TABLES[name][1])
        listed = ", ".join(f'"{c}"' for c in columns)
        connection.execute(f'INSERT INTO "{name}" ({listed}) SELECT {listed} FROM "{name}_old"')
        connection.execute(f'DROP TABLE "{name}_old"')


def ensure_tables(connection: Connection) -> None:
    """Create the sharing tables that are missing, and bring older ones up to date (call
    inside a transaction)."""
    existing = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if all(name in existing for name in TABLES) and not connection.execute(
            "SELECT 1 FROM sqlite_master WHERE type='table' AND upper(sql) LIKE '%WITHOUT ROWID%' AND name IN "
            f"({','.join('?' * len(_WITHOUT_ROWID))})", _WITHOUT_ROWID).fetchone():
        return
    _rebuild_without_rowid(connection)
    for name, (description, ddl) in TABLES.items():
        if name not in existing:
            connection.execute(ddl)
            register_attributes_table(connection, name, description)
    for statement in INDEXES:
        connection.execute(statement)


def has_tables(connection: Connection) -> bool:
    existing = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    return all(name in existing for name in TABLES)
