"""The capture window's menus and actions, declared once: name, menu, shortcuts, handler, text and
tooltip. `build_actions` makes the QActions from this table and `retranslate_actions` sets their
texts again after a language switch; nothing else in the window names a shortcut."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from verkstad.domain.model import ENTRY_KIND_TITLES, EntryKind
from verkstad.i18n import N_, _

KINDS = (EntryKind.IDEA, EntryKind.DECISION, EntryKind.TASK, EntryKind.NOTE)
Key = QKeySequence.StandardKey


def native(sequence: QKeySequence | QKeySequence.StandardKey | str) -> str:
    return QKeySequence(sequence).toString(QKeySequence.SequenceFormat.NativeText)


def with_shortcut(text: str, action_or_sequence) -> str:
    """A tooltip naming its shortcut: "Next agenda item (Ctrl+PgDown)"."""
    sequence = action_or_sequence.shortcut() if isinstance(action_or_sequence, QAction) else action_or_sequence
    shown = native(sequence)
    return f"{text} ({shown})" if shown else text


@dataclass(frozen=True)
class ActionSpec:
    """One action of the capture window, reached as `window.named_actions[name]` (`actions()` is Qt's)."""

    name: str
    menu: str  # a key of MENUS
    handler: str  # the window's method the action calls, with `args`
    text: str  # marked with N_, translated when shown
    tooltip: str = ""  # marked with N_; "" shows the text; "{kind}" is the kind's name
    shortcuts: tuple = ()
    args: tuple = ()
    checkable: bool = False
    group: str = ""  # actions of one group are exclusive
    separator_before: bool = False


MENUS = (
    ("capture", N_("&Capture")),
    ("edit", N_("&Edit")),
    ("entry", N_("E&ntry")),
    ("meeting", N_("&Meeting")),
    ("view", N_("&View")),
)

_KIND_TIP = N_("Next entry is a {kind} (or change the selected entry)")

ACTIONS: tuple[ActionSpec, ...] = (
    *(ActionSpec(f"kind_{kind.value}", "capture", "kind_key", ENTRY_KIND_TITLES[kind], _KIND_TIP,
                 (f"Ctrl+{i}",), (kind,), checkable=True, group="kind")
      for i, kind in enumerate(KINDS, start=1)),
    ActionSpec("next_kind", "capture", "cycle_kind", N_("Next type"),
               N_("Switch the type of the next entry (Tab)"), separator_before=True),
    ActionSpec("paste", "capture", "paste_from_clipboard", N_("Paste lines as entries"),
               N_("Each pasted line becomes an entry")),
    ActionSpec("close", "capture", "close", N_("Close capture"), "", (Key.Close,), separator_before=True),

    ActionSpec("undo", "edit", "undo", N_("Undo"),
               N_("On an empty line: undo the last change made in this window"), (Key.Undo,)),
    ActionSpec("redo", "edit", "redo", N_("Redo"), N_("Redo what was undone in this window"), (Key.Redo,)),
    ActionSpec("copy", "edit", "copy_selected", N_("&Copy"),
               N_("Copy the selected entry's text (or the text selected in the line)"), (Key.Copy,),
               separator_before=True),

    ActionSpec("edit_entry", "entry", "edit_selected", N_("Edit entry"), N_("Edit the selected entry in place"),
               ("F2",)),
    ActionSpec("themes", "entry", "theme_menu", N_("Themes…"), N_("Tag the selected entry with themes"),
               ("Ctrl+T",)),
    ActionSpec("impact", "entry", "cycle_impact", N_("Impact"),
               N_("Set the impact of the selected entry: small, medium, large, none"), ("Ctrl+I",)),
    ActionSpec("good_example", "entry", "toggle_good_example", N_("Good example"),
               N_("Mark the selected entry as a good example worth a case story, or unmark it"), ("Ctrl+G",)),
    ActionSpec("vote_up", "entry", "vote", N_("Add a vote"), "", ("Ctrl++", "Ctrl+="), (1,)),
    ActionSpec("vote_down", "entry", "vote", N_("Remove a vote"), "", ("Ctrl+-",), (-1,)),
    ActionSpec("move_up", "entry", "move_selected", N_("Move up"), "", ("Alt+Up",), (-1,)),
    ActionSpec("move_down", "entry", "move_selected", N_("Move down"), "", ("Alt+Down",), (1,)),
    ActionSpec("promote", "entry", "promote_selected", N_("Promote to activity"),
               N_("Make the selected idea or decision an activity in the activity plan"), ("Ctrl+P",)),
    ActionSpec("progress", "entry", "record_progress_selected", N_("Record as progress update"),
               N_("A follow-up meeting: record the selected entry as progress on the activity its agenda item is "
                  "about"), ("Ctrl+U",)),
    ActionSpec("delete", "entry", "delete_selected", N_("Delete entry"),
               N_("On an empty line: delete the selected entry"), (Key.Delete,), separator_before=True),

    ActionSpec("start", "meeting", "start_meeting", N_("Start meeting"),
               N_("Start the meeting clock at the first agenda item"), ("F5",)),
    ActionSpec("previous_item", "meeting", "step_item", N_("Previous item"),
               N_("Go back to the previous agenda item"), ("Ctrl+PgUp",), (-1,)),
    ActionSpec("next_item", "meeting", "step_item", N_("Next item"), N_("Move on to the next agenda item"),
               ("Ctrl+PgDown",), (1,)),
    ActionSpec("end", "meeting", "end_meeting", N_("End meeting"), N_("End the meeting and see what was captured"),
               ("Ctrl+Shift+E",)),

    ActionSpec("search", "view", "open_search", N_("Search…"), N_("Find anything said in the programme's meetings"),
               (Key.Find,)),
    ActionSpec("attendance", "view", "toggle_attendance", N_("Attendance"), N_("Show or hide attendance"), ("F9",),
               checkable=True),
    ActionSpec("fullscreen", "view", "toggle_full_screen", N_("Full screen"), "", ("F11",), checkable=True),
)


def _connect(action: QAction, handler, args: tuple) -> None:
    action.triggered.connect(lambda _checked=False: handler(*args))


def build_actions(window: QMainWindow) -> tuple[dict[str, QMenu], dict[str, QAction]]:
    """The window's menu bar and its actions (also added to the window, so their shortcuts
    work with the menu bar hidden in full screen), from MENUS and ACTIONS."""
    bar = window.menuBar()
    menus = {key: bar.addMenu("") for key, _title in MENUS}
    actions: dict[str, QAction] = {}
    groups: dict[str, QActionGroup] = {}
    for spec in ACTIONS:
        action = QAction(window)
        action.setObjectName(spec.name + "Action")
        if spec.shortcuts:
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        _connect(action, getattr(window, spec.handler), spec.args)
        if spec.group:
            if spec.group not in groups:
                groups[spec.group] = QActionGroup(window)
            groups[spec.group].addAction(action)
        menu = menus[spec.menu]
        if spec.separator_before:
            menu.addSeparator()
        menu.addAction(action)
        window.addAction(action)
        actions[spec.name] = action
    return menus, actions


def retranslate_actions(menus: dict[str, QMenu], actions: dict[str, QAction]) -> None:
    for key, title in MENUS:
        menus[key].setTitle(_(title))
    for spec in ACTIONS:
        action = actions[spec.name]
        text = _(spec.text)
        tip = _(spec.tooltip) if spec.tooltip else text
        if spec.args and isinstance(spec.args[0], EntryKind):
            tip = tip.format(kind=text.lower())
        action.setText(text)
        action.setToolTip(with_shortcut(tip, action))


def kind_action(actions: dict[str, QAction], kind: str) -> QAction:
    return actions[f"kind_{EntryKind(kind).value}"]
