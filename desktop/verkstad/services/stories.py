"""Good examples told: the programme's case stories (the challenge, what was done, the result
with its figures, a quote its person allowed to publish; approved by the organisation) and its
communication list (news, case stories, interviews: what, with whom, by when, done)."""

from __future__ import annotations

import builtins
import datetime as dt
from dataclasses import dataclass

from verkstad.domain.model import (
    Activity,
    CaseStory,
    Communication,
    CommunicationKind,
    Entry,
    Meeting,
    Organisation,
    OrgKind,
    ProgressUpdate,
    StoryStatus,
)
from verkstad.errors import RuleError, VerkstadError
from verkstad.i18n import _
from verkstad.services.records import Change, NotFound, Records

STORY_FIELDS = ("title", "organisation_id", "activity_id", "challenge", "action", "result", "quote", "quote_by",
                "quote_allowed", "status", "approved_on", "photo", "photo_caption")
COMMUNICATION_FIELDS = ("kind", "title", "with_whom", "due", "done", "case_story_id")


class StoryError(VerkstadError, ValueError):
    """A case story or a line of the communication list that cannot be stored; the text says why."""


@dataclass
class Marked:
    """Something marked as a good example: an activity, a meeting's entry or a progress update."""

    kind: str  # "activity" | "entry" | "update"
    id: str
    text: str
    organisation_id: str | None
    activity_id: str | None
    day: dt.date


