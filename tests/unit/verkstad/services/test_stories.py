"""Good examples told: case stories (a quote is published only with its person's permission;
approving one dates it) and the communication list, with undo; both travel in the programme file."""

from __future__ import annotations

import datetime as dt

import pytest

from verkstad.domain.model import Organisation, OrgKind
from verkstad.services.records import undo_change
from verkstad.services.stories import StoryError


@pytest.fixture
def org(services, demo):
    return next(o for o in services.records.list(Organisation, programme_id=demo.id) if o.kind == OrgKind.PARTICIPANT)


def test_a_story_is_written_approved_and_dated_and_undo_takes_it_back(services, demo, org):
    stories = services.stories
    story = stories.add_story(demo.id, "  Genbrugte møbler  ", organisation_id=org.id).record
    assert story.title == "Genbrugte møbler" and story.status == "draft"
    change = stories.update_story(story.id, challenge="Alt blev købt nyt", quote="Det virker", quote_by="Karen",
                                  quote_allowed=True)
    approved = stories.update_story(story.id, status="approved")
    got = services.records.get(type(story), story.id)
    assert got.status == "approved" and got.approved_on == dt.date.today()
    undo_change(services.records, approved)
    undo_change(services.records, change)
    got = services.records.get(type(story), story.id)
    assert (got.status, got.approved_on, got.quote) == ("draft", None, "")


@pytest.mark.parametrize(("values", "message"), [
    ({"title": "  "}, "needs a title"),
    ({"status": "published"}, "Unknown status"),
    ({"quote": "Hemmeligt", "status": "approved"}, "not allowed it to be published"),
    ({"organisation_id": "1c2d3e4f-0000-4000-8000-000000000000"}, "no longer exists"),
    ({"colour": "green"}, "has no field"),
])
def test_a_story_that_cannot_be_stored_is_refused_and_changes_nothing(services, demo, org, values, message):
    story = services.stories.add_story(demo.id, "Historie", organisation_id=org.id).record
    with pytest.raises(StoryError, match=message):
        services.stories.update_story(story.id, **values)
    got = services.records.get(type(story), story.id)
    assert (got.title, got.status, got.quote) == ("Historie", "draft", "")


def test_the_communication_list_names_what_with_whom_and_when(services):
    stories = services.stories
    programme = services.planning.create_programme("Forløb", "da", "travelling_team")
    story = stories.add_story(programme.id, "Historie").record
    item = stories.add_communication(programme.id, "Artikel i nyhedsbrevet", kind="case_story", with_whom="Redaktionen",
                                     due=dt.date(2027, 6, 1), case_story_id=story.id).record
    stories.update_communication(item.id, done=True)
    (got,) = stories.communications(programme.id)
    assert (got.title, got.kind, got.with_whom, got.due, got.done, got.case_story_id) == \
        ("Artikel i nyhedsbrevet", "case_story", "Redaktionen", dt.date(2027, 6, 1), True, story.id)
    with pytest.raises(StoryError, match="Unknown kind"):
        stories.update_communication(item.id, kind="tweet")
    with pytest.raises(StoryError, match="what is to be communicated"):
        stories.add_communication(programme.id, " ")


def test_the_demo_has_an_approved_story_a_draft_and_a_communication_list(services, demo):
    stories = services.stories.stories(demo.id)
    assert sorted(s.status for s in stories) == ["approved", "draft"]
    assert len(services.stories.communications(demo.id)) == 3
