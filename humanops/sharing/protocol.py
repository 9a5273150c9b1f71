"""A response's information sharing protocol (ISP): how sensitive each kind of data is.

OCHA's data responsibility guidelines ask each response to agree, once, which data types are
how sensitive. Here that agreement is a TOML file (see ``resources/isp/example.toml``) that a
workspace *adopts*: its text is kept in the workspace (meta key ``isp``) so it travels with the
file and is read the same way on every laptop. Per layer kind it gives:

- the **default marking** (``tlp``, ``releasable_to``, ``caveats``, ``precision``) new features
  of the kind get, in place of the kind file's default;
- the **floor**: the least restrictive TLP a user may set for the kind (``floor``), the
  coarsest-at-least precision that protection data must keep for recipients not named in
  ``releasable_to`` (``min_precision``), and caveats it must always carry
  (``required_caveats``).

Precision order for ``min_precision`` (a marking meets the minimum M when):
``exact`` ← anything; ``grid:N:kK`` ← a grid of at least N metres with k ≥ K, or any admin
area with k ≥ K (an administrative area is taken as coarser than a grid cell);
``admin:F:kK`` ← ``admin:F`` with k ≥ K.

Errors name the file and the key (``kinds.need.floor``) and say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import msgspec

from humanops.catalog import Catalog, load_catalog
from humanops.documents import Invalid, Problem, convert, parse_toml
from humanops.errors import CatalogError, ValidationError
from humanops.model.marking import CAVEATS, TLP, Marking, Precision

if TYPE_CHECKING:
    from humanops.store.workspace import Workspace

META_KEY = "isp"
FORMAT_VERSION = 1


def precision_meets(precision: Precision, minimum: Precision) -> bool:
    """Whether ``precision`` is at least as coarse as ``minimum`` (module docstring)."""
    if minimum.mode == "exact":
        return True
    if precision.k < minimum.k:
        return False
    if minimum.mode == "grid":
        if precision.mode == "grid":
            return (precision.grid_m or 0) >= (minimum.grid_m or 0)
        return precision.mode == "admin"
    return precision.mode == "admin" and precision.admin_field == minimum.admin_field


@dataclass(frozen=True)
class KindRule:
    """The protocol's rule for one layer kind."""

    kind: str
    default: Marking
    floor: TLP = TLP.CLEAR
    min_precision: Precision = field(default_factory=Precision)
    required_caveats: tuple[str, ...] = ()

    def problem(self, marking: Marking) -> tuple[str, str] | None:
        """(field, reason) when ``marking`` is below this rule's floor, else None."""
        if marking.tlp < self.floor:
            return "tlp", (f"TLP:{marking.tlp.value} is below the information sharing protocol's "
                           f"floor TLP:{self.floor.value} for {self.kind}")
        if not precision_meets(marking.precision, self.min_precision):
            return "precision", (f"precision {marking.precision} is finer than the information sharing "
                                 f"protocol's minimum {self.min_precision} for {self.kind}")
        missing = [c for c in self.required_caveats if c not in marking.caveats]
        if missing:
            return "caveats", (f"the information sharing protocol requires caveat {missing[0]} "
                               f"for {self.kind}")
        return None


@dataclass(frozen=True)
class Protocol:
    """An information sharing protocol: per-kind default markings and floors."""

    name: str
    rules: MappingProxyType[str, KindRule]
    kind_defaults: MappingProxyType[str, Marking]  # the kind files' own defaults
    text: str = ""  # the TOML it was read from (what a workspace stores)
    source: str = ""
    response: str = ""
    version: str = ""

    def rule(self, kind: str) -> KindRule | None:
        return self.rules.get(kind)

    def default_marking(self, kind: str) -> Marking:
        """The protocol's default marking for ``kind``, else the kind file's default."""
        rule = self.rules.get(kind)
        if rule is not None:
            return rule.default
        if kind in self.kind_defaults:
            return self.kind_defaults[kind]
        raise ValidationError(f"unknown layer kind {kind!r}", layer=kind)

    def check(self, kind: str, marking: Marking, *, feature: str | None = None) -> None:
        """Raise ValidationError (naming layer, feature and field) if ``marking`` is below the
        protocol's floor for ``kind``."""
        rule = self.rules.get(kind)
        if rule is None:
            return
        problem = rule.problem(marking)
        if problem is not None:
            raise ValidationError(problem[1], layer=kind, feature=feature, field=problem[0])

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "response": self.response, "version": self.version,
            "source": self.source,
            "kinds": {
                k: {"default": r.default.to_columns(), "floor": r.floor.value,
                    "min_precision": str(r.min_precision), "required_caveats": list(r.required_caveats)}
                for k, r in self.rules.items()
            },
        }


