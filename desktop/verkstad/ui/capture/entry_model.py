"""The Qt model of a meeting's entries, grouped under its agenda items, updated one row at a time."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QPainter, QPixmap

from verkstad.domain.model import ENTRY_KIND_TITLES, IMPACT_TITLES, AgendaItem, Entry, EntryKind
from verkstad.i18n import _, translator

KIND_COLOURS = {
    EntryKind.IDEA: "#e0a100",
    EntryKind.DECISION: "#2f6fd6",
    EntryKind.TASK: "#2e9d4f",
    EntryKind.NOTE: "#6b7280",
}

_icons: dict[str, QIcon] = {}


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


@dataclass
class _Group:
    item: AgendaItem | None  # None: entries not under any agenda item
    entries: list[Entry] = field(default_factory=list)


class EntryModel(QAbstractItemModel):
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
        self._groups: list[_Group] = [_Group(None)]
        self._group_of: dict[str, int] = {}  # entry id -> group index
        self._themes: dict[str, str] = {}
        self._people: dict[str, str] = {}
        self._language = "en"
        self._current_item_id: str | None = None

    # -- filling ------------------------------------------------------------------

    def load(self, agenda: list[AgendaItem], entries: list[Entry], *, themes: dict[str, str],
             people: dict[str, str], language: str, current_item_id: str | None) -> None:
        """Show a whole meeting (on opening, and after undo or redo)."""
        self.beginResetModel()
        self._themes, self._people, self._language = dict(themes), dict(people), language
        self._current_item_id = current_item_id
        self._groups = [_Group(None)] + [_Group(a) for a in sorted(agenda, key=lambda a: a.position)]
        self._group_of = {}
        by_item = {g.item.id: i for i, g in enumerate(self._groups) if g.item is not None}
        for entry in sorted(entries, key=_key):
            if entry.deleted_at is not None:
                continue
            g = by_item.get(entry.agenda_item_id, 0)
            self._groups[g].entries.append(entry)
            self._group_of[entry.id] = g
        self.endResetModel()

    def set_themes(self, themes: dict[str, str]) -> None:
        self._themes = dict(themes)
        self._column_changed(self.THEMES)

    def set_people(self, people: dict[str, str]) -> None:
        self._people = dict(people)
        self._column_changed(self.OWNER)

    def set_current_item(self, item_id: str | None) -> None:
        old = self._current_item_id
        self._current_item_id = item_id
        for g, group in enumerate(self._groups):
            if group.item is not None and group.item.id in (old, item_id):
                self.dataChanged.emit(self.index(g, 0), self.index(g, self.columnCount() - 1))

    def _column_changed(self, column: int) -> None:
        for g, group in enumerate(self._groups):
            if group.entries:
                parent = self.index(g, 0)
                self.dataChanged.emit(self.index(0, column, parent),
                                      self.index(len(group.entries) - 1, column, parent))

    def _group_for(self, agenda_item_id: str | None) -> int:
        for g, group in enumerate(self._groups):
            if group.item is not None and group.item.id == agenda_item_id:
                return g
        return 0

    def insert_entry(self, entry: Entry) -> QModelIndex:
        """Add one stored entry in its place under its agenda item; returns its index."""
        if entry.id in self._group_of:
            return self.update_entry(entry)
        g = self._group_for(entry.agenda_item_id)
        entries = self._groups[g].entries
        row = len(entries)  # new entries come last; a restored or merged one may not
        if entries and _key(entries[-1]) > _key(entry):
            row = bisect.bisect_right([_key(e) for e in entries], _key(entry))
        self.beginInsertRows(self.index(g, 0), row, row)
        entries.insert(row, entry)
        self._group_of[entry.id] = g
        self.endInsertRows()
        return self.index(row, 0, self.index(g, 0))

    def remove_entry(self, entry_id: str) -> None:
        g = self._group_of.get(entry_id)
        if g is None:
            return
        entries = self._groups[g].entries
        row = next(i for i, e in enumerate(entries) if e.id == entry_id)
        self.beginRemoveRows(self.index(g, 0), row, row)
        del entries[row]
        del self._group_of[entry_id]
        self.endRemoveRows()

    def update_entry(self, entry: Entry) -> QModelIndex:
        """Show a changed entry: its cells, and its place if its position or agenda item changed."""
        if entry.deleted_at is not None:
            self.remove_entry(entry.id)
            return QModelIndex()
        g = self._group_of.get(entry.id)
        if g is None:
            return self.insert_entry(entry)
        if g != self._group_for(entry.agenda_item_id):
            self.remove_entry(entry.id)
            return self.insert_entry(entry)
        entries = self._groups[g].entries
        parent = self.index(g, 0)
        old = next(i for i, e in enumerate(entries) if e.id == entry.id)
        others = entries[:old] + entries[old + 1:]
        new = bisect.bisect_right([_key(e) for e in others], _key(entry))
        if new != old:
            # Qt counts the destination before the move: moving down lands one further.
            self.beginMoveRows(parent, old, old, parent, new + 1 if new > old else new)
            del entries[old]
            entries.insert(new, entry)
            self.endMoveRows()
        else:
            entries[old] = entry
        self.dataChanged.emit(self.index(new, 0, parent), self.index(new, self.columnCount() - 1, parent))
        return self.index(new, 0, parent)

    # -- finding --------------------------------------------------------------------

    def entry(self, index: QModelIndex | QPersistentModelIndex) -> Entry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        group = self._groups[index.internalId() - 1]
        return group.entries[index.row()] if index.row() < len(group.entries) else None

    def index_of(self, entry_id: str, column: int = 0) -> QModelIndex:
        g = self._group_of.get(entry_id)
        if g is None:
            return QModelIndex()
        row = next(i for i, e in enumerate(self._groups[g].entries) if e.id == entry_id)
        return self.index(row, column, self.index(g, 0))

    def group_row(self, agenda_item_id: str | None) -> int:
        return self._group_for(agenda_item_id)

    def entry_ids(self) -> list[str]:
        """All entries in the order they are shown."""
        return [e.id for group in self._groups for e in group.entries]

    def entry_count(self) -> int:
        return len(self._group_of)

    # -- QAbstractItemModel ------------------------------------------------------------

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= self.columnCount() or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._groups) else QModelIndex()
        if parent.internalId() != 0 or parent.row() >= len(self._groups):
            return QModelIndex()
        g = parent.row()
        if row >= len(self._groups[g].entries):
            return QModelIndex()
        return self.createIndex(row, column, g + 1)

    def parent(self, index: QModelIndex | QPersistentModelIndex | None = None):  # noqa: D401
        if index is None:
            return QObject.parent(self)
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == 0 and parent.column() == 0 and parent.row() < len(self._groups):
            return len(self._groups[parent.row()].entries)
        return 0

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 8

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        titles = [_("Entry"), _("Kind"), _("Themes"), _("Owner"), _("Due"), _("Impact"), _("Votes"),
                  _("Activity plan")]
        return titles[section] if 0 <= section < len(titles) else None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.internalId() != 0 and index.column() == self.TEXT:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._group_data(index, role)
        entry = self.entry(index)
        if entry is None:
            return None
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._cell(entry, column, edit=role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.DecorationRole and column == self.TEXT:
            return kind_icon(entry.kind)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry)
        if role == Qt.ItemDataRole.ForegroundRole and column == self.ACTIVITY:
            return QBrush(QColor("#2e7d32"))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.VOTES:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == self.EntryIdRole:
            return entry.id
        if role == self.AgendaItemIdRole:
            return entry.agenda_item_id
        return None

    def setData(self, index: QModelIndex | QPersistentModelIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        entry = self.entry(index)
        if entry is None or index.column() != self.TEXT or role != Qt.ItemDataRole.EditRole:
            return False
        value = str(value).strip()
        if not value or value == entry.text:
            return False
        self.textEdited.emit(entry.id, value)
        return True

    def _group_data(self, index: QModelIndex | QPersistentModelIndex, role: int):
        group = self._groups[index.row()] if index.row() < len(self._groups) else None
        if group is None:
            return None
        current = group.item is not None and group.item.id == self._current_item_id
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() != self.TEXT:
                return None
            if group.item is None:
                title = _("Outside the agenda")
            else:
                title = _("{number}. {title} ({minutes} min)").format(
                    number=index.row(), title=group.item.title, minutes=group.item.duration_min)
            return ("▶ " if current else "") + title
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and current:
            return QBrush(QColor("#fff4c2"))
        if role == Qt.ItemDataRole.ForegroundRole and current:
            return QBrush(QColor("#202020"))
        if role == self.AgendaItemIdRole:
            return group.item.id if group.item else None
        return None

    def _cell(self, entry: Entry, column: int, *, edit: bool = False):
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
            return _("✓ Promoted") if entry.activity_id else ""
        return None

    def _tooltip(self, entry: Entry) -> str:
        lines = [f"{_(ENTRY_KIND_TITLES[EntryKind(entry.kind)])}: {entry.text}"]
        for column, label in ((self.THEMES, _("Themes")), (self.OWNER, _("Owner")), (self.DUE, _("Due")),
                              (self.IMPACT, _("Impact")), (self.VOTES, _("Votes"))):
            value = self._cell(entry, column)
            if value:
                lines.append(f"{label}: {value}")
        if entry.activity_id:
            lines.append(_("Promoted to the activity plan"))
        return "\n".join(lines)
