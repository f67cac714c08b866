"""Export: find the programme asked for, read all its records and write the canonical file.

The file is written to a temporary file beside the target, synced and renamed over it,
so an interrupted export leaves the old file (or none), never half of one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from verkstad.domain.model import Programme
from verkstad.gcpause import no_cyclic_gc
from verkstad.i18n import _
from verkstad.services.exchange.codec import (
    FORMAT,
    RECORD_KEYS,
    VERSION,
    ExchangeError,
    dumps,
    rows_to_json,
)
from verkstad.storage import exchange_repo


def find_programme(services, ref: str | None) -> Programme:
    """The programme named or identified by `ref`, or the only one when `ref` is None."""
    records = services.records
    live = records.list(Programme)
    if ref is None:
        if len(live) == 1:
            return live[0]
        if not live:
            raise ExchangeError(_("The database holds no programme."))
        names = "; ".join(f"“{p.name}” ({p.id})" for p in sorted(live, key=lambda p: p.name.casefold()))
        raise ExchangeError(_("The database holds several programmes; choose one with --programme: {names}").format(
            names=names))
    everything = records.list(Programme, include_deleted=True)
    by_id = [p for p in everything if p.id == ref.strip()]
    if by_id:
        return by_id[0]
    by_name = [p for p in live if p.name.casefold() == ref.strip().casefold()]
    if len(by_name) == 1:
        return by_name[0]
    if by_name:
        raise ExchangeError(_("Several programmes are called “{name}”; give the id of one: {ids}").format(
            name=ref, ids=", ".join(p.id for p in by_name)))
    raise ExchangeError(_("No programme is called or has the id “{ref}”.").format(ref=ref))


@no_cyclic_gc()
def programme_document(services, programme: Programme) -> dict[str, Any]:
    """The programme as the format writes it: its records read as rows, not as record objects."""
    found = exchange_repo.programme_rows(services.db, programme.id)
    ids = {r.id for rows in found.values() for r in rows}
    return {
        "format": FORMAT,
        "version": VERSION,
        "programme": rows_to_json(Programme, found[Programme])[0],
        "records": {key: rows_to_json(cls, found[cls]) for cls, key in RECORD_KEYS.items()},
        "revisions": exchange_repo.revisions_of(services.db, programme.id, ids),
    }


def fingerprint(doc: dict[str, Any]) -> str:
    """A short fingerprint of a programme document's content (its records, not its revisions):
    two copies that show the same one hold the same programme. Twelve letters and digits of
    base 32 (60 bits of SHA-256), in three groups."""
    import base64
    import hashlib

    content = dumps({"programme": doc["programme"], "records": doc["records"]})
    code = base64.b32encode(hashlib.sha256(content.encode()).digest()).decode()[:12]
    return "-".join(code[i:i + 4] for i in range(0, 12, 4))


def _write_atomically(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        # mkstemp makes the file readable by its owner only; an exported programme is an ordinary
        # file, to be mailed or shared: the permissions the user's umask gives a new file
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(fd, 0o666 & ~umask)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_target(out_path: Path) -> None:
    """Refuse a target that cannot be written: a folder, or a file in a folder that does not exist."""
    if out_path.is_dir():
        raise ExchangeError(_("“{path}” is a folder; give the name of the file to write.").format(path=out_path))
    if not out_path.absolute().parent.is_dir():
        raise ExchangeError(_("The folder “{folder}” does not exist.").format(folder=out_path.absolute().parent))


@no_cyclic_gc()
def write_document(doc: dict[str, Any], out_path: Path) -> int:
    """Write a programme document atomically (reads no database: the GUI runs it in a worker);
    returns how many records it holds (the programme included)."""
    _write_atomically(out_path, dumps(doc))
    return 1 + sum(len(v) for v in doc["records"].values())


def export_programme(services, programme_ref: str | None, out_path: str | Path) -> int:
    """Write the programme to `out_path`; returns how many records (the programme included)."""
    out_path = Path(out_path)
    check_target(out_path)
    programme = find_programme(services, programme_ref)
    return write_document(programme_document(services, programme), out_path)
