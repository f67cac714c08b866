"""The planning views of a programme: overview, phases, organisations and people.

Every edit is an operation on a planning use case (`services.planning`), which holds the
rules; the views redraw from the change bus.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QMessageBox, QSplitter, QTabWidget, QVBoxLayout, QWidget

from verkstad.domain.model import (
    PHASE_KIND_TITLES,
    ROLE_TITLES,
    Country,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    PhaseKind,
    Programme,
    Role,
    Theme,
)
from verkstad.i18n import LANGUAGES, N_, _, current, ngettext
from verkstad.services.follow_up import concerns_follow_up
from verkstad.services.hub import Services
from verkstad.ui import mnemonics
from verkstad.ui.context_menu import MenuEntry
from verkstad.ui.dialogs import open_dialog
from verkstad.ui.forms import FieldSpec, RecordForm, translation_specs
from verkstad.ui.language import Retranslatable
from verkstad.ui.listform import ListFormView
from verkstad.ui.logo_row import LogoRow
from verkstad.ui.operations import Operations, touches


def _language_choices():
    return [(label, code) for code, label in LANGUAGES.items()]


def _phase_kind_choices():
    return [(_(PHASE_KIND_TITLES[k]), k.value) for k in PhaseKind]


def _role_choices():
    return [(_(ROLE_TITLES[r]), r.value) for r in Role]


def _country_choices():
    """The countries whose register an organisation's number is in, named in the interface's
    language by Babel; "from the document language" first."""
    from babel import Locale

    names = Locale.parse(current().locale).territories
    countries = sorted(((names.get(c.value, c.value), c.value) for c in Country), key=lambda x: x[0])
    return [(_("From its document language"), None), *countries]


def _org_kind_choices():
    return [(_("Participating organisation"), OrgKind.PARTICIPANT.value),
            (_("Partner in the advisory team"), OrgKind.PARTNER.value)]


class ProgrammeView(Retranslatable, QWidget):
    """The programme's landing view. Its overview: what needs the facilitator this week, and one
    row per participating organisation (phase, kick-off, agreement, activities by state, tasks);
    its details: name, language and description, with a summary. Signals: changed();
    open_requested(Reminder) when a reminder is opened; open_key(key) when an overview cell is."""

    changed = Signal()
    open_requested = Signal(object)
    open_key = Signal(object)

    def __init__(self, *, services: Services, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.ops = ops
        self.programme_id: str | None = None
        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.form = RecordForm(Programme, [
            FieldSpec("name", N_("Name")),
            *translation_specs("name", N_("Name")),
            FieldSpec("language", N_("Language of the programme"), "choice", choices=_language_choices),
            FieldSpec("lead_partner_id", N_("Lead partner"), "choice", choices=self._lead_partner_choices),
            FieldSpec("description", N_("Description"), "multiline", extra={"height": 160}),
            *translation_specs("description", N_("Description"), "multiline", height=70),
        ], ops=ops, store=services.planning.update_programme,
            languages=lambda p: services.planning.other_languages(p.id))
        self.form.edited.connect(lambda _c: self.changed.emit())
        self.logo = LogoRow(services=services, ops=ops)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        from verkstad.ui.follow_up import OverviewTable, RemindersPanel

        self.reminders = RemindersPanel()
        self.reminders.opened.connect(self.open_requested)
        self.reminders.report_requested.connect(self.preview_progress)
        self.overview = OverviewTable()
        self.overview.opened.connect(self.open_key)
        overview = QSplitter(Qt.Orientation.Vertical)
        overview.setChildrenCollapsible(False)
        overview.addWidget(self.reminders)
        overview.addWidget(self.overview)
        overview.setStretchFactor(0, 1)
        overview.setStretchFactor(1, 2)
        details = QWidget()
        details_layout = QVBoxLayout(details)
        details_layout.addWidget(self.form)
        details_layout.addWidget(self.logo)
        details_layout.addWidget(self.summary)
        details_layout.addStretch()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("programmeTabs")
        self.tabs.addTab(overview, "")
        self.tabs.addTab(details, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        # the overview is read again once a burst of changes is over, and only while it is shown
        self._follow_timer = QTimer(self)
        self._follow_timer.setSingleShot(True)
        self._follow_timer.setInterval(250)
        self._follow_timer.timeout.connect(self.refresh_reminders)
        ops.bus.published.connect(self._published)
        self.retranslate_ui()
        mnemonics.keep(self)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Programme"))
        self.tabs.setTabText(0, _("&Overview"))
        self.tabs.setTabText(1, _("&Details"))
        self.refresh()

    def _lead_partner_choices(self) -> list[tuple[str, object]]:
        """The partner organisations of the advisory team: the one that leads it signs for it."""
        orgs = [] if self.programme_id is None else self.services.planning.organisations(self.programme_id)
        partners = [(o.name, o.id) for o in orgs if o.kind == OrgKind.PARTNER]
        return [(_("No lead partner"), None), *partners]

    def show_programme(self, programme_id: str) -> None:
        self.programme_id = programme_id
        self.refresh()

    def _published(self, changes, _initiator) -> None:
        if touches(changes, Programme, Phase, Organisation, Meeting):
            self.refresh()
        elif self.isVisible() and concerns_follow_up(changes):
            self._follow_timer.start()

    def preview_progress(self) -> None:
        """The progress report of the whole programme, in its language."""
        if self.programme_id is None:
            return
        from verkstad.ui.preview import show_document

        show_document(self, self.services, "progress", programme_id=self.programme_id)

    def refresh_reminders(self) -> None:
        programme_id = self.programme_id
        if programme_id is None:
            return
        week = self.ops.read(lambda: self.services.follow_ups.week(programme_id))
        self.reminders.show_reminders(week.reminders if week is not None else [])
        self.overview.show_rows(week.rows if week is not None else [])

    def refresh(self) -> None:
        programme_id = self.programme_id
        if programme_id is None:
            return
        summary = self.ops.read(lambda: self.services.planning.programme_summary(programme_id))
        if summary is None:
            return
        self.form.load(summary.programme)
        self.logo.load(summary.programme)
        tr = current()
        parts = [
            ngettext("{n} phase", "{n} phases", summary.phases).format(n=summary.phases),
            ngettext("{n} participating organisation", "{n} participating organisations",
                     summary.organisations).format(n=summary.organisations),
            ngettext("{n} meeting", "{n} meetings", summary.meetings).format(n=summary.meetings),
        ]
        text = tr.list(parts)
        if summary.first and summary.last:
            text += "\n" + _("From {start} to {end}").format(start=tr.date(summary.first), end=tr.date(summary.last))
        self.summary.setText(text)
        self.refresh_reminders()


class PhasesView(ListFormView):
    """The phases, plus adding a meeting to the selected one. Signals: meeting_added(str)."""

    meeting_added = Signal(str)

    def __init__(self, *, services: Services, **kwargs) -> None:
        from PySide6.QtWidgets import QPushButton

        self.add_meeting_button = QPushButton()
        self.series_button = QPushButton()
        self.series_button.setObjectName("meetingSeries")
        self.dialog: QWidget | None = None  # the open series dialog
        super().__init__(**kwargs)
        self.services = services
        self.add_meeting_button.clicked.connect(self.add_meeting)
        self.series_button.clicked.connect(self.ask_series)
        self.button_row.insertWidget(self.button_row.count() - 1, self.add_meeting_button)
        self.button_row.insertWidget(self.button_row.count() - 1, self.series_button)

    def retranslate_ui(self) -> None:
        self.add_meeting_button.setText(_("Add &meeting to this phase"))
        self.add_meeting_button.setToolTip(_("Shared meeting. To hold it at one organisation, "
                                             "choose that organisation."))
        self.series_button.setText(_("Meeting &series…"))
        self.series_button.setToolTip(_("Meetings at a regular interval: every few weeks, every month, twice a year"))
        super().retranslate_ui()

    def _update_buttons(self) -> None:
        super()._update_buttons()
        self.add_meeting_button.setEnabled(self.selected() is not None)
        self.series_button.setEnabled(self.selected() is not None)

    def menu_entries(self) -> list[MenuEntry]:
        entries = super().menu_entries()
        entries.insert(1, MenuEntry(_("Add &meeting to this phase"), self.add_meeting,
                                    self.add_meeting_button.isEnabled()))
        entries.insert(2, MenuEntry(_("Meeting &series…"), self.ask_series, self.series_button.isEnabled()))
        return entries

    def ask_series(self):
        """Plan a meeting series in the selected phase (window-modal): all its meetings are one operation."""
        phase = self.selected()
        if phase is None:
            return None
        from verkstad.ui.series import SeriesDialog

        planning = self.services.planning
        orgs = [(o.name, o.id) for o in planning.organisations(phase.programme_id) if o.kind == OrgKind.PARTICIPANT]
        dialog = SeriesDialog(title=phase.title, first=phase.start_date or dt.date.today(), organisations=orgs,
                              parent=self)

        def submit() -> str | None:
            values = dialog.values()
            changes = self.ops.run(_("meeting series: {title}").format(title=values["title"].strip()),
                                   lambda: planning.add_series(phase.id, **values))
            if changes is None:
                return self.ops.last_error or _("Nothing was stored.")
            self.changed.emit()
            self.meeting_added.emit(changes[0].id)
            return None

        dialog.submit = submit
        return open_dialog(self, dialog)

    def add_meeting(self) -> None:
        phase = self.selected()
        if phase is None:
            return
        changes = self.ops.run(_("new meeting"), lambda: self.services.planning.add_meeting(phase.id, phase.title))
        if changes:
            self.changed.emit()
            self.meeting_added.emit(changes[0].id)


def _confirm(parent: QWidget, title: str, text: str) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    delete = box.addButton(_("Delete"), QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return box.clickedButton() is delete


def phases_view(services: Services, programme_id: str, ops: Operations) -> PhasesView:
    planning = services.planning
    specs = [
        FieldSpec("title", N_("Title")),
        *translation_specs("title", N_("Title")),
        FieldSpec("kind", N_("Type"), "choice", choices=_phase_kind_choices),
        FieldSpec("start_date", N_("Starts"), "date"),
        FieldSpec("end_date", N_("Ends"), "date", extra={"default": lambda phase: phase.start_date}),
        FieldSpec("venue", N_("Venue")),
        FieldSpec("shared", N_("Shared by all organisations"), "bool"),
        FieldSpec("required_roles", N_("Required at its meetings"), "multichoice", choices=_role_choices),
        FieldSpec("description", N_("Description"), "multiline", extra={"height": 140}),
        *translation_specs("description", N_("Description"), "multiline", height=60),
    ]

    def label(p: Phase) -> str:
        dates = ""
        if p.start_date:
            dates = " · " + current().date(p.start_date, "short")
        return f"{p.title}{dates}"

    view: PhasesView

    def confirm(phase: Phase) -> bool:
        n = len([m for m in planning.meetings(programme_id) if m.phase_id == phase.id])
        if not n:
            return True
        return _confirm(view, _("Delete phase"), ngettext(
            "Delete the phase “{phase}” and its meeting? Edit → Undo brings both back.",
            "Delete the phase “{phase}” and its {n} meetings? Edit → Undo brings them all back.", n).format(
                phase=phase.title, n=n))

    view = PhasesView(
        services=services, ops=ops, record_type=Phase, specs=specs,
        load=lambda: planning.phases(programme_id),
        create=lambda: planning.add_phase(programme_id, _("New phase")),
        store=planning.update_phase, delete=planning.delete_phase, move=planning.move_phase,
        confirm_delete=confirm, watch=(Meeting, Organisation),
        languages=lambda _p: planning.other_languages(programme_id),
        label=label, title=N_("Phases"), add_text=N_("&Add phase"), step_text=N_("new phase"))
    return view


def organisations_view(services: Services, programme_id: str, ops: Operations) -> ListFormView:
    planning = services.planning
    specs = [
        FieldSpec("name", N_("Name")),
        FieldSpec("short_name", N_("Short name")),
        FieldSpec("kind", N_("Takes part as"), "choice", choices=_org_kind_choices),
        FieldSpec("language", N_("Document language"), "choice", choices=_language_choices),
        FieldSpec("address", N_("Address"), "multiline"),
        FieldSpec("register_number", N_("Register number")),
        FieldSpec("country", N_("Registered in"), "choice", choices=_country_choices),
    ]

    def label(o: Organisation) -> str:
        suffix = "" if o.kind == OrgKind.PARTICIPANT else " · " + _("advisory team")
        return f"{o.name}{suffix}"

    view: ListFormView

    def confirm(org: Organisation) -> bool:
        d = planning.organisation_dependents(org.id)
        parts = []
        if d.meetings:
            parts.append(ngettext("{n} meeting", "{n} meetings", d.meetings).format(n=d.meetings))
        if d.people:
            parts.append(ngettext("{n} person", "{n} people", d.people).format(n=d.people))
        if d.activities:
            parts.append(ngettext("an activity plan with {n} activity", "an activity plan with {n} activities",
                                  d.activities).format(n=d.activities))
        if d.agreement:
            parts.append(_("the cooperation agreement"))
        text = _("Delete “{name}”?").format(name=org.name)
        if parts:
            text += "\n\n" + _("This also deletes: {things}.").format(things=current().list(parts))
        text += "\n\n" + _("Edit → Undo brings all of it back.")
        return _confirm(view, _("Delete organisation"), text)

    view = ListFormView(
        ops=ops, record_type=Organisation, specs=specs,
        load=lambda: planning.organisations(programme_id),
        create=lambda: planning.add_organisation(programme_id, _("New organisation")),
        store=planning.update_organisation, delete=planning.delete_organisation,
        confirm_delete=confirm, watch=(Meeting,),
        label=label, title=N_("Organisations"), add_text=N_("&Add organisation"),
        step_text=N_("new organisation"))
    return view


def people_view(services: Services, programme_id: str, ops: Operations) -> ListFormView:
    planning = services.planning

    def org_choices():
        orgs = planning.organisations(programme_id)
        return [(_("Advisory team"), None)] + [(o.name, o.id) for o in orgs]

    specs = [
        FieldSpec("name", N_("Name")),
        FieldSpec("title", N_("Job title")),
        FieldSpec("role", N_("Role"), "choice", choices=_role_choices),
        FieldSpec("organisation_id", N_("Organisation"), "choice", choices=org_choices),
        FieldSpec("email", N_("Email")),
        FieldSpec("phone", N_("Phone")),
    ]

    def label(p: Person) -> str:
        return f"{p.name} · {_(ROLE_TITLES.get(p.role, ROLE_TITLES[Role.OTHER]))}"

    def groups(people: list[Person]) -> list[tuple[str, list[Person]]]:
        """Each participating organisation's people, then the advisory team's: people of no
        organisation, then each partner's."""
        orgs = planning.organisations(programme_id)
        known = {o.id for o in orgs}
        of = lambda org_id: [p for p in people if p.organisation_id == org_id]  # noqa: E731
        team = _("advisory team")  # as the organisations view names a partner
        return ([(o.name, of(o.id)) for o in orgs if o.kind == OrgKind.PARTICIPANT]
                + [(_("Advisory team"), [p for p in people if p.organisation_id not in known])]
                + [(f"{o.name} · {team}", of(o.id)) for o in orgs if o.kind != OrgKind.PARTICIPANT])

    return ListFormView(
        ops=ops, record_type=Person, specs=specs,
        load=lambda: planning.people(programme_id),
        create=lambda: planning.add_person(programme_id, _("New person")),
        store=planning.update_person, delete=planning.delete_person, watch=(Organisation,),
        groups=groups,
        label=label, title=N_("People"), add_text=N_("&Add person"), step_text=N_("new person"))


def themes_view(services: Services, programme_id: str, ops: Operations) -> ListFormView:
    """The programme's themes (an activity plan groups its activities by them; capture's #tags
    name them), each with its name in the other languages the programme uses."""
    planning = services.planning
    specs = [FieldSpec("name", N_("Name")), *translation_specs("name", N_("Name"))]
    return ListFormView(
        ops=ops, record_type=Theme, specs=specs,
        load=lambda: services.activities.themes(programme_id),  # the plan's groups, in their order
        create=lambda: planning.add_theme(programme_id, _("New theme")),
        store=planning.update_theme, delete=planning.delete_theme, move=planning.move_theme,
        watch=(Organisation,), languages=lambda _t: planning.other_languages(programme_id),
        label=lambda t: t.name, title=N_("Themes"), add_text=N_("&Add theme"), step_text=N_("new theme"))
