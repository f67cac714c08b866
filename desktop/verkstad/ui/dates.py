"""Editors of dates, times and hours that take typing in the interface language.

`DateEdit` is a line edit that reads what is typed in the language's own order (`1.6.27`,
`01.06.2027`, `1/6`, `01062027`, `1.6.` in Danish; see `verkstad.datetext`), shows a stored
date in Babel's short format, takes empty text as no date, and opens a calendar in the
interface language (F4, Alt+Down or its button) at its date or, when empty, at the default
it is given (the meeting's date, or today). `TimeEdit` reads `9`, `930`, `9.30`, `9:30` and
shows Babel's short time, the style of the agenda and the documents. `HoursSpinBox` shows and
reads hours in the locale's number format (`0`, `1,5`). Tab leaves each of them: they are one
field, not sections of a date.

Text that is not a date or time raises `EntryError` from `date()`/`time()`; the field is marked
invalid (and says why in its tooltip) when the user leaves it so, until it holds a value again.

Signals: DateEdit.date_chosen() after a date was picked in the calendar (editingFinished follows).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QEvent, QLocale, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QKeyEvent, QPainter, QPalette, QPen, QPixmap, QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCalendarWidget,
    QDoubleSpinBox,
    QFrame,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from verkstad.datetext import EntryError, parse_date, parse_decimal, parse_time
from verkstad.i18n import _, current
from verkstad.ui import accessible

INVALID_BASE = QColor("#fdecea")
SAMPLE_DATE = dt.date(2027, 12, 28)  # the widest short date: two-digit day and month
SAMPLE_TIME = dt.time(23, 58)


def qt_locale() -> QLocale:
    """The QLocale of the interface language (day and month names, first day of the week)."""
    return QLocale(current().locale)


def _calendar_icon(color: QColor) -> QIcon:
    """A small calendar sheet drawn in the text colour (no icon theme is guaranteed)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setPen(QPen(color, 1))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 3, color)
    for row in range(2):
        for col in range(3):
            painter.fillRect(3 + col * 4, 7 + row * 4, 2, 2, color)
    painter.end()
    return QIcon(pixmap)


