"""The ``polish-tutor`` command."""

from __future__ import annotations

import os
import signal
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer

from polish_tutor.logs import configure_logging
from polish_tutor.settings import Settings

app = typer.Typer(help="Patient Polish Tutor", no_args_is_help=True, add_completion=False)
lessons_app = typer.Typer(help="Lesson files", no_args_is_help=True)
app.add_typer(lessons_app, name="lessons")
prompts_app = typer.Typer(help="Prompt files", no_args_is_help=True)
app.add_typer(prompts_app, name="prompts")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="bind address")] = None,
    port: Annotated[int | None, typer.Option(help="port")] = None,
    tts_workers: Annotated[
        int | None,
        typer.Option(help="speech workers to start (default: 1 embedded, 0 with TUTOR_REDIS_URL)"),
    ] = None,
    workers: Annotated[
        int, typer.Option(help="API processes; they share only the database and Redis")
    ] = 1,
    stt_workers: Annotated[
        int | None,
        typer.Option(
            help="transcription workers to start (default: 1 embedded, 0 with TUTOR_REDIS_URL)"
        ),
    ] = None,
) -> None:
    """Migrate, then run the API (with an embedded Valkey, a speech worker and a transcription
    worker by default)."""
    import uvicorn

    from polish_tutor.app import create_app
    from polish_tutor.embedded.stack import (
        child_environment,
        embedded_valkey,
        forget_worker,
        start_worker,
        start_workers,
        stop_workers,
    )
    from polish_tutor.embedded.supervisor import Supervisor
    from polish_tutor.kit.http_server import ServeConfig, run_server
    from polish_tutor.kit.migrate import upgrade

    configure_logging()
    settings = Settings()
    if host is not None:
        settings.host = host
    if port is not None:
        settings.port = port
    upgrade(settings)
    with ExitStack() as stack:
        # Children that die are started again (logged, with backoff). The supervisor stops
        # restarting before serve stops them (halt, registered last) and outlives them
        # (release, registered first): a child dies with the thread that started it.
        supervisor = Supervisor()
        stack.callback(supervisor.release)
        embedded = settings.embedded_redis
        if embedded:
            settings.redis_url = stack.enter_context(
                embedded_valkey(settings, supervisor=supervisor)
            )
        assert settings.redis_url is not None
        redis_url = settings.redis_url
        count = (
            tts_workers
            if tts_workers is not None
            else (settings.embedded_workers if embedded else 0)
        )
        worker_env = child_environment(settings, redis_url)
        speech_workers = start_workers(count, worker_env)
        stack.callback(stop_workers, speech_workers)
        supervisor.watch(
            "speech worker",
            speech_workers,
            lambda: start_worker(worker_env),
            on_exit=lambda dead: forget_worker(redis_url, dead.pid),
        )
        listeners = (
            stt_workers
            if stt_workers is not None
            else (settings.embedded_stt_workers if embedded else 0)
        )
        transcription_workers = start_workers(listeners, worker_env, "--stt")
        stack.callback(stop_workers, transcription_workers)
        supervisor.watch(
            "transcription worker",
            transcription_workers,
            lambda: start_worker(worker_env, "--stt"),
            on_exit=lambda dead: forget_worker(redis_url, dead.pid),
        )
        stack.callback(supervisor.halt)
        typer.echo(f"Patient Polish Tutor is ready: open http://{settings.host}:{settings.port}")
        # uvicorn re-raises the signal that stopped it once it has shut down; with these
        # handlers in place that re-raise returns here, so the workers and Valkey stop in order.
        for stop_signal in (signal.SIGINT, signal.SIGTERM):
            signal.signal(stop_signal, lambda *_: None)
        # JSON logs: uvicorn's own loggers go through ours (with the request id) too.
        log_config = None if settings.json_logs else uvicorn.config.LOGGING_CONFIG
        # The bounds a public port needs, and the proxies to believe (kit/http_server.py).
        options: dict[str, Any] = {
            "host": settings.host,
            "port": settings.port,
            "log_level": "info",
            "log_config": log_config,
            "timeout_graceful_shutdown": 5,
            "header_timeout": settings.header_timeout,
            "max_header_bytes": settings.max_header_bytes,
            "max_connections": settings.max_connections,
            "trusted_proxies": settings.trusted_proxies,
        }
        if workers > 1:
            # Each API process builds its own app from the environment.
            os.environ.update(child_environment(settings, redis_url))
            # One /metrics for all of them (prometheus-client's multiprocess mode), in a folder
            # of the operator's or in one of ours, removed when they have all stopped.
            if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
                os.environ["PROMETHEUS_MULTIPROC_DIR"] = stack.enter_context(
                    tempfile.TemporaryDirectory(prefix="tutor-metrics-")
                )
            app_factory = "polish_tutor.app:create_app"
            run_server(ServeConfig(app_factory, factory=True, workers=workers, **options))
        else:
            run_server(ServeConfig(create_app(settings), **options))


