"""Planning a programme in the main window, as a facilitator does it."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from tests.gui.conftest import nav_texts, type_text
from verkstad.domain.model import AgendaItem, Organisation, Person, Phase, Programme, Role, Theme
from verkstad.i18n import translator


def _accept_new_programme(name: str, template: str, language: str):
    def fill():
        from verkstad.ui.new_programme import NewProgrammeDialog

        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NewProgrammeDialog)
        dialog.name.setText(name)
        dialog.template.setCurrentIndex(dialog.template.findData(template))
        dialog.language.setCurrentIndex(dialog.language.findData(language))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)


def test_first_start_shows_the_welcome_page(window):
    assert window.pages.currentWidget() is window.welcome
    assert window.welcome.new_button.isVisible() and window.welcome.demo_button.isVisible()


def test_create_a_programme_from_the_template_in_danish(window, services, qtbot):
    _accept_new_programme("Rejsehold forår 2027", "travelling_team", "da")
    qtbot.mouseClick(window.welcome.new_button, qtbot_left())
    programme = services.planning.programmes()[0]
    assert programme.name == "Rejsehold forår 2027" and programme.language == "da"
    assert window.pages.currentWidget() is window.workspace
    phases = services.records.list(Phase, programme_id=programme.id)
    assert [p.title for p in phases] == [translator("da").gettext(t) for t in (
        "Kick-off workshop on green procurement", "Kick-off meeting at the organisation",
        "Advisory activities", "Closing workshop and experience exchange")]
    nav_titles = nav_texts(window)
    assert all(f"{i + 1}. {p.title}" in nav_titles for i, p in enumerate(phases))


def test_open_demo_and_reopen_last_programme(window, services, settings):
    window.open_demo()
    programme = services.planning.programmes()[0]
    assert window.programme_id == programme.id
    services.planning.create_programme("Andet forløb", "da", "blank")
    from verkstad.ui.main_window import MainWindow

    again = MainWindow(services=services, settings=settings)
    again.start()
    assert again.programme_id == programme.id  # the last one, not the welcome page
    again.deleteLater()


def test_edit_a_phase_is_stored_at_once_and_undoable(window, services):
    window.open_demo()
    window.select_key(("phases", None))
    view = window.views["phases"]
    view.select(view.model.items[1].id)
    phase_id = view.model.items[1].id
    title = view.form.editors["title"]
    title.setFocus()
    title.selectAll()
    type_text(None, title, "Opstartsmøde hos jer – åbent")
    title.editingFinished.emit()
    assert services.records.get(Phase, phase_id).title == "Opstartsmøde hos jer – åbent"
    assert "2. Opstartsmøde hos jer – åbent" in nav_texts(window)
    window.undo_action.trigger()
    assert services.records.get(Phase, phase_id).title != "Opstartsmøde hos jer – åbent"
    window.redo_action.trigger()
    assert services.records.get(Phase, phase_id).title == "Opstartsmøde hos jer – åbent"


def test_delete_a_phase_and_undo_brings_it_back(window, services):
    window.open_demo()
    window.select_key(("phases", None))
    view = window.views["phases"]
    before = [p.id for p in view.model.items]
    view.select(before[2])  # advisory activities: no meetings, so no question asked
    view.delete_button.click()
    assert [p.id for p in services.records.list(Phase, programme_id=window.programme_id)] == before[:2] + before[3:]
    window.undo_action.trigger()
    assert [p.id for p in services.records.list(Phase, programme_id=window.programme_id)] == before
    assert [p.id for p in view.model.items] == before


def _open_meeting(window, services, short_name):
    orgs = {o.short_name: o for o in services.records.list(Organisation, programme_id=window.programme_id)}
    meeting = next(m for m in services.planning.meetings(window.programme_id)
                   if m.organisation_id == orgs[short_name].id)
    window.select_key(("meeting", meeting.id))
    assert window.view_stack.currentWidget() is window.views["meeting"]
    return window.views["meeting"], meeting


def test_reorder_the_agenda_and_see_the_times_move(window, services, qtmodeltester):
    window.open_demo()
    view, _meeting = _open_meeting(window, services, "NK")
    qtmodeltester.check(view.agenda_model)
    model = view.agenda_model
    first, second = model.rows[0], model.rows[1]
    t = lambda h, m: translator("en").time(dt.time(h, m))  # noqa: E731
    assert model.index(0, 0).data() == t(9, 0) and model.index(1, 0).data() == t(9, 15)
    view.agenda_table.setCurrentIndex(model.index(0, 2))
    view.down_button.click()
    assert [r.id for r in model.rows[:2]] == [second.id, first.id]
    # the 40-minute item now starts at 09.00 and the welcome at 09.40
    assert model.index(0, 0).data() == t(9, 0) and model.index(1, 0).data() == t(9, 40)
    assert view.agenda_table.currentIndex().row() == 1  # the moved item stays selected
    window.undo_action.trigger()
    assert [r.id for r in view.agenda_model.rows[:2]] == [first.id, second.id]


def test_change_a_duration_and_see_the_overrun(window, services):
    window.open_demo()
    view, _meeting = _open_meeting(window, services, "NK")
    model = view.agenda_model
    model.setData(model.index(2, 3), 100)
    assert services.records.get(AgendaItem, model.rows[2].id).duration_min == 100
    assert "1 h" in view.total_label.text()  # 60 minutes over the planned end
    assert model.index(len(model.rows) - 1, 1).data() == translator("en").time(dt.time(13, 0))


def test_the_warning_shows_until_the_purchasing_chief_is_invited(window, services):
    window.open_demo()
    view, _meeting = _open_meeting(window, services, "RS")
    assert view.warning.isVisible() and view.warning.property("alarm")
    org = next(o for o in services.records.list(Organisation, programme_id=window.programme_id)
               if o.short_name == "RS")
    services.planning.add_person(window.programme_id, "Bodil Påfund", role=Role.PURCHASING_CHIEF,
                                 organisation_id=org.id)
    view.refresh()
    row = next(i for i, r in enumerate(view.attendance_model.rows) if r.person.name == "Bodil Påfund")
    from PySide6.QtCore import Qt

    view.attendance_model.setData(view.attendance_model.index(row, 3), Qt.CheckState.Checked.value,
                                  Qt.ItemDataRole.CheckStateRole)
    assert view.plan.held  # the demo's kick-off meeting at RS has been held in capture mode
    assert view.plan.missing_roles == [] and view.plan.missing_attended == [Role.PURCHASING_CHIEF]
    assert view.warning.property("alarm") and "attended" in view.warning.text()
    view.attendance_model.setData(view.attendance_model.index(row, 4), Qt.CheckState.Checked.value,
                                  Qt.ItemDataRole.CheckStateRole)
    assert not view.warning.property("alarm")  # the line stays, so the table does not jump
    assert view.warning.isVisible()
    window.undo_action.trigger()
    assert view.warning.property("alarm") and "attended" in view.warning.text()
    window.undo_action.trigger()
    assert view.warning.property("alarm") and "invited" in view.warning.text()


def test_checklist_item_ticked_and_responsibility_changed(window, services):
    window.open_demo()
    view, meeting = _open_meeting(window, services, "NK")
    from PySide6.QtCore import Qt

    model = view.checklist_model
    model.setData(model.index(0, 0), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    model.setData(model.index(0, 2), "team")
    plan = services.planning.meeting_plan(meeting.id)
    assert plan.checklist[0].done and plan.checklist[0].responsible == "team"


def test_switch_language_at_run_time(window, services, switcher, qtbot):
    window.open_demo()
    _open_meeting(window, services, "NK")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert english.button(QDialogButtonBox.StandardButton.Cancel).text() == "Cancel"  # not blanked out
    switcher.apply("da")
    assert window.file_menu.title() == translator("da").gettext("&File") != "&File"
    assert window.views["meeting"].tabs.tabText(0) == translator("da").gettext("Agenda")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Annuller"
    switcher.apply("nb")
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    assert window.file_menu.title() == translator("nb").gettext("&File")


def test_settings_dialog_changes_the_language(window, settings):
    from verkstad.ui.settings import SettingsDialog

    def choose():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SettingsDialog)
        combo = dialog.editors["interface/language"]
        combo.setCurrentIndex(combo.findData("fi"))
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    QTimer.singleShot(0, choose)
    window.settings_action.trigger()
    assert settings.value("interface/language") == "fi"
    assert window.edit_menu.title() == translator("fi").gettext("&Edit") != "&Edit"


def qtbot_left():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_add_a_meeting_to_a_phase_hold_it_at_an_organisation_and_delete_it(window, services):
    window.open_demo()
    window.select_key(("phases", None))
    phases = window.views["phases"]
    activities = next(p for p in phases.model.items if p.kind == "activities")
    phases.select(activities.id)
    phases.add_meeting_button.click()
    view = window.views["meeting"]
    assert window.view_stack.currentWidget() is view
    meeting_id = view.meeting_id
    assert services.planning.meeting_plan(meeting_id).phase.id == activities.id
    combo = view.form.editors["organisation_id"]
    org = next(o for o in services.records.list(Organisation, programme_id=window.programme_id) if o.short_name == "NK")
    combo.setCurrentIndex(combo.findData(org.id))
    combo.activated.emit(combo.currentIndex())
    assert services.planning.meeting_plan(meeting_id).organisation.id == org.id
    view.delete_meeting_button.click()
    assert meeting_id not in [m.id for m in services.planning.meetings(window.programme_id)]
    window.undo_action.trigger()
    assert meeting_id in [m.id for m in services.planning.meetings(window.programme_id)]


def test_an_organisations_register_number_and_the_programmes_lead_partner_are_edited_in_their_forms(
        window, services):
    window.open_demo()
    window.select_key(("organisations", None))
    view = window.views["organisations"]
    nk = next(o for o in view.model.items if o.short_name == "NK")
    view.select(nk.id)
    number = view.form.editors["register_number"]
    number.setText(" 12 34 56 78 ")
    number.editingFinished.emit()
    country = view.form.editors["country"]
    assert country.itemText(0) == "From its document language" and country.currentData() is None
    labels = {country.itemData(i): country.itemText(i) for i in range(country.count())}
    assert labels["FI"] == "Finland" and labels["NO"] == "Norway"  # named by Babel in the interface language
    country.setCurrentIndex(country.findData("FI"))
    country.activated.emit(country.currentIndex())
    stored = services.records.get(Organisation, nk.id)
    assert (stored.register_number, stored.country) == ("12 34 56 78", "FI")
    window.undo_action.trigger()
    assert services.records.get(Organisation, nk.id).country is None

    window.select_key(("programme", nk.programme_id))
    programme_view = window.views["programme"]
    lead = programme_view.form.editors["lead_partner_id"]
    partners = [lead.itemText(i) for i in range(lead.count())]
    assert partners == ["No lead partner", "Standardhuset", "Miljøteknik Vest A/S", "Advokatfirmaet Lund & Holm"]
    assert lead.currentText() == "Standardhuset"  # as the demo has it
    lead.setCurrentIndex(partners.index("Miljøteknik Vest A/S"))
    lead.activated.emit(lead.currentIndex())
    assert services.records.get(Programme, nk.programme_id).lead_partner_id == lead.currentData()
    window.undo_action.trigger()
    assert services.records.get(Programme, nk.programme_id).lead_partner_id == lead.itemData(1)


def test_the_invitations_reply_date_contact_and_note_taker_sit_beside_the_meeting_and_undo(window, services):
    window.open_demo()
    view, meeting = _open_meeting(window, services, "RS")
    form = view.invitation_form
    assert form.isVisible() and {k for k in form.editors if "@" not in k} == {"reply_by", "contact_id", "note_taker_id"}
    assert "reply_by" not in view.form.editors  # beside the meeting's own fields, not under them
    taker = form.editors["note_taker_id"]
    anders = next(p for p in services.records.list(Person) if p.name == "Anders Test")
    taker.setCurrentIndex(taker.findData(anders.id))
    taker.activated.emit(taker.currentIndex())
    reply = form.editors["reply_by"]
    reply.setDate(meeting.date + dt.timedelta(days=3))  # after the meeting: refused, nothing stored
    reply.editingFinished.emit()
    stored = services.records.get(type(meeting), meeting.id)
    assert stored.note_taker_id == anders.id and stored.reply_by == meeting.reply_by
    assert "after the meeting" in window.banner.text()
    window.undo_action.trigger()
    assert services.records.get(type(meeting), meeting.id).note_taker_id == meeting.note_taker_id


def test_texts_in_the_languages_the_programme_uses_are_edited_beside_their_field_and_undone(window, services):
    """The demo (English here) has Danish organisations and a Finnish city: the programme's name
    and a phase's title get a Danish and a Finnish row (no Swedish one); the Finnish city's
    meeting, written in Finnish, an English and a Danish one.
    An edit is stored at once and undone in one step; a new Swedish organisation brings a row."""
    window.open_demo()
    window.select_key(("programme", window.programme_id))
    form = window.views["programme"].form
    shown = {name for name in form.editors if "@" in name and not form.editors[name].isHidden()}
    assert shown == {"name@da", "name@fi", "description@da", "description@fi"}
    name_fi = form.editors["name@fi"]
    assert name_fi.text() == "Vihreiden hankintojen kiertävä tiimi (demo)"
    assert form._labels["name@fi"].text() == "Name (Finnish):"
    name_fi.setText("Kiertävä tiimi")
    name_fi.editingFinished.emit()
    assert services.records.get(Programme, window.programme_id).translations["name"]["fi"] == "Kiertävä tiimi"
    window.undo_action.trigger()
    assert services.records.get(Programme, window.programme_id).translations["name"]["fi"] == \
        "Vihreiden hankintojen kiertävä tiimi (demo)"
    assert name_fi.text() == "Vihreiden hankintojen kiertävä tiimi (demo)"

    window.select_key(("phases", None))
    phases = window.views["phases"]
    phases.select(phases.model.items[0].id)
    title_fi = phases.form.editors["title@fi"]
    assert not title_fi.isHidden() and phases.form.editors["title@sv"].isHidden()
    assert title_fi.text() == translator("fi").gettext("Kick-off workshop on green procurement")

    view, _meeting = _open_meeting(window, services, "KK")
    rows = {name for name in view.invitation_form.editors if "@" in name
            and not view.invitation_form.editors[name].isHidden()}
    assert rows == {"title@da", "title@en"}

    services.planning.add_organisation(window.programme_id, "Västerby kommun", language="sv")
    window.select_key(("programme", window.programme_id))
    window.views["programme"].refresh()
    assert not form.editors["name@sv"].isHidden()


def test_the_teams_logo_is_chosen_from_a_file_shown_and_undone(window, services, tmp_path):
    from PySide6.QtGui import QColor, QImage

    window.open_demo()
    window.select_key(("programme", window.programme_id))
    row = window.views["programme"].logo
    assert row.preview.pixmap().isNull() and not row.remove_button.isEnabled()
    picture = QImage(200, 60, QImage.Format.Format_RGB32)
    picture.fill(QColor("#1E5B4B"))
    path = tmp_path / "logo.png"
    assert picture.save(str(path))
    assert row.choose(path)
    assert services.records.get(Programme, window.programme_id).logo
    assert not row.preview.pixmap().isNull() and row.remove_button.isEnabled()
    window.undo_action.trigger()
    assert services.records.get(Programme, window.programme_id).logo == ""
    assert row.preview.pixmap().isNull()
    text = tmp_path / "notes.png"
    text.write_text("not a picture")
    assert not row.choose(text)  # refused: said in the banner, nothing stored
    assert "PNG or JPEG" in window.banner.text()
    assert services.records.get(Programme, window.programme_id).logo == ""


def test_themes_are_renamed_given_in_other_languages_added_and_deleted_with_undo(window, services):
    window.open_demo()
    window.select_key(("themes", None))
    view = window.views["themes"]
    assert window.view_stack.currentWidget() is view
    themes = services.activities.themes(window.programme_id)
    assert [t.name for t in view.model.items] == [t.name for t in themes]
    view.select(themes[0].id)
    name = view.form.editors["name"]
    name.setText(themes[1].name)  # taken: refused, the stored name is shown again
    name.editingFinished.emit()
    assert "already a theme" in window.banner.text() and name.text() == themes[0].name
    finnish = view.form.editors["name@fi"]
    assert not finnish.isHidden() and view.form.editors["name@sv"].isHidden()
    finnish.setText("Vihreä")
    finnish.editingFinished.emit()
    assert services.records.get(Theme, themes[0].id).translations["name"]["fi"] == "Vihreä"
    window.undo_action.trigger()
    assert services.records.get(Theme, themes[0].id).translations["name"]["fi"] != "Vihreä"
    view.add()
    assert len(services.activities.themes(window.programme_id)) == len(themes) + 1
    view.delete()
    assert len(services.activities.themes(window.programme_id)) == len(themes)
    window.undo_action.trigger()
    assert len(services.activities.themes(window.programme_id)) == len(themes) + 1