class KindRuleTable(msgspec.Struct, forbid_unknown_fields=True):
    """``[kinds.KIND]``: its default marking and its floor (absent: the kind file's, and no floor)."""

    tlp: str | None = None
    releasable_to: list[str] | None = None
    caveats: list[str] | None = None
    precision: str | None = None
    floor: str | None = None
    min_precision: str | None = None
    required_caveats: list[str] | None = None


class ProtocolHead(msgspec.Struct, forbid_unknown_fields=True):
    """``[protocol]``: what the protocol is called and which format it is written in."""

    name: Any = None
    response: Any = ""  # free text, read as text whatever TOML made of it (version = 3)
    version: Any = ""
    format_version: Any = FORMAT_VERSION
    agreed: Any = None
    description: Any = None

    def __post_init__(self) -> None:
        if self.format_version != FORMAT_VERSION:
            # a newer protocol format may mean rules we would not apply: refuse, never weaken
            raise Invalid(f"format version {self.format_version!r} is not one this HumanOps reads "
                          f"({FORMAT_VERSION})", "format_version")
        if not isinstance(self.name, str) or not self.name.strip():
            raise Invalid("is required (a text naming the protocol)", "name")


class ProtocolFile(msgspec.Struct, forbid_unknown_fields=True):
    protocol: ProtocolHead = msgspec.field(default_factory=ProtocolHead)
    kinds: dict[str, KindRuleTable] = {}

    def __post_init__(self) -> None:
        if not self.kinds:
            raise Invalid("must hold at least one [kinds.KIND] table", "kinds")


# What a value of the wrong type should have been, in the words the protocol's readers know.
_TYPE_WORDS = {"protocol": "must be a table", "floor": "must be a TLP level as text",
               "tlp": "must be a TLP level as text",
               "precision": "must be a precision as text (exact, grid:METRES[:kN], admin:FIELD[:kN])",
               "min_precision": "must be a precision as text (exact, grid:METRES[:kN], admin:FIELD[:kN])",
               "releasable_to": "must be a list of texts", "caveats": "must be a list of texts",
               "required_caveats": "must be a list of texts"}


def _problem(problem: Problem, source: str) -> CatalogError:
    reason = problem.reason
    if problem.kind == "unknown" and len(problem.path) == 1:
        reason = "unknown section (known: protocol, kinds)"
    elif problem.kind == "type":
        last = problem.path[-1] if problem.path else ""
        words = _TYPE_WORDS.get(str(last))
        if isinstance(last, int) and len(problem.path) > 1:  # a list's entry: what the list should hold
            words = _TYPE_WORDS.get(str(problem.path[-2]))
            problem = Problem(problem.path[:-1], problem.kind, reason, problem.document)
        reason = words or ("must be a table" if len(problem.path) == 2 else reason)
    return CatalogError(reason, file=source, field=problem.key)


def load_protocol(path: str | Path, *, catalog: Catalog | None = None) -> Protocol:
    """Read and validate an ISP file; CatalogError names the file, key and reason."""
    file = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(f"cannot read the information sharing protocol: {exc}", file=file) from None
    return parse_protocol(text, source=file, catalog=catalog)


def parse_protocol(text: str, *, source: str = "<isp>", catalog: Catalog | None = None) -> Protocol:
    catalog = catalog or load_catalog()
    doc = parse_toml(text, lambda reason: CatalogError(reason, file=source))
    checked = convert(doc, ProtocolFile, lambda problem: _problem(problem, source))
    rules = {name: _kind_rule(name, table, catalog, source) for name, table in checked.kinds.items()}
    head = checked.protocol
    return Protocol(
        name=head.name.strip(), rules=MappingProxyType(rules),
        kind_defaults=MappingProxyType({k.name: Marking.from_default(k.default_marking) for k in catalog}),
        text=text, source=source, response=str(head.response), version=str(head.version),
    )


