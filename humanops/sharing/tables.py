"""The workspace tables of the exchange half of sharing: identity, directory, exchange state,
quarantine, conflicts and the audit log.

Each is declared once (:class:`~humanops.store.sql_dialect.AppTable`) and made through the SQL
seam: in a GeoPackage an ordinary SQLite table registered in ``gpkg_contents`` as ``attributes``
where a user would open it, in a team database a PostgreSQL table with a comment; QGIS lists it
either way (nothing is hidden in side files). They are created on first use, inside the caller's
transaction, so a refused operation leaves no trace of them either.
"""

from __future__ import annotations

from humanops.store.sql_dialect import AppTable, Sql, SqlLike, declare, sql_for

TABLES: dict[str, AppTable] = {t.name: t for t in (
    # Our own keys: public halves in clear, private halves sealed with the passphrase. Rows with
    # revoked_at set are earlier keys kept to open packages sent to them (signing half dropped).
    AppTable("humanops_identity", "HumanOps: our own organisation's keys (private keys encrypted)", (
        'id ID',
        'org_id TEXT NOT NULL',
        'signing_key TEXT NOT NULL',
        'encryption_key TEXT NOT NULL',
        'fingerprint TEXT NOT NULL UNIQUE',
        'created DATETIME NOT NULL',
        'revoked_at DATETIME',
        'sealed TEXT NOT NULL',
    )),
    AppTable("humanops_partners", 'HumanOps: partner organisations (and our own)', (
        'org_id TEXT PRIMARY KEY NOT NULL',
        'name TEXT NOT NULL',
        "acronym TEXT NOT NULL DEFAULT ''",
        "communities TEXT NOT NULL DEFAULT '[]'",
        'area_of_responsibility TEXT',
        'is_self BOOLEAN NOT NULL DEFAULT 0',
        'card_created DATETIME',
        'added DATETIME NOT NULL',
    )),
    AppTable("humanops_partner_keys", "HumanOps: partners' public keys, with their validity", (
        'id ID',
        'org_id TEXT NOT NULL',
        'signing_key TEXT NOT NULL',
        'encryption_key TEXT NOT NULL',
        'fingerprint TEXT NOT NULL UNIQUE',
        'valid_from DATETIME NOT NULL',
        'revoked_at DATETIME',
    ), indexes=(('humanops_partner_keys_org', 'org_id'),)),
    AppTable("humanops_communities", 'HumanOps: communities (sharing groups)', (
        'community_id TEXT PRIMARY KEY NOT NULL',
        'name TEXT NOT NULL',
        "members TEXT NOT NULL DEFAULT '[]'",
    )),
    # Per partner: the last change we sent it (incremental exports) and the last sender
    # sequence number we accepted from it (replays and older packages are refused).
    AppTable("humanops_exchange_peers", 'HumanOps: exchange state per partner', (
        'org_id TEXT PRIMARY KEY NOT NULL',
        'last_sent_change INTEGER NOT NULL DEFAULT 0',
        'last_sent_package TEXT',
        'last_sent_at DATETIME',
        'last_received_sequence INTEGER NOT NULL DEFAULT 0',
        'last_received_package TEXT',
        'last_received_at DATETIME',
    )),
    # Generalised features we derived and sent, per partner: version, modified time and hash of
    # what was sent, so an aggregate is re-sent only when it changed, and withdrawn (a
    # tombstone) when it no longer exists.
    AppTable("humanops_sent_generalised", 'HumanOps: generalised features sent to each partner', (
        'id ID',
        'partner TEXT NOT NULL',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'version INTEGER NOT NULL',
        'modified TEXT',
        'content_hash TEXT',
    ), constraints=('UNIQUE (partner, layer, uuid)',)),
    # Revisions (version, modified) known to be ancestors of the feature we hold, beyond our own
    # history: received with a newer version, or the other side of a resolved conflict. An
    # incoming version descends from ours when ours is among its ancestors.
    AppTable("humanops_lineage", 'HumanOps: known ancestor versions of features', (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'version INTEGER NOT NULL',
        'modified TEXT NOT NULL',
    ), constraints=('UNIQUE (layer, uuid, version, modified)',)),
    # Features we hold only generalised (received so): never merged over exact data.
    AppTable("humanops_generalised", 'HumanOps: features held in generalised form', (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'precision TEXT NOT NULL',
        'source_package TEXT',
    ), constraints=('UNIQUE (layer, uuid)',)),
    AppTable("humanops_quarantine", 'HumanOps: received features refused by the sharing rules', (
        'id ID',
        'at DATETIME NOT NULL',
        'package_id TEXT NOT NULL',
        'sender TEXT NOT NULL',
        'layer TEXT NOT NULL',
        'uuid TEXT',
        'version INTEGER',
        'reason_code TEXT NOT NULL',
        'reason TEXT NOT NULL',
        'feature TEXT',
    )),
    AppTable("humanops_conflicts", 'HumanOps: concurrent edits waiting for a decision', (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'detected_at DATETIME NOT NULL',
        'package_id TEXT NOT NULL',
        'sender TEXT NOT NULL',
        'local_version INTEGER',
        'local_feature TEXT',
        'incoming_version INTEGER NOT NULL',
        'incoming_feature TEXT NOT NULL',
        "status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved'))",
        'resolution TEXT',
        'resolved_at DATETIME',
    ), indexes=(('humanops_conflicts_feature', 'layer, uuid, status'),)),
    AppTable("humanops_audit", 'HumanOps: append-only, hash-chained audit log of exchanges', (
        'seq INTEGER PRIMARY KEY NOT NULL',
        'at DATETIME NOT NULL',
        'action TEXT NOT NULL',
        'counterpart TEXT',
        'package_id TEXT',
        'payload_sha256 TEXT',
        'counts TEXT NOT NULL',
        'detail TEXT',
        'prev_hash TEXT NOT NULL',
        'entry_hash TEXT NOT NULL',
    )),
    # Originators' signed statements (lists of content hashes), received or our own, kept so
    # that the features they cover can be forwarded with them (docs/exchange-format.md §8).
    AppTable("humanops_statements", "HumanOps: originators' signed statements over feature versions", (
        'id ID',
        'statement_id TEXT NOT NULL UNIQUE',
        'originator TEXT NOT NULL',
        'fingerprint TEXT NOT NULL',
        'created DATETIME NOT NULL',
        'body TEXT NOT NULL',
        'signature TEXT NOT NULL',
    )),
    # Per feature received: the version we hold as its author signed it (the originator's own
    # marking, before any restriction of ours), with the statement that covers it.
    AppTable("humanops_signed_versions", "HumanOps: originators' signed content of the features we hold", (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'version INTEGER NOT NULL',
        'deleted BOOLEAN NOT NULL DEFAULT 0',
        'content_hash TEXT NOT NULL',
        'author TEXT NOT NULL',
        'editors TEXT',
        'tlp TEXT',
        'releasable_to TEXT',
        'caveats TEXT',
        'expires DATETIME',
        'precision TEXT',
        'statement_id TEXT NOT NULL',
    ), constraints=('UNIQUE (layer, uuid)',)),
    # Changes proposed by someone else than a feature's originator (received, or ours): never
    # merged; a person accepts or rejects them (humanops.sharing.proposals).
    AppTable("humanops_proposals", 'HumanOps: proposed changes to features, waiting for their originator', (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'originator TEXT NOT NULL',
        'proposer TEXT NOT NULL',
        'base_version INTEGER NOT NULL',
        'proposed_at DATETIME NOT NULL',
        'deleted BOOLEAN NOT NULL DEFAULT 0',
        'feature TEXT NOT NULL',
        'package_id TEXT',
        'received_from TEXT',
        "status TEXT NOT NULL DEFAULT 'open'"
        " CHECK (status IN ('open', 'accepted', 'rejected', 'forwarded', 'withdrawn'))",
        'decided_at DATETIME',
        'decision TEXT',
    ), indexes=(('humanops_proposals_feature', 'layer, uuid, status'),)),
    # Our own stricter markings of partners' features (re-applied when their originator sends a
    # new version), and the editors we named for our own features or layers.
    AppTable("humanops_restrictions", "HumanOps: our stricter markings of partners' features", (
        'id ID',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'marking TEXT NOT NULL',
        'set_at DATETIME NOT NULL',
    ), constraints=('UNIQUE (layer, uuid)',)),
    AppTable("humanops_editors", 'HumanOps: organisations we named as editors of our features', (
        'id ID',
        'layer TEXT NOT NULL',
        "uuid TEXT NOT NULL DEFAULT ''",
        'editors TEXT NOT NULL',
    ), constraints=('UNIQUE (layer, uuid)',)),
    # What each partner was sent exactly (feature, version) and which of our proposals, so an
    # incremental package also carries what became receivable since (a new community member,
    # a widened marking, a changed area of responsibility), not only what changed.
    AppTable("humanops_sent_versions", 'HumanOps: feature versions sent to each partner', (
        'id ID',
        'partner TEXT NOT NULL',
        'layer TEXT NOT NULL',
        'uuid TEXT NOT NULL',
        'version INTEGER NOT NULL',
    ), constraints=('UNIQUE (partner, layer, uuid)',)),
    AppTable("humanops_sent_proposals", 'HumanOps: proposals sent to each partner', (
        'id ID',
        'partner TEXT NOT NULL',
        'proposal INTEGER NOT NULL',
    ), constraints=('UNIQUE (partner, proposal)',)),
)}
declare(TABLES.values())


