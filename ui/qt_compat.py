"""Work around a PySide6 6.12 reference-count bug on Python 3.11.

PySide6 6.12.0 returns ``None`` from every void method (``setEnabled``, ``setText``,
``processEvents`` …) without taking a reference. On Python 3.12+ ``None`` is immortal, so
nothing happens; on Python 3.11 each call drops one reference and after a few thousand
calls the interpreter aborts with "Fatal Python error: none_dealloc". PySide6 6.11.3 does
not have the bug. Until the pinned version excludes 6.12, this gives ``None`` an
effectively endless reference count, which is what Python 3.12 does for it by design.
"""

from __future__ import annotations

import sys

# 2**40 lost references would take years of continuous calls.
_BALLAST = 2**40


def _affected(pyside_version: str) -> bool:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return False
    try:
        major, minor = (int(part) for part in pyside_version.split(".")[:2])
    except ValueError:
        return True
    return (major, minor) >= (6, 12)


def protect_none_refcount() -> bool:
    """Apply the workaround once when the running PySide6/Python pair needs it."""
    import PySide6

    if not _affected(PySide6.__version__):
        return False
    import ctypes  # only where the workaround applies: start-up does without it

    refcount = ctypes.c_ssize_t.from_address(id(None))
    if refcount.value < _BALLAST:
        refcount.value += _BALLAST
    return True