class Stories:
    """Use cases of the good examples."""

    def __init__(self, records: Records) -> None:
        self.records = records

    # -- case stories --------------------------------------------------------------------

    def organisations(self, programme_id: str) -> builtins.list[Organisation]:
        """The organisations a story can be about: the participating ones."""
        return [o for o in self.records.list(Organisation, programme_id=programme_id) if o.kind == OrgKind.PARTICIPANT]

    def activities(self, programme_id: str) -> builtins.list[tuple[Organisation | None, Activity]]:
        """The activities a story can tell of, each with its organisation."""
        orgs = {o.id: o for o in self.records.list(Organisation, programme_id=programme_id)}
        return [(orgs.get(a.organisation_id), a) for a in self.records.list(Activity, programme_id=programme_id)]

    def stories(self, programme_id: str) -> builtins.list[CaseStory]:
        return self.records.list(CaseStory, programme_id=programme_id)

    def add_story(self, programme_id: str, title: str, **values) -> Change:
        story = CaseStory(programme_id=programme_id, **self._story_values(programme_id, {"title": title, **values}))
        return self.records.add(story)

    def update_story(self, story_id: str, **values) -> Change:
        story = self.records.get(CaseStory, story_id)
        checked = self._story_values(story.programme_id, values, story)
        if checked.get("status") == StoryStatus.APPROVED and story.approved_on is None and "approved_on" not in values:
            checked["approved_on"] = dt.date.today()  # approved today unless the form says when
        return self.records.update(CaseStory, story_id, **checked)

    def delete_story(self, story_id: str) -> Change:
        return self.records.delete(CaseStory, story_id)

    def move_story(self, story_id: str, position: int) -> Change:
        return self.records.move(CaseStory, story_id, position)

    def _story_values(self, programme_id: str, values: dict, story: CaseStory | None = None) -> dict:
        for name in values:
            if name not in STORY_FIELDS:
                raise StoryError(_("A case story has no field “{name}”.").format(name=name))
        out = dict(values)
        if "title" in out:
            out["title"] = str(out["title"] or "").strip()
            if not out["title"]:
                raise StoryError(_("A case story needs a title."))
        if "photo" in out:
            from verkstad.services.logos import photo_checked

            try:
                out["photo"] = photo_checked(out["photo"])
            except RuleError as exc:
                raise StoryError(str(exc)) from exc
        if "status" in out and out["status"] not in set(StoryStatus):
            raise StoryError(_("Unknown status “{value}”.").format(value=out["status"]))
        if out.get("organisation_id") is not None:
            try:
                org = self.records.get(Organisation, out["organisation_id"])
            except NotFound as exc:
                raise StoryError(_("The organisation chosen no longer exists.")) from exc
            if org.programme_id != programme_id:
                raise StoryError(_("“{name}” does not take part in this programme.").format(name=org.name))
        if out.get("activity_id") is not None:
            try:
                activity = self.records.get(Activity, out["activity_id"])
            except NotFound as exc:
                raise StoryError(_("The activity chosen no longer exists.")) from exc
            if activity.programme_id != programme_id:
                raise StoryError(_("The activity chosen is not one of this programme's."))
        quote = out.get("quote", story.quote if story else "")
        allowed = out.get("quote_allowed", story.quote_allowed if story else False)
        status = out.get("status", story.status if story else StoryStatus.DRAFT)
        if status == StoryStatus.APPROVED and str(quote or "").strip() and not allowed:
            raise StoryError(_("The story quotes someone who has not allowed it to be published: tick "
                               "“The person quoted allows publishing” or take the quote out before approving it."))
        return out

    # -- what was marked as a good example ------------------------------------------------

    def marked(self, programme_id: str) -> builtins.list[Marked]:
        """The activities, entries and progress updates of the programme marked as good examples,
        newest first: what a case story may tell."""
        activities = {a.id: a for a in self.records.list(Activity, programme_id=programme_id)}
        meetings = {m.id: m for m in self.records.list(Meeting, programme_id=programme_id)}
        out = [Marked("activity", a.id, a.title, a.organisation_id, a.id, a.updated_at.date())
               for a in activities.values() if a.good_example]
        for e in self.records.list_in(Entry, "meeting_id", list(meetings)):
            if e.good_example:
                activity = activities.get(e.activity_id or "")
                meeting = meetings[e.meeting_id]
                out.append(Marked("entry", e.id, e.text,
                                  meeting.organisation_id or (activity.organisation_id if activity else None),
                                  activity.id if activity else None, meeting.date or e.created_at.date()))
        for u in self.records.list_in(ProgressUpdate, "activity_id", list(activities)):
            if u.good_example:
                a = activities[u.activity_id]
                out.append(Marked("update", u.id, f"{a.title}: {u.note}" if u.note else a.title, a.organisation_id,
                                  a.id, u.reported_on or u.created_at.date()))
        return sorted(out, key=lambda m: m.day, reverse=True)

    def story_from(self, programme_id: str, marked: Marked) -> Change:
        """A draft case story of a good example: its organisation and activity, its words as what
        was done (an activity's description, a pilot's goal and result)."""
        activity = self.records.get(Activity, marked.activity_id) if marked.activity_id else None
        values: dict = {"organisation_id": marked.organisation_id, "activity_id": marked.activity_id}
        if activity is not None:
            values["action"] = activity.description or activity.title
            if activity.goal:
                values["challenge"] = activity.goal
            if activity.result:
                values["result"] = activity.result
        if marked.kind != "activity":
            values["result" if marked.kind == "update" else "action"] = marked.text
        title = activity.title if activity is not None else marked.text.split("\n")[0][:100]
        return self.add_story(programme_id, title, **values)

    # -- the communication list ------------------------------------------------------------

    def communications(self, programme_id: str) -> builtins.list[Communication]:
        return self.records.list(Communication, programme_id=programme_id)

    def add_communication(self, programme_id: str, title: str, **values) -> Change:
        checked = self._communication_values(programme_id, {"title": title, **values})
        return self.records.add(Communication(programme_id=programme_id, **checked))

    def update_communication(self, item_id: str, **values) -> Change:
        item = self.records.get(Communication, item_id)
        return self.records.update(Communication, item_id, **self._communication_values(item.programme_id, values))

    def delete_communication(self, item_id: str) -> Change:
        return self.records.delete(Communication, item_id)

    def move_communication(self, item_id: str, position: int) -> Change:
        return self.records.move(Communication, item_id, position)

    def _communication_values(self, programme_id: str, values: dict) -> dict:
        for name in values:
            if name not in COMMUNICATION_FIELDS:
                raise StoryError(_("A line of the communication list has no field “{name}”.").format(name=name))
        out = dict(values)
        if "title" in out:
            out["title"] = str(out["title"] or "").strip()
            if not out["title"]:
                raise StoryError(_("Say what is to be communicated."))
        if "kind" in out and out["kind"] not in set(CommunicationKind):
            raise StoryError(_("Unknown kind “{value}”.").format(value=out["kind"]))
        if out.get("case_story_id") is not None:
            try:
                story = self.records.get(CaseStory, out["case_story_id"])
            except NotFound as exc:
                raise StoryError(_("The case story chosen no longer exists.")) from exc
            if story.programme_id != programme_id:
                raise StoryError(_("The case story chosen is not one of this programme's."))
        return out