@app.command()
def worker(
    burst: Annotated[bool, typer.Option(help="exit when the queue is empty")] = False,
    maintenance_interval: Annotated[
        int, typer.Option(help="seconds between registry clean-ups (abandoned-job recovery)")
    ] = 60,
    metrics_port: Annotated[
        int | None,
        typer.Option(help="serve Prometheus metrics on this port (TUTOR_WORKER_METRICS_PORT)"),
    ] = None,
    stt: Annotated[
        bool,
        typer.Option(
            "--stt",
            help="transcribe learners' recordings (TUTOR_STT_QUEUE) instead: the model loads "
            "once and jobs run in this process",
        ),
    ] = False,
    background_of: Annotated[
        int | None,
        typer.Option(
            hidden=True,
            help="run as the background process of the speech worker with this PID "
            "(the worker starts it itself)",
        ),
    ] = None,
) -> None:
    """Run one RQ speech worker (or, with --stt, one transcription worker) against
    TUTOR_REDIS_URL. A speech worker starts its background process itself: speech made ahead
    of time and summaries a model writes, at a lower CPU priority."""
    from polish_tutor.worker import metrics

    settings = Settings()
    metrics_port = metrics_port if metrics_port is not None else settings.worker_metrics_port
    # A background process writes its values where its worker's endpoint reads them.
    if metrics_port or (background_of is not None and os.environ.get(metrics.MULTIPROC_ENV)):
        metrics.prepare_multiprocess_dir()  # before any metric exists in this process
    from polish_tutor.kit.sentry import init_sentry
    from polish_tutor.worker.run import run

    configure_logging(settings.log_level, json_format=settings.json_logs)
    init_sentry(settings, component="worker")
    if not settings.redis_url:
        typer.echo("TUTOR_REDIS_URL is not set.", err=True)
        raise typer.Exit(2)
    run(
        settings,
        stt=stt,
        burst=burst,
        maintenance_interval=maintenance_interval,
        metrics_port=metrics_port if background_of is None else None,
        background_of=background_of,
    )


@app.command()
def migrate(
    revision: Annotated[str, typer.Argument(help="target revision")] = "head",
) -> None:
    """Bring the database schema up to date (SQLite or PostgreSQL)."""
    from polish_tutor.kit.migrate import upgrade

    configure_logging()
    upgrade(Settings(), revision)
    typer.echo("database is up to date")


@app.command()
def compare(
    expected: Annotated[str | None, typer.Option(help="the expected sentence")] = None,
    answer: Annotated[str | None, typer.Option(help="the learner's answer")] = None,
    jsonl: Annotated[
        bool, typer.Option(help='read {"expected", "answer"} lines on stdin, one result per line')
    ] = False,
    explain_in: Annotated[str, typer.Option(help="en or pl")] = "en",
) -> None:
    """Compare an answer with the expected sentence; print the feedback as JSON."""
    from polish_tutor.language.commands import compare_command

    code = compare_command(expected, answer, jsonl, explain_in, sys.stdin, sys.stdout)
    raise typer.Exit(code)


@app.command()
def check(
    text: Annotated[str | None, typer.Option(help="the learner's sentence")] = None,
    jsonl: Annotated[
        bool, typer.Option(help='read {"text"} lines on stdin, one result per line')
    ] = False,
    explain_in: Annotated[str, typer.Option(help="en or pl")] = "en",
) -> None:
    """Check a free sentence with no expected answer; print the corrections as JSON."""
    from polish_tutor.language.commands import check_command

    raise typer.Exit(check_command(text, jsonl, explain_in, sys.stdin, sys.stdout))


