"""Arguments of the wrong type become a ValidationError naming the argument.

The core is called from the window, the command line, imports and tests; a number where
text belongs (or a list where a date belongs) must not end in an AttributeError deep in
a cleaning helper. ``check_arguments(cls)`` wraps the public methods of a service class
and checks every argument whose annotation is made only of simple types (str, int,
float, bool, date, datetime, None). Anything richer (Person, Sequence[…], a Period) is
left to the method. ``desk.py`` applies it to every service class in one place.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from dutydesk.errors import ValidationError

_SIMPLE: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "int": (int,),
    "float": (int, float),
    "bool": (bool, int),
    "None": (type(None),),
    "date": (date,),
    "datetime": (datetime,),
}
_NAMES = {
    str: ("文本", "text"),
    int: ("整数", "a whole number"),
    float: ("数字", "a number"),
    bool: ("是/否", "yes/no"),
    date: ("日期", "a date"),
    datetime: ("时间", "a time"),
}
_MARK = "__dutydesk_checked__"


def _accepted(annotation: Any) -> tuple[type, ...] | None:
    if not isinstance(annotation, str):
        return None
    accepted: list[type] = []
    for part in annotation.split("|"):
        found = _SIMPLE.get(part.strip())
        if found is None:
            return None
        accepted.extend(found)
    return tuple(accepted)


def _describe(accepted: tuple[type, ...]) -> tuple[str, str]:
    names = [_NAMES[t] for t in accepted if t in _NAMES]
    return "或".join(dict.fromkeys(n[0] for n in names)), " or ".join(
        dict.fromkeys(n[1] for n in names)
    )


def _wrap(function: Callable[..., Any]) -> Callable[..., Any]:
    signature = inspect.signature(function)
    checks = {
        name: accepted
        for name, parameter in signature.parameters.items()
        if (accepted := _accepted(parameter.annotation)) is not None
    }
    if not checks:
        return function

    @functools.wraps(function)
    def checked(*args: Any, **kwargs: Any) -> Any:
        try:
            bound = signature.bind(*args, **kwargs)
        except TypeError:
            return function(*args, **kwargs)  # let Python say what is missing
        for name, value in bound.arguments.items():
            accepted = checks.get(name)
            if accepted is None or isinstance(value, accepted):
                continue
            zh, en = _describe(accepted)
            raise ValidationError(
                name, f"{name} 应为{zh}：{value!r:.60}", en=f"{name} must be {en}: {value!r:.60}"
            )
        return function(*args, **kwargs)

    setattr(checked, _MARK, True)
    return checked


def check_arguments(cls: type) -> type:
    """Wrap ``cls``'s own public methods (idempotent)."""
    for name, member in list(vars(cls).items()):
        if name.startswith("_") or not inspect.isfunction(member):
            continue
        if getattr(member, _MARK, False):
            continue
        setattr(cls, name, _wrap(member))
    return cls
