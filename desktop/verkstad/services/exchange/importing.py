"""Import: validate the whole file, refuse what the database already holds, back up, add all.

Nothing is written unless every check passes; the records then go in in one transaction,
parents first, so an import is all or nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verkstad.domain.model import Programme, Record
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _
from verkstad.services.exchange.codec import (
    RECORD_KEYS,
    ExchangeError,
    decode_in_place,
    decoded,
    from_json,
    json_path,
    parse_stamp,
    records_of,
)
from verkstad.services.exchange.validation import read_document, type_title
from verkstad.storage import exchange_repo, revisions


def _check_not_present(services, path: Path, doc: dict[str, Any]) -> None:
    ids = {cls: [row["id"] for row in doc["records"].get(key, [])] for cls, key in RECORD_KEYS.items()}
    programme, present = exchange_repo.present(services.db, doc["programme"]["id"], ids)
    if programme is not None:
        raise ExchangeError(_("The programme “{name}” ({id}) of “{file}” is already in this database; "
                              "nothing was imported.").format(name=programme.name, id=programme.id, file=path))
    for cls, where, _i, data in records_of(doc):
        if cls is not Programme and data["id"] in present:
            raise ExchangeError(_("“{file}” cannot be imported: {where} ({type}) {id} is already in "
                                  "this database; nothing was imported.").format(
                file=path, where=json_path([*where, "id"]), type=type_title(cls), id=data["id"]))


def import_programme(services, path: str | Path) -> Programme:
    """Validate the file completely, back the database up if it holds data, then add
    every record in one transaction. Returns the imported programme."""
    path = Path(path)
    return add_document(services, path, read_document(path))


@no_cyclic_gc()
def add_document(services, path: Path, doc: dict[str, Any]) -> Programme:
    """Add a document that `read_document(path)` returned (the GUI reads it in a worker):
    refuse records the database already holds, back up, add every record in one transaction."""
    _check_not_present(services, path, doc)
    # rows, not record objects: making tens of thousands of mapped objects took a tenth of an import.
    # The document is consumed: each record's JSON object becomes its row (its dates and numbers
    # decoded in place), so the two are never held at once.
    programme = from_json(Programme, doc["programme"])
    rows: dict[type[Record], list[dict[str, Any]]] = {Programme: [decoded(Programme, doc["programme"])]}
    for cls, key in RECORD_KEYS.items():
        rows[cls] = [decode_in_place(cls, data) for data in doc["records"].get(key, [])]
    assert isinstance(programme, Programme)
    if services.records.list(Programme, include_deleted=True):
        services.db.backup("before-import")
    services.records.insert_rows(rows, then=lambda s: _store_revisions(s, programme.id, doc["revisions"]))
    return programme


def _store_revisions(s, programme_id: str, found: dict[str, Any]) -> None:
    """Keep the file's stamps and knowledge: a later merge with another copy compares them."""
    revisions.set_stamps(s, {r: {f: parse_stamp(v) for f, v in by_field.items()}
                             for r, by_field in found["stamps"].items()})
    revisions.learn(s, programme_id, found["knowledge"])
