"""Migrations of a database with data: 0001 to 0002 builds the search index from the entries
already there, after a backup, and the triggers keep it in step from then on; 0003 adds the
Word documents received on agreement versions and leaves the versions as they were; 0004 adds
the contract parts and the request of a version and keeps every agreement."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from verkstad.domain.model import (
    ALL_RECORD_TYPES,
    Agreement,
    AgreementVersion,
    Entry,
    Meeting,
    Organisation,
    Person,
    Phase,
    Programme,
    ReceivedDocument,
    Theme,
)
from verkstad.paths import backups_dir
from verkstad.services.hub import Services
from verkstad.storage import migrate
from verkstad.storage.db import APPLICATION_ID, SCHEMA_HEAD


def _at_revision(path: Path, revision: str) -> None:
    """A database file migrated only as far as `revision`, as an older Verkstad left it."""
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        cfg = migrate.config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
        conn.exec_driver_sql(f"PRAGMA application_id={APPLICATION_ID}")
        conn.commit()
    engine.dispose()


def _downgraded(tmp_path: Path, start: str, to: str, *queries: str) -> list[set]:
    """A database at `start` taken down to `to`; the first column of each query's rows after it."""
    path = tmp_path / "db.sqlite"
    _at_revision(path, start)
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        cfg = migrate.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, to)
        conn.commit()
        found = [{r[0] for r in conn.exec_driver_sql(q)} for q in queries]
    engine.dispose()
    return found


def _add(path: Path, records: list) -> None:
    """Records stored as an older Verkstad stored them: only the columns the file's tables have
    (fields added by a later migration are left out), with no Verkstad database, so nothing migrates."""
    from sqlalchemy import inspect

    from verkstad.storage.mapping import TABLES

    engine = create_engine(f"sqlite:///{path}")
    columns = {name: {c["name"] for c in inspect(engine).get_columns(name)}
               for name in inspect(engine).get_table_names()}
    with engine.begin() as conn:
        for cls in ALL_RECORD_TYPES:  # parents first
            table = TABLES[cls]
            rows = [{c.name: getattr(r, c.name) if c.name != "version" else 1  # the row version a flush sets
                     for c in table.columns if c.name in columns[table.name]}
                    for r in records if type(r) is cls]
            if rows:
                conn.execute(table.insert(), rows)
    engine.dispose()


def test_a_0001_database_with_entries_is_searchable_after_migrating_to_0002(tmp_path):
    path = tmp_path / "old.sqlite"
    _at_revision(path, "0001")
    programme = Programme(name="Gammelt forløb", language="da")
    phase = Phase(programme_id=programme.id, title="Opstart")
    meeting = Meeting(programme_id=programme.id, phase_id=phase.id, title="Opstartsmøde")
    søren = Person(programme_id=programme.id, name="Søren Prøve")
    theme = Theme(programme_id=programme.id, name="Genbrug")
    entries = [
        Entry(meeting_id=meeting.id, position=0, text="Nye kontormøbler", theme_ids=[theme.id]),
        Entry(meeting_id=meeting.id, position=1, kind="task", text="Indhente tilbud", owner_id=søren.id),
        Entry(meeting_id=meeting.id, position=2, text="Brugte møbler, slettet", deleted_at=programme.created_at),
    ]
    _add(path, [programme, phase, meeting, søren, theme, *entries])
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'entries_search'").fetchone() == (0,)
    conn.close()

    services = Services.open(path)
    try:
        search = services.capture.search
        assert services.db.query("SELECT version_num FROM alembic_version") == [(SCHEMA_HEAD,)]
        assert [h.text for h in search(programme.id, "møbler")] == ["Nye kontormøbler"]  # not the deleted one
        assert [h.text for h in search(programme.id, "genbrug")] == ["Nye kontormøbler"]
        assert [h.text for h in search(programme.id, "søren")] == ["Indhente tilbud"]
        assert [h.text for h in search(programme.id, "ny")] == ["Nye kontormøbler"]
        services.capture.add_entry(meeting.id, "Flere kontormøbler")  # the triggers work from now on
        assert [h.text for h in search(programme.id, "kontormøbler")] == ["Flere kontormøbler", "Nye kontormøbler"]
    finally:
        services.close()
    backups = list(backups_dir(path).glob("*-before-migration.sqlite"))
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0])
    assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
    assert copy.execute("SELECT count(*) FROM entries").fetchone() == (3,)
    copy.close()


def test_0002_downgrades_to_0001_without_its_index(tmp_path):
    [names] = _downgraded(tmp_path, "0002", "0001", "SELECT name FROM sqlite_master")
    assert not {n for n in names if n.startswith("entries_search")}
    assert "entries_fts" in names


def test_a_0002_database_with_agreement_versions_takes_received_documents_after_0003(tmp_path):
    path = tmp_path / "old.sqlite"
    _at_revision(path, "0002")
    programme = Programme(name="Gammelt forløb", language="da")
    org = Organisation(programme_id=programme.id, name="Gammel Kommune")
    agreement = Agreement(programme_id=programme.id, organisation_id=org.id, clauses={"background": "Tekst"})
    version = AgreementVersion(agreement_id=agreement.id, number=1, snapshot={"clauses": []}, comments="Fint")
    _add(path, [programme, org, agreement, version])

    services = Services.open(path)
    try:
        [kept] = services.records.list(AgreementVersion)
        assert (kept.id, kept.comments, kept.snapshot) == (version.id, "Fint", {"clauses": []})
        services.records.add(ReceivedDocument(agreement_version_id=version.id, file_name="svar.docx",
                                              comments=[{"author": "A", "text": "Ja"}]))
        assert [r.file_name for r in services.records.list(ReceivedDocument)] == ["svar.docx"]
    finally:
        services.close()


