"""python-telegram-bot wiring: updates → core Incoming, core Outgoing → Bot API calls."""

from __future__ import annotations

import asyncio
import logging

from telegram import (
    BotCommand,
    BotCommandScopeChat,
    BotCommandScopeDefault,
    CallbackQuery,
    LinkPreviewOptions,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.adapters.telegram import polling, webhook
from bot.adapters.telegram.aiohttp_request import AiohttpRequest
from bot.adapters.telegram.delivery import NOT_MODIFIED, BroadcastDelivery
from bot.adapters.telegram.leader import LeaderWork
from bot.adapters.telegram.ordering import ChatOrderedProcessor
from bot.adapters.telegram.render import keyboard, render_html
from bot.bootstrap import Services, close_services, open_services
from bot.config import Settings
from bot.core import texts
from bot.core.commands import PRIVILEGED
from bot.core.messages import Incoming, Outgoing
from bot.engine.service import RuleService
from bot.ids import parse_user_id
from bot.kb.service import KnowledgeService
from bot.storage.lease import Lease

log = logging.getLogger(__name__)

CHANNEL = "telegram"
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
_NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
MENU_CHECK_SECONDS = 5.0


def build_application(
    settings: Settings,
    knowledge: KnowledgeService,
    rules: RuleService | None = None,
    deduplicate: bool = False,
) -> Application:  # type: ignore[type-arg]
    """The PTB Application; services open in PTB's own event loop and close with it."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")

    async def post_init(application: Application) -> None:  # type: ignore[type-arg]
        services = application.bot_data["services"] = await open_services(
            settings, knowledge, rules)
        await _publish_commands(application)
        delivery = BroadcastDelivery(settings, services.broadcasts.store)
        application.bot_data["delivery"] = delivery
        leader = LeaderWork(Lease(services.engine), delivery, services.store,
                            settings.retention_days)
        await leader.start()
        application.bot_data["leader"] = leader
        application.bot_data["menus"] = asyncio.create_task(_keep_menus(application))

    async def claim(update_id: int) -> bool:
        services: Services = application.bot_data["services"]
        return await services.store.claim_update(update_id)

    async def post_shutdown(application: Application) -> None:  # type: ignore[type-arg]
        menus = application.bot_data.pop("menus", None)
        if menus is not None:
            menus.cancel()
        leader = application.bot_data.pop("leader", None)
        if leader is not None:
            await leader.stop()
        services = application.bot_data.pop("services", None)
        if services is not None:
            await close_services(services)

    application = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        # aiohttp instead of PTB's default HTTPX: a quarter of the CPU per Bot API call.
        .request(AiohttpRequest(connections=settings.max_concurrent_updates))
        .get_updates_request(AiohttpRequest(connections=1))
        .updater(None)  # our own polling (polling.py) or webhook server (webhook.py)
        .rate_limiter(AIORateLimiter(overall_max_rate=settings.reply_rate, max_retries=3))
        .concurrent_updates(ChatOrderedProcessor(
            settings.max_concurrent_updates, claim if deduplicate else None))
        .post_init(post_init)
        .post_shutdown(post_shutdown)
        .build()
    )
    private = filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & filters.TEXT, on_text))
    application.add_handler(
        MessageHandler(private & ~filters.TEXT & ~filters.StatusUpdate.ALL, on_unsupported)
    )
    application.add_handler(CallbackQueryHandler(on_button))
    application.add_error_handler(on_error)
    return application


def run_polling(settings: Settings, knowledge: KnowledgeService,
                rules: RuleService | None = None) -> None:
    """Long polling until Ctrl+C or SIGTERM; an update is confirmed to Telegram only once it is
    stored, and leaves the store only after it ran (``polling.py``), so a crash loses none."""
    application = build_application(settings, knowledge, rules)
    asyncio.run(polling.serve(application, ALLOWED_UPDATES))


def run_webhook(settings: Settings, knowledge: KnowledgeService,
                rules: RuleService | None = None) -> None:
    """Our webhook server (``webhook.py``); any number may share one database behind a balancer.

    Requests without the secret token are refused with 403; each update runs once, whichever
    worker receives it, and is answered only after it ran, so Telegram keeps a chat's updates
    in order across workers; SIGTERM stops taking updates and finishes those in flight.
    """
    if not settings.webhook_url or settings.webhook_secret is None:
        raise ValueError("webhook mode needs KARIERBOT_WEBHOOK_URL and KARIERBOT_WEBHOOK_SECRET")
    application = build_application(settings, knowledge, rules, deduplicate=True)
    asyncio.run(webhook.serve(application, settings, ALLOWED_UPDATES))


async def on_text(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A typed message or command."""
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    await _dispatch(
        update,
        context,
        Incoming(CHANNEL, str(update.effective_user.id), message.chat_id, text=message.text),
    )


async def on_unsupported(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Stickers, photos, voice notes, files: answered politely, never parsed.

    A document carries its file id, for a dialogue that accepts one (an announcement's).
    """
    message = update.effective_message
    if message is None or update.effective_user is None:
        return
    document = message.document.file_id if message.document else None
    await _dispatch(
        update,
        context,
        Incoming(CHANNEL, str(update.effective_user.id), message.chat_id, kind="unsupported",
                 text=message.caption, attachment=document),
    )


async def on_button(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """An inline button press; the core re-checks who is pressing."""
    query = update.callback_query
    if query is None or query.message is None:
        return
    if query.message.chat.type != ChatType.PRIVATE:
        await query.answer()
        return
    incoming = Incoming(
        CHANNEL,
        str(query.from_user.id),
        query.message.chat.id,
        action=query.data or "",
        kind="action",
    )
    replies = await _services(context).assistant.handle(incoming)
    notices = [r for r in replies if r.kind == "notice"]
    await query.answer(notices[0].text[:200] if notices else None)
    messages = [r for r in replies if r.kind == "message"]
    if messages and messages[0].edit and await _edit(query, messages[0]):
        messages = messages[1:]
    await _send(context, query.message.chat.id, messages)


async def _edit(query: CallbackQuery, reply: Outgoing) -> bool:
    """Replace the pressed message (or only its keyboard); False when it must be sent anew."""
    try:
        if not reply.text and reply.document is None:
            await query.edit_message_reply_markup(reply_markup=keyboard(reply))
            return True
        parts = render_html(reply)
        if reply.document is not None or len(parts) > 1:
            return False
        await query.edit_message_text(parts[0], parse_mode=ParseMode.HTML,
                                      link_preview_options=_NO_PREVIEW,
                                      reply_markup=keyboard(reply))
    except BadRequest as error:
        if NOT_MODIFIED in error.message:
            return True
        log.info("could not edit the pressed message (%s); sending it anew", error.message)
        return not reply.text  # a keyboard-only change is not worth a new message
    return True


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log the failure without message text and tell the user something went wrong."""
    error = context.error
    log.error("update failed: %s", type(error).__name__, exc_info=error)
    if isinstance(update, Update) and update.effective_chat is not None:
        try:
            await context.bot.send_message(update.effective_chat.id, texts.ERROR)
        except TelegramError:
            log.warning("could not report the failure to the chat")


async def _dispatch(
    update: Update,
    context: ContextTypes.DEFAULT_TYPE,
    incoming: Incoming,
) -> None:
    replies = await _services(context).assistant.handle(incoming)
    assert update.effective_chat is not None
    await _send(context, update.effective_chat.id, replies)


async def _send(context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Outgoing]) -> None:
    """Replies go before broadcast traffic: the broadcast sender waits while they are sent."""
    delivery: BroadcastDelivery = context.application.bot_data["delivery"]
    async with delivery.reply(chat_id):
        await _send_now(context, chat_id, replies)


async def _send_now(
    context: ContextTypes.DEFAULT_TYPE, chat_id: int, replies: list[Outgoing]
) -> None:
    for reply in replies:
        if reply.menu_changed_for is not None:
            await _publish_menu(context.application, reply.menu_changed_for)
        target = reply.to_chat or chat_id
        try:
            if reply.document is not None and reply.document.photo:
                await context.bot.send_photo(
                    target,
                    reply.document.content,
                    filename=reply.document.filename,
                    caption=reply.document.caption or None,
                )
                continue
            if reply.document is not None:
                await context.bot.send_document(
                    target,
                    reply.document.content,
                    filename=reply.document.filename,
                    caption=reply.document.caption or None,
                )
                continue
            parts = render_html(reply)
            for index, html in enumerate(parts):
                last = index == len(parts) - 1
                await context.bot.send_message(
                    target,
                    html,
                    parse_mode=ParseMode.HTML,
                    link_preview_options=_NO_PREVIEW,
                    reply_markup=keyboard(reply) if last else None,
                )
        except Forbidden:
            log.info("a chat blocked the bot")
            return


async def _publish_commands(application: Application) -> None:  # type: ignore[type-arg]
    """The menu: employee commands for everyone, HR commands only in HR users' chats."""
    services: Services = application.bot_data["services"]
    assistant = services.assistant
    await application.bot.set_my_commands(
        [BotCommand(c.name, c.description) for c in assistant.menu_for("employee")],
        scope=BotCommandScopeDefault(),
    )
    for user in await services.store.privileged_users(CHANNEL):
        await _publish_menu(application, user.external_id)


async def _keep_menus(application: Application) -> None:  # type: ignore[type-arg]
    """Roles changed from the shell (``karierbot admin``) reach the menus within seconds."""
    while True:
        await asyncio.sleep(MENU_CHECK_SECONDS)
        try:
            services: Services = application.bot_data["services"]
            current = {u.external_id: u.role
                       for u in await services.store.privileged_users(CHANNEL)}
            published: dict[str, str] = application.bot_data.setdefault("published_menus", {})
            for external_id in set(current) | set(published):
                if current.get(external_id, "employee") != published.get(external_id,
                                                                          "employee"):
                    await _publish_menu(application, external_id)
        except Exception as exc:  # a locked database: the next round tries again
            log.warning("menu check failed: %s", type(exc).__name__)


async def _publish_menu(application: Application, external_id: str) -> None:  # type: ignore[type-arg]
    """One user's menu from their current role; employees fall back to the default menu.

    In a private chat the chat id is the user id, so admins set from the shell get their menu
    before they ever write to the bot.
    """
    services: Services = application.bot_data["services"]
    chat_id = parse_user_id(external_id)
    if chat_id is None:  # a row from before ids were checked: no menu for a made-up chat
        log.warning("no menu published for a malformed user id")
        return
    user = await services.store.find_user(CHANNEL, external_id)
    scope = BotCommandScopeChat(chat_id)
    published: dict[str, str] = application.bot_data.setdefault("published_menus", {})
    try:
        if user is None or user.role not in PRIVILEGED:
            await application.bot.delete_my_commands(scope=scope)
            published.pop(external_id, None)
            return
        await application.bot.set_my_commands(
            [BotCommand(c.name, c.description) for c in services.assistant.menu_for(user.role)],
            scope=scope,
        )
        published[external_id] = user.role
    except TelegramError as exc:
        log.warning("could not publish the menu for a chat: %s", type(exc).__name__)


def _services(context: ContextTypes.DEFAULT_TYPE) -> Services:
    services: Services = context.application.bot_data["services"]
    return services
