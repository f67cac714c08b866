"""Programme export and import: byte-identical round trip, completeness, and refusals that
leave the database unchanged and say what and where."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import uuid
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verkstad.domain import model
from verkstad.domain.model import (
    ALL_RECORD_TYPES,
    Activity,
    AgendaItem,
    Agreement,
    AgreementVersion,
    ChecklistItem,
    Draft,
    Entry,
    Meeting,
    Organisation,
    Person,
    Phase,
    Programme,
    Theme,
)
from verkstad.paths import backups_dir
from verkstad.services import exchange
from verkstad.services.exchange import ExchangeError, export_programme, import_programme
from verkstad.services.hub import Services

ROOT = Path(__file__).resolve().parents[4]


def _utc(*args) -> dt.datetime:
    return dt.datetime(*args, tzinfo=dt.UTC)


@pytest.fixture
def rich(services, demo):
    """The demo programme plus captured entries, a promoted activity, an agreement with two
    versions, a draft, a running meeting and deleted-marked records."""
    return _enrich(services, demo)


@pytest.fixture(scope="module")
def rich_text(tmp_path_factory) -> str:
    """The canonical export of `rich`, made once for the refusal cases."""
    from verkstad.services.demo import create_demo

    folder = tmp_path_factory.mktemp("rich")
    s = Services.open(folder / "rich.sqlite")
    try:
        programme = _enrich(s, create_demo(s, "da"))
        export_programme(s, programme.id, folder / "rich.json")
    finally:
        s.close()
    return (folder / "rich.json").read_text(encoding="utf-8")


def _photo() -> str:
    """A small PNG picture in base64, as a case story stores its photo."""
    import base64
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 6), (30, 91, 75)).save(out, "PNG")
    return base64.b64encode(out.getvalue()).decode("ascii")


def _enrich(services, demo):
    records = services.records
    meeting = next(m for m in records.list(Meeting, programme_id=demo.id) if m.organisation_id)
    items = records.list(AgendaItem, meeting_id=meeting.id)
    themes = records.list(Theme, programme_id=demo.id)
    chief = next(p for p in records.list(Person, programme_id=demo.id) if p.role == model.Role.PURCHASING_CHIEF)
    activity = Activity(programme_id=demo.id, organisation_id=meeting.organisation_id,
                        title="Krav om genbrug & R&D <b>", description="Første linje\nanden linje – “citat” ŋ č đ 🌱",
                        theme_id=themes[0].id, responsible=model.Party.TEAM, responsible_person_id=chief.id,
                        team_hours=12.5,
                        org_hours=3.0, start_date=dt.date(2027, 3, 1), deadline=dt.date(2027, 6, 30),
                        status=model.ActivityStatus.ONGOING, impact=model.Impact.LARGE,
                        kind=model.ActivityKind.PILOT, goal="Mål: 30 % <b>", result="Nået & mere",
                        good_example=True)
    records.add(activity)
    records.add(model.ProgressUpdate(activity_id=activity.id, reported_on=dt.date(2027, 4, 6),
                                     status=model.ActivityStatus.ONGOING, note="Halvvejs – “citat” <b>",
                                     reported_by_id=chief.id, share_done=50, good_example=True))
    story = model.CaseStory(programme_id=demo.id, organisation_id=meeting.organisation_id, activity_id=activity.id,
                            title="Genbrug & <b>R&D</b>", challenge="Før", action="Under", result="Efter: 40 %",
                            quote="»Det virker«", quote_by="Karen", quote_allowed=True,
                            status=model.StoryStatus.APPROVED, approved_on=dt.date(2027, 5, 1),
                            photo=_photo(), photo_caption="Lageret <i>")
    records.add(story)
    records.add(model.Communication(programme_id=demo.id, kind=model.CommunicationKind.CASE_STORY,
                                    title="Nyhedsbrev", with_whom="Kommunikation", due=dt.date(2027, 6, 1),
                                    done=True, case_story_id=story.id))
    idea = Entry(meeting_id=meeting.id, agenda_item_id=items[0].id, kind=model.EntryKind.IDEA,
                 text="Brug livscyklusomkostninger i udbud af IT-udstyr", impact=model.Impact.MEDIUM, votes=3,
                 theme_ids=[t.id for t in themes[:2]], owner_id=chief.id, due_date=dt.date(2027, 4, 1),
                 activity_id=activity.id, good_example=True)
    records.add(idea)
    closing = next(m for m in records.list(Meeting, programme_id=demo.id) if not m.organisation_id)
    asked = model.EvaluationQuestion(meeting_id=closing.id, kind=model.QuestionKind.MULTIPLE, text="Hvad <b>?",
                                     options="Ét\nTo & tre", translations={"text": {"fi": "Mitä?"}})
    records.add(asked)
    useful = model.EvaluationQuestion(meeting_id=closing.id, activity_id=activity.id)
    records.add(useful)
    records.add(model.EvaluationSheet(meeting_id=closing.id, organisation_id=meeting.organisation_id,
                                      answers={asked.id: [1, 2], useful.id: 4}))
    records.add(Entry(meeting_id=meeting.id, kind=model.EntryKind.TASK, text="Send indkøbspolitikken",
                      owner_name="Ukendt Person", activity_id=activity.id, done=True))
    gone = Entry(meeting_id=meeting.id, kind=model.EntryKind.NOTE, text="Slettet note")
    records.add(gone)
    records.delete(Entry, gone.id)
    records.add(Draft(meeting_id=meeting.id, text="halvt skrevet sæt"))
    agreement = Agreement(programme_id=demo.id, organisation_id=meeting.organisation_id,
                          clauses={"purpose": "Formål: grønne indkøb", "team_effort": "40 timer"})
    records.add(agreement)
    # what the agreement printed then, and more than this Verkstad froze (a newer one's fields travel too)
    frozen = {**services.agreements.snapshot(agreement.id), "n": 1, "extra": {"done": False, "hours": 12.5}}
    first = AgreementVersion(agreement_id=agreement.id, number=1, status=model.VersionStatus.COMMENTED,
                             snapshot=frozen,
                             sent_on=dt.date(2027, 3, 10), comments="Ret afsnit 2",
                             comments_on=dt.date(2027, 3, 14))
    records.add(first)
    records.add(model.ReceivedDocument(
        agreement_version_id=first.id, file_name="svar <b>&.docx", sha256="ab" * 32, received_on=dt.date(2027, 3, 14),
        language="da", comments=[{"author": "Ukendt", "date": "2027-03-13T10:00:00Z", "text": "Ret “afsnit” 2 🌱",
                                  "clause": "background", "quoted": "Formål"}],
        clauses=[{"key": "background", "sent": "Formål", "received": "Formål og mål", "untracked": True,
                  "tracked": [{"kind": "insertion", "author": "Ukendt", "date": "", "text": " og mål"}]}],
        outside=[{"where": "", "sent": "a", "received": "b"}], kept=["background"], applied_on=dt.date(2027, 3, 15)))
    records.add(AgreementVersion(agreement_id=agreement.id, number=2, status=model.VersionStatus.APPROVED,
                                 snapshot=services.agreements.snapshot(agreement.id), sent_on=dt.date(2027, 3, 20),
                                 approved_on=dt.date(2027, 3, 24),
                                 approved_by="Karen Eksempel"))
    records.update(Meeting, meeting.id, started_at=_utc(2027, 3, 1, 9, 0, 5, 123456),
                   start_time=dt.time(9, 0, 30), current_item_id=items[0].id)
    checklist = records.list(ChecklistItem, meeting_id=meeting.id)
    records.delete(ChecklistItem, checklist[0].id)
    return demo


def dump(services: Services) -> list[str]:
    """Every row of every table: what 'unchanged' is compared on (on SQLite the schema too)."""
    if services.db.path is not None:
        return list(services.db.raw_connection().iterdump())
    from sqlalchemy import inspect, text

    rows = []
    with services.db.engine.connect() as conn:
        for table in sorted(inspect(conn).get_table_names()):
            rows += [f"{table}: {row}" for row in conn.execute(text(f"SELECT * FROM {table} ORDER BY 1"))]
    return rows


def _export_doc(services, programme, tmp_path) -> tuple[Path, dict]:
    out = tmp_path / "programme.json"
    export_programme(services, programme.id, out)
    return out, json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def target(tmp_path):
    """A second database that already holds another programme."""
    s = Services.open(tmp_path / "target.sqlite")
    s.planning.create_programme("Et andet forløb", "da", "blank")
    yield s
    s.close()


# -- round trip -----------------------------------------------------------------------------


def test_export_import_export_is_byte_identical(services, rich, tmp_path):
    first = tmp_path / "first.json"
    count = export_programme(services, None, first)
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        imported = import_programme(other, first)
        second = tmp_path / "second.json"
        assert export_programme(other, None, second) == count
    finally:
        other.close()
    assert imported.id == rich.id and imported.name == rich.name
    assert first.read_bytes() == second.read_bytes()


def test_a_version_1_file_imports_with_what_version_2_added_left_empty(services, rich, tmp_path):
    """A file an older Verkstad wrote (format version 1: no register numbers, contact persons,
    signatories, comment dates or reply-to persons) still imports, and means what it meant."""
    _out, doc = _export_doc(services, rich, tmp_path)
    doc["version"] = 1
    for key, added in exchange.codec.ADDED_FIELDS[2].items():
        for record in [doc["programme"]] if key == "programme" else doc["records"][key]:
            for name in added:
                del record[name]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, old)
        [org] = [o for o in other.records.list(Organisation) if o.name == "Nordhavn Kommune"]
        assert (org.register_number, org.country) == ("", None)
        assert all(v.comments_by is None and v.reply_to_id is None for v in other.records.list(AgreementVersion))
        assert other.records.list(Programme)[0].lead_partner_id is None
    finally:
        other.close()


def test_a_version_2_file_imports_with_its_texts_in_the_language_they_were_written_in(services, rich, tmp_path):
    """Format version 2 had no translations: such a file imports with none, and its texts
    read as written; this Verkstad's own export carries the translations across."""
    _out, doc = _export_doc(services, rich, tmp_path)
    assert any(p["translations"] for p in doc["records"]["phases"])  # the template gave them
    doc["version"] = 2
    for key in exchange.codec.ADDED_FIELDS[3]:
        for record in [doc["programme"]] if key == "programme" else doc["records"][key]:
            del record["translations"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, old)
        assert all(p.translations == {} for p in other.records.list(Phase))
        assert {p.title for p in other.records.list(Phase)} == {p.title for p in services.records.list(Phase)}
    finally:
        other.close()


