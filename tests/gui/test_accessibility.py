"""Accessible names: every control a user reaches (a widget that takes the focus, every button) has
one in every language, in every view of the main window, in capture and in the dialogs; the names
are translated and follow a language switch, and a name set by code is kept."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from verkstad.domain.model import Meeting
from verkstad.i18n import translator
from verkstad.ui import accessible, mnemonics

LANGUAGES = ("en", "da", "sv", "fi", "nb")


def switch(switcher, language: str) -> None:
    switcher.apply(language)
    QApplication.sendPostedEvents(None, 0)  # the names are derived again after the new texts
    QApplication.processEvents()


def path(widget: QWidget) -> str:
    parts = []
    while widget is not None:
        parts.append(type(widget).__name__ + (f"#{widget.objectName()}" if widget.objectName() else ""))
        widget = widget.parentWidget()
    return " < ".join(parts)


def reached(root: QWidget) -> list[QWidget]:
    """The visible controls under `root`: those that take the focus, and every button."""
    return [w for w in [root, *root.findChildren(QWidget)] if w.isVisible()
            and (w.focusPolicy() != Qt.FocusPolicy.NoFocus or isinstance(w, QAbstractButton))]


def unnamed(root: QWidget) -> list[str]:
    return [f"{type(w).__name__} {w.objectName()!r} in {path(w)}" for w in reached(root)
            if not w.accessibleName().strip()]


def kick_off(services) -> Meeting:
    org = services.documents.find_organisation("NK")
    return next(m for m in services.records.list(Meeting, organisation_id=org.id))


def views(window, services, demo):
    """Each view of the main window, shown in turn (each tab of the meeting). Yields (what, window)."""
    org = services.documents.find_organisation("NK")
    for key in [("programme", demo.id), ("phases", None), ("organisations", None), ("people", None),
                ("plan", org.id), ("agreement", org.id), ("stories", None)]:
        window.select_key(key)
        yield key, window
    window.select_key(("meeting", kick_off(services).id))
    tabs = window.views["meeting"].tabs
    for i in range(tabs.count()):
        tabs.setCurrentIndex(i)
        yield ("meeting", tabs.tabText(i)), window


def screens(window, services, demo):
    """Each screen of the demo programme, shown: the main window's views, capture (with its
    search), the settings, new-programme and preview dialogs. Yields (what, root)."""
    from verkstad.ui.new_programme import NewProgrammeDialog
    from verkstad.ui.preview import PreviewDialog
    from verkstad.ui.settings import SettingsDialog

    yield from views(window, services, demo)
    meeting = kick_off(services)
    window.open_capture(meeting.id)
    capture = window._capture_windows[-1]
    yield "capture", capture
    previous = capture.named_actions["previous_item"].text()  # "Previous item", as in its menu
    assert capture.header.prev_button.accessibleName() == accessible.bare(previous) != ""  # not "◀"
    capture.named_actions["search"].trigger()
    yield "capture search", capture
    capture.close()

    org = services.documents.find_organisation("NK")
    window.select_key(("plan", org.id))
    plan = window.views[f"plan:{org.id}"]
    plan.select(services.activities.list(org.id)[0].id)
    progress = plan.ask_progress()
    QApplication.processEvents()
    yield "progress update", progress
    progress.reject()
    window.select_key(("phases", None))
    phases = window.views["phases"]
    phases.select(services.planning.phases(demo.id)[0].id)
    series = phases.ask_series()
    QApplication.processEvents()
    yield "meeting series", series
    series.reject()

    pdf = services.documents.render("agenda", meeting_id=meeting.id)
    for what, dialog in [("settings", lambda: SettingsDialog(window.settings, window)),
                         ("new programme", lambda: NewProgrammeDialog(window)),
                         ("preview", lambda: PreviewDialog(pdf, "Agenda", parent=window))]:
        d = dialog()
        d.show()
        QApplication.processEvents()
        yield what, d
        d.close()
        d.deleteLater()


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_control_has_an_accessible_name(demo_window, services, demo, switcher, language, qtbot):
    switch(switcher, language)
    missing, checked = [], 0
    for what, root in screens(demo_window, services, demo):
        missing += [f"{what}: {m}" for m in unnamed(root)]
        checked += len(reached(root))
    assert not missing, "\n".join(missing)
    assert checked > 100


def test_names_are_translated_and_follow_a_language_switch(demo_window, services, demo, switcher):
    window = demo_window
    window.select_key(("phases", None))
    phases = window.views["phases"]
    phases.delete_button.setAccessibleName("Set by code")  # an explicit name stays

    def names() -> dict[int, str]:
        return {id(w): w.accessibleName() for _what, root in views(window, services, demo) for w in reached(root)}

    english = names()
    assert phases.add_button.accessibleName() == "Add phase"  # the text without its & letter
    assert phases.up_button.accessibleDescription() == ""
    field = phases.form.editors["title"]
    assert field.accessibleName() == "Title"  # its form label without the colon
    switch(switcher, "da")
    danish = names()
    da = translator("da").gettext
    assert phases.add_button.accessibleName() == accessible.bare(phases.add_button.text())
    assert phases.add_button.accessibleName() == mnemonics.plain(da("&Add phase")).replace("&&", "&")
    assert field.accessibleName() == da("Title")
    assert phases.delete_button.accessibleName() == "Set by code"
    date = phases.form.editors["start_date"]  # its description is its tooltip, in Danish now
    assert date.accessibleName() == da("Starts") and date.accessibleDescription() == accessible.bare(date.toolTip())
    assert phases.delete_button.accessibleDescription() == accessible.bare(
        da("Delete the selected item (Del); Edit → Undo brings it back"))
    changed = [k for k in english if k in danish and english[k] != danish[k]]
    assert len(changed) > 20
