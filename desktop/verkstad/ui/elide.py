"""Item views whose cut texts keep their middle out, not their end: "Opstartsmøde: Fjo…Kommune"
says which meeting it is where "Opstartsmøde: Fjordb…" does not, and the whole text is in the
tooltip of an item that is cut (and only of one that is cut).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip


class ElidingDelegate(QStyledItemDelegate):
    """Draws a view's items as usual; shows an item's full text as its tooltip when the item
    is drawn cut (the view's `textElideMode` says where: ElideMiddle for names)."""

    def text_rect_width(self, view: QAbstractItemView, index: QModelIndex) -> int:
        """The width the item's text gets where the view draws it now."""
        option = QStyleOptionViewItem()
        option.initFrom(view.viewport())
        option.rect = view.visualRect(index)
        self.initStyleOption(option, index)
        style = view.style()
        return style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, view).width()

    def is_cut(self, view: QAbstractItemView, index: QModelIndex) -> bool:
        """Whether the item's text is wider than the room it has (so it is drawn elided)."""
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if not text:
            return False
        option = QStyleOptionViewItem()
        self.initStyleOption(option, index)
        margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        return option.fontMetrics.horizontalAdvance(text) + 2 * margin > self.text_rect_width(view, index)

    def tooltip(self, view: QAbstractItemView, index: QModelIndex) -> str:
        """The tooltip the item shows: its own, else its full text when it is cut, else none."""
        own = index.data(Qt.ItemDataRole.ToolTipRole)
        if own:
            return str(own)
        return str(index.data(Qt.ItemDataRole.DisplayRole) or "") if self.is_cut(view, index) else ""

    def helpEvent(self, event, view, option, index) -> bool:
        if event is None or view is None or not index.isValid():
            return super().helpEvent(event, view, option, index)
        text = self.tooltip(view, index)
        if not text:
            QToolTip.hideText()
            event.ignore()
            return True
        QToolTip.showText(event.globalPos(), text, view)
        return True