def test_export_holds_every_record_of_the_programme_and_only_those(services, rich, tmp_path):
    services.planning.create_programme("Andet forløb", "da", "travelling_team")
    _out, doc = _export_doc(services, rich, tmp_path)
    exported = {doc["programme"]["id"]} | {r["id"] for rows in doc["records"].values() for r in rows}
    # Every record type has a place in the format and this programme fills each one.
    assert set(doc["records"]) == set(exchange.RECORD_KEYS.values())
    assert set(exchange.RECORD_KEYS) | {Programme} == set(ALL_RECORD_TYPES)
    assert all(doc["records"].values()), [k for k, v in doc["records"].items() if not v]
    # What the database holds for this programme, deleted-marked records included.
    mine = set()
    for cls in ALL_RECORD_TYPES:
        for obj in services.records.list(cls, include_deleted=True):
            if exchange_owner_is(services, obj, rich.id):
                mine.add(obj.id)
    assert exported == mine
    assert count_lines(doc) == len(mine)


def exchange_owner_is(services, obj, programme_id) -> bool:
    if isinstance(obj, Programme):
        return obj.id == programme_id
    if hasattr(obj, "programme_id"):
        return obj.programme_id == programme_id
    if hasattr(obj, "meeting_id"):
        return services.records.get(Meeting, obj.meeting_id, include_deleted=True).programme_id == programme_id
    if hasattr(obj, "activity_id") and not hasattr(obj, "meeting_id"):  # a progress update
        return services.records.get(Activity, obj.activity_id, include_deleted=True).programme_id == programme_id
    if hasattr(obj, "agreement_version_id"):
        obj = services.records.get(AgreementVersion, obj.agreement_version_id, include_deleted=True)
    return services.records.get(Agreement, obj.agreement_id, include_deleted=True).programme_id == programme_id