# Tables earlier versions made WITHOUT ROWID: GDAL cannot read such a table registered in
# gpkg_contents ("no such column: m._rowid_"), so QGIS and ogrinfo failed on the workspace.
_WITHOUT_ROWID = ("humanops_sent_generalised", "humanops_lineage", "humanops_generalised")


def _made_without_rowid(sql: Sql) -> list[str]:
    return [name for name in _WITHOUT_ROWID if "WITHOUT ROWID" in (sql.stored_ddl(name) or "").upper()]


def _rebuild_without_rowid(sql: Sql, names: list[str]) -> None:
    """Give the tables an earlier version made WITHOUT ROWID an ordinary rowid, rows kept."""
    for name in names:
        columns = sql.table_columns(name)
        sql.execute(f'ALTER TABLE "{name}" RENAME TO "{name}_old"')
        sql.create_table(TABLES[name])
        listed = ", ".join(f'"{c}"' for c in columns)
        sql.execute(f'INSERT INTO "{name}" ({listed}) SELECT {listed} FROM "{name}_old"')
        sql.execute(f'DROP TABLE "{name}_old"')


def ensure_tables(connection: SqlLike) -> None:
    """Create the sharing tables that are missing, and bring older ones up to date (call
    inside a transaction)."""
    sql = sql_for(connection)
    existing = sql.existing_tables(TABLES)
    if len(existing) == len(TABLES) and not _made_without_rowid(sql):
        return
    _rebuild_without_rowid(sql, _made_without_rowid(sql))
    sql.ensure_tables(TABLES.values())


def has_tables(connection: SqlLike) -> bool:
    return len(sql_for(connection).existing_tables(TABLES)) == len(TABLES)
