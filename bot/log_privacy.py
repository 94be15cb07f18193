"""The last line of defence for personal data in logs (UU 27/2022 PDP).

Code logs no message text, NIP or Telegram id on purpose, and SQLAlchemy hides bound parameters
(``hide_parameters``). This filter catches what slips through anyway (a library's message, an
exception's text, a traceback): every record is rendered once, NIP-shaped numbers (18 digits,
with or without spaces) are masked, and so are the text and ids of the update being handled,
which the adapter names with ``sensitive()``.
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from contextvars import ContextVar

MASK = "‹disembunyikan›"
# 18 digits, optionally grouped by spaces, dots or dashes as people write a NIP
# (19770203 200501 1 004), not inside a longer number.
_NIP = re.compile(r"(?<![\d])\d(?:[ .\-]?\d){17}(?![\d])")
_SHORTEST_MASKED_TEXT = 4  # shorter strings would mask ordinary words and numbers
_sensitive: ContextVar[tuple[str, ...]] = ContextVar("log_sensitive", default=())


@contextlib.contextmanager
def sensitive(values: Iterable[object]) -> Iterator[None]:
    """While the block runs (in this task), these strings never appear in a log line.

    A text is masked whole and as every pair of its consecutive words, so a line quoting
    part of a message is masked too.
    """
    strings: list[str] = []
    for value in (str(v) for v in values if v is not None):
        strings.append(value)
        words = value.split()
        strings += [f"{a} {b}" for a, b in itertools.pairwise(words)]
    kept = tuple(s for s in strings if len(s.strip()) >= _SHORTEST_MASKED_TEXT or s.isdecimal())
    token = _sensitive.set(_sensitive.get() + kept)
    try:
        yield
    finally:
        _sensitive.reset(token)


def mask(text: str) -> str:
    """The text with NIP-shaped numbers and the current update's values masked."""
    text = _NIP.sub(MASK, text)
    for value in sorted(_sensitive.get(), key=len, reverse=True):
        if value.isdecimal():  # an id: whole numbers only, not digits inside other numbers
            text = re.sub(rf"(?<!\d){re.escape(value)}(?!\d)", MASK, text)
        elif value.strip():
            text = text.replace(value, MASK)
    return text


class PrivacyFilter(logging.Filter):
    """Renders each record (message and traceback) and masks it; never drops a record."""

    _formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a bad format string must not lose the record
            message = str(record.msg)
        record.msg, record.args = mask(message), None
        if record.exc_info:
            record.exc_text = self._formatter.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = mask(record.exc_text)
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


def install(logger: logging.Logger | None = None) -> None:
    """Put the filter on every handler of ``logger`` (the root logger by default).

    On the handlers, not the logger: a logger's filters skip records from child loggers.
    """
    target = logger or logging.getLogger()
    for handler in target.handlers:
        if not any(isinstance(f, PrivacyFilter) for f in handler.filters):
            handler.addFilter(PrivacyFilter())
