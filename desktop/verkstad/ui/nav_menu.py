"""The navigation tree's context menu: open what an entry shows, add a phase, a meeting to a
phase, an organisation or a person, and delete a phase, meeting or organisation.

Each entry navigates to the view that offers the operation and runs it there, so the tree asks
the same confirmation, runs the same operation and says the same in the status bar as the
view's own button. No signals.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from verkstad.i18n import N_, _
from verkstad.ui.context_menu import MenuEntry

if TYPE_CHECKING:
    from verkstad.ui.main_window import MainWindow

# What each kind of entry offers besides Open: (text, the view's method); the key of the entry
# the operation runs from is the entry's own (a phase's meeting is added from that phase).
_OFFERS: dict[str, list[tuple[str, str]]] = {
    "phases": [(N_("&Add phase"), "add")],
    "phase": [(N_("Add &meeting to this phase"), "add_meeting"), (N_("Delete"), "delete")],
    "meeting": [(N_("Delete meeting"), "delete_meeting")],
    "organisations": [(N_("&Add organisation"), "add")],
    "organisation": [(N_("Delete"), "delete")],
    "people": [(N_("&Add person"), "add")],
    "themes": [(N_("&Add theme"), "add")],
}


def _in_view(window: MainWindow, key: tuple, method: str) -> Callable[[], None]:
    def run() -> None:
        window.select_key(key)
        view: Any = window.view_stack.currentWidget()  # the view that key shows
        getattr(view, method)()

    return run


def open_entry(window: MainWindow, key: tuple) -> None:
    """Show what the entry names and move the keyboard focus into its view."""
    window.select_key(key)
    window.focus_view()


def entries(window: MainWindow) -> list[MenuEntry]:
    """The menu of the current entry (a right click makes the clicked one current)."""
    key = window.nav.key()
    if key is None:
        return []
    menu = [MenuEntry(_("&Open"), lambda: open_entry(window, key))]
    for i, (text, method) in enumerate(_OFFERS.get(key[0], [])):
        menu.append(MenuEntry(_(text), _in_view(window, key, method), separator_before=i == 0))
    return menu
