"""``karierbot``: run the bot, chat locally, ask, check content, manage the database and roles.

Libraries raise; only this module turns errors into exit codes (1: content or runtime problem,
2: bad usage or input).
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from bot import log_privacy, recommend_cli
from bot.bootstrap import close_services, load_content, load_rules, open_services
from bot.broadcast import shell as broadcast_shell
from bot.config import Settings
from bot.content import ContentError
from bot.ids import user_id_argument
from bot.kb import currency
from bot.kb.evaluation import evaluate_file, format_report
from bot.reports import shell as report_shell

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
NO_TOKEN = """\
TELEGRAM_BOT_TOKEN belum diatur, jadi asisten dibuka sebagai chat konsol lokal.

Untuk menjalankannya di Telegram:
  1. Buka @BotFather di Telegram, kirim /newbot, dan ikuti petunjuknya.
  2. Salin token yang diberikan, lalu simpan di file .env:  TELEGRAM_BOT_TOKEN=123456:ABC...
  3. Jalankan lagi: make run
"""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, Settings().log_level.upper(), logging.INFO),
        format=LOG_FORMAT,
        stream=sys.stderr,
    )
    log_privacy.install()
    for chatty in ("httpx", "bm25s"):  # bm25s logs every index build at DEBUG on its own
        logging.getLogger(chatty).setLevel(logging.WARNING)
    try:
        result: int = args.func(args)
        return result
    except ContentError as exc:
        print(f"{len(exc.problems)} problem(s) in content:", file=sys.stderr)
        print(exc, file=sys.stderr)
        return 1
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="karierbot", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="run the Telegram bot (console chat without a token)")
    run.add_argument("--webhook", action="store_true",
                     help="receive updates on KARIERBOT_WEBHOOK_URL instead of long polling")
    run.set_defaults(func=_run)
    chat = sub.add_parser("chat", help="chat in this terminal (documents go to a folder)")
    _chat_options(chat)
    chat.set_defaults(func=_chat)

    ask = sub.add_parser("ask", help="answer one question from the knowledge base")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object")
    ask.set_defaults(func=_ask)

    sub.add_parser(
        "check", help="validate knowledge/ and rules/, listing every problem"
    ).set_defaults(func=_check)

    content = sub.add_parser("content", help="content currency for HR")
    content_sub = content.add_subparsers(dest="content_command", required=True)
    content_audit = content_sub.add_parser(
        "audit", help="every regulation cited, what rests on it, its status and date")
    content_audit.add_argument("--markdown", type=Path, metavar="FILE",
                               help="also write the report as a Markdown table to FILE")
    content_audit.set_defaults(func=_content_audit)

    evaluation = sub.add_parser("eval", help="measure answers against a question file")
    evaluation.add_argument("file", type=Path)
    evaluation.add_argument("--json", action="store_true")
    evaluation.set_defaults(func=_eval)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    db_sub.add_parser("upgrade", help="apply pending migrations").set_defaults(func=_db_upgrade)

    admin = sub.add_parser("admin", help="manage HR and admin roles (Telegram user ids)")
    admin_sub = admin.add_subparsers(dest="admin_command", required=True)
    for name, helptext in (("add", "grant a role"), ("remove", "make an employee again")):
        cmd = admin_sub.add_parser(name, help=helptext)
        cmd.add_argument("telegram_id", type=user_id_argument)
        if name == "add":
            cmd.add_argument("--role", choices=("admin", "hr"), default="admin")
        cmd.set_defaults(func=_admin)
    admin_sub.add_parser("list", help="list HR and admin users").set_defaults(func=_admin)

    broadcast_shell.register(sub)
    recommend_cli.register(sub)

    report = sub.add_parser("report", help="reports for HR")
    report_sub = report.add_subparsers(dest="report_command", required=True)
    unanswered = report_sub.add_parser("unanswered", help="most frequent unanswered questions")
    unanswered.add_argument("--limit", type=int, default=20)
    unanswered.set_defaults(func=_report_unanswered)
    report_shell.register(report_sub)
    return parser


def _run(args: argparse.Namespace) -> int:
    settings = Settings()
    if settings.telegram_bot_token is None:
        print(NO_TOKEN, file=sys.stderr)
        return _chat(argparse.Namespace(role="employee", files=None))  # loads content once
    knowledge = load_content(settings)
    rules = load_rules(settings)
    from bot.adapters.telegram.app import run_polling, run_webhook

    if args.webhook:
        run_webhook(settings, knowledge, rules)
    else:
        run_polling(settings, knowledge, rules)
    return 0


def _chat_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--as", dest="role", choices=("employee", "hr", "admin"),
                        default="employee", help="the console user's role (default: employee)")
    parser.add_argument("--files", type=Path, default=None,
                        help="folder for the documents the assistant sends "
                             "(default: KARIERBOT_DATA_DIR/console-files)")


def _chat(args: argparse.Namespace) -> int:
    """The console chat; logs go to a file so they never break into the conversation."""
    from bot.adapters.console import chat_session

    settings = Settings()
    log_file = _log_to_file(settings.data_dir / "console.log")
    files = (args.files or settings.data_dir / "console-files").resolve()

    async def chat() -> None:
        services = await open_services(settings)
        try:
            print(f"(peran: {args.role}; catatan log: {log_file})")
            await chat_session(services, args.role, files)
        finally:
            await close_services(services)

    asyncio.run(chat())
    return 0


def _log_to_file(path: Path) -> Path:
    """Send every log record to ``path`` instead of the terminal the chat is in."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    log_privacy.install()  # the file gets the same masking as stderr had
    return path


