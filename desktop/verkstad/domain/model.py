"""The domain objects of a programme, as plain dataclasses.

Every record has a UUID string `id`, UTC `created_at`/`updated_at` and a `deleted_at`
that marks it deleted instead of erasing it, so that undo is a restore and two
laptops' copies of a programme can be merged later. Records refer to each other by
id only; services load what a view needs.
"""

from __future__ import annotations

import datetime as dt
import enum
import uuid
from dataclasses import dataclass, field

from verkstad.i18n import N_, NP_


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class PhaseKind(enum.StrEnum):
    KICKOFF_WORKSHOP = "kickoff_workshop"
    KICKOFF_MEETING = "kickoff_meeting"
    ACTIVITIES = "activities"
    CLOSING_WORKSHOP = "closing_workshop"
    COACHING = "coaching"
    PILOT = "pilot"
    PLENARY = "plenary"
    SUBGROUP = "subgroup"
    OTHER = "other"


# The title dicts are keyed by str: records hold a member's plain value, which finds the same entry.
PHASE_KIND_TITLES: dict[str, str] = {
    PhaseKind.KICKOFF_WORKSHOP: N_("Kick-off workshop"),
    PhaseKind.KICKOFF_MEETING: N_("Kick-off meeting"),
    PhaseKind.ACTIVITIES: N_("Advisory activities"),
    PhaseKind.CLOSING_WORKSHOP: N_("Closing workshop"),
    PhaseKind.COACHING: N_("Coaching"),
    PhaseKind.PILOT: N_("Pilot project"),
    PhaseKind.PLENARY: N_("Plenary meeting"),
    PhaseKind.SUBGROUP: N_("Sub-group meeting"),
    PhaseKind.OTHER: NP_("phase kind", "Other"),
}


class Role(enum.StrEnum):
    PURCHASING_CHIEF = "purchasing_chief"
    PROCUREMENT_OFFICER = "procurement_officer"
    MANAGER = "manager"
    SUSTAINABILITY = "sustainability"
    FACILITATOR = "facilitator"
    EXPERT = "expert"
    OTHER = "other"


ROLE_TITLES: dict[str, str] = {
    Role.PURCHASING_CHIEF: N_("Purchasing chief"),
    Role.PROCUREMENT_OFFICER: N_("Procurement officer"),
    Role.MANAGER: N_("Manager"),
    Role.SUSTAINABILITY: N_("Sustainability officer"),
    Role.FACILITATOR: N_("Facilitator"),
    Role.EXPERT: N_("Expert"),
    Role.OTHER: NP_("role", "Other"),
}


class OrgKind(enum.StrEnum):
    PARTICIPANT = "participant"  # a participating public organisation
    PARTNER = "partner"  # a partner organisation of the advisory team


class Country(enum.StrEnum):
    """Where an organisation is registered: it decides what its register number is called."""

    DENMARK = "DK"
    SWEDEN = "SE"
    FINLAND = "FI"
    NORWAY = "NO"


# The country an organisation writing in a language is taken to be registered in, unless set.
LANGUAGE_COUNTRIES: dict[str, str] = {"da": Country.DENMARK, "sv": Country.SWEDEN, "fi": Country.FINLAND,
                                      "nb": Country.NORWAY}

# What each country's register calls its number (printed in the document's language).
REGISTER_NUMBER_TITLES: dict[str, str] = {
    Country.DENMARK: N_("CVR number"),
    Country.SWEDEN: N_("Corporate identity number"),
    Country.FINLAND: N_("Business ID"),
    Country.NORWAY: N_("Organisation number"),
}


class Party(enum.StrEnum):
    ORGANISATION = "organisation"
    TEAM = "team"
    BOTH = "both"


PARTY_TITLES: dict[str, str] = {
    Party.ORGANISATION: N_("Organisation"),
    Party.TEAM: N_("Advisory team"),
    Party.BOTH: N_("Both"),
}


class EntryKind(enum.StrEnum):
    IDEA = "idea"
    DECISION = "decision"
    TASK = "task"
    NOTE = "note"


ENTRY_KIND_TITLES: dict[str, str] = {
    EntryKind.IDEA: N_("Idea"),
    EntryKind.DECISION: N_("Decision"),
    EntryKind.TASK: N_("Task"),
    EntryKind.NOTE: N_("Note"),
}


class Impact(enum.StrEnum):
    SMALL = "small"
    MEDIUM = "medium"
    LARGE = "large"


