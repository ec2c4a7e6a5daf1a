"""Prometheus metrics: defined once here, observed where things happen, served at ``/metrics``.

Labels are bounded: driver and provider names, verdicts, statuses, error classes, rate-limit
buckets and route templates (``/tts/status/{audio_job_id}``, never a path with an id in it).
Never a user id, an e-mail address or learner text.

With ``PROMETHEUS_MULTIPROC_DIR`` set (several API processes, or the RQ worker whose jobs run
in forked work-horses) the values live in files in that directory and a scrape reads them all;
otherwise they live in this process's default registry.
"""

from __future__ import annotations

import glob
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.metrics import MetricWrapperBase
from prometheus_client.registry import Collector

M = TypeVar("M", bound=MetricWrapperBase)

__all__ = ["CONTENT_TYPE_LATEST"]

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"

_LATENCY_BUCKETS = (0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0)
_SPEECH_BUCKETS = (0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 60.0, 120.0, 300.0, 600.0)

# --- learner-facing -----------------------------------------------------------------------
CHAT_LATENCY = Histogram(
    "tutor_chat_latency_seconds",
    "Time to answer POST /chat, by the driver that answered and the verdict on the answer",
    ["driver", "verdict"],
    buckets=_LATENCY_BUCKETS,
)
HTTP_REQUESTS = Counter(
    "tutor_http_requests",
    "HTTP requests answered, by method, route template and status code",
    ["method", "route", "status"],
)
STREAM_ERRORS = Counter(
    "tutor_chat_stream_errors",
    "Streamed turns (POST /chat/stream) that ended in an error event inside their 200 response, "
    "by the error's code and the status it stands for",
    ["code", "status"],
)
HTTP_LATENCY = Histogram(
    "tutor_http_request_duration_seconds",
    "HTTP request duration, by method and route template",
    ["method", "route"],
    buckets=_LATENCY_BUCKETS,
)

# --- agent providers ----------------------------------------------------------------------
DRIVER_CALL_LATENCY = Histogram(
    "tutor_agent_driver_call_seconds",
    "One reply from an agent provider (retries included), by provider and outcome",
    ["provider", "outcome"],
    buckets=_LATENCY_BUCKETS,
)
DRIVER_ERRORS = Counter(
    "tutor_agent_driver_errors",
    "Agent provider calls that failed (after retries), by provider and error class",
    ["provider", "error_class"],
)
FALLBACKS = Counter(
    "tutor_agent_fallbacks",
    "Turns answered by the local driver because the provider failed",
    ["provider", "error_class"],
)
GROUNDING_CHECKED = Counter(
    "tutor_grounding_checked_corrections",
    "LLM corrections checked by the language engine",
)
GROUNDING_DROPPED = Counter(
    "tutor_grounding_dropped_corrections",
    "LLM corrections dropped because the language engine could not confirm them",
)
GROUNDING_ADDED = Counter(
    "tutor_grounding_added_corrections",
    "Errors the language engine is sure of that the LLM did not correct (added to the feedback)",
)

# --- sessions -----------------------------------------------------------------------------
HOT_SESSION = Counter(
    "tutor_hot_session_reads",
    "Hot session state reads from Redis: hit, miss (rebuilt from the database) or error",
    ["result"],
)
SUMMARIES = Counter(
    "tutor_session_summaries",
    "Transcript summaries written by workers, by method (llm, extractive)",
    ["method"],
)

# --- speech -------------------------------------------------------------------------------
TTS_CACHE = Counter(
    "tutor_tts_cache_requests",
    "Speech requests answered from the audio cache (hit) or sent to the queue (miss)",
    ["result"],
)
TTS_JOBS = Counter(
    "tutor_tts_jobs",
    "Speech jobs run by workers, by outcome (finished, cached, failed, retry, withdrawn) "
    "and driver",
    ["status", "driver"],
)
TTS_SYNTHESIS = Histogram(
    "tutor_tts_synthesis_seconds",
    "Time a speech driver took to synthesise one request",
    ["driver"],
    buckets=_SPEECH_BUCKETS,
)
AUDIO_READY = Histogram(
    "tutor_tts_turn_to_audio_ready_seconds",
    "From the turn that asked for speech (outbox row created) to audio_ready",
    ["driver"],
    buckets=_SPEECH_BUCKETS,
)

# --- abuse and auth -----------------------------------------------------------------------
AUTH_FAILURES = Counter(
    "tutor_auth_failures",
    "Requests refused with 401, by reason (the error code)",
    ["reason"],
)
RATE_LIMITED = Counter(
    "tutor_rate_limit_rejections",
    "Requests refused with 429, by rate-limit bucket",
    ["bucket"],
)


# Children a turn observes, looked up once like ``_HTTP_CHILDREN`` below (``labels()`` takes a
# lock and builds its key on every call); bounded like the labels. ``labels()`` gives the same
# child each time (nothing removes one), so a remembered child is the one it would give.
_CHILDREN: dict[tuple[int, tuple[str, ...]], Any] = {}


