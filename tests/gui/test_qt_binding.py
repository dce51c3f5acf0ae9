"""Guards against a Qt for Python build that corrupts None's reference count.

PySide6 6.12.0 on CPython 3.11 decrements None on every call of a method
that returns nothing; None is not immortal before 3.12, so after ~42,000
calls the process aborts ("none_dealloc"). pyproject pins around it; this
test fails if an installed binding has the bug again.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QComboBox, QLabel

CALLS = 2000


def _none_delta(call: object) -> int:
    before = sys.getrefcount(None)
    for _ in range(CALLS):
        call()  # type: ignore[operator]
    return sys.getrefcount(None) - before


def test_void_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    combo = QComboBox()
    qtbot.addWidget(label)
    qtbot.addWidget(combo)
    # Small drift is other code; the bug removes one reference per call.
    assert _none_delta(lambda: label.setText("x")) > -CALLS // 2
    assert _none_delta(lambda: combo.addItem("x")) > -CALLS // 2
