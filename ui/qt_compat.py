"""Work-arounds for PySide6: a 6.12 reference-count bug on Python 3.11, and the source
of every imported module kept in memory by PySide's feature hook.

Reference counts:

PySide6 6.12.0 returns ``None`` from every void method (``setEnabled``, ``setText``,
``processEvents`` …) without taking a reference. On Python 3.12+ ``None`` is immortal, so
nothing happens; on Python 3.11 each call drops one reference and after a few thousand
calls the interpreter aborts with "Fatal Python error: none_dealloc". PySide6 6.11.3 does
not have the bug. Until the pinned version excludes 6.12, this gives ``None`` an
effectively endless reference count, which is what Python 3.12 does for it by design.
"""

from __future__ import annotations

import linecache
import sys
from types import ModuleType

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


def forget_feature_sources() -> bool:
    """Keep PySide's import hook from holding the source of every module in memory.

    Since PySide6 6.4 (PYSIDE-2029) every module imported after PySide6, and every one
    imported before it, is read with ``inspect.getsource`` to see whether its text names
    PySide6 (for ``from __feature__ import``). That goes through ``linecache``, which
    keeps each file's lines: about 9 MiB of Python source for this application, held for
    the life of the process. The same check still runs, and the lines it cached are
    dropped after it; what was cached before this is installed is dropped now. Returns
    whether the hook was found (it is PySide's internal module, so it may go away).
    """
    import PySide6.QtCore  # noqa: F401  (sets the hook up)

    feature = sys.modules.get("shibokensupport.feature")
    check = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None:
        return False
    if getattr(check, "forgets_sources", False):
        return True

    def uses_pyside(module: ModuleType) -> bool:
        cached = len(linecache.cache)
        try:
            return bool(check(module))
        finally:
            added = len(linecache.cache) - cached
            if added > 0:  # the newest entries are the ones this check read
                for key in list(reversed(linecache.cache))[:added]:
                    del linecache.cache[key]

    uses_pyside.forgets_sources = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    linecache.clearcache()
    return True