IMPACT_TITLES: dict[str, str] = {
    Impact.SMALL: N_("Small"),
    Impact.MEDIUM: N_("Medium"),
    Impact.LARGE: N_("Large"),
}


class ActivityStatus(enum.StrEnum):
    PREPARATION = "preparation"
    ONGOING = "ongoing"
    DONE = "done"


ACTIVITY_STATUS_TITLES: dict[str, str] = {
    ActivityStatus.PREPARATION: N_("In preparation"),
    ActivityStatus.ONGOING: N_("Ongoing"),
    ActivityStatus.DONE: N_("Done"),
}


class StoryStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"  # by the organisation: it may be published


STORY_STATUS_TITLES: dict[str, str] = {
    StoryStatus.DRAFT: N_("Draft"),
    StoryStatus.APPROVED: N_("Approved by the organisation"),
}


class CommunicationKind(enum.StrEnum):
    NEWS = "news"
    CASE_STORY = "case_story"
    INTERVIEW = "interview"


COMMUNICATION_KIND_TITLES: dict[str, str] = {
    CommunicationKind.NEWS: N_("News"),
    CommunicationKind.CASE_STORY: N_("Case story"),
    CommunicationKind.INTERVIEW: N_("Interview"),
}


class ActivityKind(enum.StrEnum):
    ACTIVITY = "activity"
    PILOT = "pilot"  # a pilot project (the academy's): its own goal and result


ACTIVITY_KIND_TITLES: dict[str, str] = {
    ActivityKind.ACTIVITY: N_("Activity"),
    ActivityKind.PILOT: N_("Pilot project"),
}


class QuestionKind(enum.StrEnum):
    SCALE = "scale"  # the benefit, from 1 (none) to 5 (very great)
    SINGLE = "single"  # one of its options
    MULTIPLE = "multiple"  # any of its options
    TEXT = "text"  # in the participant's own words


QUESTION_KIND_TITLES: dict[str, str] = {
    QuestionKind.SCALE: N_("Scale 1 to 5"),
    QuestionKind.SINGLE: N_("One choice"),
    QuestionKind.MULTIPLE: N_("Several choices"),
    QuestionKind.TEXT: N_("Free text"),
}

SCALE = (1, 2, 3, 4, 5)
"""The points of a scale question: 1 no benefit at all, 5 a very great benefit."""