def _kind_rule(kind_name: str, entry: KindRuleTable, catalog: Catalog, source: str) -> KindRule:
    prefix = f"kinds.{kind_name}"

    def fail(key: str, reason: str) -> CatalogError:
        return CatalogError(reason, file=source, field=key)

    if kind_name not in catalog:
        raise fail(prefix, f"unknown layer kind {kind_name!r} (known: {', '.join(catalog.names)})")
    base = Marking.from_default(catalog[kind_name].default_marking)

    def value(key: str, parse: Any, default: Any) -> Any:
        given = getattr(entry, key)
        if given is None:
            return default
        try:
            return parse(given)
        except ValidationError as exc:
            raise fail(f"{prefix}.{key}", exc.reason) from None

    floor = value("floor", TLP.parse, TLP.CLEAR)
    min_precision = value("min_precision", Precision.parse, Precision())
    required = value("required_caveats", _caveats, ())
    # Without its own default level a kind defaults to the stricter of the kind file's
    # default and the floor, so a protocol never makes a default below its own floor.
    tlp = value("tlp", TLP.parse, max(base.tlp, floor, key=lambda t: t.rank))
    precision = value("precision", Precision.parse, base.precision if precision_meets(
        base.precision, min_precision) else min_precision)
    caveats = value("caveats", _caveats, tuple(dict.fromkeys((*base.caveats, *required))))
    try:
        default = Marking(tlp=tlp, releasable_to=value("releasable_to", _parties, base.releasable_to),
                          caveats=caveats, precision=precision)
    except ValidationError as exc:
        raise fail(f"{prefix}.{exc.field or 'default'}", exc.reason) from None
    rule = KindRule(kind_name, default, floor, min_precision, required)
    problem = rule.problem(default)
    if problem is not None:
        raise fail(f"{prefix}.{problem[0]}", f"the default is below the floor: {problem[1]}")
    return rule


def _caveats(value: list[str]) -> tuple[str, ...]:
    items = _text_list(value)
    for c in items:
        if c not in CAVEATS:
            raise ValidationError(f"unknown caveat {c!r} (known: {', '.join(CAVEATS)})")
    return items


def _parties(value: list[str]) -> tuple[str, ...]:
    items = _text_list(value)
    Marking(releasable_to=items)  # checks the ids
    return items


def _text_list(value: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for v in value if v.strip())


# --- the workspace's adopted protocol -------------------------------------------------------

def adopt_protocol(workspace: Workspace, path: str | Path) -> Protocol:
    """Validate the ISP file and store its text in the workspace (replacing any before)."""
    protocol = load_protocol(path, catalog=workspace.catalog)
    with workspace.transaction():
        workspace.set_meta(META_KEY, protocol.text)
        # The store applies these to every new feature (edits, imports) without knowing ISPs.
        for kind in workspace.catalog:
            workspace.set_default_marking(kind.name, protocol.default_marking(kind.name))
    return protocol


def adopted_protocol(workspace: Workspace) -> Protocol | None:
    """The workspace's adopted protocol, or None if it has none."""
    text = workspace.get_meta(META_KEY)
    if not text:
        return None
    return parse_protocol(text, source=f"{workspace.path} (adopted protocol)", catalog=workspace.catalog)


def effective_default_marking(workspace: Workspace, kind: str) -> Marking:
    """The marking a new feature of ``kind`` gets: the adopted protocol's, else the kind's."""
    protocol = adopted_protocol(workspace)
    if protocol is not None:
        return protocol.default_marking(kind)
    return workspace.default_marking(kind)


def below_floor(workspace: Workspace, protocol: Protocol) -> dict[str, int]:
    """How many stored features of each kind are marked below ``protocol``'s floor."""
    out: dict[str, int] = {}
    for kind, rule in protocol.rules.items():
        groups = workspace.value_counts(kind, ["tlp", "releasable_to", "caveats", "precision"])
        count = 0
        for (tlp, releasable_to, caveats, precision), n in groups.items():
            try:
                marking = Marking.from_columns({"tlp": tlp, "releasable_to": releasable_to,
                                                "caveats": caveats, "precision": precision})
            except ValidationError:
                count += n  # not understood: counts as below, never as fine
                continue
            if rule.problem(marking) is not None:
                count += n
        if count:
            out[kind] = count
    return out
