"""The planning views of a programme: overview, phases, organisations and people."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from verkstad.domain.model import (
    PHASE_KIND_TITLES,
    ROLE_TITLES,
    Organisation,
    OrgKind,
    Person,
    Phase,
    PhaseKind,
    Programme,
    Role,
)
from verkstad.i18n import LANGUAGES, N_, _, current, ngettext
from verkstad.services.hub import Services
from verkstad.ui.forms import FieldSpec, RecordForm
from verkstad.ui.listform import ListFormView
from verkstad.ui.language import Retranslatable


def _language_choices():
    return list((label, code) for code, label in LANGUAGES.items())


def _phase_kind_choices():
    return [(_(PHASE_KIND_TITLES[k]), k.value) for k in PhaseKind]


def _role_choices():
    return [(_(ROLE_TITLES[r]), r.value) for r in Role]


def _org_kind_choices():
    return [(_("Participating organisation"), OrgKind.PARTICIPANT.value),
            (_("Partner in the advisory team"), OrgKind.PARTNER.value)]


class ProgrammeView(Retranslatable, QWidget):
    """The programme's name, language and description, with a summary. Signals: changed()."""

    changed = Signal()

    def __init__(self, *, services: Services, undo_stack=None, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.programme_id: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.form = RecordForm(Programme, [
            FieldSpec("name", N_("Name"), extra={"required": True}),
            FieldSpec("language", N_("Language of the programme"), "choice", choices=_language_choices),
            FieldSpec("description", N_("Description"), "multiline", extra={"height": 160}),
        ], records=services.records, undo_stack=undo_stack)
        self.form.edited.connect(lambda _c: (self.refresh(), self.changed.emit()))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.form)
        layout.addWidget(self.summary)
        layout.addStretch()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Programme"))
        self.refresh()

    def show_programme(self, programme_id: str) -> None:
        self.programme_id = programme_id
        self.refresh()

    def refresh(self) -> None:
        if self.programme_id is None:
            return
        records = self.services.records
        programme = records.get(Programme, self.programme_id)
        self.form.load(programme)
        phases = records.list(Phase, programme_id=programme.id)
        orgs = [o for o in records.list(Organisation, programme_id=programme.id) if o.kind == OrgKind.PARTICIPANT]
        meetings = self.services.planning.meetings(programme.id)
        tr = current()
        dates = [p.start_date for p in phases if p.start_date] + [p.end_date for p in phases if p.end_date]
        parts = [
            ngettext("{n} phase", "{n} phases", len(phases)).format(n=len(phases)),
            ngettext("{n} participating organisation", "{n} participating organisations", len(orgs)).format(n=len(orgs)),
            ngettext("{n} meeting", "{n} meetings", len(meetings)).format(n=len(meetings)),
        ]
        text = tr.list(parts)
        if dates:
            text += "\n" + _("From {start} to {end}").format(start=tr.date(min(dates)), end=tr.date(max(dates)))
        self.summary.setText(text)


class PhasesView(ListFormView):
    """The phases, plus adding a meeting to the selected one. Signals: meeting_added(str)."""

    meeting_added = Signal(str)

    def __init__(self, *, services: Services, **kwargs) -> None:
        from PySide6.QtWidgets import QPushButton

        self.add_meeting_button = QPushButton()
        super().__init__(**kwargs)
        self.services = services
        self.add_meeting_button.clicked.connect(self.add_meeting)
        self.button_row.insertWidget(self.button_row.count() - 1, self.add_meeting_button)

    def retranslate_ui(self) -> None:
        self.add_meeting_button.setText(_("Add meeting to this phase"))
        self.add_meeting_button.setToolTip(_("A shared meeting; choose an organisation in the meeting "
                                             "to hold it there instead"))
        super().retranslate_ui()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.add_meeting_button.setEnabled(self.selected() is not None)

    def add_meeting(self) -> None:
        phase = self.selected()
        if phase is None:
            return
        change = self.services.planning.add_meeting(phase.id, phase.title)
        from verkstad.ui import undo

        undo.push(self.undo_stack, self.records, change, _("Add meeting"))
        self.changed.emit()
        self.meeting_added.emit(change.id)


def phases_view(services: Services, programme_id: str, undo_stack) -> ListFormView:
    records = services.records
    specs = [
        FieldSpec("title", N_("Title"), extra={"required": True}),
        FieldSpec("kind", N_("Kind"), "choice", choices=_phase_kind_choices),
        FieldSpec("start_date", N_("Starts"), "date"),
        FieldSpec("end_date", N_("Ends"), "date"),
        FieldSpec("venue", N_("Venue")),
        FieldSpec("shared", N_("Shared by all organisations"), "bool"),
        FieldSpec("required_roles", N_("Required at its meetings"), "multichoice", choices=_role_choices),
        FieldSpec("description", N_("Description"), "multiline", extra={"height": 140}),
    ]

    def label(p: Phase) -> str:
        dates = ""
        if p.start_date:
            dates = " · " + current().date(p.start_date, "short")
        return f"{p.title}{dates}"

    return PhasesView(
        services=services, records=records, record_type=Phase, specs=specs, orderable=True, undo_stack=undo_stack,
        load=lambda: records.list(Phase, programme_id=programme_id),
        create=lambda: services.planning.add_phase(programme_id, _("New phase")),
        label=label, title=N_("Phases"), add_text=N_("Add phase"))


def organisations_view(services: Services, programme_id: str, undo_stack) -> ListFormView:
    records = services.records
    specs = [
        FieldSpec("name", N_("Name"), extra={"required": True}),
        FieldSpec("short_name", N_("Short name")),
        FieldSpec("kind", N_("Takes part as"), "choice", choices=_org_kind_choices),
        FieldSpec("language", N_("Document language"), "choice", choices=_language_choices),
        FieldSpec("address", N_("Address"), "multiline"),
    ]

    def label(o: Organisation) -> str:
        suffix = "" if o.kind == OrgKind.PARTICIPANT else " · " + _("advisory team")
        return f"{o.name}{suffix}"

    return ListFormView(
        records=records, record_type=Organisation, specs=specs, undo_stack=undo_stack,
        load=lambda: records.list(Organisation, programme_id=programme_id),
        create=lambda: services.planning.add_organisation(programme_id, _("New organisation")),
        label=label, title=N_("Organisations"), add_text=N_("Add organisation"))


def people_view(services: Services, programme_id: str, undo_stack) -> ListFormView:
    records = services.records

    def org_choices():
        orgs = records.list(Organisation, programme_id=programme_id)
        return [(_("Advisory team"), None)] + [(o.name, o.id) for o in orgs]

    specs = [
        FieldSpec("name", N_("Name"), extra={"required": True}),
        FieldSpec("title", N_("Job title")),
        FieldSpec("role", N_("Role"), "choice", choices=_role_choices),
        FieldSpec("organisation_id", N_("Organisation"), "choice", choices=org_choices),
        FieldSpec("email", N_("Email")),
        FieldSpec("phone", N_("Phone")),
    ]

    def label(p: Person) -> str:
        return f"{p.name} · {_(ROLE_TITLES.get(p.role, ROLE_TITLES[Role.OTHER]))}"

    return ListFormView(
        records=records, record_type=Person, specs=specs, undo_stack=undo_stack,
        load=lambda: services.planning.people(programme_id),
        create=lambda: services.planning.add_person(programme_id, _("New person")),
        label=label, title=N_("People"), add_text=N_("Add person"))
