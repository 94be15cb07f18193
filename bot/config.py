"""Typed settings from the environment (and an optional .env file)."""

from __future__ import annotations

from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.ids import parse_user_id

REPO_ROOT = Path(__file__).resolve().parent.parent
TELEGRAM_API = "https://api.telegram.org/bot"


class Settings(BaseSettings):
    """Everything configurable; names match the README's configuration table."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    telegram_bot_token: SecretStr | None = Field(
        None, validation_alias=AliasChoices("TELEGRAM_BOT_TOKEN")
    )
    telegram_api_base_url: str = Field(
        TELEGRAM_API, validation_alias=AliasChoices("TELEGRAM_API_BASE_URL")
    )
    data_dir: Path = Field(REPO_ROOT / "data", validation_alias=AliasChoices("KARIERBOT_DATA_DIR"))
    database_url: str = Field("", validation_alias=AliasChoices("DATABASE_URL"))
    admin_ids_raw: str = Field("", validation_alias=AliasChoices("KARIERBOT_ADMIN_IDS"))
    knowledge_dir: Path = Field(
        REPO_ROOT / "knowledge", validation_alias=AliasChoices("KARIERBOT_KNOWLEDGE_DIR")
    )
    rules_dir: Path = Field(
        REPO_ROOT / "rules", validation_alias=AliasChoices("KARIERBOT_RULES_DIR")
    )
    log_level: str = Field("INFO", validation_alias=AliasChoices("KARIERBOT_LOG_LEVEL"))
    retention_days: int = Field(
        90, gt=0, validation_alias=AliasChoices("KARIERBOT_RETENTION_DAYS"))
    webhook_url: str = Field("", validation_alias=AliasChoices("KARIERBOT_WEBHOOK_URL"))
    webhook_listen: str = Field(
        "127.0.0.1", validation_alias=AliasChoices("KARIERBOT_WEBHOOK_LISTEN"))
    webhook_port: int = Field(8443, validation_alias=AliasChoices("KARIERBOT_WEBHOOK_PORT"))
    webhook_secret: SecretStr | None = Field(
        None, validation_alias=AliasChoices("KARIERBOT_WEBHOOK_SECRET"))
    # Telegram's bound on webhook requests in flight for this bot, over all workers together.
    webhook_max_connections: int = Field(
        40, ge=1, le=100, validation_alias=AliasChoices("KARIERBOT_WEBHOOK_MAX_CONNECTIONS"))
    reply_rate: float = Field(30.0, gt=0, validation_alias=AliasChoices("KARIERBOT_REPLY_RATE"))
    flood_limit: int = Field(20, gt=0, validation_alias=AliasChoices("KARIERBOT_FLOOD_LIMIT"))
    max_concurrent_updates: int = Field(
        16, gt=0, validation_alias=AliasChoices("KARIERBOT_CONCURRENT_UPDATES"))
    broadcast_rate: float = Field(
        25.0, gt=0, validation_alias=AliasChoices("KARIERBOT_BROADCAST_RATE")
    )

    @field_validator("telegram_bot_token", mode="before")
    @classmethod
    def _empty_token_is_none(cls, value: object) -> object:
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def admin_ids(self) -> list[int]:
        """KARIERBOT_ADMIN_IDS as integers; a typo is an error at start-up, not a silent skip."""
        ids = []
        for part in self.admin_ids_raw.replace(";", ",").split(","):
            if part.strip():
                user_id = parse_user_id(part.strip())
                if user_id is None:
                    raise ValueError(f"KARIERBOT_ADMIN_IDS: '{part.strip()}' is not a user id")
                ids.append(user_id)
        return ids

    @property
    def async_database_url(self) -> str:
        """DATABASE_URL with an async driver; defaults to SQLite in the data folder."""
        url = self.database_url.strip()
        if not url:
            return f"sqlite+aiosqlite:///{self.data_dir / 'karierbot.db'}"
        for plain, driver in (
            ("postgresql://", "postgresql+asyncpg://"),
            ("postgres://", "postgresql+asyncpg://"),
            ("sqlite://", "sqlite+aiosqlite://"),
        ):
            if url.startswith(plain):
                return driver + url[len(plain) :]
        return url
