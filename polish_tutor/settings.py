"""All configuration, read from ``TUTOR_*`` environment variables (and ``.env``)."""

from __future__ import annotations

import os
import secrets
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

_SECRET_KEY_FILE = "secret_key"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="TUTOR_", env_file=".env", extra="ignore", frozen=False
    )

    env: Literal["development", "production"] = "development"
    var_dir: Path = Path("var")
    host: str = "127.0.0.1"
    port: int = 8000
    # What `serve` accepts from a client (kit/http_server.py): a header section at most this
    # large, complete within this time; at most this many open connections per API process.
    max_header_bytes: int = Field(default=16 * 1024, ge=1024)
    header_timeout: float = Field(default=10.0, gt=0, description="seconds")
    max_connections: int = Field(default=1000, ge=1)
    # Addresses or networks (comma-separated) of the proxies whose X-Forwarded-For is believed:
    # the client address of per-address limits. Nobody by default, loopback included.
    trusted_proxies: str = ""

    # Storage. None means the embedded default: SQLite in var/tutor.db.
    database_url: str | None = None
    # Ping PostgreSQL before each request uses a pooled connection (three round trips): only
    # where something between the API and the database drops idle connections silently.
    db_pre_ping: bool = False
    # PostgreSQL connections an API process keeps open, and how many more it may open under a
    # burst. Connections past the pool are closed as soon as they are returned, so a pool
    # smaller than the requests in flight opens a new connection (a new server process)
    # for most requests. Keep (pool + overflow) x API processes under max_connections.
    db_pool_size: int = Field(default=10, ge=1)
    db_max_overflow: int = Field(default=20, ge=0)
    # Queue and hot state. None means `serve` starts an embedded Valkey under var/.
    redis_url: str | None = None
    # Connections an API process opens to Redis at most; requests past it wait for one.
    redis_max_connections: int = Field(default=64, ge=2)

    agent_driver: Literal["local", "openai", "flowise", "langchain"] = "local"
    # A built-in name, or "package.module:factory" for a driver of your own.
    tts_driver: str = Field(default="espeak", pattern=r"^(espeak|murf|openai|[\w.]+:\w+)$")
    tts_voice: str = "pl"
    # Voices a learner may ask for besides the driver's own (tts/drivers/voices.py).
    tts_voices: list[str] = Field(default_factory=list)
    tts_format: Literal["wav", "mp3"] = "wav"
    # Speech a learner is waiting for; speech made ahead of time goes to "<tts_queue>-ahead",
    # which workers serve only when this one is empty.
    tts_queue: str = "tts"
    tts_job_timeout: int = Field(default=60, ge=1)
    tts_max_text: int = Field(default=2000, ge=1)

    # Speech recognition (the learner speaking): "whisper" (faster-whisper, offline), "openai"
    # (OpenAI's transcription API or a server that speaks it), or "package.module:factory".
    stt_driver: str = Field(default="whisper", pattern=r"^(whisper|openai|[\w.]+:\w+)$")
    # A CTranslate2 Whisper model folder, or a model name already in the local Hugging Face
    # cache; unset: the packaged whisper-base (joined on first use, never downloaded).
    stt_model: str | None = None
    stt_model_cache: Path | None = None  # where the packaged model is joined (~/.cache/...)
    stt_cpu_threads: int = Field(default=2, ge=1)
    stt_queue: str = "stt"
    stt_job_timeout: int = Field(default=60, ge=1)
    stt_max_seconds: float = Field(default=15.0, gt=0, le=120)
    stt_max_bytes: int = Field(default=2 * 1024 * 1024, ge=1024)
    # Seconds a learner's recording is kept after its transcription; 0 deletes it at once.
    stt_keep_audio: int = Field(default=0, ge=0)
    # Words the recogniser heard with less confidence than this are "not clear", not "wrong".
    stt_unclear_below: float = Field(default=0.5, ge=0, le=1)
    stt_per_user: int = Field(default=30, ge=1)
    openai_stt_model: str = "whisper-1"
    embedded_stt_workers: int = Field(default=1, ge=0)

    # Session context: what the driver sees each turn is the running summary plus the last
    # `context_turns` turns; a summary job folds older turns in once more than
    # `summary_after` of them lie outside that window.
    context_turns: int = Field(default=8, ge=2, le=100)
    summary_after: int = Field(default=16, ge=2)
    summary_queue: str = "summaries"
    # Hot session state lives in Redis this long after a session's last turn.
    hot_session_ttl: int = Field(default=24 * 3600, ge=60, description="seconds")

    # --- AI and speech providers ---
    # OpenAI or any OpenAI-compatible server (vLLM :8000/v1, Ollama :11434/v1, llama.cpp :8080/v1).
    openai_base_url: str = "https://api.openai.com/v1"
    openai_api_key: SecretStr | None = None
    openai_model: str = "gpt-4o-mini"
    openai_timeout: float = Field(default=20.0, gt=0, description="seconds per provider call")
    flowise_base_url: str = "http://127.0.0.1:3000"
    flowise_chatflow_id: str | None = None
    flowise_api_key: SecretStr | None = None
    flowise_streaming: bool = False
    # The chatflow keeps the conversation in its own memory (keyed by our session id): then
    # no `history` is sent, or Flowise would put the recent turns before the model twice.
    flowise_flow_memory: bool = True
    murf_base_url: str = "https://api.murf.ai"
    murf_api_key: SecretStr | None = None
    murf_voice: str = "pl-PL-jacek"
    openai_tts_model: str = "gpt-4o-mini-tts"
    openai_tts_voice: str = "alloy"
    provider_timeout: float = Field(default=30.0, gt=0, description="seconds per speech call")
    provider_max_retries: int = Field(default=2, ge=0, le=10)
    provider_backoff: float = Field(default=0.5, ge=0, description="first retry delay, seconds")
    provider_max_backoff: float = Field(default=8.0, ge=0)
    breaker_failure_threshold: int = Field(default=5, ge=1)
    breaker_reset_seconds: float = Field(default=30.0, gt=0)
    # Prompt id -> version; a prompt not named here uses its latest version.
    prompt_versions: dict[str, str] = Field(default_factory=dict)
    tts_retry_intervals: list[int] = Field(default_factory=lambda: [2, 10, 30], min_length=1)

    # If unset, generated once into var/secret_key; never a constant in code.
    secret_key: SecretStr | None = None
    audio_url_ttl: int = Field(default=3600, ge=1, description="seconds a signed audio URL lives")

    # Accounts and abuse limits.
    access_token_ttl: timedelta = timedelta(minutes=15)
    refresh_token_ttl: timedelta = timedelta(days=30)
    rate_window: int = Field(default=60, ge=1, description="seconds of each rate-limit window")
    register_per_ip: int = Field(default=10, ge=1)
    login_per_ip: int = Field(default=20, ge=1)
    # Wrong passwords: from one address for one account, and for one account from everywhere
    # (looser, so that an attacker who fails from many addresses does not lock its owner out:
    # the right password from another address still works), per failure window.
    login_failures_per_address: int = Field(default=10, ge=1)
    login_failures_per_account: int = Field(default=100, ge=1)
    login_failure_window: int = Field(default=900, ge=1, description="seconds")
    chat_per_user: int = Field(default=60, ge=1)
    tts_per_user: int = Field(default=60, ge=1)
    max_body_bytes: int = Field(default=64 * 1024, ge=1024)
    cors_origins: list[str] = Field(default_factory=list)

    lessons_dir: Path | None = None
    presynthesis: bool = True  # synthesise a lesson's lines when a learner starts it
    # What the API loads ahead in the background once it has started (LanguageEngine.prepare):
    # "english" the English word list compare consults for words Morfeusz does not know (about
    # 1 s once, else paid inside the first such turn); "answers" (the default) also what compare
    # remembers of the course's accepted answers alone (LanguageEngine.prepare_answers: about 1
    # s of CPU and 30 MB once per process, for a first learner's wrong answer 1.7 -> 1.1 ms of
    # the engine); "course" also every form of their words (about 3 s of CPU and 26 MB more,
    # and full garbage collections about three times longer); "off" nothing (the tests).
    prepare_language: Literal["english", "answers", "course", "off"] = "answers"
    outbox_poll_interval: float = Field(default=1.0, gt=0)
    embedded_workers: int = Field(default=1, ge=0)

    # Operations: logs, error reporting, metrics (README "Production").
    log_format: Literal["text", "json"] | None = None  # default: json when env=production
    log_level: str = "INFO"
    sentry_dsn: SecretStr | None = None
    sentry_environment: str | None = None  # default: env
    sentry_traces_sample_rate: float = Field(default=0.0, ge=0, le=1)
    worker_metrics_port: int | None = Field(default=None, ge=0, le=65535)

    @property
    def json_logs(self) -> bool:
        if self.log_format is not None:
            return self.log_format == "json"
        return self.env == "production"

    @property
    def audio_dir(self) -> Path:
        return self.var_dir / "audio"

    @property
    def tts_ahead_queue(self) -> str:
        return f"{self.tts_queue}-ahead"

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return normalise_database_url(self.database_url)
        return f"sqlite+aiosqlite:///{(self.var_dir / 'tutor.db').resolve()}"

    @property
    def embedded_redis(self) -> bool:
        return not self.redis_url

    @cached_property
    def secret(self) -> bytes:
        """The signing key: from settings, else from var/secret_key (created once, mode 0600)."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value().encode()
        path = self.var_dir / _SECRET_KEY_FILE
        if not path.exists():
            self.var_dir.mkdir(parents=True, exist_ok=True)
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass  # another process won the race; read its key below
            else:
                with os.fdopen(fd, "w") as handle:
                    handle.write(secrets.token_urlsafe(48))
        return path.read_text().strip().encode()


def normalise_database_url(url: str) -> str:
    """Accept the usual spellings and pick the async driver for each database."""
    for prefix in ("postgres://", "postgresql://", "postgresql+psycopg://"):
        if url.startswith(prefix):
            return "postgresql+asyncpg://" + url[len(prefix) :]
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url[len("sqlite:///") :]
    return url


def sync_database_url(async_url: str) -> str:
    """The same database through a synchronous driver, for RQ jobs and Alembic."""
    if async_url.startswith("postgresql+asyncpg://"):
        return "postgresql+psycopg://" + async_url[len("postgresql+asyncpg://") :]
    if async_url.startswith("sqlite+aiosqlite://"):
        return "sqlite://" + async_url[len("sqlite+aiosqlite://") :]
    return async_url
