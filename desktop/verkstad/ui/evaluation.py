"""The evaluation of a workshop (the closing workshop by default): its questionnaire, the sheets
typed in from paper (`ui.evaluation_entry`), and the results as the charts the report prints,
drawn from the same reportlab drawing as SVG. Signals: none (edits are operations published
on `ops.bus`)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, QTimer
from PySide6.QtSvgWidgets import QSvgWidget
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from verkstad.domain.evaluation import question_text
from verkstad.domain.model import (
    QUESTION_KIND_TITLES,
    Activity,
    EvaluationQuestion,
    EvaluationSheet,
    Meeting,
    Organisation,
    Phase,
    PhaseKind,
    QuestionKind,
)
from verkstad.i18n import N_, _, current, ngettext
from verkstad.services.hub import Services
from verkstad.ui import mnemonics
from verkstad.ui.evaluation_entry import SheetEntry
from verkstad.ui.forms import FieldSpec
from verkstad.ui.language import Retranslatable
from verkstad.ui.listform import ListFormView
from verkstad.ui.operations import Operations, touches

CHART_WIDTH = 520  # points: the drawing's width; the widget shows it at 1.3 px a point
SCALE_UP = 1.3


class ResultsPanel(Retranslatable, QWidget):
    """The results of one workshop: the charts of the report, and the free-text answers."""

    def __init__(self, *, services: Services, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services, self.ops = services, ops
        self.meeting_id: str | None = None
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.charts: list[QSvgWidget] = []
        self._fonts = False  # the documents' family given to Qt, once, when a chart is first drawn

    def retranslate_ui(self) -> None:
        self.refresh()

    def show_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.refresh()

    def _add(self, widget: QWidget) -> None:
        self.body_layout.addWidget(widget)

    def _chart(self, figure) -> None:
        from verkstad.documents.charts import svg, svg_fonts

        if not self._fonts:
            from PySide6.QtGui import QFontDatabase

            for path in svg_fonts():
                QFontDatabase.addApplicationFont(path)
            self._fonts = True

        drawing = figure.drawing
        widget = QSvgWidget()
        widget.load(QByteArray(svg(drawing)))
        widget.setFixedSize(int(drawing.width * SCALE_UP), int(drawing.height * SCALE_UP))
        widget.setAccessibleName(figure.alt)
        widget.setToolTip(figure.alt)
        self.charts.append(widget)
        self._add(widget)

    def refresh(self) -> None:
        while self.body_layout.count():
            item = self.body_layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.charts = []
        if self.meeting_id is None:
            return
        from verkstad.documents import evaluation as drawn

        mid, tr = self.meeting_id, current()
        results = self.ops.read(lambda: self.services.evaluations.results(mid, tr.language))
        if results is None:
            return
        summary = QLabel(drawn_summary(results, tr))
        summary.setObjectName("resultsSummary")
        summary.setWordWrap(True)
        self._add(summary)
        if results.sheets:
            if results.benefit:
                self._chart(drawn.benefit_chart(results, tr, CHART_WIDTH))
            for number, result in enumerate(results.questions, start=1):
                if result.question.kind == QuestionKind.TEXT:
                    heading = QLabel(f"<b>{tr.number(number, 0)}. {escape(result.text)}</b>")
                    self._add(heading)
                    for org, text in result.texts:
                        said = QLabel(f"{escape(text)} <span style='color:#666'>— {escape(org)}</span>")
                        said.setWordWrap(True)
                        said.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                        self._add(said)
                    continue
                self._chart(drawn.question_chart(result, tr, CHART_WIDTH, number))
                if result.mean is not None:
                    self._add(QLabel(ngettext("Mean {mean} of 5, from {count} answer.",
                                              "Mean {mean} of 5, from {count} answers.", result.answered).format(
                        mean=drawn.mean_text(tr, result.mean), count=tr.number(result.answered, 0))))
            if results.activities:
                self._add(QLabel(f"<b>{escape(_('The activities'))}</b>"))
                for r in results.activities:
                    line = QLabel(f"{escape(r.organisation)}: {escape(r.text)} — "
                                  f"{drawn.mean_text(tr, r.mean)} ({tr.number(r.answered, 0)})")
                    line.setWordWrap(True)
                    self._add(line)
        self.body_layout.addStretch(1)


def escape(text: str) -> str:
    from html import escape as html_escape

    return html_escape(text, quote=False)


def drawn_summary(results, tr) -> str:
    if not results.sheets:
        return _("No sheets have been entered yet: type them in on the Sheets tab.")
    orgs = tr.list([f"{name} ({tr.number(n, 0)})" for name, n in results.organisations])
    return ngettext("{count} sheet from {organisations}.", "{count} sheets from {organisations}.",
                    results.sheets).format(count=tr.number(results.sheets, 0), organisations=orgs)


class EvaluationView(Retranslatable, QWidget):
    """The evaluation of the programme's workshops, one at a time: questionnaire, sheets, results."""

    def __init__(self, *, services: Services, programme_id: str, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services, self.programme_id, self.ops = services, programme_id, ops
        self.meeting_id: str | None = None
        self._activities: dict[str, Activity] = {}
        self._organisations: dict[str, str] = {}  # id -> short name, of the workshop's organisations
        ev = services.evaluations

        def kinds() -> list[tuple[str, object]]:
            return [(_(title), key) for key, title in QUESTION_KIND_TITLES.items()]

        def load() -> list:
            if self.meeting_id is None:
                return []
            self._activities = ev.activities(self.meeting_id)
            self._organisations = {o.id: o.short_name or o.name for o in ev.organisations(self.meeting_id)}
            return ev.questions(self.meeting_id)

        def create():
            assert self.meeting_id is not None
            return ev.add_question(self.meeting_id, QuestionKind.SCALE, _("New question"))

        self.questions = ListFormView(
            ops=ops, record_type=EvaluationQuestion, specs=[
                FieldSpec("text", N_("Question"), "multiline", extra={"height": 48}),
                FieldSpec("kind", N_("Kind"), "choice", choices=kinds),
                FieldSpec("options", N_("Options, one a line"), "multiline", extra={"height": 90}),
            ],
            load=load, create=create, store=ev.update_question, delete=ev.delete_question, move=ev.move_question,
            watch=(Activity,), label=self._question_label, title=N_("Questionnaire"), add_text=N_("&Add question"),
            step_text=N_("new question"), scrolling=True)
        self.questions.heading.hide()
        self.questions.list.selectionModel().currentChanged.connect(self._question_shown)
        self.start_button = QPushButton()
        self.start_button.setObjectName("evaluationStart")
        self.start_button.clicked.connect(self.start)
        self.questions.button_row.addWidget(self.start_button)
        self.entry = SheetEntry(services=services, ops=ops)
        self.results = ResultsPanel(services=services, ops=ops)

        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.workshop_label = QLabel()
        self.workshop_combo = QComboBox()
        self.workshop_combo.setObjectName("evaluationWorkshop")
        self.workshop_combo.currentIndexChanged.connect(self._workshop_chosen)
        self.workshop_label.setBuddy(self.workshop_combo)
        self.sheets_pdf_button = QPushButton()
        self.sheets_pdf_button.clicked.connect(lambda: self.preview("evaluation-sheets"))
        self.report_pdf_button = QPushButton()
        self.report_pdf_button.clicked.connect(lambda: self.preview("evaluation"))
        top = QHBoxLayout()
        top.addWidget(self.workshop_label)
        top.addWidget(self.workshop_combo, 1)
        top.addWidget(self.sheets_pdf_button)
        top.addWidget(self.report_pdf_button)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("evaluationTabs")
        for tab in (self.questions, self.entry, self.results):
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        splitter = self.questions.findChild(QSplitter)
        assert splitter is not None  # ListFormView's list and form
        splitter.setSizes([330, 670])  # the form needs its room at 1024 px, in Finnish too
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addLayout(top)
        layout.addWidget(self.tabs)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(0)
        self._later.timeout.connect(self._refresh_tab)
        ops.bus.published.connect(self._published)
        self.retranslate_ui()
        mnemonics.keep(self)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Evaluation"))
        self.workshop_label.setText(_("&Workshop"))
        self.tabs.setTabText(0, _("&Questionnaire"))
        self.tabs.setTabText(1, _("She&ets"))
        self.tabs.setTabText(2, _("&Results"))
        self.sheets_pdf_button.setText(_("Evaluation sheets (PDF)…"))
        self.report_pdf_button.setText(_("Report (PDF)…"))
        self._enable()

    def _question_label(self, q: EvaluationQuestion) -> str:
        kind = _(QUESTION_KIND_TITLES.get(q.kind, q.kind))
        activity = self._activities.get(q.activity_id or "")
        if activity is not None and not q.text:  # the template's words: the activity says which it is
            return _("{organisation}'s activity: {title}").format(
                organisation=self._organisations.get(activity.organisation_id, "?"), title=activity.title)
        text = question_text(q, current().language, activity) or "…"
        return f"{text} · {kind.lower()}"

    def _question_shown(self, *_args) -> None:
        """A question of an activity that keeps the template's words shows them as its text's hint."""
        q = self.questions.selected()
        activity = self._activities.get(q.activity_id or "") if q is not None else None
        editor = self.questions.form.editors["text"]
        editor.setPlaceholderText(question_text(q, current().language, activity) if activity is not None else "")

    def _enable(self) -> None:
        has = bool(self.meeting_id) and bool(self.questions.model.items)
        self.start_button.setText(_("Ask about new &activities") if has else _("Add the &template's questions"))
        self.start_button.setEnabled(self.meeting_id is not None)
        self.sheets_pdf_button.setEnabled(has)
        self.report_pdf_button.setEnabled(has)

    # -- which workshop -----------------------------------------------------------------

    def _workshops(self) -> list[Meeting]:
        pid = self.programme_id
        phases = {p.id: p for p in self.ops.read(lambda: self.services.records.list(Phase, programme_id=pid), [])}
        meetings = self.ops.read(lambda: self.services.records.list(Meeting, programme_id=pid), [])
        closing = [m for m in meetings if phases.get(m.phase_id) and phases[m.phase_id].kind ==
                   PhaseKind.CLOSING_WORKSHOP]
        shared = [m for m in meetings if m not in closing and m.organisation_id is None]
        rest = [m for m in meetings if m not in closing and m not in shared]
        return closing + shared + rest

    def refresh(self) -> None:
        chosen = self.meeting_id
        self.workshop_combo.blockSignals(True)
        self.workshop_combo.clear()
        for m in self._workshops():
            when = current().date(m.date, "short") if m.date else ""
            self.workshop_combo.addItem(f"{m.title} · {when}" if when else m.title, m.id)
        index = self.workshop_combo.findData(chosen)
        self.workshop_combo.setCurrentIndex(index if index >= 0 else 0)
        self.workshop_combo.blockSignals(False)
        self.meeting_id = self.workshop_combo.currentData()
        self.questions.refresh()
        self._refresh_tab()

    def _tab_shown(self, _index: int) -> None:
        """Read what the tab shows; the sheets tab's code field takes the keys (a tab bar takes no
        focus from a click, so typing went on in the navigation)."""
        self._refresh_tab()
        if self.tabs.currentWidget() is self.entry and self.isVisible():
            self.entry.code_edit.setFocus()

    def _workshop_chosen(self, _index: int) -> None:
        self.meeting_id = self.workshop_combo.currentData()
        self.questions.refresh()
        self._refresh_tab()

    def _refresh_tab(self) -> None:
        current_tab = self.tabs.currentWidget()
        if current_tab is self.entry:
            self.entry.show_meeting(self.meeting_id)
        elif current_tab is self.results:
            self.results.show_meeting(self.meeting_id)
        self._enable()

    def _published(self, changes, _initiator) -> None:
        if self.isVisible() and touches(changes, EvaluationQuestion, EvaluationSheet, Activity, Organisation):
            self._later.start()

    # -- actions ------------------------------------------------------------------------

    def start(self) -> None:
        if self.meeting_id is None:
            return
        mid, ev = self.meeting_id, self.services.evaluations
        changes = self.ops.run(_("questions of the evaluation"), lambda: ev.start(mid))
        if changes is None:
            return
        self.ops.status(ngettext("{count} question added.", "{count} questions added.", len(changes)).format(
            count=current().number(len(changes), 0)) if changes else _("Every activity already has its question."))
        self.questions.refresh()
        self._enable()

    def preview(self, kind: str) -> None:
        if self.meeting_id is None:
            return
        from verkstad.ui.preview import show_document

        show_document(self, self.services, kind, meeting_id=self.meeting_id)
