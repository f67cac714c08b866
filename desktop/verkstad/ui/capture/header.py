"""The head of the capture window: the meeting's title, the current agenda item and its clock,
the meeting's clock, and the buttons that start, step through and end the meeting."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from verkstad.domain.meeting_clock import ItemClock, mmss
from verkstad.domain.model import Meeting
from verkstad.i18n import _, translator
from verkstad.ui.capture.actions import with_shortcut

_OVERRUN = "QLabel#itemClock { color: white; background: #c62828; border-radius: 4px; padding: 2px 8px; }"
_ON_TIME = "QLabel#itemClock { color: #1b5e20; padding: 2px 8px; }"


def _text(widget, text: str) -> None:
    if widget.text() != text:
        widget.setText(text)


def _style(widget, sheet: str) -> None:
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)


def _show(widget, visible: bool) -> None:
    if widget.isHidden() == visible:
        widget.setVisible(visible)


def _bigger(label: QLabel, factor: float, bold: bool = False) -> None:
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(bold)
    label.setFont(font)


class MeetingHeader(QFrame):
    """Title and clocks of one meeting; the buttons trigger the window's meeting actions
    (connected by `use_actions`). No signals of its own."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("captureHeader")
        self.setStyleSheet("QFrame#captureHeader { background: #f3f5f8; border-bottom: 1px solid #d5d9e0; }")
        self.title_label = QLabel()
        _bigger(self.title_label, 1.35, bold=True)
        self.item_label = QLabel()
        _bigger(self.item_label, 1.2)
        self.clock_label = QLabel()
        self.clock_label.setObjectName("itemClock")
        _bigger(self.clock_label, 1.2, bold=True)
        self.meeting_clock_label = QLabel()
        self.prev_button = QToolButton()
        self.next_button = QToolButton()
        self.start_button = QPushButton()
        self.end_button = QPushButton()
        for button in (self.prev_button, self.next_button, self.start_button, self.end_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._start_action: QAction | None = None
        self._end_action: QAction | None = None
        left = QVBoxLayout()
        left.setSpacing(2)
        left.addWidget(self.title_label)
        left.addWidget(self.item_label)
        clocks = QVBoxLayout()
        clocks.setSpacing(2)
        clocks.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignRight)
        clocks.addWidget(self.meeting_clock_label, 0, Qt.AlignmentFlag.AlignRight)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.addLayout(left, 1)
        row.addLayout(clocks)
        row.addSpacing(12)
        row.addWidget(self.prev_button)
        row.addWidget(self.next_button)
        row.addWidget(self.start_button)
        row.addWidget(self.end_button)

    def use_actions(self, *, start: QAction, previous: QAction, following: QAction, end: QAction) -> None:
        """The buttons do what the Meeting menu does."""
        self._start_action, self._end_action = start, end
        self.prev_button.setDefaultAction(previous)
        self.next_button.setDefaultAction(following)
        self.start_button.clicked.connect(start.trigger)
        self.end_button.clicked.connect(end.trigger)

    def retranslate_ui(self) -> None:
        """After the actions are retranslated (a tool button takes its default action's text)."""
        self.prev_button.setText("◀")
        self.next_button.setText("▶")
        if self._start_action is not None and self._end_action is not None:  # set together by use_actions
            self.start_button.setToolTip(self._start_action.toolTip())
            self.end_button.setToolTip(self._end_action.toolTip())
        self.end_button.setText(_("End meeting"))

    def show_title(self, meeting: Meeting, language: str) -> None:
        title = meeting.title
        if meeting.date:
            title = _("{title}, {date}").format(title=title, date=translator(language).date(meeting.date))
        _text(self.title_label, title)

    def show_clock(self, meeting: Meeting, clock: ItemClock | None) -> None:
        """The current item, its elapsed and remaining time (overrun in red), and the meeting's time.

        Runs every second, so it touches only what changed: besides being cheaper, every
        call of a Qt method that returns nothing cost PySide6 6.12 on Python 3.11 one
        reference to None (None is not immortal before 3.12), and a three-hour meeting is
        10,800 ticks.
        """
        started = meeting.started_at is not None
        _show(self.start_button, not started or meeting.ended_at is not None)
        _text(self.start_button, _("Resume meeting") if meeting.ended_at else _("Start meeting"))
        _show(self.end_button, started and meeting.ended_at is None)
        if clock is None:
            hint = _("Not started yet: start the meeting to follow the agenda")
            _text(self.item_label, with_shortcut(hint, self._start_action) if self._start_action else hint)
            _text(self.clock_label, "")
            _text(self.meeting_clock_label, "")
            _style(self.clock_label, "")
            return
        if clock.item is None or meeting.ended_at is not None:
            _text(self.item_label, clock.item.title if clock.item else _("No agenda item"))
            _text(self.clock_label, "")
            _style(self.clock_label, "")
        else:
            _text(self.item_label, _("Item {number} of {count}: {title}").format(
                number=clock.index + 1, count=clock.count, title=clock.item.title))
            if clock.overrun:
                _text(self.clock_label, _("{elapsed} of {minutes} min · {over} over").format(
                    elapsed=mmss(clock.elapsed_s), minutes=clock.item.duration_min, over=mmss(clock.remaining_s)))
                _style(self.clock_label, _OVERRUN)
            else:
                _text(self.clock_label, _("{elapsed} of {minutes} min · {left} left").format(
                    elapsed=mmss(clock.elapsed_s), minutes=clock.item.duration_min, left=mmss(clock.remaining_s)))
                _style(self.clock_label, _ON_TIME)
        text = _("Meeting {elapsed}").format(elapsed=mmss(clock.meeting_elapsed_s))
        if meeting.ended_at is not None:
            text = _("Ended after {elapsed}").format(elapsed=mmss(clock.meeting_elapsed_s))
        elif clock.meeting_remaining_s is not None and clock.meeting_remaining_s < 0:
            text += " · " + _("{over} over the planned time").format(over=mmss(clock.meeting_remaining_s))
        _text(self.meeting_clock_label, text)


def example_date(language: str, meeting: Meeting) -> str:
    """A due date as the meeting's language writes it short, for the typing hint."""
    return translator(language).date(meeting.date or dt.date.today(), "short")
