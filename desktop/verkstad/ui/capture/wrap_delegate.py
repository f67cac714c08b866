"""An item delegate whose rows grow to show a whole wrapped entry text in a QTreeView."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrapDelegate(QStyledItemDelegate):
    """Measures one column's text at that column's width, so long entries wrap instead of being cut.

    QTreeView asks delegates for row heights without telling them the column width (see
    QTreeView::indexRowSizeHint); this delegate reads it from the view. It measures with
    font metrics instead of calling initStyleOption from Python: with PySide6 6.12 on
    Python 3.11 every call of a Qt method that returns nothing loses one reference to None,
    and one such call per row on every layout ended in "deallocating None" within minutes.
    """

    def __init__(self, view: QTreeView, column: int, icon_width: int = 14) -> None:
        super().__init__(view)
        self.view = view
        self.column = column
        self.icon_width = icon_width

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        if index.column() != self.column or not index.parent().isValid():
            return base
        text = index.model().data(index, Qt.ItemDataRole.DisplayRole) or ""
        style = self.view.style()
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.view) + 1
        width = (self.view.columnWidth(self.column) - self.view.indentation() * 2
                 - self.icon_width - 6 * margin)
        metrics = QFontMetrics(option.font)
        bounds = metrics.boundingRect(QRect(0, 0, max(40, width), 100_000),
                                      int(Qt.TextFlag.TextWordWrap), text)
        return QSize(base.width(), max(base.height(), bounds.height() + 2 * margin))
