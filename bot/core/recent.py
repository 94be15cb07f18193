"""A set that remembers only the most recent members, for per-user notes kept in memory.

With millions of users a plain set grows for as long as the process runs; forgetting the oldest
note only means a user may see a reminder once more.
"""

from __future__ import annotations

from collections import OrderedDict

DEFAULT_CAPACITY = 100_000


class RecentSet:
    def __init__(self, capacity: int = DEFAULT_CAPACITY) -> None:
        self._capacity = capacity
        self._members: OrderedDict[int, None] = OrderedDict()

    def __contains__(self, member: int) -> bool:
        return member in self._members

    def add(self, member: int) -> None:
        self._members[member] = None
        self._members.move_to_end(member)
        if len(self._members) > self._capacity:
            self._members.popitem(last=False)

    def discard(self, member: int) -> None:
        self._members.pop(member, None)
