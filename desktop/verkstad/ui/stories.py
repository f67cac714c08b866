"""Good examples: the programme's case stories and its communication list, two tabs of one view,
each a list with its form (`ui.listform`); a case story prints as a one-page PDF in its
organisation's language. No signals of its own: edits are operations published on the bus."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget

from verkstad.domain.model import (
    COMMUNICATION_KIND_TITLES,
    STORY_STATUS_TITLES,
    Activity,
    CaseStory,
    Communication,
    CommunicationKind,
    Organisation,
)
from verkstad.i18n import N_, _, current
from verkstad.services.hub import Services
from verkstad.services.stories import Marked
from verkstad.ui import mnemonics
from verkstad.ui.forms import FieldSpec
from verkstad.ui.language import Retranslatable
from verkstad.ui.listform import ListFormView
from verkstad.ui.operations import Operations, touches
from verkstad.ui.photo_row import PhotoRow


class StoriesView(Retranslatable, QWidget):
    """The case stories and the communication list of one programme, in two tabs."""

    def __init__(self, *, services: Services, programme_id: str, ops: Operations, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.programme_id = programme_id
        self.ops = ops
        stories = services.stories

        def organisations() -> list[tuple[str, object]]:
            return [(_("The whole programme"), None), *((o.name, o.id) for o in stories.organisations(programme_id))]

        def activities() -> list[tuple[str, object]]:
            return [(_("No particular activity"), None),
                    *((f"{(o.short_name or o.name) if o else ''}: {a.title}", a.id)
                      for o, a in stories.activities(programme_id))]

        def statuses() -> list[tuple[str, object]]:
            return [(_(title), key) for key, title in STORY_STATUS_TITLES.items()]

        def kinds() -> list[tuple[str, object]]:
            return [(_(title), key) for key, title in COMMUNICATION_KIND_TITLES.items()]

        def story_choices() -> list[tuple[str, object]]:
            return [(_("No case story"), None), *((s.title, s.id) for s in stories.stories(programme_id))]

        self.stories = ListFormView(
            ops=ops, record_type=CaseStory, specs=[
                FieldSpec("title", N_("Title")),
                FieldSpec("organisation_id", N_("Organisation"), "choice", choices=organisations),
                FieldSpec("activity_id", N_("Activity"), "choice", choices=activities),
                FieldSpec("challenge", N_("The challenge"), "multiline", extra={"height": 48}),
                FieldSpec("action", N_("What was done"), "multiline", extra={"height": 48}),
                FieldSpec("result", N_("The result, with figures"), "multiline", extra={"height": 48}),
                FieldSpec("quote", N_("Quote"), "multiline", extra={"height": 44}),
                FieldSpec("quote_by", N_("Quoted person and role")),
                FieldSpec("quote_allowed", N_("The person quoted allows publishing"), "bool"),
                FieldSpec("status", N_("State"), "choice", choices=statuses),
                FieldSpec("approved_on", N_("Approved on"), "date"),
                FieldSpec("photo_caption", N_("Photo caption")),
            ],
            load=lambda: stories.stories(programme_id),
            create=lambda: stories.add_story(programme_id, _("New case story")),
            store=stories.update_story, delete=stories.delete_story, move=stories.move_story,
            watch=(Organisation, Activity), label=self._story_label, title=N_("Case stories"),
            add_text=N_("&Add case story"), step_text=N_("new case story"), scrolling=True)
        self.pdf_button = QPushButton()
        self.pdf_button.setObjectName("caseStoryPdf")
        self.pdf_button.clicked.connect(self.preview)
        self.stories.button_row.addWidget(self.pdf_button)
        self.photo_row = PhotoRow(services=services, ops=ops)
        self.stories.button_row.insertWidget(0, self.photo_row)
        self.stories.list.selectionModel().currentChanged.connect(lambda *_a: self.photo_row.load(
            self.stories.selected()))
        self.marked = QListWidget()
        self.marked.setObjectName("markedGoodExamples")
        self.marked.itemActivated.connect(lambda _item: self.story_from_marked())
        self.story_button = QPushButton()
        self.story_button.setObjectName("storyFromMarked")
        self.story_button.clicked.connect(self.story_from_marked)
        self.marked_hint = QLabel()
        self.marked_hint.setWordWrap(True)
        marked_tab = QWidget()
        marked_layout = QVBoxLayout(marked_tab)
        marked_layout.addWidget(self.marked_hint)
        marked_layout.addWidget(self.marked, 1)
        marked_layout.addWidget(self.story_button, 0, Qt.AlignmentFlag.AlignLeft)
        self._marked: list[Marked] = []
        ops.bus.published.connect(self._published)
        self.communication = ListFormView(
            ops=ops, record_type=Communication, specs=[
                FieldSpec("title", N_("What")),
                FieldSpec("kind", N_("Kind"), "choice", choices=kinds),
                FieldSpec("with_whom", N_("With whom")),
                FieldSpec("due", N_("When"), "date"),
                FieldSpec("done", N_("Done"), "bool"),
                FieldSpec("case_story_id", N_("Case story"), "choice", choices=story_choices),
            ],
            load=lambda: stories.communications(programme_id),
            create=lambda: stories.add_communication(programme_id, _("New item"), kind=CommunicationKind.NEWS),
            store=stories.update_communication, delete=stories.delete_communication,
            move=stories.move_communication, watch=(CaseStory,), label=self._communication_label,
            title=N_("Communication list"), add_text=N_("&Add to the list"), step_text=N_("new communication item"),
            scrolling=True)
        self.heading = QLabel()
        self.heading.setObjectName("viewHeading")
        self.tabs = QTabWidget()
        self.tabs.setObjectName("storiesTabs")
        for view in (self.stories, self.communication):
            view.heading.hide()  # the tab names it, and a small screen needs the line
            splitter = view.findChild(QSplitter)
            assert splitter is not None  # ListFormView's list and form
            splitter.setSizes([240, 760])  # the titles are long: the form needs the room
            self.tabs.addTab(view, "")
        self.tabs.addTab(marked_tab, "")
        self.tabs.currentChanged.connect(self._tab_shown)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs)
        self.stories.list.selectionModel().currentChanged.connect(lambda *_a: self._enable())
        self.retranslate_ui()
        mnemonics.keep(self)

    @staticmethod
    def _story_label(story: CaseStory) -> str:
        return f"{story.title} · {_(STORY_STATUS_TITLES.get(story.status, story.status)).lower()}"

    @staticmethod
    def _communication_label(item: Communication) -> str:
        when = current().date(item.due, "short") if item.due else ""
        mark = "☑" if item.done else "☐"
        kind = _(COMMUNICATION_KIND_TITLES.get(item.kind, item.kind))
        return " · ".join(x for x in (f"{mark} {item.title}", kind, item.with_whom, when) if x)

    def retranslate_ui(self) -> None:
        self.heading.setText(_("Good examples"))
        self.tabs.setTabText(0, _("&Case stories"))
        self.tabs.setTabText(1, _("Co&mmunication list"))
        self.tabs.setTabText(2, _("Marked as &good examples"))
        self.pdf_button.setText(_("Case story PDF…"))
        self.story_button.setText(_("&Write a case story from it"))
        self.marked_hint.setText(_("Activities, entries captured in meetings (Ctrl+G in capture) and progress updates "
                                   "marked as good examples, newest first."))
        self._enable()

    def _enable(self) -> None:
        self.pdf_button.setEnabled(self.stories.selected() is not None)

    def refresh(self) -> None:
        self.stories.refresh()
        self.communication.refresh()
        self.photo_row.load(self.stories.selected())
        if self.tabs.currentIndex() == 2:
            self.fill_marked()
        self._enable()

    def _tab_shown(self, index: int) -> None:
        """The marked good examples are read when shown, and the list takes the keys (the tab bar
        takes no focus from a click: ↓ moved the navigation, to the next view)."""
        if index == 2:
            self.fill_marked()
            self.marked.setFocus()

    def _published(self, changes, _initiator) -> None:
        if touches(changes, CaseStory):  # a photo set, removed or undone
            self.photo_row.load(self.stories.selected())

    def fill_marked(self) -> None:
        stories, pid = self.services.stories, self.programme_id
        self._marked = self.ops.read(lambda: stories.marked(pid), [])
        names = {o.id: o.short_name or o.name for o in self.ops.read(lambda: stories.organisations(pid), [])}
        kinds = {"activity": _("Activity"), "entry": _("From a meeting"), "update": _("Progress update")}
        self.marked.clear()
        for m in self._marked:
            where = names.get(m.organisation_id or "", "")
            head = " · ".join(x for x in (kinds[m.kind], where, current().date(m.day, "short")) if x)
            self.marked.addItem(f"{head}\n{m.text}")
        if not self._marked:
            self.marked.addItem(_("Nothing is marked as a good example yet."))
        self.marked.setCurrentRow(0)
        self.story_button.setEnabled(bool(self._marked))

    def story_from_marked(self) -> None:
        row = self.marked.currentRow()
        if not 0 <= row < len(self._marked):
            return
        marked, stories, pid = self._marked[row], self.services.stories, self.programme_id
        changes = self.ops.run(_("case story of a good example"), lambda: stories.story_from(pid, marked))
        if changes:
            self.tabs.setCurrentIndex(0)
            self.stories.refresh()
            self.stories.select(changes[0].id)

    def preview(self) -> None:
        story = self.stories.selected()
        if story is None:
            return
        from verkstad.ui.preview import show_document

        show_document(self, self.services, "case-story", story_id=story.id)
