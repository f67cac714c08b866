"""Taking a programme offline, and merging the work done offline back.

"Take this programme offline" copies one programme of a database (a shared server, typically)
into a new SQLite file, a copy of its own for merging: it takes the exchange format's way in
(the export document, imported), so it carries the revisions and knowledge a merge compares.
Back on the network, merging the file's programme into the server (File → Merge a programme
file…, which also takes a database file, or `verkstad merge --db URL FILE.sqlite`) brings the
work in, with the same rules as any merge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from verkstad.domain.model import Programme
from verkstad.i18n import _
from verkstad.services.exchange.codec import ExchangeError


def is_database_file(path: Path) -> bool:
    """Whether a path names a Verkstad database file (by its header), not a programme file."""
    try:
        with path.open("rb") as f:
            return f.read(16) == b"SQLite format 3\x00"
    except OSError:
        return False


def take_offline(services, programme_ref: str | None, target: str | Path) -> Path:
    """Copy the programme into a new database file `target`; returns its path. A file that
    exists is refused: taking offline never writes over a database."""
    from verkstad.services.exchange.exporting import find_programme, programme_document
    from verkstad.services.exchange.importing import add_document
    from verkstad.services.hub import Services

    target = Path(target)
    if target.exists():
        raise ExchangeError(_("“{path}” already exists; choose a new file for the offline copy.").format(
            path=target))
    if not target.absolute().parent.is_dir():
        raise ExchangeError(_("The folder “{folder}” does not exist.").format(folder=target.absolute().parent))
    programme = find_programme(services, programme_ref)
    doc = programme_document(services, programme)
    offline = Services.open(target)
    try:
        add_document(offline, target, doc)
    except BaseException:
        offline.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        raise
    offline.close()
    return target


def document_of_database(path: Path, programme_id: str | None) -> dict[str, Any]:
    """The export document of a programme in another database file (an offline copy): the one
    with `programme_id`, or its only programme."""
    from verkstad.services.exchange.exporting import find_programme, programme_document
    from verkstad.services.hub import Services

    other = Services.open(path)
    try:
        ids = {p.id for p in other.records.list(Programme, include_deleted=True)}
        ref = programme_id if programme_id in ids else None
        return programme_document(other, find_programme(other, ref))
    finally:
        other.close()
