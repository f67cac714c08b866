"""Export a whole programme to one JSON document and import it back, validating first.

The format ("verkstad-programme", see docs/export-format.md) keeps every record of the
programme, its UUIDs and timestamps and its deleted-marked records, so an export
imported into an empty database and exported again gives the same bytes. Import
refuses a file before writing anything when it is not JSON, does not follow the JSON
Schema (resources/schema/verkstad-programme.schema.json), points at records it does
not hold, or holds a programme the database already has.

The record types, their keys, fields, references and choices come from the registry
(`domain/registry.py`). Modules: `codec` (the format's vocabulary, records to JSON and
back), `schema` (the JSON Schema derived from the registry), `validation` (reading and
checking a file), `exporting` and `importing` (the two use cases). Importing this
package imports no SQLAlchemy.
"""

from __future__ import annotations

from verkstad.services.exchange.codec import (
    FORMAT,
    RECORD_KEYS,
    REFERENCES,
    SCHEMA_ID,
    TYPE_TITLES,
    VERSION,
    ExchangeError,
    dumps,
    format_datetime,
    from_json,
    json_path,
    to_json,
)
from verkstad.services.exchange.exporting import (
    check_target,
    export_programme,
    find_programme,
    fingerprint,
    programme_document,
    write_document,
)
from verkstad.services.exchange.importing import add_document, import_programme
from verkstad.services.exchange.schema import schema, schema_from_model, schema_path, schema_text
from verkstad.services.exchange.validation import read_document

__all__ = [
    "FORMAT",
    "RECORD_KEYS",
    "REFERENCES",
    "SCHEMA_ID",
    "TYPE_TITLES",
    "VERSION",
    "ExchangeError",
    "add_document",
    "check_target",
    "dumps",
    "export_programme",
    "find_programme",
    "fingerprint",
    "format_datetime",
    "from_json",
    "import_programme",
    "json_path",
    "programme_document",
    "read_document",
    "schema",
    "schema_from_model",
    "schema_path",
    "schema_text",
    "to_json",
    "write_document",
]
