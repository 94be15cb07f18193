"""Per-user flood protection: past the limit a user is told to slow down, then not answered.

In memory, per process: with several workers each enforces its own share, which is enough to stop
one chat from starving the others.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum

MESSAGES_PER_WINDOW = 20
WINDOW_SECONDS = 60.0
WARN_EVERY_SECONDS = 20.0
_MAX_TRACKED = 100_000


class Verdict(Enum):
    OK = "ok"
    SLOW_DOWN = "slow_down"  # over the limit: tell the user once in a while
    DROP = "drop"  # over the limit and recently told


class FloodGuard:
    """A sliding window of message times per user."""

    def __init__(self, limit: int = MESSAGES_PER_WINDOW, window: float = WINDOW_SECONDS,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._seen: dict[str, deque[float]] = {}
        self._warned: dict[str, float] = {}

    def check(self, user_key: str) -> Verdict:
        now = self._clock()
        times = self._seen.setdefault(user_key, deque())
        while times and now - times[0] > self.window:
            times.popleft()
        times.append(now)
        if len(self._seen) > _MAX_TRACKED:
            self._forget_idle(now)
        if len(times) <= self.limit:
            return Verdict.OK
        if now - self._warned.get(user_key, -WARN_EVERY_SECONDS - 1) >= WARN_EVERY_SECONDS:
            self._warned[user_key] = now
            return Verdict.SLOW_DOWN
        return Verdict.DROP

    def _forget_idle(self, now: float) -> None:
        for key in [k for k, t in self._seen.items() if not t or now - t[-1] > self.window]:
            del self._seen[key]
            self._warned.pop(key, None)