def count_lines(doc) -> int:
    return 1 + sum(len(v) for v in doc["records"].values())


def test_export_keeps_uuids_timestamps_and_deletions(services, rich, tmp_path):
    _out, doc = _export_doc(services, rich, tmp_path)
    deleted = [e for e in doc["records"]["entries"] if e["deleted_at"]]
    assert [e["text"] for e in deleted] == ["Slettet note"]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z", deleted[0]["deleted_at"])
    running = next(m for m in doc["records"]["meetings"] if m["started_at"])
    assert running["started_at"] == "2027-03-01T09:00:05.123456Z"
    assert running["start_time"] == "09:00:30"
    activity = next(a for a in doc["records"]["activities"] if a["title"] == "Krav om genbrug & R&D <b>")
    assert activity["team_hours"] == 12.5 and activity["deadline"] == "2027-06-30"
    assert activity["description"].endswith("ŋ č đ 🌱")
    version = next(v for v in doc["records"]["agreement_versions"] if v["comments"] == "Ret afsnit 2")
    assert version["snapshot"]["extra"] == {"done": False, "hours": 12.5}  # what was not frozen travels too
    for rows in doc["records"].values():  # stable order: created_at, then id
        keys = [(r["created_at"], r["id"]) for r in rows]
        assert keys == sorted(keys)
    for name in ("id", "created_at", "updated_at"):
        assert doc["programme"][name] == {"id": rich.id, "created_at": exchange.format_datetime(rich.created_at),
                                          "updated_at": exchange.format_datetime(rich.updated_at)}[name]


