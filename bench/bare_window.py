"""The floor for start-up: a bare PySide6 window (QApplication, QMainWindow, first paint, exit).

Prints the milliseconds from process start to the first paint, measured the same way
as `verkstad --quit-when-ready`.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

sys.path.insert(0, __file__.rsplit("/", 2)[0] + "/desktop")


def main() -> None:
    from verkstad.clock import process_age_ms

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1280, 820)

    class Probe(QObject):
        def eventFilter(self, obj, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, lambda: (print(f"{process_age_ms():.0f}", flush=True), app.quit()))
            return False

    probe = Probe()
    window.installEventFilter(probe)
    window.show()
    app.exec()


main()
