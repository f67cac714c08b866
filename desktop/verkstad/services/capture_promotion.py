"""Promotion in capture: an idea or decision of a meeting made an activity in an organisation's plan."""

from __future__ import annotations

import datetime as dt

from verkstad.domain.model import Activity, EntryKind, Meeting, Organisation, OrgKind, Person, Theme
from verkstad.errors import VerkstadError
from verkstad.i18n import _, translator
from verkstad.services.capture_common import CaptureBase, live_entry, set_fields, stored
from verkstad.services.records import Change
from verkstad.storage import capture_repo

PROMOTABLE = (EntryKind.IDEA, EntryKind.DECISION)
TITLE_MAX = 100  # longer entries become an activity with a shortened title and the full description


class CaptureError(VerkstadError, ValueError):
    """A capture request that cannot be done as asked; `str()` is the translated reason.

    `kind`: not_promotable, already_promoted, needs_organisation, unknown_organisation, no_activity,
    not_reportable, already_reported.
    """

    def __init__(self, kind: str) -> None:
        self.kind = kind
        super().__init__(kind)

    def __str__(self) -> str:
        return {
            "not_promotable": _("Only ideas and decisions can become activities."),
            "already_promoted": _("This entry is already an activity in the plan."),
            "needs_organisation": _("Choose the organisation whose activity plan gets this activity."),
            "unknown_organisation": _("That organisation does not take part in this programme."),
            "no_activity": _("The entry's agenda item is not about one activity (a follow-up meeting's items on "
                             "late activities are). Promote an idea instead, or report in the activity plan (Ctrl+R)."),
            "not_reportable": _("A task is done in the activity plan, not reported as progress."),
            "already_reported": _("This entry is already a progress update on its activity."),
        }[self.kind]


class CapturePromotion(CaptureBase):
    """Entries of a meeting taken into the activity plan."""

    def promotion_targets(self, meeting_id: str) -> list[Organisation]:
        """The organisations an entry of this meeting may go to: its own, or all participants."""
        meeting = self.records.get(Meeting, meeting_id)
        if meeting.organisation_id:
            return [self.records.get(Organisation, meeting.organisation_id)]
        return [o for o in self.records.list(Organisation, programme_id=meeting.programme_id)
                if o.kind == OrgKind.PARTICIPANT]

    def promote(self, entry_id: str, organisation_id: str | None = None) -> list[Change]:
        """Make an idea or decision an activity in an organisation's activity plan.

        Carried over: the text as title (a long text becomes a short title and the full
        description), the first theme, the impact, the due date as deadline, and the
        owner as responsible person when that person belongs to the organisation or to
        the advisory team (no organisation, or a partner organisation). An owner who is
        not such a person (typed without a match, or of another organisation) is kept as
        a line "Owner named in the meeting: …" of the description, in the organisation's
        language. The entry links to the activity, and so do the tasks captured right after it
        (under the same agenda item, before the next idea or decision): they serve it.
        """
        with self.db.session() as s:
            entry = live_entry(s, entry_id)
            if entry.kind not in PROMOTABLE:
                raise CaptureError("not_promotable")
            if entry.activity_id is not None:
                activity = s.get(Activity, entry.activity_id)
                if activity is not None and activity.deleted_at is None:
                    raise CaptureError("already_promoted")
            meeting = stored(s, Meeting, entry.meeting_id)
            organisation_id = meeting.organisation_id or organisation_id
            if organisation_id is None:
                raise CaptureError("needs_organisation")
            org = s.get(Organisation, organisation_id)
            if org is None or org.deleted_at is not None or org.programme_id != meeting.programme_id:
                raise CaptureError("unknown_organisation")
            position = capture_repo.live_activity_count(s, organisation_id)
            title, description = entry.text, ""
            if len(title) > TITLE_MAX:
                title = title[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",.;:") + "…"
                description = entry.text
            responsible_id, owner_text = None, entry.owner_name.strip()
            owner = s.get(Person, entry.owner_id) if entry.owner_id else None
            if owner is not None and owner.deleted_at is None:
                team = owner.organisation_id is None or getattr(
                    s.get(Organisation, owner.organisation_id), "kind", None) == OrgKind.PARTNER
                if owner.organisation_id == organisation_id or team:
                    responsible_id = owner.id
                else:
                    owner_text = owner.name
            if owner_text:
                note = translator(org.language).gettext("Owner named in the meeting: {name}").format(name=owner_text)
                description = f"{description}\n\n{note}" if description else note
            themes = [s.get(Theme, t) for t in entry.theme_ids]
            theme_id = next((t.id for t in themes if t is not None and t.deleted_at is None), None)
            activity = Activity(programme_id=meeting.programme_id, organisation_id=organisation_id,
                                position=position, title=title, description=description,
                                theme_id=theme_id, responsible_person_id=responsible_id,
                                impact=entry.impact, deadline=entry.due_date)
            s.add(activity)
            s.flush()
            change = set_fields(entry, activity_id=activity.id)
            from verkstad.services.tasks import following_tasks

            siblings = capture_repo.live_entries(s, entry.meeting_id)
            carried = [set_fields(task, activity_id=activity.id) for task in following_tasks(siblings, entry)]
        return [Change("created", Activity, activity.id, record=activity), change, *carried]

    def record_progress(self, entry_id: str) -> list[Change]:
        """Record what was said (the entry) as a progress update on the activity its agenda item is
        about: a follow-up meeting's item on a late activity. The update is dated the meeting's
        day, keeps the activity's status and takes a share done written as "40 %"; the entry
        becomes a note linked to the activity. One undo step takes back both."""
        import re

        from verkstad.domain.model import AgendaItem, ProgressUpdate

        with self.db.session() as s:
            entry = live_entry(s, entry_id)
            if entry.kind == EntryKind.TASK:
                raise CaptureError("not_reportable")
            item = s.get(AgendaItem, entry.agenda_item_id) if entry.agenda_item_id else None
            activity = s.get(Activity, item.activity_id) if item is not None and item.activity_id else None
            if activity is None or activity.deleted_at is not None:
                raise CaptureError("no_activity")
            if entry.activity_id == activity.id and entry.kind == EntryKind.NOTE:
                raise CaptureError("already_reported")
            meeting = stored(s, Meeting, entry.meeting_id)
            share = re.search(r"(?<!\d)(\d{1,3})\s?%", entry.text)
            done = int(share.group(1)) if share and int(share.group(1)) <= 100 else None
            update = ProgressUpdate(activity_id=activity.id, reported_on=meeting.date or dt.date.today(),
                                    status=activity.status, note=entry.text, share_done=done)
            s.add(update)
            s.flush()
            change = set_fields(entry, kind=EntryKind.NOTE, activity_id=activity.id)
        return [Change("created", ProgressUpdate, update.id, record=update), change]
