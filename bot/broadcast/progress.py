"""How a broadcast looks to people: the announcement, HR's progress message, the final report."""

from __future__ import annotations

import datetime as dt

from bot.broadcast import texts
from bot.broadcast.audience import FIELDS, Audience
from bot.core.messages import Button, Outgoing
from bot.storage.broadcasts import Progress, as_utc
from bot.storage.models import Broadcast

WIB = dt.timezone(dt.timedelta(hours=7), "WIB")
MAX_TEXT = 3500  # leaves room for the title and footer within Telegram's 4,096
MAX_CAPTION_TEXT = 850  # a document caption is limited to 1,024


def number(value: int) -> str:
    """12345 → "12.345", as Indonesian readers expect."""
    return f"{value:,}".replace(",", ".")


def duration(seconds: float) -> str:
    if seconds < 1:
        return texts.LESS_THAN_A_SECOND
    seconds = round(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    parts = []
    if hours:
        parts.append(texts.HOURS.format(n=hours))
    if minutes:
        parts.append(texts.MINUTES.format(n=minutes))
    if secs and not hours:
        parts.append(texts.SECONDS.format(n=secs))
    return "±" + " ".join(parts)


def wib(moment: dt.datetime) -> str:
    return as_utc(moment).astimezone(WIB).strftime("%d-%m-%Y %H:%M")


def parse_time(text: str) -> dt.datetime | None:
    """'25-11-2026 08:00' (also with / or . separators) or ISO 8601; without a zone, WIB."""
    cleaned = " ".join(text.strip().replace("/", "-").split())
    date, _, clock = cleaned.partition(" ")
    candidates = [cleaned.replace(" ", "T", 1), f"{date} {clock.replace('.', ':')}"]
    for candidate in candidates:
        try:
            moment = dt.datetime.fromisoformat(candidate)
        except ValueError:
            try:
                moment = dt.datetime.strptime(candidate, "%d-%m-%Y %H:%M")
            except ValueError:
                continue
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=WIB)
    return None


def describe(audience: Audience) -> str:
    if not audience.filters:
        return texts.EVERYONE
    order = {f: i for i, f in enumerate(FIELDS)}
    return "; ".join(
        f"{texts.BUTTON_FIELDS[f].lower()}: {v}"
        for f, v in sorted(audience.filters, key=lambda fv: order[fv[0]])
    )


def announcement(text: str) -> Outgoing:
    """The message every recipient gets."""
    return Outgoing(text, title=texts.ANNOUNCEMENT_TITLE, footer=texts.ANNOUNCEMENT_FOOTER)


def failures(progress: Progress) -> str:
    return ", ".join(
        f"{texts.FAILURE_KINDS.get(kind, kind)} {number(count)}"
        for kind, count in sorted(progress.failed.items())
    )


def controls(broadcast: Broadcast) -> tuple[tuple[Button, ...], ...]:
    """Pause or resume, and stop, for a broadcast still under way."""
    if broadcast.status == "sending":
        return ((Button(texts.BUTTON_PAUSE, f"sr:pause:{broadcast.id}"),
                 Button(texts.BUTTON_STOP, f"sr:stop:{broadcast.id}")),)
    if broadcast.status == "paused":
        return ((Button(texts.BUTTON_RESUME, f"sr:resume:{broadcast.id}"),
                 Button(texts.BUTTON_STOP, f"sr:stop:{broadcast.id}")),)
    return ()


def progress_message(broadcast: Broadcast, progress: Progress, rate: float) -> Outgoing:
    """HR's one live message: sent, failed by reason, remaining and the time still needed."""
    audience = describe(Audience.from_dict(broadcast.audience))
    lines = [texts.PROGRESS_AUDIENCE.format(audience=audience, total=number(broadcast.total))]
    lines.append(texts.PROGRESS_SENT.format(sent=number(progress.sent)))
    failed = sum(progress.failed.values())
    if failed:
        lines.append(texts.PROGRESS_FAILED.format(
            failed=f"{number(failed)} ({failures(progress)})"))
    if progress.cancelled:
        lines.append(texts.PROGRESS_CANCELLED.format(cancelled=number(progress.cancelled)))
    if broadcast.status in ("sending", "paused"):
        lines.append(texts.PROGRESS_REMAINING.format(
            remaining=number(progress.remaining), eta=duration(progress.remaining / rate)))
    title = texts.PROGRESS_TITLE.format(id=broadcast.id,
                                        status=texts.STATUS.get(broadcast.status, ""))
    return Outgoing("\n".join(lines), title=title, buttons=controls(broadcast))


def final_report(broadcast: Broadcast, progress: Progress) -> Outgoing:
    started = as_utc(broadcast.started_at or broadcast.created_at)
    finished = as_utc(broadcast.finished_at or started)
    failed = sum(progress.failed.values())
    text = texts.REPORT.format(
        id=broadcast.id,
        status=texts.STATUS.get(broadcast.status, broadcast.status),
        duration=duration((finished - started).total_seconds()),
        sent=number(progress.sent),
        total=number(broadcast.total),
        failures=texts.REPORT_FAILURES.format(count=number(failed), detail=failures(progress))
        if failed else "",
        cancelled=texts.REPORT_CANCELLED.format(count=number(progress.cancelled))
        if progress.cancelled else "",
    )
    return Outgoing(text, title=texts.REPORT_TITLE.format(id=broadcast.id))
