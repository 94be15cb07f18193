"""``karierbot broadcast …``: the same broadcasts from the shell; the running bot delivers them.

Bad input raises ValueError, which the CLI turns into exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
from collections.abc import Awaitable, Callable

from bot.bootstrap import close_services, open_services
from bot.broadcast.audience import FIELDS, Audience
from bot.broadcast.progress import parse_time, wib
from bot.broadcast.service import Broadcasts
from bot.config import Settings
from bot.ids import id_argument
from bot.storage.broadcasts import Progress
from bot.storage.models import Broadcast, utcnow

STEER = {"pause": "paused", "resume": "sending", "cancel": "cancelled"}


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = commands.add_parser("broadcast", help="announcements to subscribed employees")
    sub = parser.add_subparsers(dest="broadcast_command", required=True)
    create = sub.add_parser("create", help="queue an announcement for the running bot to send")
    create.add_argument("--text", required=True, help="the announcement (plain text)")
    create.add_argument("--where", action="append", default=[], metavar="FIELD=VALUE",
                        help=f"audience filter, repeatable; FIELD is one of {', '.join(FIELDS)}; "
                             "golongan takes a range such as III/a-III/d")
    create.add_argument("--at", metavar="ISO-TIME",
                        help="send later, e.g. 2026-11-25T08:00 (without a zone: WIB)")
    create.add_argument("--yes", action="store_true",
                        help="create it; without --yes only the preview is printed")
    create.set_defaults(func=_create)
    sub.add_parser("list", help="the latest broadcasts").set_defaults(func=_list)
    for name, text in (("status", "progress of one broadcast"), ("pause", "pause sending"),
                       ("resume", "resume a paused broadcast"), ("cancel", "stop for good")):
        command = sub.add_parser(name, help=text)
        command.add_argument("id", type=id_argument)
        command.set_defaults(func=_status if name == "status" else _steer)


def _with_broadcasts(work: Callable[[Broadcasts], Awaitable[int]]) -> int:
    async def run() -> int:
        services = await open_services(Settings())
        try:
            return await work(services.broadcasts)
        finally:
            await close_services(services)

    return asyncio.run(run())


def _create(args: argparse.Namespace) -> int:
    audience = Audience.from_conditions(args.where)
    send_at = None
    if args.at:
        send_at = parse_time(args.at)
        if send_at is None:
            raise ValueError(f"--at: '{args.at}' is not a time such as 2026-11-25T08:00")
        if send_at <= utcnow():
            raise ValueError("--at: that time has passed")

    async def create(broadcasts: Broadcasts) -> int:
        if not args.yes:
            preview = await broadcasts.preview(audience)
            print(f"{preview.count} recipient(s), about {preview.seconds:.0f} s at "
                  f"{broadcasts.rate:g} messages/s; add --yes to create it")
            return 0
        broadcast = await broadcasts.create(args.text, audience, created_by=None,
                                            send_at=send_at)
        when = f"at {wib(broadcast.send_at)} WIB" if send_at else "now"
        print(f"broadcast {broadcast.id}: {broadcast.total} recipient(s), sending {when}")
        return 0

    return _with_broadcasts(create)


def _list(_: argparse.Namespace) -> int:
    async def show(broadcasts: Broadcasts) -> int:
        for broadcast in await broadcasts.store.latest():
            progress = await broadcasts.store.progress(broadcast.id)
            print(f"{broadcast.id}\t{broadcast.status}\t{wib(broadcast.created_at)}\t"
                  f"{progress.sent}/{broadcast.total}\t{_audience(broadcast)}\t"
                  f"{broadcast.text[:40]!r}")
        return 0

    return _with_broadcasts(show)


def _status(args: argparse.Namespace) -> int:
    async def show(broadcasts: Broadcasts) -> int:
        found = await broadcasts.status(args.id)
        if found is None:
            raise ValueError(f"no broadcast {args.id}")
        print(_describe(*found))
        return 0

    return _with_broadcasts(show)


def _steer(args: argparse.Namespace) -> int:
    status = STEER[args.broadcast_command]

    async def steer(broadcasts: Broadcasts) -> int:
        changed = await broadcasts.steer(args.id, status, actor_id=None)
        if changed is None:
            current = await broadcasts.store.get(args.id)
            state = current.status if current else "missing"
            raise ValueError(f"broadcast {args.id} is {state}; cannot {args.broadcast_command}")
        print(f"broadcast {args.id}: {changed.status}")
        return 0

    return _with_broadcasts(steer)


def _audience(broadcast: Broadcast) -> str:
    filters = Audience.from_dict(broadcast.audience).filters
    return "; ".join(f"{f}={v}" for f, v in filters) or "all subscribers"


def _describe(broadcast: Broadcast, progress: Progress) -> str:
    failed = ", ".join(f"{kind} {count}" for kind, count in sorted(progress.failed.items()))
    lines = [
        f"broadcast {broadcast.id}: {broadcast.status}",
        f"audience: {_audience(broadcast)} ({broadcast.total} recipients)",
        f"send at: {wib(broadcast.send_at)} WIB",
        f"sent: {progress.sent}",
        f"failed: {sum(progress.failed.values())}" + (f" ({failed})" if failed else ""),
        f"cancelled: {progress.cancelled}",
        f"remaining: {progress.remaining}",
        f"content sha256: {broadcast.content_hash}",
    ]
    if broadcast.finished_at is not None:
        lines.insert(3, f"finished: {wib(broadcast.finished_at)} WIB")
    return "\n".join(lines)