class _TypedField(QLineEdit):
    """A line edit holding one typed value: `_parse(text)` reads it, `_format(value)` shows it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shown: tuple[object, str] = (None, "")  # the value last set and the text it was shown as
        self._invalid = False
        self.editingFinished.connect(self.check)
        self.textEdited.connect(self._recheck)

    def _parse(self, text: str):  # pragma: no cover - each subclass has its own
        raise NotImplementedError

    def _format(self, value) -> str:  # pragma: no cover
        raise NotImplementedError

    def _hint(self) -> str:  # pragma: no cover
        raise NotImplementedError

    def _set_value(self, value) -> None:
        text = self._format(value)
        self._shown = (value, text)
        self.setText(text)
        self.setCursorPosition(0)
        self._mark(None)

    def _value(self):
        """The typed value (None when empty); raises EntryError."""
        if self.text() == self._shown[1]:
            return self._shown[0]
        return self._parse(self.text())

    def is_acceptable(self) -> bool:
        """Whether the text is a value (or empty)."""
        try:
            self._value()
        except EntryError:
            return False
        return True

    def check(self) -> None:
        """Mark the field invalid (saying why in its tooltip) when its text is no value; show a
        value typed in short ("1.6.27") as the field shows every value ("01.06.2027")."""
        try:
            value = self._value()
        except EntryError as refused:
            self._mark(str(refused))
            return
        if value is not None and self.text() != self._format(value):
            self._set_value(value)

    def _recheck(self) -> None:
        if self._invalid and self.is_acceptable():
            self._mark(None)

    def _mark(self, message: str | None) -> None:
        """Show the field invalid (a pale red background, the reason as its tooltip) or not."""
        invalid = message is not None
        if invalid != self._invalid:
            self._invalid = invalid
            if invalid:
                palette = self.palette()
                palette.setColor(QPalette.ColorRole.Base, INVALID_BASE)
                self.setPalette(palette)
            else:
                self.setPalette(QPalette())  # no roles of its own: the inherited palette again
        self.setToolTip(message or self._hint())
        accessible.describe(self)  # a screen reader says why, too

    def minimumSizeHint(self) -> QSize:
        """Room for the widest value and the field's buttons: never cut to "01.06.2…"."""
        hint = super().minimumSizeHint()
        text = self.fontMetrics().horizontalAdvance(self._format(self._sample()) + "  ")
        buttons = 22 * len(self.actions())
        return QSize(max(hint.width(), text + buttons + 12), hint.height())

    def _sample(self):  # pragma: no cover
        raise NotImplementedError

    def retranslate_ui(self) -> None:
        value, text = self._shown
        if self.text() == text:  # not being typed over: show it in the new language
            self._set_value(value)
        elif not self._invalid:
            self.setToolTip(self._hint())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class DateEdit(_TypedField):
    """A date typed in the interface language, or none. Signals: date_chosen().

    `default()` is the date the calendar opens at when the field is empty, and the reference
    by which a date typed without its year gets one (None: today)."""

    date_chosen = Signal()

    def __init__(self, parent: QWidget | None = None, *,
                 default: Callable[[], dt.date | None] | None = None) -> None:
        super().__init__(parent)
        self._default = default or (lambda: None)
        self._popup: _CalendarPopup | None = None
        self.calendar_action = self.addAction(_calendar_icon(self.palette().color(QPalette.ColorRole.Text)),
                                              QLineEdit.ActionPosition.TrailingPosition)
        self.calendar_action.triggered.connect(self.show_calendar)
        self.retranslate_ui()

    def default_date(self) -> dt.date:
        return self._default() or dt.date.today()

    def date(self) -> dt.date | None:
        """The date typed (None when empty); raises `EntryError` for text that is not a date."""
        return self._value()

    def setDate(self, value: dt.date | None) -> None:  # QDateEdit's name
        self._set_value(value)

    def _parse(self, text: str) -> dt.date | None:
        return parse_date(text, current().locale, self.default_date())

    def _format(self, value: dt.date | None) -> str:
        return current().date(value, "short")

    def _sample(self) -> dt.date:
        return SAMPLE_DATE

    def _hint(self) -> str:
        return _("Type a date such as {example}, or choose one in the calendar (F4). "
                 "Clear the field for no date.").format(example=current().date(self.default_date(), "short"))

    def retranslate_ui(self) -> None:
        super().retranslate_ui()
        self.calendar_action.setText(_("Calendar"))
        self.calendar_action.setToolTip(_("Choose the date in a calendar (F4)"))

    # -- the calendar ---------------------------------------------------------------------

    def calendar_date(self) -> dt.date:
        """The date the calendar opens at: the field's date, else its default."""
        try:
            value = self.date()
        except EntryError:
            value = None
        return value or self.default_date()

    def show_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.chosen.connect(self._chosen)
        self._popup.open_at(self.calendar_date(), self)

    def calendar(self) -> QCalendarWidget | None:
        """The calendar of the popup, once it was opened."""
        return None if self._popup is None else self._popup.calendar

    def _chosen(self, value: dt.date) -> None:
        self.setDate(value)
        self.setFocus(Qt.FocusReason.PopupFocusReason)
        self.date_chosen.emit()
        self.editingFinished.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and mods & Qt.KeyboardModifier.AltModifier):
            self.show_calendar()
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not mods & ~Qt.KeyboardModifier.KeypadModifier:
            try:
                value = self.date()
            except EntryError:
                value = None
            if value is not None:  # a day later or earlier, like a spin box
                self.setText(self._format(value + dt.timedelta(days=1 if key == Qt.Key.Key_Up else -1)))
                return
        super().keyPressEvent(event)


