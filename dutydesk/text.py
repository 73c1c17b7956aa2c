"""Text in two languages, one way for the whole core and the command line.

Every user-facing text of the core is a pair (Chinese, English): error messages
(``DutyDeskError(message, en=…)``), the label tables of each area (``STATUS_LABELS``,
``DUTY_ROLE_LABELS``, …) and the command line's output (``cli.common.say``). ``pick``
chooses from a pair, for a language code ("zh_CN", "en", "en_GB") or a flag that says
English. The window translates its own strings with Qt Linguist; for the core's pairs it
uses ``pick`` too.
"""

from __future__ import annotations

Pair = tuple[str, str]
CHINESE, ENGLISH = "zh_CN", "en"


def is_english(lang: str | bool) -> bool:
    """A language code starting with "en", or True."""
    return lang if isinstance(lang, bool) else lang.startswith("en")


def pick(pair: Pair, lang: str | bool) -> str:
    """The Chinese or the English text of ``pair``."""
    return pair[1] if is_english(lang) else pair[0]