def test_0003_downgrades_to_0002_without_received_documents(tmp_path):
    [names] = _downgraded(tmp_path, "0003", "0002", "SELECT name FROM sqlite_master")
    assert "received_documents" not in names and "agreement_versions" in names


def test_a_0003_database_keeps_its_agreements_and_takes_contract_parts_after_0004(tmp_path):
    """0004 rebuilds `agreements` and `agreement_versions` to add references to people; what an
    older Verkstad stored comes through unchanged, received documents still point at their
    version, and the new fields start empty."""
    path = tmp_path / "old.sqlite"
    _at_revision(path, "0003")
    programme = Programme(name="Gammelt forløb", language="da")
    org = Organisation(programme_id=programme.id, name="Gammel Kommune", address="Torvet 1")
    chief = Person(programme_id=programme.id, organisation_id=org.id, name="Berit Holm")
    agreement = Agreement(programme_id=programme.id, organisation_id=org.id, clauses={"background": "Tekst"})
    version = AgreementVersion(agreement_id=agreement.id, number=1, snapshot={"clauses": []}, comments="Fint",
                               sent_on=dt.date(2027, 3, 1))
    received = ReceivedDocument(agreement_version_id=version.id, file_name="svar.docx")
    phase = Phase(programme_id=programme.id, title="Opstart")
    meeting = Meeting(programme_id=programme.id, phase_id=phase.id, organisation_id=org.id, title="Opstartsmøde",
                      venue="Rådhuset")
    entry = Entry(meeting_id=meeting.id, position=0, text="Nye kontormøbler")
    _add(path, [programme, org, chief, agreement, version, received, phase, meeting, entry])

    services = Services.open(path)
    try:
        [kept_org] = services.records.list(Organisation)
        assert (kept_org.address, kept_org.register_number, kept_org.country) == ("Torvet 1", "", None)
        [kept] = services.records.list(AgreementVersion)
        assert (kept.comments, kept.sent_on, kept.comments_by, kept.reply_to_id) == (
            "Fint", dt.date(2027, 3, 1), None, None)
        [kept_agreement] = services.records.list(Agreement)
        assert kept_agreement.clauses == {"background": "Tekst"} and kept_agreement.contact_id is None
        assert [r.agreement_version_id for r in services.records.list(ReceivedDocument)] == [version.id]
        [kept_meeting] = services.records.list(Meeting)  # rebuilt too: its entries and their index stay
        assert (kept_meeting.venue, kept_meeting.reply_by, kept_meeting.note_taker_id) == ("Rådhuset", None, None)
        assert [h.text for h in services.capture.search(programme.id, "møbler")] == ["Nye kontormøbler"]
        services.records.update(Meeting, meeting.id, note_taker_id=chief.id, reply_by=dt.date(2027, 2, 20))
        services.records.update(Agreement, agreement.id, contact_id=chief.id, signatory_id=chief.id)
        services.records.update(AgreementVersion, version.id, reply_to_id=chief.id)
        assert services.records.get(Agreement, agreement.id).signatory_id == chief.id
        assert not list(services.db.raw_connection().execute("PRAGMA foreign_key_check"))
    finally:
        services.close()


def test_0004_downgrades_to_0003_without_the_contract_parts(tmp_path):
    columns, org_columns, meeting_columns = _downgraded(
        tmp_path, "0004", "0003", "SELECT name FROM pragma_table_info('agreement_versions')",
        "SELECT name FROM pragma_table_info('organisations')", "SELECT name FROM pragma_table_info('meetings')")
    assert "reply_to_id" not in columns and "sent_on" in columns
    assert "register_number" not in org_columns and "address" in org_columns
    assert "note_taker_id" not in meeting_columns and "venue" in meeting_columns


def test_a_0010_database_loses_only_the_unread_index_after_0011_and_gets_it_back_on_downgrade(tmp_path):
    """0011 drops `entries_fts` and its triggers (search reads `entries_search` only); the entries
    and their search stay. Taken back to 0010, the old index is made again and holds every entry."""
    path = tmp_path / "old.sqlite"
    _at_revision(path, "0010")
    programme = Programme(name="Gammelt forløb", language="da")
    phase = Phase(programme_id=programme.id, title="Opstart")
    meeting = Meeting(programme_id=programme.id, phase_id=phase.id, title="Opstartsmøde")
    _add(path, [programme, phase, meeting, Entry(meeting_id=meeting.id, position=0, text="Nye kontormøbler")])
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'kontormøbler'").fetchone() == (1,)
    conn.close()

    services = Services.open(path)
    try:
        names = {r[0] for r in services.db.query("SELECT name FROM sqlite_master")}
        assert not {n for n in names if n.startswith("entries_fts")}
        services.capture.add_entry(meeting.id, "Flere kontormøbler")  # no trigger left that writes to it
        assert sorted(h.text for h in services.capture.search(programme.id, "møbler")) == [
            "Flere kontormøbler", "Nye kontormøbler"]
    finally:
        services.close()

    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        cfg = migrate.config()
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
        conn.commit()
        hits = conn.exec_driver_sql("SELECT count(*) FROM entries_fts WHERE entries_fts MATCH 'kontormøbler'")
        assert hits.fetchone() == (2,)
    engine.dispose()
