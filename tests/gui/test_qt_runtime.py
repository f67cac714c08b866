"""The Qt binding can sustain a long meeting: calls do not eat references to None, True, False.

PySide6 6.12.0 on Python 3.11 drops one reference per call of a method returning nothing
or a bool; after a few thousand calls the interpreter aborts, taking typed text with it.
pyproject.toml excludes that release; this test fails if such a binding is installed.
"""

import sys

from PySide6.QtWidgets import QLabel


def test_qt_calls_keep_their_references_to_none_true_and_false(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    singletons = (None, True, False)
    before = [sys.getrefcount(x) for x in singletons]
    for i in range(3000):
        label.setText(str(i))  # returns None
        label.isVisible()  # returns a bool
        label.setVisible(False)
    after = [sys.getrefcount(x) for x in singletons]
    assert all(a > b - 1000 for a, b in zip(after, before, strict=True)), (before, after)
