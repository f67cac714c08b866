"""What the ORM alone adds to a start: the bare window of `bare_window.py`, then, after its first
paint, what Verkstad's start-up must have done before it is ready besides its own window and
view: SQLAlchemy imported, the domain model mapped and configured (PySide6's source scan skipped,
garbage collection held, as `verkstad` starts). Not a floor: a reference that `bench/startup.py`
prints beside it, to say how much of "ready" no window or view code of Verkstad's can take away.

Prints the milliseconds from process start to that point.
"""

import gc
import sys

gc.disable()
sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/desktop")

import PySide6  # noqa: E402, F401

from verkstad import startup  # noqa: E402

startup.skip_pyside_source_scan()

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: E402


def main() -> None:
    from verkstad.clock import process_age_ms

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)

    def load_orm() -> None:
        from sqlalchemy.orm import configure_mappers

        import verkstad.storage.mapping  # noqa: F401

        configure_mappers()
        print(f"{process_age_ms():.0f}", flush=True)
        app.quit()

    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, load_orm)
            return False

    probe = Probe()
    window.installEventFilter(probe)
    window.show()
    app.exec()


main()