class VersionStatus(enum.StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    COMMENTED = "commented"
    APPROVED = "approved"


VERSION_STATUS_TITLES: dict[str, str] = {
    VersionStatus.DRAFT: N_("Draft"),
    VersionStatus.SENT: N_("Sent for comment"),
    VersionStatus.COMMENTED: N_("Comments received"),
    VersionStatus.APPROVED: N_("Approved"),
}


@dataclass(eq=False)
class Record:
    """Fields every stored object has."""

    id: str = field(default_factory=new_id, kw_only=True)
    created_at: dt.datetime = field(default_factory=utcnow, kw_only=True)
    updated_at: dt.datetime = field(default_factory=utcnow, kw_only=True)
    deleted_at: dt.datetime | None = field(default=None, kw_only=True)


@dataclass(eq=False)
class Programme(Record):
    name: str = ""
    language: str = "en"
    template: str = "blank"
    description: str = ""
    lead_partner_id: str | None = None  # the partner organisation that leads the advisory team
    logo: str = ""  # the team's logo, a PNG or JPEG picture in base64: every document's header shows it
    # Texts in other languages than the record's own, by field and language code
    # ({"title": {"fi": "Aloitustyöpaja"}}); see domain/translatable.py.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class Phase(Record):
    programme_id: str = ""
    position: int = 0
    kind: str = PhaseKind.OTHER
    title: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    venue: str = ""
    description: str = ""
    shared: bool = True  # one meeting for all, or one at each organisation
    required_roles: list[str] = field(default_factory=list)
    # Texts in other languages than the record's own, by field and language code
    # ({"title": {"fi": "Aloitustyöpaja"}}); see domain/translatable.py.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class Organisation(Record):
    programme_id: str = ""
    position: int = 0
    kind: str = OrgKind.PARTICIPANT
    name: str = ""
    short_name: str = ""
    language: str = "en"
    address: str = ""
    register_number: str = ""  # CVR-nummer, organisationsnummer, Y-tunnus, organisasjonsnummer
    country: str | None = None  # a Country; None: the one its language is spoken in


@dataclass(eq=False)
class Person(Record):
    programme_id: str = ""
    organisation_id: str | None = None  # None: the advisory team
    name: str = ""
    title: str = ""
    role: str = Role.OTHER
    email: str = ""
    phone: str = ""


@dataclass(eq=False)
class Meeting(Record):
    programme_id: str = ""
    phase_id: str = ""
    organisation_id: str | None = None  # None: a shared meeting
    title: str = ""
    date: dt.date | None = None
    start_time: dt.time | None = None
    end_time: dt.time | None = None  # the planned end
    venue: str = ""
    reply_by: dt.date | None = None  # the invitation asks for a reply by this date
    contact_id: str | None = None  # who the invited reply to and ask (the invitation names them)
    note_taker_id: str | None = None  # who takes the minutes (the minutes name them)
    started_at: dt.datetime | None = None  # capture mode
    ended_at: dt.datetime | None = None
    current_item_id: str | None = None
    item_started_at: dt.datetime | None = None
    # Texts in other languages than the record's own, by field and language code
    # ({"title": {"fi": "Aloitustyöpaja"}}); see domain/translatable.py.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class AgendaItem(Record):
    meeting_id: str = ""
    position: int = 0
    title: str = ""
    duration_min: int = 15
    responsible_id: str | None = None
    notes: str = ""
    activity_id: str | None = None  # a follow-up meeting's item about one activity: capture reports on it
    # Texts in other languages than the record's own, by field and language code
    # ({"title": {"fi": "Aloitustyöpaja"}}); see domain/translatable.py.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class ChecklistItem(Record):
    meeting_id: str = ""
    position: int = 0
    text: str = ""
    responsible: str = Party.ORGANISATION
    done: bool = False


@dataclass(eq=False)
class Attendance(Record):
    meeting_id: str = ""
    person_id: str = ""
    invited: bool = True
    attended: bool = False


@dataclass(eq=False)
class Theme(Record):
    programme_id: str = ""
    position: int = 0
    name: str = ""
    # Texts in other languages than the record's own, by field and language code
    # ({"title": {"fi": "Aloitustyöpaja"}}); see domain/translatable.py.
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class Entry(Record):
    """Something said in a meeting: an idea, a decision, a task or a note."""

    meeting_id: str = ""
    agenda_item_id: str | None = None
    position: int = 0
    kind: str = EntryKind.IDEA
    text: str = ""
    impact: str | None = None
    votes: int = 0
    theme_ids: list[str] = field(default_factory=list)
    owner_id: str | None = None
    owner_name: str = ""  # as typed, when no person matched
    due_date: dt.date | None = None
    activity_id: str | None = None  # an idea's or decision's once promoted; a task's: the activity it serves
    good_example: bool = False  # worth telling as a case story
    done: bool = False  # a task's: carried out


@dataclass(eq=False)
class Draft(Record):
    """Text typed in capture mode but not yet entered."""

    meeting_id: str = ""
    text: str = ""


@dataclass(eq=False)
class Activity(Record):
    programme_id: str = ""
    organisation_id: str = ""
    position: int = 0
    title: str = ""
    description: str = ""
    theme_id: str | None = None
    responsible: str = Party.BOTH
    responsible_person_id: str | None = None
    team_hours: float = 0.0
    org_hours: float = 0.0
    start_date: dt.date | None = None
    deadline: dt.date | None = None
    status: str = ActivityStatus.PREPARATION
    impact: str | None = None
    kind: str = ActivityKind.ACTIVITY
    goal: str = ""  # a pilot project's goal
    result: str = ""  # what it achieved, with figures
    good_example: bool = False  # worth telling as a case story


@dataclass(eq=False)
class ProgressUpdate(Record):
    """What an organisation reported on one of its activities (phase 3, the follow-up): on which
    day, the activity's status then, a note, who reported, and optionally how much is done."""

    activity_id: str = ""
    reported_on: dt.date | None = None
    status: str = ActivityStatus.ONGOING
    note: str = ""
    reported_by_id: str | None = None
    share_done: int | None = None  # per cent, 0 to 100
    good_example: bool = False


@dataclass(eq=False)
class CaseStory(Record):
    """A good example of the programme told as a case story: the challenge, what was done and
    the result, with a quote its person allowed to publish; approved by the organisation before
    it is published."""

    programme_id: str = ""
    position: int = 0
    organisation_id: str | None = None
    activity_id: str | None = None  # the activity it tells of, if one
    title: str = ""
    challenge: str = ""
    action: str = ""  # what was done
    result: str = ""  # with figures
    quote: str = ""
    quote_by: str = ""  # the person quoted, and their role
    quote_allowed: bool = False  # the person quoted allowed it to be published
    status: str = StoryStatus.DRAFT
    approved_on: dt.date | None = None
    photo: str = ""  # a PNG or JPEG picture in base64, printed beside the story
    photo_caption: str = ""


@dataclass(eq=False)
class Communication(Record):
    """One line of the programme's communication list: a piece of news, a case story or an
    interview, with whom, by when, and whether it is done."""

    programme_id: str = ""
    position: int = 0
    kind: str = CommunicationKind.NEWS
    title: str = ""  # what
    with_whom: str = ""
    due: dt.date | None = None
    done: bool = False
    case_story_id: str | None = None


@dataclass(eq=False)
class EvaluationQuestion(Record):
    """One question of the evaluation at a (closing) workshop. A question of an activity is asked
    only on the sheet of that activity's organisation; its text, when left empty, is the
    template's, with the activity's title as it is when the sheet is printed."""

    meeting_id: str = ""
    position: int = 0
    kind: str = QuestionKind.SCALE
    text: str = ""
    options: str = ""  # a choice question's options, one a line
    activity_id: str | None = None
    translations: dict[str, dict[str, str]] = field(default_factory=dict)


@dataclass(eq=False)
class EvaluationSheet(Record):
    """One evaluation sheet filled in by a participant of an organisation, typed in from paper
    or live. `answers` holds, by question id, the point of a scale (1 to 5), the number of the
    option chosen (from 1), the numbers of the options chosen, or the text written."""

    meeting_id: str = ""
    organisation_id: str | None = None  # None: a participant of no organisation (the team, a guest)
    answers: dict = field(default_factory=dict)


@dataclass(eq=False)
class Agreement(Record):
    """The cooperation agreement with one organisation; clauses override the template."""

    programme_id: str = ""
    organisation_id: str = ""
    clauses: dict[str, str] = field(default_factory=dict)
    contact_id: str | None = None  # the organisation's contact person (default: its purchasing chief)
    signatory_id: str | None = None  # who signs for the organisation
    team_contact_id: str | None = None  # the advisory team's contact person for this organisation
    team_signatory_id: str | None = None  # who signs for the advisory team


@dataclass(eq=False)
class AgreementVersion(Record):
    """A frozen, numbered version of an agreement and its activity plan."""

    agreement_id: str = ""
    number: int = 1
    status: str = VersionStatus.SENT
    snapshot: dict = field(default_factory=dict)
    sent_on: dt.date | None = None
    comments_by: dt.date | None = None  # the date the organisation is asked to comment by
    reply_to_id: str | None = None  # the person of the advisory team comments go to
    comments: str = ""
    comments_on: dt.date | None = None
    approved_on: dt.date | None = None
    approved_by: str = ""


@dataclass(eq=False)
class ReceivedDocument(Record):
    """A Word document an organisation sent back on a version: its comments and its edits,
    clause by clause, as read (`services.agreement_word`), and what went into the next draft."""

    agreement_version_id: str = ""
    file_name: str = ""
    sha256: str = ""  # of the file's bytes: the same file is not read twice
    received_on: dt.date | None = None
    language: str = ""  # the document's language, as written in it
    comments: list[dict] = field(default_factory=list)  # author, date, text, clause, quoted
    clauses: list[dict] = field(default_factory=list)  # key, sent, received, tracked, untracked
    outside: list[dict] = field(default_factory=list)  # edits outside any clause: where, sent, received
    kept: list[str] = field(default_factory=list)  # clause keys taken into the next draft
    applied_on: dt.date | None = None


# Parents before children: the order records are inserted in.
ALL_RECORD_TYPES: tuple[type[Record], ...] = (
    Programme,
    Phase,
    Organisation,
    Person,
    Meeting,
    AgendaItem,
    ChecklistItem,
    Attendance,
    Theme,
    Activity,
    ProgressUpdate,
    Entry,
    Draft,
    CaseStory,
    Communication,
    EvaluationQuestion,
    EvaluationSheet,
    Agreement,
    AgreementVersion,
    ReceivedDocument,
)