def test_imported_records_equal_the_originals(services, rich, tmp_path):
    out, _doc = _export_doc(services, rich, tmp_path)
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, out)
        for cls in ALL_RECORD_TYPES:
            before = {o.id: dataclasses.asdict(o) for o in services.records.list(cls, include_deleted=True)
                      if exchange_owner_is(services, o, rich.id)}
            after = {o.id: dataclasses.asdict(o) for o in other.records.list(cls, include_deleted=True)}
            assert after == before, cls.__name__
        meeting = other.records.list(Meeting)[0]
        other.capture.add_entry(meeting.id, "Ny idé om genanvendelsesbørs")
        assert [h.text for h in other.capture.search(rich.id, "anvendelsesbørs")] == ["Ny idé om genanvendelsesbørs"]
    finally:
        other.close()


def _hostile_entries(services, programme) -> None:
    """Entries whose text, themes and owners test every rule of the search index's trigger."""
    records = services.records
    meeting = next(m for m in records.list(Meeting, programme_id=programme.id) if m.organisation_id)
    themes = records.list(Theme, programme_id=programme.id)
    people = records.list(Person, programme_id=programme.id)
    texts = ["-- (Start) af: «genbrug»!?", "?!.,:", "", "  ", "Linje\tet\nlinje to  dobbelt  mellemrum ",
             "🌱 Æblemost – ŋ č đ/“citat”", "a-b/c(d)e\"f,g.h:i!j?k"]
    for text_ in texts:
        records.add(Entry(meeting_id=meeting.id, kind=model.EntryKind.NOTE, text=text_))
    records.add(Entry(meeting_id=meeting.id, kind=model.EntryKind.IDEA, text="Tre temaer",
                      theme_ids=[t.id for t in themes[:3]] + [themes[0].id], owner_id=people[0].id,
                      owner_name="Ukendt (gæst)"))
    records.add(Entry(meeting_id=meeting.id, kind=model.EntryKind.TASK, text="Ejer slettet",
                      owner_id=people[1].id, theme_ids=[themes[2].id]))
    gone = Entry(meeting_id=meeting.id, kind=model.EntryKind.NOTE, text="Også slettet", theme_ids=[themes[1].id])
    records.add(gone)
    records.delete(Entry, gone.id)
    records.delete(Theme, themes[2].id)
    records.delete(Person, people[1].id)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("path", ["python", "sql"])
def test_imported_entries_are_indexed_as_the_triggers_would_have(services, rich, tmp_path, monkeypatch, path):
    """The search index of a file holds exactly what the triggers would have put there (it is
    filled set-wise on import: in Python while the trigger is the one Verkstad made, with the
    trigger's own SQL otherwise), the trigger is back for what is captured next, and the index's
    automatic merging is back at its default."""
    from verkstad.storage import capture_repo

    _hostile_entries(services, rich)
    if path == "sql":  # a trigger that a later migration changed
        monkeypatch.setattr(capture_repo, "_trigger_of_0002", lambda: "")
    out, _doc = _export_doc(services, rich, tmp_path)
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, out)
        db = other.db.raw_connection()
        hits = db.execute("SELECT count(*) FROM entries_search WHERE entries_search MATCH '\"livscyklusomkostninger\"'")
        assert hits.fetchone()[0] == 1
        mine = services.db.raw_connection().execute(
            "SELECT i.* FROM entries_search i JOIN entries e ON e.rowid = i.rowid "
            "JOIN meetings m ON m.id = e.meeting_id WHERE m.programme_id = ? ORDER BY e.id", (rich.id,)).fetchall()
        theirs = db.execute(
            "SELECT i.* FROM entries_search i JOIN entries e ON e.rowid = i.rowid ORDER BY e.id").fetchall()
        assert theirs == mine and theirs
        triggers = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        assert "entries_search_ai" in triggers
        # FTS5 keeps the merge options set in its config table: they are back at their defaults
        options = dict(db.execute("SELECT k, v FROM entries_search_config WHERE k LIKE '%merge'").fetchall())
        assert options.get("automerge", 4) == 4 and options.get("crisismerge", 16) == 16
    finally:
        other.close()


@pytest.mark.sqlite_only
def test_an_import_into_an_empty_database_makes_the_entries_indexes_again(services, rich, tmp_path):
    """The indexes of `entries` are dropped while a file fills an empty database and made again
    after, as they were."""
    def indexes(s):
        return sorted(s.db.raw_connection().execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'entries'").fetchall())

    out, _doc = _export_doc(services, rich, tmp_path)
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, out)
        assert indexes(other) == indexes(services) and len(indexes(other)) > 2
    finally:
        other.close()


def test_the_written_file_is_canonical_json(services, rich, tmp_path):
    out, doc = _export_doc(services, rich, tmp_path)
    text = out.read_text(encoding="utf-8")
    assert text == json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert "Rejsehold for grønne indkøb" in text  # UTF-8, not \u escapes
    assert not list(tmp_path.glob(".programme.json.*"))  # no temporary file left


# -- backup ----------------------------------------------------------------------------------


