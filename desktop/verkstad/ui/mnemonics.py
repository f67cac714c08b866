"""Mnemonics (the & letter, reached with Alt) on every push button of a view, unique within it.

A translator may choose the letter ("&Tilføj fase"); a letter already taken in the view, by its
window's menu bar or by a field label, goes to another one, preferably the first letter of a
word, so every language gets unique letters without translators coordinating. `keep(view)`
assigns them when the view is shown (then its window's menu bar is known) and again after each
language switch, and then names the view's controls for assistive technology (`ui.accessible`);
`keep(window, letters=False)` only names them (a dialog, the main window around its views).

No signals.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QPushButton, QWidget

from verkstad.ui import accessible


def letter(text: str) -> str | None:
    """The mnemonic letter of a text ("&Add" -> "a"; "&&" is a literal ampersand)."""
    i = 0
    while i < len(text) - 1:
        if text[i] == "&":
            if text[i + 1] != "&":
                return text[i + 1].casefold()
            i += 1
        i += 1
    return None


def plain(text: str) -> str:
    """The text without its mnemonic mark (a literal "&&" stays)."""
    out, i = [], 0
    while i < len(text):
        if text[i] == "&" and i + 1 < len(text):
            out.append("&&" if text[i + 1] == "&" else "")
            i += 2 if text[i + 1] == "&" else 1
            continue
        out.append(text[i])
        i += 1
    return "".join(out)


def with_letter(text: str, taken: set[str]) -> str:
    """`text` with a mnemonic not in `taken`: a word's first letter if one is free, else any
    letter; the text unchanged when every letter is taken."""
    bare = plain(text)
    candidates = [i for i, ch in enumerate(bare) if ch.isalpha() and (i == 0 or not bare[i - 1].isalnum())]
    candidates += [i for i, ch in enumerate(bare) if ch.isalpha() and i not in candidates]
    for i in candidates:
        if bare[i].casefold() not in taken and not (i > 0 and bare[i - 1] == "&"):
            taken.add(bare[i].casefold())
            return bare[:i] + "&" + bare[i:]
    return bare


def reserved(view: QWidget) -> set[str]:
    """Letters the view's buttons must not use: its window's menu bar and its field labels."""
    taken: set[str] = set()
    window = view.window()
    if isinstance(window, QMainWindow) and window is not view:
        for action in window.menuBar().actions():
            if (ch := letter(action.text())) is not None:
                taken.add(ch)
    for label in view.findChildren(QLabel):
        if label.buddy() is not None and (ch := letter(label.text())) is not None:
            taken.add(ch)
    return taken


def buttons(view: QWidget) -> list[QPushButton]:
    """The view's push buttons, but those the view hides for good (a list that cannot be reordered
    hides its Move buttons)."""
    return [b for b in view.findChildren(QPushButton)
            if not (b.testAttribute(Qt.WidgetAttribute.WA_WState_ExplicitShowHide)
                    and b.testAttribute(Qt.WidgetAttribute.WA_WState_Hidden))]


def assign(view: QWidget) -> None:
    """Give every push button of the view a mnemonic unique in the view."""
    taken = reserved(view)
    pending = []
    for button in buttons(view):  # the translators' letters first, where they are free
        ch = letter(button.text())
        if ch is not None and ch not in taken:
            taken.add(ch)
        else:
            pending.append(button)
    for button in pending:
        text = with_letter(button.text(), taken)
        if text != button.text():
            button.setText(text)


class _Keeper(QObject):
    def __init__(self, view: QWidget, letters: bool) -> None:
        super().__init__(view)
        self.view = view
        self.letters = letters

    def run(self) -> None:
        if self.letters:
            assign(self.view)
        accessible.name_controls(self.view)  # the buttons' texts have their letters now

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        # The event's type first, and the view without an attribute lookup that can fail: a
        # view being destroyed still sends events after Python has emptied this object.
        if event.type() in (QEvent.Type.Show, QEvent.Type.LanguageChange) and obj is self.__dict__.get("view"):
            if event.type() == QEvent.Type.Show:
                self.run()
            elif event.type() == QEvent.Type.LanguageChange:  # after the view has set its new texts
                QTimer.singleShot(0, self, self.run)
        return False


def keep(view: QWidget, *, letters: bool = True) -> None:
    """Assign the view's mnemonics (unless `letters` is False) and name its controls, now,
    whenever it is shown and after a language switch."""
    keeper = _Keeper(view, letters)
    view.installEventFilter(keeper)
    keeper.run()
