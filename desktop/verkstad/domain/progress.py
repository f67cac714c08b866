"""Where an activity stands in the follow-up (phase 3), derived from its status, its dates and
its progress updates: not started, on schedule, late (with why) or done, and *stale* when no one
has reported for a while. Pure rules: the GUI, the reminders and the progress report use them,
each wording the reasons in its own language (`tr`).
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from operator import attrgetter

from verkstad.domain.model import Activity, ActivityStatus, ProgressUpdate
from verkstad.domain.rules import is_late
from verkstad.i18n import N_, Translator, current

STALE_DAYS = 30  # an activity under way that no one reported on for this long needs asking about
BEHIND_POINTS = 25  # a share done this many points below the share of the time gone is late


class Progress(enum.StrEnum):
    NOT_STARTED = "not_started"
    ON_SCHEDULE = "on_schedule"
    LATE = "late"
    DONE = "done"


PROGRESS_TITLES: dict[str, str] = {
    Progress.NOT_STARTED: N_("Not started"),
    Progress.ON_SCHEDULE: N_("On schedule"),
    Progress.LATE: N_("Late"),
    Progress.DONE: N_("Done"),
}


@dataclass
class FollowUp:
    """Where one activity stands."""

    activity: Activity
    updates: list[ProgressUpdate]  # newest first
    progress: str  # a Progress
    reason: str  # why, in the user's words ("" when there is nothing to explain)
    stale_days: int | None  # days since anyone reported, when that is STALE_DAYS or more

    @property
    def latest(self) -> ProgressUpdate | None:
        return self.updates[0] if self.updates else None


_BY_DAY = attrgetter("reported_on", "created_at")


def newest_first(updates: list[ProgressUpdate]) -> list[ProgressUpdate]:
    """By the day reported (the day stored when none was given), then by when stored."""
    try:  # the usual case, every update dated, by a key made in C (none dated: by when stored, as below)
        return sorted(updates, key=_BY_DAY, reverse=True)
    except TypeError:  # some dated, some not: None and a date do not compare
        return sorted(updates, key=lambda u: (u.reported_on or u.created_at.date(), u.created_at), reverse=True)


def follow_up(activity: Activity, updates: list[ProgressUpdate], today: dt.date, *, agreed: bool = False,
              tr: Translator | None = None) -> FollowUp:
    """Where an activity stands, derived from its status, dates and updates (the seed-000 page's
    "on schedule"): done; late when its deadline has passed, when it should have started and has
    not, or when its last update's share done is well behind the share of its time gone; not
    started while in preparation; on schedule otherwise. It is *stale* when it is not done, is
    under way (agreed, ongoing, or reported on before) and no one reported for STALE_DAYS. The
    reason is worded by `tr` (the interface's language by default)."""
    updates = newest_first(updates)
    tr = tr or current()
    latest = updates[0] if updates else None
    status = activity.status
    reason = ""
    if status == ActivityStatus.DONE:
        progress = Progress.DONE
    elif is_late(status, activity.deadline, today):
        progress = Progress.LATE
        reason = tr.gettext("the deadline {date} has passed").format(date=tr.date(activity.deadline))
    elif status == ActivityStatus.PREPARATION and activity.start_date is not None and activity.start_date < today:
        progress = Progress.LATE
        reason = tr.gettext("it was to start on {date}").format(date=tr.date(activity.start_date))
    elif behind := _behind(activity, latest, today, tr):
        progress = Progress.LATE
        reason = behind
    elif status == ActivityStatus.PREPARATION:
        progress = Progress.NOT_STARTED
    else:
        progress = Progress.ON_SCHEDULE
    stale: int | None = None
    if progress != Progress.DONE and (agreed or status == ActivityStatus.ONGOING or latest is not None):
        since = latest.reported_on or latest.created_at.date() if latest is not None else activity.created_at.date()
        days = (today - since).days
        stale = days if days >= STALE_DAYS else None
    return FollowUp(activity, updates, progress, reason, stale)


def _behind(activity: Activity, latest: ProgressUpdate | None, today: dt.date, tr: Translator) -> str:
    """Why the last update's share done is behind its time ("" when it is not, or cannot tell)."""
    if latest is None or latest.share_done is None or activity.start_date is None or activity.deadline is None:
        return ""
    span = (activity.deadline - activity.start_date).days
    if span <= 0:
        return ""
    reported = latest.reported_on or latest.created_at.date()
    gone = round(100 * min(max((reported - activity.start_date).days, 0), span) / span)
    if gone - latest.share_done < BEHIND_POINTS:
        return ""
    return tr.gettext("{done} done when {gone} of its time had gone").format(
        done=tr.percent(latest.share_done / 100), gone=tr.percent(gone / 100))


# The states in the order a summary counts them.
ORDER = (Progress.LATE, Progress.ON_SCHEDULE, Progress.NOT_STARTED, Progress.DONE)


def states_text(counts: dict[str, int], tr: Translator | None = None) -> str:
    """"1 late, 2 on schedule and 5 not started": the states there are, in `tr`'s words."""
    tr = tr or current()
    words = {
        Progress.LATE: lambda n: tr.ngettext("{n} late", "{n} late", n),
        Progress.ON_SCHEDULE: lambda n: tr.ngettext("{n} on schedule", "{n} on schedule", n),
        Progress.NOT_STARTED: lambda n: tr.ngettext("{n} not started", "{n} not started", n),
        Progress.DONE: lambda n: tr.ngettext("{n} done", "{n} done", n),
    }
    return tr.list([words[s](counts[s]).format(n=tr.number(counts[s], 0)) for s in ORDER if counts.get(s)])
