"""Which part of the capture window shows which record: from a list of `Change`s (its own
action, its own undo or redo, or a change published by another window) to the redraw of
exactly those parts. An entry is one row; the agenda is the whole list."""

from __future__ import annotations

from typing import TYPE_CHECKING

from verkstad.domain.model import AgendaItem, Attendance, Entry, Meeting, Organisation, Person, Phase, Theme
from verkstad.domain.translatable import text_in
from verkstad.i18n import _
from verkstad.services.records import Change

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from verkstad.services.capture import CaptureContext
    from verkstad.ui.capture.entry_model import EntryModel
    from verkstad.ui.capture.entry_tree import EntryTree
    from verkstad.ui.capture.header import MeetingHeader

    _Widget = QWidget
else:
    _Widget = object


def _put(records: list, record, key=lambda r: r.position) -> None:
    """Replace or add `record` in a list kept in `key` order; a deleted record leaves it."""
    records[:] = [r for r in records if r.id != record.id]
    if record.deleted_at is None:
        records.append(record)
        records.sort(key=key)


class Redraw(_Widget):
    """Mixed into CaptureWindow (which has ctx, model, tree, header and refresh_attendance)."""

    ctx: CaptureContext
    meeting_id: str
    language: str
    model: EntryModel
    tree: EntryTree
    header: MeetingHeader

    if TYPE_CHECKING:

        def reload(self) -> None: ...

        def refresh_attendance(self) -> None: ...

        def show_error(self, text: str) -> None: ...

        def update_clock(self) -> None: ...

    def _names(self) -> tuple[dict[str, str], dict[str, str]]:
        # the themes as the meeting's language names them ("Kiertotalous" in a Finnish meeting)
        return ({t.id: text_in(t, "name", self.ctx.language) for t in self.ctx.themes},
                {p.id: p.name for p in self.ctx.people.values()})

    def show_changes(self, changes: list[Change], *, elsewhere: bool = False) -> None:
        """Redraw exactly what `changes` touched of this meeting; `elsewhere`: made in another window."""
        ctx, programme_id = self.ctx, self.ctx.programme.id
        themes = people = meeting = attendance = agenda = False
        for change in changes:
            record = change.record  # an instance of change.type, or None
            if isinstance(record, Entry):
                if record.meeting_id == self.meeting_id:
                    if change.action == "created":
                        self.model.insert_entry(record)
                    else:
                        self.model.update_entry(record)
            elif isinstance(record, Theme):
                if record.programme_id == programme_id:
                    _put(ctx.themes, record)
                    themes = True
            elif isinstance(record, Person):
                if record.programme_id == programme_id:
                    ctx.people.pop(record.id, None)
                    if record.deleted_at is None:
                        ctx.people[record.id] = record
                    people = attendance = True
            elif isinstance(record, Meeting):
                if record.id == self.meeting_id:
                    ctx.meeting = record
                    meeting = True
            elif isinstance(record, AgendaItem):
                agenda = agenda or record.meeting_id == self.meeting_id
            elif isinstance(record, Attendance):
                attendance = attendance or record.meeting_id == self.meeting_id
            elif isinstance(record, Phase):
                attendance = attendance or record.id == ctx.meeting.phase_id  # its required roles
            elif isinstance(record, Organisation) and record.programme_id == programme_id:
                ctx.organisations[record.id] = record
                attendance = True
        if agenda:
            self.reload()  # items added, moved or renamed: the list's groups are made again
            return
        if themes:
            self.model.set_themes(self._names()[0])
        if people:
            self.model.set_people(self._names()[1])
        if meeting:
            self._meeting_changed(elsewhere)
        if attendance and not meeting:
            self.refresh_attendance()

    def _meeting_changed(self, elsewhere: bool = False) -> None:
        meeting = self.ctx.meeting
        self.model.set_current_item(meeting.current_item_id)
        if not elsewhere:
            self.tree.scroll_to_group(meeting.current_item_id)
        if elsewhere:
            self.header.show_title(meeting, self.language)
            self.setWindowTitle(_("Capture – {meeting}").format(meeting=meeting.title))
            if meeting.deleted_at is not None:
                self.show_error(_("This meeting was deleted in another window."))
        self.refresh_attendance()  # started or ended: who came counts now
        self.update_clock()
