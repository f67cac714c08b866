"""The rest of the follow-up and the good examples: tasks captured after an idea serve the activity
it is promoted to, are linked and unlinked later and done; a pilot project's goal and result print
in the plan; entries, activities and progress updates are marked as good examples and a case story
is written from one, with a photo that is checked before it is stored or imported."""

from __future__ import annotations

import base64
import io
import json

import pytest
from PIL import Image
from pypdf import PdfReader
from tests.pdf_tags import problems, roles

from verkstad.domain.model import Activity, Entry, EntryKind, Meeting, Organisation, Phase
from verkstad.i18n import translator
from verkstad.services.exchange import ExchangeError, export_programme, import_programme
from verkstad.services.hub import Services
from verkstad.services.records import undo_change
from verkstad.services.stories import StoryError
from verkstad.services.tasks import TaskError


@pytest.fixture
def org(services, demo):
    return next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.short_name == "NK")


@pytest.fixture
def meeting(services, demo, org):
    phase = next(p for p in services.records.list(Phase, programme_id=demo.id) if p.kind == "kickoff_meeting")
    meeting = services.planning.add_meeting(phase.id, "Opfølgningsmøde", org.id).record
    services.planning.add_agenda_item(meeting.id, "Idéer", 20)
    return meeting


def _add(services, meeting, text, kind):
    return services.capture.add_entry(meeting.id, text, kind)[0].record


def picture(fmt: str = "PNG", size=(120, 80)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (40, 120, 90)).save(out, fmt)
    return out.getvalue()


def test_the_tasks_captured_after_an_idea_serve_the_activity_it_is_promoted_to(services, meeting):
    idea = _add(services, meeting, "Genbrugte møbler", EntryKind.IDEA)
    first = _add(services, meeting, "Tjek lageret @Søren 1.6.27", EntryKind.TASK)
    second = _add(services, meeting, "Spørg leverandøren", EntryKind.TASK)
    _add(services, meeting, "Næste idé", EntryKind.IDEA)
    later = _add(services, meeting, "Opgave til den næste idé", EntryKind.TASK)
    changes = services.capture.promote(idea.id)
    activity_id = changes[0].id
    assert [t.id for t in services.tasks.of_activity(activity_id)] == [first.id, second.id]
    assert services.records.get(Entry, later.id).activity_id is None
    plan = services.activities.plan(meeting.organisation_id)
    row = next(r for r in plan.rows if r.activity.id == activity_id)
    assert [e.id for e in row.sources] == [idea.id] and len(row.tasks) == 2  # a task is no source
    for change in reversed(changes):
        undo_change(services.records, change)
    assert services.records.get(Entry, first.id).activity_id is None


def test_a_task_is_linked_later_done_and_no_longer_open_in_the_overview(services, demo, meeting, org):
    task = _add(services, meeting, "Send politikken 1.1.27", EntryKind.TASK)
    activity = services.activities.add(org.id, "Indkøbspolitik").record
    assert task.id in [t.id for t in services.tasks.unlinked(org.id)]
    open_before = next(r for r in services.follow_ups.overview(demo.id) if r.organisation.id == org.id).open_tasks
    services.tasks.link(task.id, activity.id)
    assert [t.id for t in services.tasks.of_activity(activity.id)] == [task.id]
    done = services.tasks.set_done(task.id, True)
    row = next(r for r in services.follow_ups.overview(demo.id) if r.organisation.id == org.id)
    assert row.open_tasks == open_before - 1
    undo_change(services.records, done)
    assert not services.records.get(Entry, task.id).done
    other = next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.short_name == "KK")
    theirs = services.activities.add(other.id, "Noget andet").record
    with pytest.raises(TaskError, match="another organisation"):
        services.tasks.link(task.id, theirs.id)
    idea = _add(services, meeting, "En idé", EntryKind.IDEA)
    with pytest.raises(TaskError, match="Only a task"):
        services.tasks.set_done(idea.id, True)


def test_a_pilot_projects_goal_and_result_print_in_the_plan(services, org):
    from tests.unit.verkstad.services.test_documents import has, read

    activity = services.activities.add(org.id, "Pilot: genbrugsmøbler").record
    services.activities.update(activity.id, kind="pilot", goal="30 % genbrug <b>", result="Nået & mere")
    text, _reader = read(services.documents.render("plan", organisation_id=org.id))
    tr = translator(org.language)
    has(text, tr.gettext("Pilot project"), tr.gettext("Goal: {text}").format(text="30 % genbrug <b>"),
        tr.gettext("Result: {text}").format(text="Nået & mere"))
    with pytest.raises(Exception, match="Unknown kind"):
        services.activities.update(activity.id, kind="experiment")


