"""The registry of record types: complete, consistent with the dataclasses, and the one source
of the mapping's tables and references and the exchange format's keys and references."""

from __future__ import annotations

import dataclasses
import enum

import pytest

from verkstad.domain import model, registry
from verkstad.domain.model import ALL_RECORD_TYPES, Programme
from verkstad.domain.registry import REGISTRY, Reference, record_type


def test_every_record_type_is_described_in_insert_order():
    assert tuple(REGISTRY) == ALL_RECORD_TYPES
    assert len({t.table for t in REGISTRY.values()}) == len(REGISTRY)
    assert record_type(model.AgendaItem).table == "agenda_items"


@pytest.mark.parametrize("cls", ALL_RECORD_TYPES, ids=lambda c: c.__name__)
def test_the_fields_are_the_dataclass_fields(cls):
    rt = record_type(cls)
    assert [f.name for f in rt.fields] == [f.name for f in dataclasses.fields(cls)]
    assert all(f.type in registry.VALUE_TYPES for f in rt.fields)
    assert rt.field("deleted_at").nullable and not rt.field("id").nullable


@pytest.mark.parametrize("cls", ALL_RECORD_TYPES, ids=lambda c: c.__name__)
def test_references_point_at_record_types_and_every_id_field_is_one(cls):
    rt = record_type(cls)
    for f in rt.fields:
        if f.name != "id" and f.name.endswith(("_id", "_ids")):
            assert f.reference is not None and f.reference.target in REGISTRY, f.name
        if f.reference is not None and f.type is list:
            assert not f.reference.foreign_key  # a JSON list of ids has no constraint


def test_one_field_name_points_at_one_type_everywhere():
    targets: dict[str, set] = {}
    for rt in REGISTRY.values():
        for name, ref in rt.references.items():
            targets.setdefault(name, set()).add(ref.target)
    assert all(len(t) == 1 for t in targets.values()), targets


def test_only_references_that_would_make_a_cycle_or_sit_in_a_list_lack_a_foreign_key():
    loose = {(rt.name, name) for rt in REGISTRY.values() for name, ref in rt.references.items()
             if not ref.foreign_key}
    assert loose == {("Meeting", "current_item_id"), ("Entry", "theme_ids"), ("Programme", "lead_partner_id")}


@pytest.mark.parametrize("cls", ALL_RECORD_TYPES, ids=lambda c: c.__name__)
def test_a_field_with_an_enum_default_offers_that_enums_values(cls):
    for f in record_type(cls).fields:
        if isinstance(f.default, enum.Enum):
            assert f.choices == tuple(m.value for m in type(f.default)), f.name
            assert f.default.value in f.choices


def test_choices_without_an_enum_default():
    assert record_type(model.Entry).field("impact").choices == ("small", "medium", "large")
    assert record_type(model.Phase).field("required_roles").choices == tuple(r.value for r in model.Role)
    assert "nb" in record_type(Programme).field("language").choices


@pytest.mark.parametrize("cls", ALL_RECORD_TYPES, ids=lambda c: c.__name__)
def test_siblings_share_an_order_through_their_closest_parent(cls):
    """The closest parent every record of the type has (a case story may be of the whole
    programme, not of one organisation: the programme's stories are one list)."""
    rt = record_type(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    expected = None
    if "position" in names:  # the rule the generic repository used before the registry
        expected = next(n for n in ("meeting_id", "organisation_id", "programme_id")
                        if n in names and not rt.field(n).nullable)
    assert rt.siblings_of == expected


@pytest.mark.parametrize("cls", ALL_RECORD_TYPES, ids=lambda c: c.__name__)
def test_every_record_belongs_to_its_programme_through_parents_read_before_it(cls):
    seen = []
    while cls is not Programme:
        rt = record_type(cls)
        parent = rt.references[rt.belongs_to].target
        assert ALL_RECORD_TYPES.index(parent) < ALL_RECORD_TYPES.index(cls)
        seen.append(cls)
        cls = parent
        assert cls not in seen
    assert record_type(Programme).belongs_to is None


def test_a_mistake_in_a_declaration_is_refused():
    @dataclasses.dataclass(eq=False)
    class Odd(model.Record):
        owner_id: str = ""
        kind: str = model.Party.TEAM

    with pytest.raises(TypeError, match="owner_id looks like a reference"):
        registry._type(Odd, "odds", "odd")
    with pytest.raises(TypeError, match="enum default"):
        registry._type(Odd, "odds", "odd", references={"owner_id": model.Person})
    with pytest.raises(TypeError, match="no field"):
        registry._type(Odd, "odds", "odd", references={"owner_id": model.Person, "nothing_id": model.Person},
                       choices={"kind": model.Party})
    with pytest.raises(TypeError, match="says whose siblings share it"):
        registry._type(Odd, "odds", "odd", references={"owner_id": model.Person},
                       choices={"kind": model.Party}, siblings_of="owner_id")

    @dataclasses.dataclass(eq=False)
    class Tagged(model.Record):
        theme_ids: list[str] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match="list of ids without a key"):
        registry._type(Tagged, "tagged", "tagged", references={"theme_ids": model.Theme})
    assert registry._type(Tagged, "tagged", "tagged",
                          references={"theme_ids": Reference(model.Theme, foreign_key=False)}).references


def test_the_mapping_and_the_exchange_format_are_derived_from_it():
    from verkstad.services import exchange
    from verkstad.storage import mapping

    assert mapping.TABLE_NAMES == {cls: rt.table for cls, rt in REGISTRY.items()}
    for cls, table in mapping.TABLES.items():
        rt = record_type(cls)
        # the record's fields, then the row's version counter (storage's own, not a field)
        assert table.name == rt.table and [c.name for c in table.columns] == [*(f.name for f in rt.fields), "version"]
        keys = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        assert keys == {n: record_type(r.target).table for n, r in rt.references.items() if r.foreign_key}
    assert exchange.RECORD_KEYS == {cls: rt.table for cls, rt in REGISTRY.items() if cls is not Programme}
    assert exchange.REFERENCES == {n: r.target for rt in REGISTRY.values() for n, r in rt.references.items()}
    assert exchange.TYPE_TITLES == {cls: rt.title for cls, rt in REGISTRY.items()}
