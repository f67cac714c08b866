"""Find anything said in any meeting of the programme: full-text search as you type (Ctrl+F)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractListModel, QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QVBoxLayout, QWidget

from verkstad.domain.model import ENTRY_KIND_TITLES, EntryKind
from verkstad.i18n import _, ngettext, translator
from verkstad.services.capture import SearchHit
from verkstad.ui.capture.entry_model import kind_icon
from verkstad.ui.language import Retranslatable


class SearchModel(QAbstractListModel):
    """Search hits, two lines each: what was said, and in which meeting."""

    HitRole = Qt.ItemDataRole.UserRole + 1

    def __init__(self, parent: QObject | None = None, language: str = "en") -> None:
        super().__init__(parent)
        self.hits: list[SearchHit] = []
        self._lines: list[str] = []
        self._dates: dict = {}
        self.language = language
        self.elide: Callable[[str], str] = lambda text: text  # fits a line to the list's width

    def set_hits(self, hits: list[SearchHit]) -> None:
        """Show new hits; their two lines are made here once, not on every paint."""
        self.beginResetModel()
        self.hits = list(hits)
        self._lines = [self._display(hit) for hit in self.hits]
        self.endResetModel()

    def _display(self, hit: SearchHit) -> str:
        where = [hit.meeting_title]
        if hit.meeting_date:
            if hit.meeting_date not in self._dates:  # Babel takes ~0.1 ms a date; hits share a few
                self._dates[hit.meeting_date] = translator(self.language).date(hit.meeting_date, "short")
            where.append(self._dates[hit.meeting_date])
        if hit.agenda_item_title:
            where.append(hit.agenda_item_title)
        second = f"{_(ENTRY_KIND_TITLES[EntryKind(hit.kind)])} · {' · '.join(where)}"
        return f"{self.elide(hit.text)}\n{self.elide(second)}"

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.row() >= len(self.hits):
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._lines[index.row()]
        if role == Qt.ItemDataRole.DecorationRole:
            return kind_icon(hit.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return hit.text
        if role == self.HitRole:
            return hit
        return None


class SearchPanel(Retranslatable, QWidget):
    """A search field over the programme's entries with the results below it.

    Signals:
        hitActivated(meeting_id: str, entry_id: str): a result was chosen (Enter or double-click).
        closed(): Escape in the field; the owner hides the panel and gives focus back.
    """

    hitActivated = Signal(str, str)
    closed = Signal()

    def __init__(self, search: Callable[[str], list[SearchHit]], language: str = "en",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._search = search
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.field.textEdited.connect(self.run)
        self.field.installEventFilter(self)
        self.model = SearchModel(self, language)
        self.results = QListView()
        self.results.setModel(self.model)
        # Two lines each, the same height: the list lays out without measuring every hit.
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.model.elide = self._elide
        self.results.setAlternatingRowColors(True)
        self.results.activated.connect(self._activate)
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.field)
        layout.addWidget(self.count)
        layout.addWidget(self.results, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.field.setPlaceholderText(_("Search all meetings of the programme"))
        self.field.setToolTip(_("Search matches the beginning of words; å, ä and ö are not treated as a or o."))
        self._show_count()

    def _elide(self, text: str) -> str:
        width = self.results.viewport().width() - 36  # the kind dot and the margins
        return self.results.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, max(60, width))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model.hits:
            self.model.set_hits(self.model.hits)  # elided again to the new width

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def run(self, text: str) -> None:
        """Search for what the field holds now (called on every keystroke)."""
        self.model.set_hits(self._search(text) if text.strip() else [])
        if self.model.rowCount():
            self.results.setCurrentIndex(self.model.index(0))
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text().strip():
            self.count.setText("")
        elif not self.model.hits:
            self.count.setText(_("Nothing found."))
        else:
            n = len(self.model.hits)
            self.count.setText(ngettext("{n} entry found", "{n} entries found", n).format(n=n))

    def _activate(self, index: QModelIndex) -> None:
        hit = self.model.data(index, SearchModel.HitRole)
        if hit is not None:
            self.hitActivated.emit(hit.meeting_id, hit.entry_id)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.field and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.closed.emit()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.model.rowCount():
                row = self.results.currentIndex().row() + (1 if key == Qt.Key.Key_Down else -1)
                row = max(0, min(row, self.model.rowCount() - 1))
                self.results.setCurrentIndex(self.model.index(row))
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self.results.currentIndex().isValid():
                    self._activate(self.results.currentIndex())
                return True
        return super().eventFilter(watched, event)
