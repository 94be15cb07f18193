"""Per-user notes in memory stay bounded: the oldest is forgotten first."""

from bot.core.recent import RecentSet


def test_recent_set_forgets_the_oldest_member() -> None:
    recent = RecentSet(capacity=2)
    recent.add(1)
    recent.add(2)
    recent.add(1)  # touched again: now the newest
    recent.add(3)
    assert 1 in recent and 3 in recent and 2 not in recent
    recent.discard(1)
    assert 1 not in recent
