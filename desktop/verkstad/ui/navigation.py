"""The main window's navigation tree: the programme, its phases and meetings, the participating
organisations with their plan and agreement, and the people; each entry carries its key
(`("meeting", id)`, `("plan", organisation id)`, `("people", None)`, …) in Qt.UserRole.

Titles too wide for the tree are cut in the middle ("Opstartsmøde: Fjo…Kommune") with the
whole title as tooltip; `preferred_width()` is the width that shows a meeting's title whole.

Signals: only QTreeWidget's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from verkstad.domain.model import OrgKind
from verkstad.i18n import _
from verkstad.ui.elide import ElidingDelegate

if TYPE_CHECKING:
    from verkstad.services.planning import Navigation

KEY_ROLE = Qt.ItemDataRole.UserRole
TITLE_CHARS = 30  # wide enough for a meeting's title this long ("Opstartsmøde: Fjordby Kommune")


class NavigationTree(QTreeWidget):
    """The entries of one programme, each with its key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setHeaderHidden(True)
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.setItemDelegate(ElidingDelegate(self))  # a cut title's tooltip is the whole title

    def _add(self, parent: QTreeWidgetItem | None, text: str, key: tuple) -> QTreeWidgetItem:
        item = QTreeWidgetItem([text])
        item.setData(0, KEY_ROLE, key)
        if parent is None:
            self.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    def fill(self, nav: Navigation) -> None:
        """Show `nav` (storage/overview), without signals: the caller selects an entry after."""
        self.blockSignals(True)
        self.clear()
        assert nav.programme is not None
        self._add(None, nav.programme.title, ("programme", nav.programme.id))
        phases_item = self._add(None, _("Phases and meetings"), ("phases", None))
        for phase in nav.phases:
            phase_item = self._add(phases_item, phase.title, ("phase", phase.id))
            for meeting in nav.meetings:
                if meeting.parent_id == phase.id:
                    self._add(phase_item, meeting.title, ("meeting", meeting.id))
        orgs_item = self._add(None, _("Organisations"), ("organisations", None))
        for org in nav.organisations:
            if org.kind == OrgKind.PARTICIPANT:
                org_item = self._add(orgs_item, org.title, ("organisation", org.id))
                self._add(org_item, _("Activity plan"), ("plan", org.id))
                self._add(org_item, _("Cooperation agreement"), ("agreement", org.id))
        self._add(None, _("People"), ("people", None))
        self._add(None, _("Themes"), ("themes", None))
        self._add(None, _("Good examples"), ("stories", None))
        self._add(None, _("Evaluation"), ("evaluation", None))
        self.expandAll()
        self.blockSignals(False)

    def key(self, item: QTreeWidgetItem | None = None) -> tuple | None:
        """The key of `item` (the current entry by default), None without one."""
        item = item if item is not None else self.currentItem()
        return tuple(item.data(0, KEY_ROLE)) if item is not None else None

    def item_of(self, key: tuple) -> QTreeWidgetItem | None:
        stack = [self.topLevelItem(i) for i in range(self.topLevelItemCount())]
        while stack:
            item = stack.pop()
            if item is None:  # Qt's None is for an index out of range, which these are not
                continue
            if tuple(item.data(0, KEY_ROLE)) == tuple(key):
                return item
            stack.extend(item.child(i) for i in range(item.childCount()))
        return None

    def select(self, key: tuple | None) -> None:
        item = self.item_of(key) if key is not None else None
        if item is not None:
            self.setCurrentItem(item)

    def preferred_width(self) -> int:
        """As wide as the widest title, up to a meeting's title of `TITLE_CHARS` characters."""
        extra = 2 * self.frameWidth() + self.verticalScrollBar().sizeHint().width() + 8
        meeting = 3 * self.indentation() + TITLE_CHARS * self.fontMetrics().averageCharWidth()
        return min(self.sizeHintForColumn(0), meeting) + extra
