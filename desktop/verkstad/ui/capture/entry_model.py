"""The Qt model of a meeting's entries, grouped under its agenda items, updated one row at a time.

It stores its cells in a QStandardItemModel, so a view lays out and paints the list without
calling into Python: a QTreeView lays out every row after each insert, and a Python model
there cost a call per row and per role (tens of milliseconds per Enter at a few hundred
entries). Python runs only when an entry changes, for that entry's cells.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap, QStandardItem, QStandardItemModel

from verkstad.domain.model import ENTRY_KIND_TITLES, IMPACT_TITLES, AgendaItem, Entry, EntryKind
from verkstad.i18n import _, translator

KIND_COLOURS: dict[str, str] = {
    EntryKind.IDEA: "#e0a100",
    EntryKind.DECISION: "#2f6fd6",
    EntryKind.TASK: "#2e9d4f",
    EntryKind.NOTE: "#6b7280",
}

_icons: dict[str, QIcon] = {}

_ENTRY_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_TINY = QSize(-1, 1)
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def kind_icon(kind: str) -> QIcon:
    """A coloured dot for an entry kind (made once, after the application exists)."""
    if kind not in _icons:
        pixmap = QPixmap(14, 14)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(KIND_COLOURS.get(kind, "#888888")))
        painter.drawEllipse(1, 1, 12, 12)
        painter.end()
        _icons[kind] = QIcon(pixmap)
    return _icons[kind]


def _key(entry: Entry) -> tuple:
    return (entry.position, entry.created_at)


class EntryModel(QStandardItemModel):
    """Agenda items as top-level rows (the first one holds entries outside the agenda), entries below.

    Signals:
        textEdited(entry_id: str, text: str): the text of an entry was edited in place;
            the owner stores it and calls `update_entry`.
    """

    textEdited = Signal(str, str)

    (TEXT, KIND, THEMES, OWNER, DUE, IMPACT, VOTES, ACTIVITY) = range(8)
    EntryIdRole = Qt.ItemDataRole.UserRole + 1
    AgendaItemIdRole = Qt.ItemDataRole.UserRole + 2

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setColumnCount(8)
        self._agenda: list[AgendaItem | None] = [None]
        self._groups: list[QStandardItem] = []
        self._entries: dict[str, Entry] = {}
        self._items: dict[str, QStandardItem] = {}  # entry id -> its first cell
        self._group_of: dict[str, int] = {}
        self._themes: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._language = "en"
        self._current_item_id: str | None = None
        self.measure: Callable[[str], int] | None = None  # text -> height when wrapped, set by the view
        self._bold = QFont()
        self._bold.setBold(True)
        self._current_brush = QBrush(QColor("#fff4c2"))
        self._promoted_brush = QBrush(QColor("#2e7d32"))
        self._reset_groups()

    # -- filling ------------------------------------------------------------------

    def _reset_groups(self) -> None:
        self.removeRows(0, self.rowCount())
        self._groups = []
        for g, item in enumerate(self._agenda):
            group = QStandardItem()
            group.setFlags(_GROUP_FLAGS)
            group.setFont(self._bold)
            group.setData(item.id if item else "", self.AgendaItemIdRole)
            self._groups.append(group)
            self.appendRow(group)
            self._paint_group(g)

    def load(self, agenda: list[AgendaItem], entries: list[Entry], *, themes: dict[str, str],
             people: dict[str, str], language: str, current_item_id: str | None) -> None:
        """Show a whole meeting (on opening, and after undo or redo)."""
        self.beginResetModel()
        blocked = self.blockSignals(True)
        try:
            self._themes, self._people, self._language = dict(themes), dict(people), language
            self._current_item_id = current_item_id
            self._agenda = [None, *sorted(agenda, key=lambda a: a.position)]
            self._entries, self._items, self._group_of = {}, {}, {}
            self._reset_groups()
            for entry in sorted(entries, key=_key):
                if entry.deleted_at is None:
                    g = self._group_for(entry.agenda_item_id)
                    self._groups[g].appendRow(self._row(entry))
                    self._remember(entry, g)
        finally:
            self.blockSignals(blocked)
        self.endResetModel()

    def _remember(self, entry: Entry, g: int) -> None:
        self._entries[entry.id] = entry
        self._group_of[entry.id] = g

    def _row(self, entry: Entry) -> list[QStandardItem]:
        cells = [QStandardItem() for _column in range(8)]
        for cell in cells:
            cell.setFlags(_ENTRY_FLAGS)
            # A size hint in every cell spares the view a text layout per cell per layout:
            # the row takes the height of its first cell, the wrapped text.
            cell.setSizeHint(_TINY)
        cells[self.TEXT].setFlags(_ENTRY_FLAGS | Qt.ItemFlag.ItemIsEditable)
        cells[self.TEXT].setData(entry.id, self.EntryIdRole)
        cells[self.VOTES].setTextAlignment(Qt.AlignmentFlag.AlignCenter)
        cells[self.ACTIVITY].setForeground(self._promoted_brush)
        self._items[entry.id] = cells[self.TEXT]
        self._fill(cells, entry)
        return cells

    def _fill(self, cells: list[QStandardItem], entry: Entry) -> None:
        for column, cell in enumerate(cells):
            text = self._cell(entry, column)
            if cell.text() != text:
                cell.setText(text)
        first = cells[self.TEXT]
        first.setIcon(kind_icon(entry.kind))
        first.setToolTip(self._tooltip(entry))
        first.setData(entry.agenda_item_id or "", self.AgendaItemIdRole)
        self._size(first)

    def _size(self, first: QStandardItem) -> None:
        if self.measure is not None:
            first.setSizeHint(QSize(-1, self.measure(first.text())))
        else:
            first.setData(None, Qt.ItemDataRole.SizeHintRole)  # measured by the view's delegate

    def remeasure(self) -> None:
        """Heights of wrapped entries again, after the text column changed width."""
        for item in self._items.values():
            self._size(item)

    def _cells_of(self, entry_id: str) -> list[QStandardItem]:
        first = self._items[entry_id]
        group, row = first.parent(), first.row()
        return [group.child(row, column) for column in range(8)]

    def set_themes(self, themes: dict[str, str]) -> None:
        self._themes = dict(themes)
        self._refill()

    def set_people(self, people: dict[str, str]) -> None:
        self._people = dict(people)
        self._refill()

    def retranslate(self) -> None:
        self._refill()
        for g in range(len(self._groups)):
            self._paint_group(g)

    def _refill(self) -> None:
        for entry_id, entry in self._entries.items():
            self._fill(self._cells_of(entry_id), entry)

    def set_current_item(self, item_id: str | None) -> None:
        old, self._current_item_id = self._current_item_id, item_id
        for g, item in enumerate(self._agenda):
            if item is not None and item.id in (old, item_id):
                self._paint_group(g)

    def _paint_group(self, g: int) -> None:
        item, group = self._agenda[g], self._groups[g]
        current = item is not None and item.id == self._current_item_id
        if item is None:
            title = _("Outside the agenda")
        else:
            title = _("{number}. {title} ({minutes} min)").format(number=g, title=item.title,
                                                                  minutes=item.duration_min)
        group.setText(("▶ " if current else "") + title)
        group.setBackground(self._current_brush if current else QBrush())

    def _group_for(self, agenda_item_id: str | None) -> int:
        for g, item in enumerate(self._agenda):
            if item is not None and item.id == agenda_item_id:
                return g
        return 0

    def insert_entry(self, entry: Entry) -> QModelIndex:
        """Add one stored entry in its place under its agenda item; returns its index."""
        if entry.id in self._entries:
            return self.update_entry(entry)
        g = self._group_for(entry.agenda_item_id)
        group = self._groups[g]
        row = self._row_for(g, entry)
        self._remember(entry, g)  # before the row appears: views react to rowsInserted at once
        group.insertRow(row, self._row(entry))
        return self.indexFromItem(self._items[entry.id])

    def _row_for(self, g: int, entry: Entry, skip: str | None = None) -> int:
        """Where an entry goes among its group's rows (new entries: last, without a scan)."""
        group = self._groups[g]
        count = group.rowCount()
        ids = None
        if count:
            last = self._entries[group.child(count - 1, 0).data(self.EntryIdRole)]
            if last.id != skip and _key(last) <= _key(entry):
                return count - (1 if skip else 0)  # `skip` is one of the rows: not counted
            ids = [group.child(r, 0).data(self.EntryIdRole) for r in range(count)]
        row = 0
        for entry_id in ids or []:
            if entry_id == skip:
                continue
            if _key(self._entries[entry_id]) <= _key(entry):
                row += 1
        return row

    def remove_entry(self, entry_id: str) -> None:
        if entry_id not in self._entries:
            return
        first = self._items.pop(entry_id)
        del self._entries[entry_id]
        del self._group_of[entry_id]
        first.parent().removeRow(first.row())

    def update_entry(self, entry: Entry) -> QModelIndex:
        """Show a changed entry: its cells, and its place if its position or agenda item changed."""
        if entry.deleted_at is not None:
            self.remove_entry(entry.id)
            return QModelIndex()
        if entry.id not in self._entries:
            return self.insert_entry(entry)
        g = self._group_of[entry.id]
        if g != self._group_for(entry.agenda_item_id):
            self.remove_entry(entry.id)
            return self.insert_entry(entry)
        first = self._items[entry.id]
        group, old = first.parent(), first.row()
        self._entries[entry.id] = entry
        new = self._row_for(g, entry, skip=entry.id)
        if new != old:
            cells = group.takeRow(old)
            group.insertRow(new, cells)
            self._items[entry.id] = cells[self.TEXT]
        self._fill(self._cells_of(entry.id), entry)
        return self.indexFromItem(self._items[entry.id])

    # -- finding --------------------------------------------------------------------

    def entry(self, index: QModelIndex | QPersistentModelIndex) -> Entry | None:
        if not index.isValid() or not index.parent().isValid():
            return None
        first = self.itemFromIndex(index.sibling(index.row(), 0))  # a QPersistentModelIndex has no siblingAtColumn
        return self._entries.get(first.data(self.EntryIdRole)) if first is not None else None

    def index_of(self, entry_id: str | None, column: int = 0) -> QModelIndex:
        first = self._items.get(entry_id) if entry_id else None
        if first is None:
            return QModelIndex()
        return self.indexFromItem(first).siblingAtColumn(column)

    def group_row(self, agenda_item_id: str | None) -> int:
        return self._group_for(agenda_item_id)

    def agenda_item_at(self, index: QModelIndex) -> str | None:
        """The agenda item of a group row (None for "outside the agenda" and entry rows)."""
        if not index.isValid() or index.parent().isValid() or index.row() >= len(self._agenda):
            return None
        item = self._agenda[index.row()]
        return item.id if item else None

    def entry_ids(self) -> list[str]:
        """All entries in the order they are shown."""
        ids = []
        for group in self._groups:
            ids += [group.child(r, 0).data(self.EntryIdRole) for r in range(group.rowCount())]
        return ids

    def entry_count(self) -> int:
        return len(self._entries)

    # -- QAbstractItemModel ------------------------------------------------------------

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return super().headerData(section, orientation, role)
        titles = [_("Entry"), _("Type"), _("Themes"), _("Owner"), _("Due"), _("Impact"), _("Votes"),
                  _("Activity plan")]
        return titles[section] if 0 <= section < len(titles) else None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """An edit in place: handed to the owner, which stores it and shows the stored entry."""
        entry = self.entry(index)
        if entry is None or index.column() != self.TEXT or role != Qt.ItemDataRole.EditRole:
            return super().setData(index, value, role)
        value = str(value).strip()
        if not value or value == entry.text:
            return False
        self.textEdited.emit(entry.id, value)
        return True

    # -- texts ------------------------------------------------------------------------

    def every_value(self, column: int) -> list[str]:
        """Every text a short column can show (a kind, an impact, a date, a count), for the
        tree to give the column room for the widest; empty for the columns of free text."""
        import datetime as dt

        if column == self.KIND:
            return [_(title) for title in ENTRY_KIND_TITLES.values()]
        if column == self.IMPACT:
            return [_(title) for title in IMPACT_TITLES.values()]
        if column == self.DUE:
            return [translator(self._language).date(dt.date(2027, 12, 28), "short")]  # two-digit day and month
        if column == self.VOTES:
            return ["99"]
        return []

    def _cell(self, entry: Entry, column: int) -> str:
        if column == self.TEXT:
            return entry.text
        if column == self.KIND:
            return _(ENTRY_KIND_TITLES[EntryKind(entry.kind)])
        if column == self.THEMES:
            return ", ".join(self._themes.get(t, "?") for t in entry.theme_ids)
        if column == self.OWNER:
            return self._people.get(entry.owner_id, "") if entry.owner_id else entry.owner_name
        if column == self.DUE:
            return translator(self._language).date(entry.due_date, "short") if entry.due_date else ""
        if column == self.IMPACT:
            return _(IMPACT_TITLES[entry.impact]) if entry.impact else ""
        if column == self.VOTES:
            return str(entry.votes) if entry.votes else ""
        if column == self.ACTIVITY:
            if entry.kind == EntryKind.TASK:  # a task is not promoted: it serves an activity, and gets done
                said = _("✓ Done") if entry.done else (_("For an activity") if entry.activity_id else "")
            elif entry.kind == EntryKind.NOTE:  # a note on an activity is a progress update of a follow-up
                said = _("✓ Progress update") if entry.activity_id else ""
            else:
                said = _("✓ Promoted") if entry.activity_id else ""
            return " ".join(x for x in ("★" if entry.good_example else "", said) if x)
        return ""

    def _tooltip(self, entry: Entry) -> str:
        lines = [f"{_(ENTRY_KIND_TITLES[EntryKind(entry.kind)])}: {entry.text}"]
        for column, label in ((self.THEMES, _("Themes")), (self.OWNER, _("Owner")), (self.DUE, _("Due")),
                              (self.IMPACT, _("Impact")), (self.VOTES, _("Votes"))):
            value = self._cell(entry, column)
            if value:
                lines.append(f"{label}: {value}")
        if entry.activity_id and entry.kind in (EntryKind.IDEA, EntryKind.DECISION):
            lines.append(_("Promoted to the activity plan"))
        if entry.good_example:
            lines.append(_("Marked as a good example"))
        return "\n".join(lines)