@app.command("lemma-weights")
def lemma_weights(
    path: Annotated[
        Path | None,
        typer.Option(help="where (default: $TUTOR_LEMMA_WEIGHTS or the user's cache folder)"),
    ] = None,
    force: Annotated[bool, typer.Option(help="rebuild even if a valid table is there")] = False,
) -> None:
    """Weigh every lemma of wordfreq's Polish list once (about 30 s, at install time), so that
    check and compare do not weigh them sentence by sentence."""
    from polish_tutor.language.lemma_weights import table_status, write_table

    if not force:
        present = table_status(path)
        if present is not None:
            typer.echo(f"lemma weights are up to date: {present}")
            return
    written, count = write_table(path)
    typer.echo(f"{count} lemma weights written to {written}")


@app.command()
def diacritics() -> None:
    """Restore Polish letters in each line of stdin (zolw → żółw)."""
    from polish_tutor.language.commands import diacritics_command

    raise typer.Exit(diacritics_command(sys.stdin, sys.stdout))


@lessons_app.command("validate")
def lessons_validate(
    directory: Annotated[Path | None, typer.Argument(help="folder of lesson YAML files")] = None,
    practice: Annotated[
        Path | None, typer.Option(help="folder of the free-practice question bank")
    ] = None,
    course: Annotated[
        bool | None,
        typer.Option(
            "--course/--no-course",
            help="also check the course's size (48 lessons, 16 per level, 600 steps, 1,200 "
            "distinct words); default: only for the bundled lessons",
        ),
    ] = None,
) -> None:
    """Check every lesson file (schema, unique ids, that Morfeusz knows every word), that every
    tutor line, accepted answer and declared variant (a woman's and a man's words, each synonym
    swapped in) passes check with no issue, that each level reuses the words of the levels
    before it, and the free-practice questions (the same, with follow-ups and both genders where
    they differ)."""
    from polish_tutor.language import LanguageEngine
    from polish_tutor.lessons.course_checks import COURSE_SIZE, validate_course
    from polish_tutor.lessons.practice import (
        default_practice_dir,
        morfeusz_gender_checks,
        validate_practice,
    )
    from polish_tutor.lessons.validation import (
        default_lessons_dir,
        morfeusz_is_known,
        validate_lessons,
    )

    folder = directory or Settings().lessons_dir or default_lessons_dir()
    questions = practice or default_practice_dir()
    is_known = morfeusz_is_known()
    problems: list[tuple[str, str]] = [
        (p.file, p.message) for p in validate_lessons(folder, is_known)
    ]
    checked = validate_course(
        folder,
        LanguageEngine.load(),
        size=COURSE_SIZE if (directory is None if course is None else course) else None,
    )
    problems += [(p.file, p.message) for p in checked.problems]
    problems += [
        (f"practice/{p.file}", p.message)
        for p in validate_practice(questions, is_known, *morfeusz_gender_checks())
    ]
    for file, message in problems:
        typer.echo(f"{file}: {message}", err=True)
    for f in checked.figures:
        if f.lessons:
            typer.echo(
                f"{f.level}: {f.lessons} lessons, {f.steps} steps, {f.accepted_answers} accepted "
                f"answers, {len(f.words)} distinct words ({len(f.vocabulary)} in the vocabulary "
                f"lists), {len(f.grammar_topics)} grammar topics"
            )
    everything = set().union(*(f.words for f in checked.figures))
    typer.echo(f"the course: {len(everything)} distinct words")
    if problems:
        raise typer.Exit(1)
    typer.echo(f"all lessons in {folder} and the practice questions in {questions} are valid")


@prompts_app.command("validate")
def prompts_validate(
    directory: Annotated[Path | None, typer.Argument(help="folder of prompt YAML files")] = None,
) -> None:
    """Check every prompt file (schema, variables, unique id and version) and the settings."""
    from polish_tutor.ai_agent.prompts import (
        PROMPTS_DIR,
        PromptError,
        PromptRegistry,
        validate_prompts,
    )

    folder = directory or PROMPTS_DIR
    problems = validate_prompts(folder)
    if not problems:
        try:
            PromptRegistry.load(folder, Settings().prompt_versions)
        except PromptError as exc:
            problems = exc.problems
    for problem in problems:
        typer.echo(f"{problem.file}: {problem.message}", err=True)
    if problems:
        raise typer.Exit(1)
    typer.echo(f"all prompts in {folder} are valid")


def main() -> None:  # pragma: no cover
    sys.exit(app())
