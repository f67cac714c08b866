"""The list of a meeting's entries under its agenda items: a QTreeView over `EntryModel` that never
takes the typing line's focus, wraps long entries, and moves a selection with the line's arrow keys."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, Qt, QTimer
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTreeView, QWidget

from verkstad.ui.capture.entry_model import EntryModel

_COLUMN_WIDTHS = ((EntryModel.KIND, 80), (EntryModel.THEMES, 120), (EntryModel.OWNER, 125), (EntryModel.DUE, 85),
                  (EntryModel.IMPACT, 70), (EntryModel.VOTES, 66), (EntryModel.ACTIVITY, 95))
TEXT_SHARE = 0.45  # what was said gets at least this share of the width; the other columns shrink
MIN_COLUMN = 44


class EntryTree(QTreeView):
    """The entries of one meeting, grouped by agenda item. No signals beyond QTreeView's."""

    def __init__(self, model: EntryModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = model
        self.setModel(model)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the typing line keeps the focus
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked)
        self.setWordWrap(True)  # what was said is read in full, never elided
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setIndentation(14)
        self.setExpandsOnDoubleClick(False)
        palette = self.palette()
        for role in (QPalette.ColorRole.Highlight, QPalette.ColorRole.HighlightedText):
            palette.setColor(QPalette.ColorGroup.Inactive, role, palette.color(QPalette.ColorGroup.Active, role))
        self.setPalette(palette)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(EntryModel.TEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in _COLUMN_WIDTHS:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self._fitted_width = 0  # the viewport width the columns were last fitted to
        # Long entries wrap: the model holds each entry's height at the text column's width,
        # measured again (once resizing pauses) when that width changes.
        model.measure = self.measure
        self.remeasure_timer = QTimer(self, singleShot=True, interval=60)
        self.remeasure_timer.timeout.connect(self.remeasure)
        header.sectionResized.connect(
            lambda column, _old, _new: self.remeasure_timer.start() if column == EntryModel.TEXT else None)
        model.rowsInserted.connect(self._rows_changed)
        model.rowsRemoved.connect(self._rows_changed)
        model.modelReset.connect(self._after_reset)
        # New headers: another language, whose kinds, impacts and dates have other widths.
        model.headerDataChanged.connect(lambda *_args: self.fit_columns(force=True))

    # -- layout -------------------------------------------------------------------------

    def fit_columns(self, *, force: bool = False) -> None:
        """Give the columns beside the text their own widths: a kind, a date, an impact and a
        count are never cut (the widest of their values and their header); themes, owner and
        the plan's mark shrink alike when they would leave the text less than `TEXT_SHARE` of
        the width. On a 1024 px screen an entry wraps onto two lines, not five, and "Beslutning"
        and "15.03.2027" stay whole. The text column stretches into whatever is left."""
        available = self.viewport().width()
        if available <= 0 or (available == self._fitted_width and not force):
            return
        self._fitted_width = available
        header = self.header()
        metrics = self.fontMetrics()
        pad = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1) + 8
        fixed: dict[int, int] = {}
        flexible: dict[int, int] = {}
        for column, width in _COLUMN_WIDTHS:
            if header.isSectionHidden(column):
                continue
            values = self.entries.every_value(column)
            head = header.sectionSizeFromContents(column).width()
            if values:
                fixed[column] = max([head] + [metrics.horizontalAdvance(v) + pad for v in values])
            else:
                flexible[column] = max(width, head)
        room = int(available * (1 - TEXT_SHARE)) - sum(fixed.values())
        scale = max(0.0, min(1.0, room / max(1, sum(flexible.values()))))
        for column, width in {**fixed, **{c: max(MIN_COLUMN, int(w * scale)) for c, w in flexible.items()}}.items():
            header.resizeSection(column, width)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _after_reset(self) -> None:
        for row in range(self.entries.rowCount()):
            self.setFirstColumnSpanned(row, QModelIndex(), True)
        self.expandAll()
        self._rows_changed()

    def _rows_changed(self, *args) -> None:
        # Each of these calls lays the whole tree out again: only when something changes.
        hide = self.entries.rowCount(self.entries.index(0, 0)) == 0
        if self.isRowHidden(0, QModelIndex()) != hide:
            self.setRowHidden(0, QModelIndex(), hide)
        if args and args[0].isValid() and not self.isExpanded(args[0]):
            self.expand(args[0])

    def measure(self, text: str) -> int:
        """The height of an entry's row with its text wrapped at the text column's width."""
        metrics = self.fontMetrics()
        if not self.isVisible():  # no width yet: one line until shown (the window's showEvent measures)
            return max(metrics.height(), 16) + 6
        width = self.columnWidth(EntryModel.TEXT) - self.indentation() * 2 - 14 - 12
        bounds = metrics.boundingRect(QRect(0, 0, max(40, width), 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return max(metrics.height(), 16) + 6 + max(0, bounds.height() - metrics.height())

    def remeasure(self) -> None:
        self.entries.remeasure()
        self.doItemsLayout()

    # -- the selection --------------------------------------------------------------------

    def selected_entry_id(self) -> str | None:
        indexes = self.selectionModel().selectedRows()
        if not indexes:
            return None
        entry = self.entries.entry(indexes[0])
        return entry.id if entry else None

    def select_entry(self, entry_id: str | None) -> bool:
        """Select an entry (None: nothing) and scroll to it; False when it is not shown."""
        index = self.entries.index_of(entry_id) if entry_id else QModelIndex()
        selection = self.selectionModel()
        if not index.isValid():
            selection.clearSelection()
            selection.setCurrentIndex(QModelIndex(), selection.SelectionFlag.Clear)
            return False
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
        self.scrollTo(index)
        return True

    def step_selection(self, step: int, last_entry_id: str | None) -> None:
        """Up and Down from the typing line: Up with nothing selected takes the latest entry;
        Down past the last one goes back to typing (nothing selected)."""
        ids = self.entries.entry_ids()
        if not ids:
            return
        current = self.selected_entry_id()
        if current is None:
            if step < 0:
                self.select_entry(last_entry_id if last_entry_id in ids else ids[-1])
            return
        at = ids.index(current) + step
        self.select_entry(None if at >= len(ids) else ids[max(0, at)])

    def scroll_to_group(self, agenda_item_id: str | None) -> None:
        if agenda_item_id:
            row = self.entries.group_row(agenda_item_id)
            self.scrollTo(self.entries.index(row, 0), QAbstractItemView.ScrollHint.PositionAtTop)