class _CalendarPopup(QFrame):
    """The popup calendar of a DateEdit. Signals: chosen(object) with the dt.date picked."""

    chosen = Signal(object)

    def __init__(self, field: DateEdit) -> None:
        super().__init__(field, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setObjectName("datePopupCalendar")
        self.calendar.setGridVisible(False)
        self.calendar.clicked.connect(self._pick)
        self.calendar.activated.connect(self._pick)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.calendar)

    def open_at(self, value: dt.date, field: QWidget) -> None:
        locale = qt_locale()
        self.calendar.setLocale(locale)
        self.calendar.setFirstDayOfWeek(locale.firstDayOfWeek())
        self.calendar.setSelectedDate(QDate(value.year, value.month, value.day))
        self.calendar.setCurrentPage(value.year, value.month)
        self.adjustSize()
        self.move(_popup_position(field, self.sizeHint()))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _pick(self, value: QDate) -> None:
        self.hide()
        self.chosen.emit(dt.date(value.year(), value.month(), value.day()))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)


def _popup_position(field: QWidget, size: QSize) -> QPoint:
    """Below the field, or above it when the screen ends first; never off the screen's sides."""
    below = field.mapToGlobal(QPoint(0, field.height()))
    screen = field.screen().availableGeometry() if field.screen() else QRect(below, size)
    x = max(screen.left(), min(below.x(), screen.right() - size.width()))
    y = below.y()
    if y + size.height() > screen.bottom():
        y = max(screen.top(), field.mapToGlobal(QPoint(0, 0)).y() - size.height())
    return QPoint(x, y)


class TimeEdit(_TypedField):
    """A time of day typed as 9, 930, 9.30 or 9:30, shown in the language's one short style."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.retranslate_ui()

    def time(self) -> dt.time | None:
        """The time typed (None when empty); raises `EntryError` for text that is not a time."""
        return self._value()

    def setTime(self, value: dt.time | None) -> None:  # QTimeEdit's name
        self._set_value(None if value is None else value.replace(second=0, microsecond=0))

    def _parse(self, text: str) -> dt.time | None:
        return parse_time(text, current().locale)

    def _format(self, value: dt.time | None) -> str:
        return current().time(value)

    def _sample(self) -> dt.time:
        return SAMPLE_TIME

    def _hint(self) -> str:
        return _("Type a time such as {example} (9, 930 and 9:30 are read too).").format(
            example=current().time(dt.time(9, 30)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            try:
                value = self.time()
            except EntryError:
                value = None
            if value is not None:  # five minutes later or earlier, like a spin box
                minutes = (value.hour * 60 + value.minute + (5 if key == Qt.Key.Key_Up else -5)) % (24 * 60)
                self.setText(self._format(dt.time(minutes // 60, minutes % 60)))
                return
        super().keyPressEvent(event)


class HoursSpinBox(QDoubleSpinBox):
    """Hours in the interface language's number format: "0", "1,5" (da, fi, sv, nb), "1.5" (en);
    typing either "1,5" or "1.5" stores one and a half."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 100_000)
        self.setDecimals(1)
        self.setSingleStep(0.5)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)

    def textFromValue(self, value: float) -> str:
        return current().number(value, self.decimals())

    def valueFromText(self, text: str) -> float:
        try:
            return parse_decimal(text, current().locale) or 0.0
        except EntryError:
            return self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if not text.strip():
            return QValidator.State.Intermediate, text, pos
        try:
            value = parse_decimal(text, current().locale) or 0.0
        except EntryError:  # "," or "1.2." may still become a number; letters never
            partial = all(c.isdigit() or c in ".,+-" or c.isspace() for c in text)
            return QValidator.State.Intermediate if partial else QValidator.State.Invalid, text, pos
        if not self.minimum() <= value <= self.maximum():
            return QValidator.State.Invalid, text, pos
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return self.textFromValue(self.value()) if not text.strip() else text
