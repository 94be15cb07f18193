"""A flooding user is told to slow down, then dropped, and recovers after the window."""

from __future__ import annotations

from bot.core.flood import FloodGuard, Verdict


def test_flood_guard_warns_then_drops_then_recovers() -> None:
    now = [0.0]
    guard = FloodGuard(limit=3, window=60, clock=lambda: now[0])
    assert [guard.check("a") for _ in range(3)] == [Verdict.OK] * 3
    assert guard.check("a") is Verdict.SLOW_DOWN
    assert guard.check("a") is Verdict.DROP
    assert guard.check("b") is Verdict.OK  # others are unaffected
    now[0] = 25.0
    assert guard.check("a") is Verdict.SLOW_DOWN  # reminded at most every 20 s
    now[0] = 200.0
    assert guard.check("a") is Verdict.OK