def test_marked_good_examples_are_listed_and_a_case_story_is_written_from_one(services, demo, meeting, org):
    entry = _add(services, meeting, "Kantinen halverede madspildet", EntryKind.NOTE)
    change = services.capture.toggle_good_example(entry.id)
    activity = services.activities.add(org.id, "Madspild", description="Vej og mål madspildet").record
    services.activities.update(activity.id, good_example=True, goal="Mindre spild", result="50 % mindre")
    services.follow_ups.report(activity.id, reported_on=None, status="done", note="Færdig", good_example=True)
    marked = services.stories.marked(demo.id)
    kinds = {(m.kind, m.text) for m in marked}
    assert {("entry", entry.text), ("activity", "Madspild"), ("update", "Madspild: Færdig")} <= kinds
    chosen = next(m for m in marked if m.kind == "activity" and m.id == activity.id)
    story = services.stories.story_from(demo.id, chosen).record
    assert (story.title, story.organisation_id, story.activity_id) == ("Madspild", org.id, activity.id)
    assert (story.challenge, story.action, story.result) == ("Mindre spild", "Vej og mål madspildet", "50 % mindre")
    undo_change(services.records, change)
    assert entry.id not in [m.id for m in services.stories.marked(demo.id)]


def test_a_case_storys_photo_prints_as_a_tagged_figure_with_its_caption(services, demo, org):
    from tests.unit.verkstad.services.test_documents import has, read

    story = services.stories.add_story(demo.id, "Med foto", organisation_id=org.id,
                                       photo_caption="Lageret & <i>").record
    services.stories.update_story(story.id, photo=picture("JPEG"))
    got = services.stories.stories(demo.id)[-1]
    assert base64.b64decode(got.photo).startswith(b"\xff\xd8\xff")
    pdf = services.documents.render("case-story", story_id=story.id)
    has(read(pdf)[0], "Lageret & <i>")
    assert "Figure" in roles(pdf) and problems(pdf) == []
    assert PdfReader(io.BytesIO(pdf)).pages[0].images


@pytest.mark.parametrize("data", [b"not a picture", b"GIF89a" + b"\0" * 40, b"\x89PNG\r\n\x1a\n" + b"\0" * 40])
def test_a_photo_that_is_no_picture_is_refused_and_nothing_changes(services, demo, data):
    story = services.stories.add_story(demo.id, "Uden foto").record
    with pytest.raises(StoryError, match="PNG or JPEG"):
        services.stories.update_story(story.id, photo=data)
    assert services.stories.stories(demo.id)[-1].photo == ""


@pytest.mark.parametrize(("change", "fragment"), [
    (lambda d: d["records"]["case_stories"][0].__setitem__("photo", base64.b64encode(b"GIF89a").decode()),
     "the photo is not a PNG or JPEG picture"),
    (lambda d: d["records"]["evaluation_sheets"][0]["answers"].__setitem__("x", {"a": 1}),
     "an answer is a whole number from 1"),
    (lambda d: d["records"]["evaluation_sheets"][0]["answers"].__setitem__("x", True),
     "an answer is a whole number from 1"),
])
def test_an_import_refuses_a_photo_or_an_answer_no_sheet_could_give(services, demo, tmp_path, change, fragment):
    services.stories.add_story(demo.id, "Historie")
    out = tmp_path / "p.json"
    export_programme(services, demo.id, out)
    doc = json.loads(out.read_text(encoding="utf-8"))
    change(doc)
    out.write_text(json.dumps(doc), encoding="utf-8")
    other = Services.open(tmp_path / "other.sqlite")
    try:
        with pytest.raises(ExchangeError, match=fragment):
            import_programme(other, out)
        assert other.records.list(Meeting) == []
    finally:
        other.close()


def test_a_new_activity_is_an_activity_and_no_good_example(services, org):
    activity = services.activities.add(org.id, "Almindelig").record
    got = services.records.get(Activity, activity.id)
    assert (got.kind, got.goal, got.result, got.good_example) == ("activity", "", "", False)


def test_what_is_said_under_a_follow_up_meetings_item_is_recorded_as_progress_on_its_activity(services, org):
    import datetime as dt

    from verkstad.domain.model import AgendaItem, ProgressUpdate
    from verkstad.services.capture_promotion import CaptureError

    late = services.activities.add(org.id, "Sent udbud", status="ongoing", deadline=dt.date(2027, 1, 5)).record
    changes = services.follow_ups.plan_follow_up_meeting(org.id, dt.date(2027, 3, 1))
    meeting_id = changes[0].id
    items = services.records.list(AgendaItem, meeting_id=meeting_id)
    item = next(i for i in items if i.activity_id == late.id)
    assert late.title in item.title
    entry = services.capture.add_entry(meeting_id, "Udbuddet er 40 % færdigt, sendes i maj", EntryKind.IDEA,
                                       agenda_item_id=item.id)[0].record
    recorded = services.capture.record_progress(entry.id)
    (update,) = services.follow_ups.updates(late.id)
    assert (update.note, update.share_done, update.status, update.reported_on) == (
        entry.text, 40, "ongoing", dt.date(2027, 3, 1))
    got = services.records.get(Entry, entry.id)
    assert (got.kind, got.activity_id) == ("note", late.id)
    with pytest.raises(CaptureError) as again:
        services.capture.record_progress(entry.id)
    assert again.value.kind == "already_reported"
    other = next(i for i in items if i.activity_id is None)
    plain = services.capture.add_entry(meeting_id, "Velkommen", EntryKind.NOTE, agenda_item_id=other.id)[0].record
    with pytest.raises(CaptureError) as nothing:
        services.capture.record_progress(plain.id)
    assert nothing.value.kind == "no_activity"
    for change in reversed(recorded):
        undo_change(services.records, change)
    assert services.records.list(ProgressUpdate, activity_id=late.id) == []
    assert services.records.get(Entry, entry.id).kind == "idea"
