"""Others' changes on a shared server, shown as they happen: a look every few seconds.

A window on a server database starts a `ServerWatch`. It asks the server what changed since its
last look (`storage/server.changes_since`: records others stamped, tables whose rows grew) and
publishes those records on the window's change bus as any other window's changes, so every
view showing them redraws: a facilitator sees a colleague's edit within seconds, and a form
holds the stored value before its next edit (an edit of a value someone changed meanwhile is
refused anyway, `records.expecting`). A server that went away is told once in the status bar.

Signals: ServerWatch.seen(int) with the number of records others changed, after each look that
found some.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from verkstad.i18n import _
from verkstad.services.records import Change, NotFound
from verkstad.storage.errors import StorageError

if TYPE_CHECKING:
    from verkstad.ui.main_window import MainWindow

log = logging.getLogger("verkstad.server_watch")

INTERVAL_MS = 4000


class ServerWatch(QObject):
    """Looks for others' changes on the window's server database."""

    seen = Signal(int)

    def __init__(self, window: MainWindow, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(window)
        self.window = window
        self.counter: int | None = None
        self.counts: dict[str, int] = {}
        self._gone = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.look)
        self.timer.start()

    def look(self) -> int:
        """Publish what others changed since the last look; how many records that was."""
        from verkstad.domain.registry import record_types
        from verkstad.services.servers import changes_since, record_type_of

        services = self.window.services
        try:
            counter, ids, counts = changes_since(services, self.counter)
        except StorageError as exc:
            if not self._gone:
                self._gone = True
                self.window.show_status(str(exc))
            return 0
        self._gone = False
        first = self.counter is None
        grown = {t for t, n in counts.items() if n != self.counts.get(t, n)}
        self.counter, self.counts = counter, counts
        if first or not (ids or grown):
            return 0
        types = {t.table: t.cls for t in record_types()}
        changes = [Change("updated", cls, "") for table, cls in types.items() if table in grown]
        records = services.records
        for rid in ids:
            cls = record_type_of(services, rid)
            if cls is None:
                continue
            try:
                record = records.get(cls, rid, include_deleted=True)
            except NotFound:
                continue
            changes.append(Change("updated", cls, rid, record=record))
        if changes:
            log.info("others changed %d records on the server", len(ids))
            self.window.bus.publish(changes, self)
            self.window.show_status(_("Others changed the programme on the server; what you see is up to date."))
            self.seen.emit(len(ids))
        return len(ids)
