"""A pane that scrolls when its window is shorter (or narrower) than the pane would be."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QWidget


def scrolling(content: QWidget, parent: QWidget, *, framed: bool = True) -> QScrollArea:
    """``content`` in a scroll area that gives it all the room there is (and scrolls only
    when there is less than it needs); unframed, it sits flush in a splitter or tab."""
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    if not framed:
        area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    return area
