"""An item delegate whose rows grow to show a whole wrapped entry text in a QTreeView."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QTreeView


class WrapDelegate(QStyledItemDelegate):
    """Measures one column's text at that column's width, so long entries wrap instead of being cut.

    QTreeView asks delegates for row heights without telling them the column width (see
    QTreeView::indexRowSizeHint); this delegate reads it from the view.
    """

    def __init__(self, view: QTreeView, column: int) -> None:
        super().__init__(view)
        self.view = view
        self.column = column

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        if index.column() != self.column or not index.parent().isValid():
            return super().sizeHint(option, index)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        width = self.view.columnWidth(self.column) - self.view.indentation() * (depth + 1)
        opt.rect = QRect(0, 0, max(40, width), 1_000)
        opt.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
        style = self.view.style()
        return style.sizeFromContents(QStyle.ContentsType.CT_ItemViewItem, opt, QSize(), self.view)
