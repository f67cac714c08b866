"""What the Entry menu does to the selected entry of the capture window: edit, themes, impact,
votes, order, delete, promotion to an organisation's activity plan, and Edit → Copy of its text. Each is one operation
through the window's `run` (one undo step of its own history)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QMenu

from verkstad.domain.model import EntryKind
from verkstad.domain.translatable import text_in
from verkstad.i18n import _
from verkstad.services.capture import CaptureError
from verkstad.ui.capture.actions import with_shortcut
from verkstad.ui.capture.entry_model import EntryModel

if TYPE_CHECKING:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import QWidget

    from verkstad.services.capture import Capture, CaptureContext
    from verkstad.services.records import Change
    from verkstad.ui.capture.capture_line import CaptureLine
    from verkstad.ui.capture.entry_tree import EntryTree
    from verkstad.ui.capture.promote_strip import PromoteStrip
    from verkstad.ui.operations import Operations

    _Widget = QWidget
else:
    _Widget = object


class EntryActions(_Widget):
    """Mixed into CaptureWindow (which has run, ops, ctx, model, tree, promote_strip, show_status)."""

    capture: Capture
    ops: Operations
    ctx: CaptureContext
    meeting_id: str
    kind: str
    kind_actions: dict[str, QAction]
    undo_action: QAction
    model: EntryModel
    tree: EntryTree
    line: CaptureLine
    promote_strip: PromoteStrip

    if TYPE_CHECKING:

        def run(self, text: str, call: Callable[[], object], *, undoable: bool = True) -> list[Change] | None: ...

        def selected_entry_id(self) -> str | None: ...

        def select_entry(self, entry_id: str | None) -> bool: ...

        def set_kind(self, kind: str) -> None: ...

        def show_status(self, text: str) -> None: ...

    named_actions: dict[str, QAction]

    # -- the selected entry ---------------------------------------------------------------

    def _selected_or_hint(self) -> str | None:
        selected = self.selected_entry_id()
        if selected is None:
            self.show_status(_("Select an entry first: ↑ and ↓ move through the entries."))
        return selected

    def kind_key(self, kind: str) -> None:
        """Ctrl+1..4: the kind of the selected entry, or of the next one when none is selected."""
        selected = self.selected_entry_id()
        if selected:
            self.run(_("Change type"), lambda: self.capture.set_kind(selected, kind))
            self.kind_actions[self.kind].setChecked(True)
        else:
            self.set_kind(kind)

    def edit_selected(self) -> None:
        selected = self._selected_or_hint()
        if selected:
            self.tree.edit(self.model.index_of(selected, EntryModel.TEXT))

    def _edited_in_place(self, entry_id: str, text: str) -> None:
        self.run(_("Edit entry"), lambda: self.capture.edit(entry_id, text))
        self.line.setFocus()

    def cycle_impact(self) -> None:
        selected = self._selected_or_hint()
        if selected:
            self.run(_("Set impact"), lambda: self.capture.cycle_impact(selected))

    def toggle_good_example(self) -> None:
        selected = self._selected_or_hint()
        if selected:
            changes = self.run(_("Good example"), lambda: self.capture.toggle_good_example(selected))
            if changes:
                marked = changes[0].after.get("good_example")
                self.show_status(_("Marked as a good example: it is listed under Good examples.") if marked
                                 else _("No longer marked as a good example."))

    def vote(self, delta: int) -> None:
        selected = self._selected_or_hint()
        if selected:
            self.run(_("Vote"), lambda: self.capture.vote(selected, delta))

    def move_selected(self, step: int) -> None:
        selected = self._selected_or_hint()
        if selected:
            self.run(_("Move entry"), lambda: self.capture.move(selected, step))
            self.select_entry(selected)

    def delete_selected(self) -> None:
        selected = self._selected_or_hint()
        if not selected:
            return
        ids = self.model.entry_ids()
        at = ids.index(selected)
        if self.run(_("Delete entry"), lambda: self.capture.delete(selected)):
            rest = [i for i in ids if i != selected]
            self.select_entry(rest[min(at, len(rest) - 1)] if rest else None)
            self.show_status(with_shortcut(_("Entry deleted; undo brings it back"), self.undo_action))

    def theme_menu(self) -> None:
        """A menu of the programme's themes, ticked as the selected entry has them."""
        selected = self._selected_or_hint()
        if not selected:
            return
        entry = self.model.entry(self.model.index_of(selected))
        assert entry is not None  # the selection is a row of the model
        menu = QMenu(self)
        for theme in self.ctx.themes:
            action = menu.addAction(text_in(theme, "name", self.ctx.language))
            action.setCheckable(True)
            action.setChecked(theme.id in entry.theme_ids)
            action.setData(theme.id)
        rect = self.tree.visualRect(self.model.index_of(selected, EntryModel.THEMES))
        chosen = menu.exec(self.tree.viewport().mapToGlobal(rect.bottomLeft() if rect.isValid() else QPoint()))
        if chosen is not None:
            theme_id = chosen.data()
            self.run(_("Tag entry"), lambda: self.capture.toggle_theme(selected, theme_id))
        self.line.setFocus()

    # -- promotion ----------------------------------------------------------------------

    def promote_selected(self) -> None:
        selected = self._selected_or_hint()
        if not selected:
            return
        entry = self.model.entry(self.model.index_of(selected))
        assert entry is not None  # the selection is a row of the model
        if entry.kind not in (EntryKind.IDEA, EntryKind.DECISION):
            self.show_status(str(CaptureError("not_promotable")))
            return
        if self.ctx.meeting.organisation_id:
            self.promote(selected, self.ctx.meeting.organisation_id)
            return
        targets = self.ops.read(lambda: self.capture.promotion_targets(self.meeting_id), []) or []
        if len(targets) == 1:
            self.promote(selected, targets[0].id)
        elif targets:
            self.promote_strip.ask(selected, targets)

    def record_progress_selected(self) -> None:
        """The selected entry as a progress update on the activity its agenda item is about."""
        selected = self._selected_or_hint()
        if not selected:
            return
        changes = self.run(_("Progress update"), lambda: self.capture.record_progress(selected))
        if changes:
            self.show_status(_("Recorded as a progress update on the activity: the plan and the overview show it."))

    def promote(self, entry_id: str, organisation_id: str) -> None:
        self.promote_strip.dismiss()
        if self.run(_("Promote to activity"), lambda: self.capture.promote(entry_id, organisation_id)):
            org = self.ctx.organisations.get(organisation_id)
            self.show_status(_("Added to the activity plan of {organisation}.").format(
                organisation=org.name if org else ""))

    # -- copying -----------------------------------------------------------------------

    def copy_selected(self) -> None:
        """Edit → Copy: the text selected in the line, else the selected entries' text."""
        from PySide6.QtGui import QGuiApplication

        if self.line.hasSelectedText():
            self.line.copy()
            return
        texts = self._selected_texts()
        if texts:
            QGuiApplication.clipboard().setText("\n".join(texts))

    def _selected_texts(self) -> list[str]:
        return [entry.text for index in self.tree.selectionModel().selectedRows()
                if (entry := self.model.entry(index)) is not None]

    def _update_copy_action(self, *_args) -> None:
        self.named_actions["copy"].setEnabled(self.line.hasSelectedText() or bool(self._selected_texts()))