def child(metric: M, *values: str) -> M:
    """``metric.labels(*values)``, looked up once per process."""
    key = (id(metric), values)
    found = _CHILDREN.get(key)
    if found is None:
        found = _CHILDREN[key] = metric.labels(*values)
    return cast(M, found)


def observe_chat(driver: str, verdict: str | None, seconds: float) -> None:
    child(CHAT_LATENCY, driver or "unknown", verdict or "none").observe(seconds)


# --- scrape-time gauges -------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class PipelineSnapshot:
    """Read when Prometheus scrapes: the same for every API process, so not multiprocess."""

    queue_depth: int | None
    workers: int | None
    outbox_rows: dict[str, int]
    oldest_outbox_age: float | None


class SnapshotCollector(Collector):
    def __init__(self, snapshot: PipelineSnapshot) -> None:
        self.snapshot = snapshot

    def collect(self) -> Iterator[Metric]:
        snap = self.snapshot
        depth = GaugeMetricFamily(
            "tutor_tts_queue_depth", "Speech jobs waiting on the RQ queue (NaN: Redis unreachable)"
        )
        depth.add_metric([], float("nan") if snap.queue_depth is None else snap.queue_depth)
        yield depth
        workers = GaugeMetricFamily(
            "tutor_tts_workers", "RQ speech workers registered on the queue"
        )
        workers.add_metric([], float("nan") if snap.workers is None else snap.workers)
        yield workers
        rows = GaugeMetricFamily(
            "tutor_tts_outbox_rows", "Speech requests not done yet, by status", labels=["status"]
        )
        for status in ("pending", "enqueued"):
            rows.add_metric([status], snap.outbox_rows.get(status, 0))
        yield rows
        age = GaugeMetricFamily(
            "tutor_tts_outbox_oldest_age_seconds",
            "Age of the oldest speech request still pending or enqueued (0 when none)",
        )
        age.add_metric([], snap.oldest_outbox_age or 0.0)
        yield age


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


def process_registry() -> CollectorRegistry:
    """This process's metrics, or every process's when ``PROMETHEUS_MULTIPROC_DIR`` is set."""
    path = multiprocess_dir()
    if path is None:
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
    return registry


def render(extra: Iterable[Collector] = ()) -> bytes:
    """The exposition text: the process (or multiprocess) metrics, then ``extra`` collectors."""
    output = generate_latest(process_registry())
    extras = list(extra)
    if extras:
        registry = CollectorRegistry(auto_describe=False)
        for collector in extras:
            registry.register(collector)
        output += generate_latest(registry)
    return output


def compact_dead_files(path: str, live_pids: Iterable[int]) -> int:
    """Fold the counter/histogram files of processes that exited into one archive per type.

    RQ forks a work-horse per job, so each job leaves its own files; without this the
    directory (and every scrape) would grow with the number of jobs. Counters and histogram
    buckets are sums, so adding a dead process's values into an archive file keeps totals.
    Gauges are left alone (workers set none). Returns the number of files folded.
    """
    from prometheus_client.mmap_dict import MmapedDict

    live = {str(pid) for pid in live_pids}
    folded = 0
    for typ in ("counter", "histogram", "summary"):
        archive_path = os.path.join(path, f"{typ}_archive.db")
        dead = [
            f
            for f in glob.glob(os.path.join(path, f"{typ}_*.db"))
            if f != archive_path and os.path.basename(f)[len(typ) + 1 : -3] not in live
        ]
        if not dead:
            continue
        archive = MmapedDict(archive_path)  # type: ignore[no-untyped-call]
        try:
            for f in dead:
                values = MmapedDict.read_all_values_from_file(f)  # type: ignore[no-untyped-call]
                for key, value, _timestamp, _pos in values:
                    current, _ = archive.read_value(key)  # type: ignore[no-untyped-call]
                    archive.write_value(key, current + value, time.time())  # type: ignore[no-untyped-call]
                os.unlink(f)
                folded += 1
        finally:
            archive.close()  # type: ignore[no-untyped-call]
    return folded


_METHODS = frozenset({"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"})
# Each (method, route, status)'s counter and (method, route)'s histogram, looked up once:
# ``labels()`` takes a lock and builds its key on every call. Bounded like the labels.
_HTTP_CHILDREN: dict[tuple[str, str, int], tuple[Any, Any]] = {}


def observe_http(method: str, route: str, status: int, seconds: float) -> None:
    """One HTTP request answered (``kit.middleware.HttpEdge``), by route template."""
    children = _HTTP_CHILDREN.get((method, route, status))
    if children is None:
        label = method if method in _METHODS else "other"
        children = _HTTP_CHILDREN[(method, route, status)] = (
            HTTP_REQUESTS.labels(method=label, route=route, status=str(status)),
            HTTP_LATENCY.labels(method=label, route=route),
        )
    children[0].inc()
    children[1].observe(seconds)
