"""Property: whatever a facilitator does in the main window and in capture, undoing every
step of each window brings the programme back, redoing brings it forward again, and no undo
in one window changes what the other window did.

Both windows are `Operations` with their own history on one change bus, exactly as the main
window and a capture window are built; the actions are the use cases their widgets call.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from verkstad.domain.model import AgendaItem, Meeting
from verkstad.services.exchange import programme_document


def _content(services, programme_id: str, types: tuple[str, ...] | None = None) -> dict:
    """The programme's export, live records only and without change times: what a user sees."""
    programme = services.planning.programme(programme_id)
    doc = programme_document(services, programme)
    out = {}
    for name, rows in doc["records"].items():
        if types is not None and name not in types:
            continue
        out[name] = sorted(
            ({k: v for k, v in row.items() if k not in ("updated_at", "deleted_at")}
             for row in rows if not row.get("deleted_at")), key=lambda r: r["id"])
    return out


MAIN_ACTIONS = st.sampled_from(["end_time", "add_item", "rename_item", "delete_item", "move_item",
                                "add_org", "rename_org", "delete_org", "invite"])
CAPTURE_ACTIONS = st.sampled_from(["add_entry", "edit_entry", "vote", "delete_entry", "promote"])


def _main_action(services, pid, meeting_id, action, n):
    p = services.planning
    items = p.meeting_plan(meeting_id).agenda
    orgs = [o for o in p.organisations(pid) if o.kind == "participant"]
    if action == "end_time":
        return p.update_meeting(meeting_id, end_time=dt.time(13 + n % 5, 15))
    if action == "add_item":
        return p.add_agenda_item(meeting_id, f"Punkt {n} – æøå", 10 + n % 20)
    if action == "rename_item" and items:
        return p.update_agenda_item(items[n % len(items)].id, title=f"Omdøbt {n}")
    if action == "delete_item" and items:
        return p.delete_agenda_item(items[n % len(items)].id)
    if action == "move_item" and len(items) > 1:
        return p.move_agenda_item(items[n % len(items)].id, (n * 7) % len(items))
    if action == "add_org":
        return p.add_organisation(pid, f"Kommune {n}")
    if action == "rename_org" and len(orgs) > 1:
        name = f"Ny Kommune {n}"
        if any(o.name == name for o in orgs):  # taken: the rule refuses it (tested elsewhere)
            return None
        return p.update_organisation(orgs[-1].id, name=name)
    if action == "delete_org" and len(orgs) > 1:
        return p.delete_organisation(orgs[-1].id)  # never the one whose meeting capture runs
    if action == "invite":
        people = p.meeting_plan(meeting_id).rows
        if people:
            return p.set_attendance(meeting_id, people[n % len(people)].person.id, invited=bool(n % 2))
    return None


def _capture_action(services, meeting_id, org_id, action, n):
    c = services.capture
    entries = c.entries(meeting_id)
    if action == "add_entry":
        return c.add_entry(meeting_id, f"Idé {n}: genbrug af kontormøbler #cirkulær", "idea")
    if action == "edit_entry" and entries:
        return c.edit(entries[n % len(entries)].id, f"Rettet {n}")
    if action == "vote" and entries:
        return c.vote(entries[n % len(entries)].id)
    if action == "delete_entry" and entries:
        return c.delete(entries[n % len(entries)].id)
    if action == "promote":
        ideas = [e for e in entries if e.kind == "idea" and e.activity_id is None]
        if ideas:
            return c.promote(ideas[n % len(ideas)].id, org_id)
    return None


@pytest.fixture
def world(tmp_path_factory, qapp):
    from PySide6.QtWidgets import QWidget

    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services
    from verkstad.ui.operations import ChangeBus, Operations

    services = Services.open(tmp_path_factory.mktemp("undo") / "t.sqlite")
    programme = create_demo(services, "da")
    org = next(o for o in services.planning.organisations(programme.id) if o.short_name == "NK")
    meeting = next(m for m in services.planning.meetings(programme.id) if m.organisation_id == org.id)
    host_main, host_capture = QWidget(), QWidget()
    bus = ChangeBus()
    main = Operations(window=host_main, records=services.records, bus=bus)
    capture = Operations(window=host_capture, records=services.records, bus=bus)
    yield services, programme.id, meeting.id, org.id, main, capture
    services.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.booleans(), MAIN_ACTIONS, CAPTURE_ACTIONS, st.integers(0, 50)),
                      min_size=1, max_size=12))
def test_undo_in_each_window_returns_and_redo_restores(world, steps):
    services, pid, meeting_id, org_id, main, capture = world
    main.history.clear()
    capture.history.clear()
    start = _content(services, pid)
    for in_main, main_action, capture_action, n in steps:
        if in_main:
            assert main.run("main", partial(_main_action, services, pid, meeting_id, main_action, n)) is not None
        else:
            assert capture.run("capture", partial(
                _capture_action, services, meeting_id, org_id, capture_action, n)) is not None
    end = _content(services, pid)

    # Undo all of capture's steps: the main window's work is untouched.
    planning_types = ("meetings", "agenda_items", "organisations", "attendance", "phases", "people")
    main_part = _content(services, pid, planning_types)
    while capture.history.stack.canUndo():
        capture.undo()
    assert _content(services, pid, planning_types) == main_part
    # Then the main window's: back to the start.
    while main.history.stack.canUndo():
        main.undo()
    assert _content(services, pid) == start
    # Redo both: forward to the end.
    while main.history.stack.canRedo():
        main.redo()
    while capture.history.stack.canRedo():
        capture.redo()
    assert _content(services, pid) == end


def test_undo_in_capture_with_nothing_done_there_changes_nothing(world):
    services, _pid, meeting_id, _org, main, capture = world
    main.run("change of planned end", lambda: services.planning.update_meeting(meeting_id, end_time=dt.time(15, 0)))
    assert capture.undo() is False
    assert services.records.get(Meeting, meeting_id).end_time == dt.time(15, 0)
    assert main.history.stack.canUndo()


def test_undo_publishes_the_inverse_changes(world):
    services, _pid, meeting_id, _org, main, _capture = world
    seen = []
    main.bus.published.connect(lambda changes, initiator: seen.append((changes, initiator)))
    main.run("Add agenda item", lambda: services.planning.add_agenda_item(meeting_id, "Frokost", 30))
    item_id = seen[-1][0][0].id
    main.undo()
    changes, initiator = seen[-1]
    assert initiator.kind == "undo" and initiator.history is main.history
    assert [(c.type, c.id, c.action) for c in changes] == [(AgendaItem, item_id, "deleted")]


def test_an_undo_that_fails_says_so_and_can_be_done_again(world, monkeypatch):
    """Qt calls undo from C++, where PySide would swallow an exception: a disk that is full
    during an undo is told in the banner, and the step can be redone and undone again."""
    from verkstad.storage.errors import StorageError

    services, _pid, meeting_id, _org, main, _capture = world
    item = services.planning.meeting_plan(meeting_id).agenda[0]
    main.run("deletion", lambda: services.planning.delete_agenda_item(item.id))

    def full(*_a, **_k):
        raise StorageError("disk_full", "t.sqlite")

    with monkeypatch.context() as m:
        m.setattr(services.records, "restore", full)
        assert main.undo() is False
    assert main.last_error is not None and "full" in main.last_error
    assert item.id not in [i.id for i in services.planning.meeting_plan(meeting_id).agenda]
    assert main.redo() is True  # the step is whole again: the item stays deleted
    assert main.undo() is True
    assert item.id in [i.id for i in services.planning.meeting_plan(meeting_id).agenda]