def _ask(args: argparse.Namespace) -> int:
    index = load_content(Settings()).index
    result = index.search(args.question)
    best = result.best
    answered = result.answered and best is not None
    if args.json:
        print(
            json.dumps(
                {
                    "answered": answered,
                    "answer": best.entry.answer if answered and best else None,
                    "entry_id": best.entry.id if answered and best else None,
                    "score": result.score,
                    "suggestions": [
                        {"entry_id": e.id, "question": e.questions[0]}
                        for e in (result.suggestions if result.decision == "suggest" else [])
                    ],
                    "source": best.entry.source if answered and best else None,
                },
                ensure_ascii=False,
            )
        )
    elif answered and best is not None:
        print(f"{best.entry.answer}\n\nDasar: {best.entry.source}")
    elif result.decision == "suggest":
        print("Maksud Anda:")
        for entry in result.suggestions:
            print(f"  - {entry.questions[0]}")
    else:
        print("Maaf, belum ada jawaban untuk pertanyaan itu.")
    return 0


def _check(_: argparse.Namespace) -> int:
    """Validate knowledge/ and rules/ and report every problem of both at once."""
    settings = Settings()
    problems, found = [], []
    try:
        knowledge = load_content(settings)
        found.append(f"{len(knowledge.index.kb)} knowledge entries in {settings.knowledge_dir}")
    except ContentError as exc:
        problems += exc.problems
    try:
        rules = load_rules(settings)
        found.append(f"{len(rules.book.rules)} rules in {settings.rules_dir}")
    except ContentError as exc:
        problems += exc.problems
    if problems:
        raise ContentError(problems)
    for warning in currency.stale_entries(knowledge.index.kb, dt.date.today()):
        print(f"warning: {warning}")
    print("ok: " + "; ".join(found))
    return 0


def _content_audit(args: argparse.Namespace) -> int:
    """List every regulation the knowledge base and the rules rest on, for review by HR."""
    settings = Settings()
    kb = load_content(settings).index.kb
    rows = currency.audit(kb, currency.rule_basis(settings.rules_dir))
    print(currency.format_audit(rows))
    if args.markdown is not None:
        args.markdown.write_text(currency.format_audit_markdown(rows, dt.date.today()),
                                 encoding="utf-8")
        print(f"written to {args.markdown}")
    return 0


def _eval(args: argparse.Namespace) -> int:
    index = load_content(Settings()).index
    report = evaluate_file(index, args.file)
    print(
        json.dumps(report.as_dict(), ensure_ascii=False, indent=2)
        if args.json
        else format_report(report)
    )
    return 0


def _db_upgrade(_: argparse.Namespace) -> int:
    async def upgrade() -> None:
        services = await open_services(Settings())
        await close_services(services)

    asyncio.run(upgrade())
    print("database is at the latest schema")
    return 0


def _admin(args: argparse.Namespace) -> int:
    async def manage() -> None:
        services = await open_services(Settings())
        try:
            store = services.store
            if args.admin_command == "list":
                for user in await store.privileged_users("telegram"):
                    print(f"{user.external_id}\t{user.role}")
                return
            role = args.role if args.admin_command == "add" else "employee"
            await store.set_role("telegram", str(args.telegram_id), role)
            print(f"{args.telegram_id}: {role}")
        finally:
            await close_services(services)

    asyncio.run(manage())
    return 0


def _report_unanswered(args: argparse.Namespace) -> int:
    async def report() -> None:
        services = await open_services(Settings())
        try:
            for row in await services.store.unanswered(limit=args.limit):
                print(f"{row.count}\t{row.last_asked:%Y-%m-%d}\t{row.normalised}")
        finally:
            await close_services(services)

    asyncio.run(report())
    return 0