def test_import_backs_up_a_database_that_holds_data(services, demo, tmp_path, target):
    out, _doc = _export_doc(services, demo, tmp_path)
    import_programme(target, out)
    backups = list(backups_dir(target.db.path).glob("*-before-import.sqlite"))
    assert len(backups) == 1
    assert {p.name for p in target.records.list(Programme)} == {"Et andet forløb", demo.name}


def test_import_into_an_empty_database_needs_no_backup(services, demo, tmp_path):
    out, _doc = _export_doc(services, demo, tmp_path)
    other = Services.open(tmp_path / "empty.sqlite")
    try:
        import_programme(other, out)
    finally:
        other.close()
    assert not backups_dir(tmp_path / "empty.sqlite").exists()


# -- refusals ---------------------------------------------------------------------------------


def _set(path: tuple, value):
    def mutate(doc):
        *parents, last = path
        node = doc
        for p in parents:
            node = node[p]
        node[last] = value(doc) if callable(value) else value
    return mutate


def _drop(path: tuple):
    def mutate(doc):
        *parents, last = path
        node = doc
        for p in parents:
            node = node[p]
        del node[last]
    return mutate


NEW_ID = str(uuid.UUID(int=7))

CASES = [
    ("bad date", _set(("records", "phases", 2, "start_date"), "2027-13-01"),
     'at records.phases[2].start_date: "2027-13-01" is not a date (YYYY-MM-DD)'),
    ("no such day", _set(("records", "meetings", 1, "created_at"), "2027-02-30T10:00:00.000000Z"),
     'at records.meetings[1].created_at: "2027-02-30T10:00:00.000000Z" is not a date and time in UTC'),
    ("wrong type", _set(("records", "meetings", 0, "title"), 5),
     "at records.meetings[0].title: expected a string, found a number"),
    ("missing field", _drop(("records", "people", 1, "name")),
     "at records.people[1]: the field “name” is missing"),
    ("unknown field", _set(("records", "people", 1, "nickname"), "x"),
     "at records.people[1]: unknown field “nickname”"),
    ("unknown kind", _set(("records", "phases", 0, "kind"), "party"),
     'at records.phases[0].kind: "party" is not one of'),
    ("not a uuid", _set(("records", "meetings", 1, "organisation_id"), "abc"),
     'at records.meetings[1].organisation_id: "abc" is not a UUID'),
    ("local time", _set(("records", "meetings", 0, "created_at"), "2027-01-01T10:00:00"),
     "at records.meetings[0].created_at: \"2027-01-01T10:00:00\" is not a date and time in UTC"),
    ("bad time", _set(("records", "meetings", 0, "start_time"), "9:00"),
     'at records.meetings[0].start_time: "9:00" is not a time'),
    ("list expected", _set(("records", "phases"), {}), "at records.phases: expected a list, found an object"),
    ("dangling reference", _set(("records", "meetings", 3, "phase_id"), NEW_ID),
     f"at records.meetings[3].phase_id: the file holds no phase with the id {NEW_ID}"),
    ("reference to the wrong type", _set(("records", "agenda_items", 0, "meeting_id"),
                                         lambda d: d["records"]["phases"][0]["id"]),
     "at records.agenda_items[0].meeting_id: the file holds no meeting with the id"),
    ("dangling theme", _set(("records", "entries", 0, "theme_ids"), [NEW_ID]),
     f"at records.entries[0].theme_ids[0]: the file holds no theme with the id {NEW_ID}"),
    ("another programme's record", _set(("records", "themes", 0, "programme_id"), NEW_ID),
     f"at records.themes[0].programme_id: the file holds no programme with the id {NEW_ID}"),
    ("duplicate id", _set(("records", "people", 0, "id"), lambda d: d["records"]["people"][1]["id"]),
     "at records.people[1].id: the id"),
    ("a snapshot no document could print from", _drop(("records", "agreement_versions", 0, "snapshot", "programme")),
     "at records.agreement_versions[0].snapshot: the field “programme” is missing"),
    ("a snapshot date that is no date", _set(("records", "agreement_versions", 0, "snapshot", "phases", 0, "start"),
                                              "soon"), "records.agreement_versions[0].snapshot.phases[0].start"),
    ("ids that differ only in letter case", _set(("records", "people", 0, "id"),
                                                 lambda d: d["records"]["people"][1]["id"].upper()),
     "at records.people[1].id: the id"),
    ("newer version", _set(("version",), 7), ("was written in version 7 of the Verkstad format; this version "
                                             "of Verkstad reads up to format version 6")),
    ("a translation of a field that has none", _set(("records", "phases", 0, "translations"),
                                                     {"venue": {"fi": "Sali"}}), "records.phases[0].translations"),
    ("a translation into an unknown language", _set(("records", "themes", 0, "translations"),
                                                    {"name": {"de": "Grün"}}), "records.themes[0].translations"),
    ("a version 1 file missing an old field", lambda d: (_set(("version",), 1)(d), _drop(("records", "phases", 0,
                                                                                           "title"))(d)),
     'at records.phases[0]: the field “title” is missing'),
    ("not our format", _set(("format",), "something-else"), "is not a Verkstad programme file"),
]


