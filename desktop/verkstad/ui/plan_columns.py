"""Column widths of the activity plan's table that fit its pane: the title stretches and wraps,
every other column is as wide as its content and header need, two-word headers wrap onto a
second line, and nothing lies behind a horizontal scroll bar.

Each column has a natural width (its widest value or header on one line) and a least width
(its widest word: a date or a number never wraps). When the natural widths leave the title
less than `TITLE_MIN_CHARS` characters, the wrappable columns shrink towards their least
widths; when even those leave it too little (a 1024 px screen), the columns of
`HIDE_ORDER` are hidden one by one, least needed first, and `hidden_keys()` names them so
that the view can show their values elsewhere.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from verkstad.ui.activity_table import COLUMN, COLUMNS

TITLE_MIN_CHARS = 28  # the title column keeps at least this many average characters...
TITLE_SHARE = 0.35  # ...and this share of the width, while the other columns can shrink
HIDE_ORDER = ("sources", "impact", "start_date", "theme_id")  # hidden first to last when room is short
NO_WRAP_KINDS = ("readonly", "hours", "date")  # one line: a date, a number, a count


def header_metrics(header: QHeaderView) -> QFontMetrics:
    """The metrics of the header's text as drawn when its sections are highlighted (a row is
    selected): bold, wider than the header's own font, so "Org.-timer" broke at its hyphen
    onto a second line that the header had no room for."""
    font = QFont(header.font())
    font.setBold(True)
    return QFontMetrics(font)


class PlanColumns(QObject):
    """Fits the columns of `table` (a view of `ActivityTableModel`) to its viewport, again
    whenever the viewport's width, the rows or the language change.

    Signals: hidden_changed() when the set of columns hidden for want of room changed."""

    hidden_changed = Signal()

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self._hidden: tuple[str, ...] = ()
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        header = table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setTextElideMode(Qt.TextElideMode.ElideNone)  # a header wraps; it is never cut
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        for index in range(len(COLUMNS)):
            header.setSectionResizeMode(index, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COLUMN["title"], QHeaderView.ResizeMode.Stretch)
        table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        table.setWordWrap(True)
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self._viewport = table.viewport()
        self._viewport.installEventFilter(self)
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved,
                       model.dataChanged, model.headerDataChanged):
            signal.connect(self.schedule)
        header.sortIndicatorChanged.connect(self.schedule)

    def hidden_keys(self) -> tuple[str, ...]:
        """The keys of the columns hidden for want of room, in `HIDE_ORDER`."""
        return self._hidden

    def schedule(self, *_args) -> None:
        self._timer.start()

    def eventFilter(self, obj, event) -> bool:
        # The event's type first: while the table is destroyed its viewport still sends events,
        # and a call on the half-deleted table raises inside Qt's destructor (a crash).
        if event.type() == QEvent.Type.Resize and obj is self._viewport \
                and event.size().width() != event.oldSize().width():
            self.schedule()
        return False

    # -- measuring --------------------------------------------------------------------------

    def _texts(self, index: int) -> list[str]:
        model = self.table.model()
        return [str(model.index(row, index).data() or "") for row in range(model.rowCount())]

    def _widths(self, index: int) -> tuple[int, int]:
        """(least, natural) width of a column: its widest word, its widest text on one line."""
        table, header = self.table, self.table.horizontalHeader()
        style = table.style()
        cell_pad = 2 * (style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + 2
        head_pad = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 4
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == index:
            head_pad += style.pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + 4
        cells, heads = table.fontMetrics(), header_metrics(header)
        title = str(table.model().headerData(index, Qt.Orientation.Horizontal) or "")
        texts = self._texts(index)
        natural = max([cells.horizontalAdvance(t) + cell_pad for t in texts]
                      + [heads.horizontalAdvance(title) + head_pad])
        head_word = max([heads.horizontalAdvance(w) for w in title.split()] or [0]) + head_pad
        if COLUMNS[index].kind in NO_WRAP_KINDS:
            least = max([cells.horizontalAdvance(t) + cell_pad for t in texts] + [head_word])
        else:
            least = max([cells.horizontalAdvance(w) + cell_pad for t in texts for w in t.split()] + [head_word])
        return min(least, natural), natural

    # -- fitting ----------------------------------------------------------------------------

    def fit(self) -> None:
        """Size, and hide where there is no room, every column but the title's."""
        table, header = self.table, self.table.horizontalHeader()
        bar = table.verticalScrollBar()
        # Room for the vertical scroll bar whether it shows or not: a fit that made rows taller
        # would otherwise bring the bar, narrow the viewport and fit again.
        available = table.viewport().width() - (0 if bar.isVisible() else bar.sizeHint().width())
        if available <= 0:
            return
        title_min = TITLE_MIN_CHARS * table.fontMetrics().averageCharWidth()
        others = [i for i in range(len(COLUMNS)) if i != COLUMN["title"]]
        widths = {i: self._widths(i) for i in others}
        hidden: list[str] = []
        shown = list(others)
        for key in HIDE_ORDER:
            if sum(widths[i][0] for i in shown) + title_min <= available:
                break
            hidden.append(key)
            shown.remove(COLUMN[key])
        least = sum(widths[i][0] for i in shown)
        spare = sum(widths[i][1] - widths[i][0] for i in shown)
        title_room = max(title_min, int(available * TITLE_SHARE))
        share = 1.0 if spare == 0 else max(0.0, min(1.0, (available - title_room - least) / spare))
        for i in others:
            header.setSectionHidden(i, i not in shown)
            if i in shown:
                low, high = widths[i]
                header.resizeSection(i, low + int((high - low) * share))
        self._fit_header_height()
        if tuple(hidden) != self._hidden:
            self._hidden = tuple(hidden)
            self.hidden_changed.emit()

    def _fit_header_height(self) -> None:
        """Tall enough for the header that wraps onto the most lines."""
        header = self.table.horizontalHeader()
        metrics = header_metrics(header)
        pad = 2 * header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header) + 4
        lines = 1
        for index in range(len(COLUMNS)):
            if header.isSectionHidden(index):
                continue
            title = str(self.table.model().headerData(index, Qt.Orientation.Horizontal) or "")
            rect = metrics.boundingRect(QRect(0, 0, max(1, header.sectionSize(index) - pad), 10_000),
                                        int(Qt.TextFlag.TextWordWrap), title)
            lines = max(lines, round(rect.height() / max(1, metrics.lineSpacing())))
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        header.setMinimumHeight(metrics.lineSpacing() * lines + 2 * margin + 2)