@pytest.mark.parametrize("name,mutate,expected", CASES, ids=[c[0] for c in CASES])
def test_a_schema_or_reference_problem_is_refused_with_its_path(rich_text, tmp_path, target,
                                                                name, mutate, expected):
    doc = json.loads(rich_text)
    mutate(doc)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    before = dump(target)
    with pytest.raises(ExchangeError) as info:
        import_programme(target, bad)
    assert expected in str(info.value)
    assert str(info.value).startswith(f"“{bad}”")
    assert "\n" not in str(info.value)
    assert dump(target) == before
    assert not backups_dir(target.db.path).exists()


def _text_cases(text: str) -> list[tuple[str, str, str]]:
    lines = text.splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if i >= 10 and line.rstrip().endswith(","))  # drop a comma
    broken = "".join([*lines[:n], lines[n].rstrip().rstrip(",") + "\n", *lines[n + 1:]])
    return [
        ("malformed", broken, f"is not valid JSON: line {n + 2}, column"),
        ("truncated", text[: len(text) // 2], "is not valid JSON: it ends too early"),
        ("empty", "", "is not valid JSON: line 1, column 1"),
        ("not an object", "[1, 2]", "is not a Verkstad programme file"),
    ]


@pytest.mark.parametrize("name,encode,expected", [
    ("UTF-8 with a byte-order mark", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "UTF-8 with a byte-order mark"),
    ("UTF-16", lambda t: t.encode("utf-16"), "is written in UTF-16"),
    ("UTF-16 big-endian", lambda t: b"\xfe\xff" + t.encode("utf-16-be"), "is written in UTF-16"),
])
def test_a_file_in_another_encoding_is_refused_naming_it(rich_text, tmp_path, target, name, encode, expected):
    bad = tmp_path / "bad.json"
    bad.write_bytes(encode(rich_text))
    before = dump(target)
    with pytest.raises(ExchangeError, match=expected):
        import_programme(target, bad)
    assert dump(target) == before


def test_a_key_given_twice_in_one_object_is_refused(rich_text, tmp_path, target):
    """json would keep the second silently; a file meaning two things is refused, and says which key."""
    text = rich_text.replace('"name": "Nordhavn Kommune"', '"name": "Nordhavn Kommune", "name": "Andet navn"', 1)
    assert text != rich_text
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ExchangeError, match="“name” twice"):
        import_programme(target, bad)


def test_the_cycle_collector_is_back_on_after_an_import_an_export_and_a_refusal(services, rich, rich_text, tmp_path,
                                                                                 target):
    """Exchange pauses Python's cycle collector while it works; left off, a long session's memory
    would only grow."""
    import gc

    assert gc.isenabled()
    out = tmp_path / "out.json"
    export_programme(services, None, out)
    import_programme(target, out)
    assert gc.isenabled()
    bad = tmp_path / "bad.json"
    bad.write_text(rich_text.replace('"format": "verkstad-programme"', '"format": "andet"', 1), encoding="utf-8")
    with pytest.raises(ExchangeError):
        import_programme(target, bad)
    assert gc.isenabled()


def test_an_exported_file_is_an_ordinary_file_of_the_users_umask(services, rich, tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        out, _doc = _export_doc(services, rich, tmp_path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644  # not mkstemp's 0600


@pytest.mark.parametrize("case", ["malformed", "truncated", "empty", "not an object"])
def test_a_file_that_is_not_json_is_refused_with_line_and_column(rich_text, tmp_path, target, case):
    _name, text, expected = next(c for c in _text_cases(rich_text) if c[0] == case)
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    before = dump(target)
    with pytest.raises(ExchangeError, match=re.escape(expected)):
        import_programme(target, bad)
    assert dump(target) == before


@pytest.mark.parametrize("old,new,expected", [
    ('"position": 0', '"position": NaN', "is not valid JSON: NaN is not a finite number"),
    ('"position": 0', '"position": 1e400', "is not valid JSON: 1e400 is not a finite number"),
    ('"position": 0', '"position": 99999999999999999999999', "99999999999999999999999 is out of range"),
    ('"position": 0', '"position": ' + "9" * 5000, "is not valid JSON: Exceeds the limit"),
    ('"owner_name": ""', '"owner_name": "\\ud800"', "holds half of a UTF-16 character pair"),
    ('"format"', '"nested": ' + "[" * 100_000 + "]" * 100_000 + ', "format"', "is nested too deeply"),
], ids=["NaN", "infinite", "beyond 64 bits", "beyond int parsing", "lone surrogate", "deep nesting"])
def test_values_json_or_sqlite_cannot_hold_are_refused(rich_text, tmp_path, target, old, new, expected):
    assert old in rich_text
    bad = tmp_path / "bad.json"
    bad.write_text(rich_text.replace(old, new, 1), encoding="utf-8")
    before = dump(target)
    with pytest.raises(ExchangeError, match=re.escape(expected)):
        import_programme(target, bad)
    assert dump(target) == before


def test_a_file_that_is_not_utf8_is_refused(target, tmp_path):
    bad = tmp_path / "latin1.json"
    bad.write_bytes('{"format": "verkstad-programme", "name": "Søndersted"}'.encode("latin-1"))
    before = dump(target)
    with pytest.raises(ExchangeError, match="is not a UTF-8 text file"):
        import_programme(target, bad)
    assert dump(target) == before


def test_a_programme_already_in_the_database_is_refused(services, rich, tmp_path):
    out, _doc = _export_doc(services, rich, tmp_path)
    before = dump(services)
    with pytest.raises(ExchangeError, match="is already in this database; nothing was imported"):
        import_programme(services, out)
    assert dump(services) == before


def test_a_deleted_programme_is_still_there_and_refused(services, demo, tmp_path):
    out, _doc = _export_doc(services, demo, tmp_path)
    services.records.delete(Programme, demo.id)
    with pytest.raises(ExchangeError, match="already in this database"):
        import_programme(services, out)


def test_records_already_in_the_database_under_another_programme_id_are_refused(services, demo, tmp_path):
    out, doc = _export_doc(services, demo, tmp_path)
    stamps = doc["revisions"]["stamps"]
    if doc["programme"]["id"] in stamps:  # the programme's own stamps follow it to its new id
        stamps[NEW_ID] = stamps.pop(doc["programme"]["id"])
    doc["programme"]["id"] = NEW_ID
    for rows in doc["records"].values():
        for row in rows:
            if "programme_id" in row:
                row["programme_id"] = NEW_ID
    out.write_text(json.dumps(doc), encoding="utf-8")
    before = dump(services)
    with pytest.raises(ExchangeError, match=r"records\.phases\[0\]\.id \(phase\) .* is already in this database"):
        import_programme(services, out)
    assert dump(services) == before


# -- export errors -------------------------------------------------------------------------------


def test_export_of_an_unknown_programme_names_it(services, demo, tmp_path):
    with pytest.raises(ExchangeError, match="No programme is called or has the id “Nope”"):
        export_programme(services, "Nope", tmp_path / "x.json")
    assert not (tmp_path / "x.json").exists()


def test_export_by_name_ignores_case_and_refuses_an_ambiguous_name(services, demo, tmp_path):
    assert export_programme(services, demo.name.upper(), tmp_path / "a.json") > 100
    twin = services.planning.create_programme(demo.name, "da", "blank")
    with pytest.raises(ExchangeError, match="Several programmes are called") as info:
        export_programme(services, demo.name, tmp_path / "b.json")
    assert demo.id in str(info.value) and twin.id in str(info.value)
    assert export_programme(services, twin.id, tmp_path / "b.json") >= 1


def test_export_to_a_folder_or_a_missing_folder_is_refused_plainly(services, demo, tmp_path):
    with pytest.raises(ExchangeError, match="is a folder; give the name of the file to write"):
        export_programme(services, None, tmp_path)
    with pytest.raises(ExchangeError, match=re.escape(f"The folder “{tmp_path / 'nope'}” does not exist")):
        export_programme(services, None, tmp_path / "nope" / "x.json")
    assert not [p for p in tmp_path.iterdir() if p.suffix in (".json", ".tmp")]


def test_export_without_a_name_needs_exactly_one_programme(services, tmp_path):
    with pytest.raises(ExchangeError, match="holds no programme"):
        export_programme(services, None, tmp_path / "x.json")
    services.planning.create_programme("Første", "da", "blank")
    services.planning.create_programme("Anden", "da", "blank")
    with pytest.raises(ExchangeError, match="several programmes; choose one with --programme: “Anden”"):
        export_programme(services, None, tmp_path / "x.json")


# -- the schema and its documentation --------------------------------------------------------------


def test_the_shipped_schema_is_the_one_the_model_gives():
    shipped = exchange.schema_path().read_text(encoding="utf-8")
    advice = ("the record types changed: run scripts/export_schema.py, describe the change in "
              "docs/export-format.md and decide whether the format version must go up")
    assert json.loads(shipped) == exchange.schema_from_model(), advice  # derived from the registry
    assert shipped == exchange.schema_text(), advice  # and written out byte for byte


def test_the_schema_is_valid_draft_2020_12_and_accepts_an_export(services, rich, tmp_path):
    from jsonschema import Draft202012Validator

    Draft202012Validator.check_schema(exchange.schema())
    _out, doc = _export_doc(services, rich, tmp_path)
    # A third party with only the schema file agrees with the export.
    assert list(Draft202012Validator(exchange.schema()).iter_errors(doc)) == []


def test_the_documentation_describes_every_field_and_points_at_the_schema():
    text = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    assert "resources/schema/verkstad-programme.schema.json" in text
    sections = re.split(r"^### ", text, flags=re.M)
    for cls in ALL_RECORD_TYPES:
        key = "programme" if cls is Programme else exchange.RECORD_KEYS[cls]
        section = next((s for s in sections if s.startswith(f"`{key}`")), None)
        assert section is not None, f"docs/export-format.md lacks a section ### `{key}`"
        for f in dataclasses.fields(cls):
            if f.name not in ("id", "created_at", "updated_at", "deleted_at"):
                assert f"`{f.name}`" in section, f"{key}.{f.name} is not described"


def test_the_documented_example_is_a_valid_file(tmp_path):
    text = (ROOT / "docs" / "export-format.md").read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, flags=re.S).group(1)
    path = tmp_path / "example.json"
    path.write_text(example, encoding="utf-8")
    doc = exchange.read_document(path)
    assert doc["format"] == "verkstad-programme"


def test_datetimes_are_utc_with_microseconds_and_a_z():
    moment = dt.datetime(2027, 3, 1, 10, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert exchange.format_datetime(moment) == "2027-03-01T09:00:00.000000Z"
    with pytest.raises(ValueError, match="naive datetime"):
        exchange.format_datetime(dt.datetime(2027, 3, 1))


def test_the_schema_ships_with_the_resources():
    from verkstad.paths import resources_dir

    # resources/ is installed as verkstad/_resources, so the schema travels inside the wheel
    assert exchange.schema_path().is_relative_to(resources_dir())
    assert exchange.schema()["$id"] == exchange.SCHEMA_ID


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.floats(allow_nan=False, allow_infinity=False)
    | st.sampled_from(["", "2027-02-30", "09:00:00", "2027-01-01T10:00:00.000000Z", str(uuid.UUID(int=9))])
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3),
    max_leaves=5,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_any_one_changed_value_is_either_imported_whole_or_refused_cleanly(rich_text, tmp_path, data):
    """Whatever a hand-edited file holds in one place, import never fails with anything but
    ExchangeError, and a file it accepts goes into a database completely."""
    doc = json.loads(rich_text)
    key = data.draw(st.sampled_from(["programme", *sorted(k for k, v in doc["records"].items() if v)]))
    row = doc["programme"] if key == "programme" else data.draw(st.sampled_from(doc["records"][key]))
    field = data.draw(st.sampled_from(sorted(row)))
    row[field] = data.draw(_JSON_VALUES)
    path = tmp_path / "fuzz.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        exchange.read_document(path)
    except ExchangeError:
        return
    target = Services.open(":memory:")
    try:
        imported = import_programme(target, path)
        out = tmp_path / "again.json"
        assert export_programme(target, imported.id, out) == count_lines(doc)
    finally:
        target.close()


def test_an_id_the_database_uses_for_a_record_of_another_type_is_refused(rich_text, tmp_path, target):
    """Ids are unique across the whole database, not per type: an attendance record in the file
    with the id of the programme the database holds would make two records of one id."""
    other = target.records.list(Programme)[0]
    doc = json.loads(rich_text)
    doc["records"]["attendance"][0]["id"] = other.id
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = dump(target)
    with pytest.raises(ExchangeError, match=f"records.attendance\\[0\\].id .* {other.id} is already in this database"):
        import_programme(target, bad)
    assert dump(target) == before


def test_a_64_bit_whole_number_of_a_file_is_kept_on_either_database(services, demo, tmp_path):
    """The format allows whole numbers of 64 bits (a votes count from another tool): an SQLite file
    holds them, and so does a server (its numbers are BIGINT)."""
    out, doc = _export_doc(services, demo, tmp_path)
    entry = doc["records"]["entries"][0]
    entry["votes"] = 2**40
    other_id = str(uuid.uuid4())
    doc["programme"]["id"] = other_id
    stamps = doc["revisions"]["stamps"]
    if demo.id in stamps:
        stamps[other_id] = stamps.pop(demo.id)
    ids = {r["id"]: str(uuid.uuid4()) for rows in doc["records"].values() for r in rows}
    text = json.dumps(doc)
    for old, new in {**ids, demo.id: other_id}.items():
        text = text.replace(old, new)
    out.write_text(text, encoding="utf-8")
    import_programme(services, out)
    assert services.records.get(Entry, ids[entry["id"]]).votes == 2**40
