"""Running an RQ worker process: ``polish-tutor worker`` (speech and summaries) and
``polish-tutor worker --stt`` (transcription).

Every job runs in a long-lived process, one after another, without a fork per job (RQ's
``SimpleWorker``): the speech driver, the database pool and Redis are built once. The speech
worker itself serves what a learner waits for: speech, and extractive summaries (the local
driver: a fold of the few turns that left a session's window, a few milliseconds). Jobs nobody
waits for yet (speech made ahead of time, summaries a model writes, up to 120 s each) run in
its background process (:mod:`polish_tutor.worker.background`): one child of the worker,
started and ended with it, restarted by it if it dies, at a lower CPU priority, that runs them
the same way (:func:`polish_tutor.worker.queues.background_queues`). So a learner's speech
never waits behind a model's summary, and a job made ahead costs no fork.

What the forking worker guaranteed still holds, in both processes:

- **a worker killed mid-job loses no job**: the job stays in RQ's started registry; the next
  worker's maintenance finds it abandoned and retries it, and the outbox relay's sweep sends
  a request whose job vanished again;
- **a stuck job is timed out**: ``SIGALRM`` interrupts it as in a work-horse (its domain ends
  it on the last try); one that does not return even then (stuck in C) is ended by the guard
  (:mod:`polish_tutor.worker.guard`) — its requests failed, the learner told, RQ's job failed
  without a retry — and the process then starts afresh in place (``exec``, same pid: a
  supervisor sees nothing), since a thread stuck in a driver may hold its lock for ever;
- **SIGTERM is a warm shutdown** (the job in hand finishes), a second one a cold one; the
  worker forwards both to its background process and waits for it.

A job costs RQ's bookkeeping only: the worker's Redis round
trips between two jobs are trimmed to what RQ needs (:class:`TutorWorker`: a heartbeat only
when the worker's keys would otherwise expire sooner than it asks, the state written only
when it changes, the suspension flag read at most once a second, no last-heartbeat stamp on a
job without callbacks just before it ends), through RQ's public worker methods; a job's
success is recorded in one transaction that also reads its dependents, instead of RQ's
``WATCH`` and read before it (:meth:`TutorWorker.handle_job_success`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rq import Queue, SimpleWorker, Worker
from rq.defaults import DEFAULT_LOGGING_DATE_FORMAT, DEFAULT_LOGGING_FORMAT
from rq.executions import Execution
from rq.job import Job, JobStatus
from rq.rate_limit import release_slot
from rq.registry import StartedJobRegistry
from rq.scheduler import RQScheduler
from rq.utils import now
from rq.worker import WorkerStatus

from polish_tutor.settings import Settings
from polish_tutor.worker import metrics
from polish_tutor.worker.background import BackgroundProcess, become_background
from polish_tutor.worker.guard import Watchdog, guarded_death_penalty
from polish_tutor.worker.process import GIVE_UP, WorkerProcess
from polish_tutor.worker.queues import Serves, worker_queues

log = logging.getLogger(__name__)

STUCK_EXIT = 70  # EX_SOFTWARE: the worker could not start afresh after a stuck job
# A heartbeat is skipped while the worker's keys outlive the one asked for by less than this:
# RQ sends one before every wait for a job, after it and after every job (three within a few
# milliseconds when jobs come back to back), each pushing the keys' expiry to the same ~2 min.
HEARTBEAT_SLACK = 10.0  # seconds
SUSPENSION_CHECK_EVERY = 1.0  # seconds between two reads of `rq suspend`'s flag
# How long the thread reading the worker's command channel waits for a message before it
# looks whether it must stop (RQ's own is 60 s; see TutorWorker.subscribe).
COMMAND_READ_TIMEOUT = 1.0  # seconds
# What a Redis outage raises (redis-py's connection and timeout errors).
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
SCHEDULER_RECONNECT_WAIT = 8.0  # seconds, at most, between two tries of a scheduler without Redis


def _job_end_line(msg: object, args: object) -> bool:
    """Whether an INFO line of RQ's is one of its two for a job that succeeded ("Successfully
    completed …", "Job OK"): the job's own line (``speech job … done for 1 request(s) [request
    ids: …]``) says as much, with the request ids; RQ's line for a job taken, its warnings and
    errors stay."""
    if not isinstance(msg, str):
        return False
    if msg.startswith("Successfully completed "):
        return True
    return isinstance(args, tuple) and len(args) == 4 and "Job OK" in str(args[2])


class _JobEndLines(logging.Filter):
    """Drops RQ's two INFO lines for a job that succeeded (:func:`_job_end_line`), where
    :class:`_WorkerLog` does not stand in front of RQ's logger (a forked work-horse logs
    through the logger itself)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno != logging.INFO or not _job_end_line(record.msg, record.args)


JOB_END_LINES = _JobEndLines()


class _WorkerLog(logging.LoggerAdapter[logging.Logger]):
    """RQ's worker logger, which drops RQ's two lines for a job that succeeded before their
    record is built (its format, the caller's frame, the filters: a tenth of the worker's own
    work per job went into lines that were then filtered out)."""

    @property
    def level(self) -> int:  # RQ reads it for its scheduler's logging
        return self.logger.level

    def info(self, msg: object, *args: object, **kwargs: Any) -> None:
        if _job_end_line(msg, args):
            return
        kwargs.setdefault("stacklevel", 2)
        self.logger.info(msg, *args, **kwargs)

    def debug(self, msg: object, *args: object, **kwargs: Any) -> None:
        if self.logger.isEnabledFor(logging.DEBUG):
            kwargs.setdefault("stacklevel", 2)
            self.logger.debug(msg, *args, **kwargs)


class TutorScheduler(RQScheduler):
    """RQ's scheduler, which ends with its worker and outlives a Redis outage. It runs in a
    process forked from the worker (RQ's ``Process``).

    - A worker killed outright (``SIGKILL``, the OOM killer) left it running, an orphan
      holding the queues' scheduler locks, so no other worker's scheduler could take them and
      retries went on being scheduled by a process nothing supervised. Every ``interval``
      (1 s) it looks whether its parent is still the worker that started it, and if not stops
      as RQ stops it (``SIGTERM``): its locks released, its key deleted.
    - RQ's loop ended at the first Redis error: the scheduler died, and scheduled and retried
      jobs waited until the worker's maintenance (a minute, or more) started another. It now
      waits for Redis instead, trying again after 2, 4, then every
      :data:`SCHEDULER_RECONNECT_WAIT` seconds (one failed connection each time), says so
      once when Redis goes and once when it is back, and then registers itself again and
      carries on (its locks refreshed, or re-acquired if they expired meanwhile).
    """

    worker_pid = 0  # set in the worker, just before the fork

    def start(self) -> BaseProcess:
        self.worker_pid = os.getpid()
        process: BaseProcess = super().start()  # type: ignore[no-untyped-call]
        return process

    def work(self) -> None:
        self._install_signal_handlers()  # type: ignore[no-untyped-call]
        born = False
        lost_at: float | None = None  # (monotonic) when Redis was found unreachable
        wait, next_try = float(self.interval), 0.0
        while not self._stop_requested and not self._orphaned():  # each second
            moment = time.monotonic()
            if moment >= next_try:
                try:
                    if not born:  # again after an outage: Redis may have lost the key
                        self.register_birth()
                        born = True
                    if self.should_reacquire_locks:
                        self.acquire_locks()  # type: ignore[no-untyped-call]
                    self.heartbeat()
                    self.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
                except REDIS_DOWN as exc:
                    if lost_at is None:
                        lost_at = moment
                        self.log.warning(
                            "scheduler %s cannot reach Redis (%s); waiting for it",
                            os.getpid(),
                            type(exc).__name__,
                        )
                    born = False
                    wait = min(wait * 2, SCHEDULER_RECONNECT_WAIT)
                    next_try = moment + wait
                else:
                    if lost_at is not None:
                        self.log.warning(
                            "scheduler %s reaches Redis again after %.0f s; scheduling resumes",
                            os.getpid(),
                            moment - lost_at,
                        )
                        lost_at = None
                    wait = float(self.interval)
            time.sleep(self.interval)
        try:
            self.stop()  # type: ignore[no-untyped-call]
        except REDIS_DOWN:
            self.log.warning(
                "scheduler %s stopped without Redis: its locks expire by themselves", os.getpid()
            )

    def heartbeat(self) -> None:
        if self._orphaned():  # looked at again just before: nothing re-acquired on the way out
            self.request_stop()  # type: ignore[no-untyped-call]
            return
        super().heartbeat()  # type: ignore[no-untyped-call]

    def _orphaned(self) -> bool:
        """Whether the worker that started this scheduler is gone (and if so, says so: the
        scheduler then stops)."""
        if os.getppid() == self.worker_pid:
            return False
        self.log.warning(
            "scheduler %s: its worker (PID %s) is gone; stopping", os.getpid(), self.worker_pid
        )
        return True


class TutorWorker(SimpleWorker, Worker):
    """Runs its queues' jobs itself, one after another, under the guard; its scheduler serves
    ``scheduled`` queues too (the background process's, which runs none), and its stop
    signals are forwarded to its ``background`` process."""

    log_result_lifespan = False  # our own line says the job ended; RQ's would be a third

    def __init__(
        self,
        queues: list[Queue],
        *,
        process: WorkerProcess,
        scheduled: list[Queue] | None = None,
        background: BackgroundProcess | None = None,
        restart_when_stuck: bool = True,
        **kwargs: Any,
    ) -> None:
        super().__init__(queues, **kwargs)
        self.process = process
        self.scheduled = scheduled
        self.background = background
        self.restart_when_stuck = restart_when_stuck
        self.watchdog = Watchdog(self.end_stuck_job)
        self.death_penalty_class = guarded_death_penalty(self.watchdog)
        self.log.addFilter(JOB_END_LINES)  # once: the same filter object
        self.log = _WorkerLog(self.log)  # type: ignore[assignment]  # RQ only calls its methods
        self._prepared: Job | None = None  # the job execute_job prepared in one round trip
        self._idle_with_end: Job | None = None  # the job whose end sets the worker idle
        self._idle_queued = False  # its end's transaction has the worker's idle state
        self._keys_expire = 0.0  # (monotonic) when the last heartbeat sent lets the keys expire
        self._next_suspension_check = 0.0

    def _start_scheduler(
        self,
        burst: bool = False,
        logging_level: str | None = "INFO",
        date_format: str = DEFAULT_LOGGING_DATE_FORMAT,
        log_format: str = DEFAULT_LOGGING_FORMAT,
    ) -> None:
        """RQ's own, with :class:`TutorScheduler` (RQ names its class in the method), over
        the ``scheduled`` queues if given."""
        self.scheduler = TutorScheduler(
            self.scheduled or self.queues,
            connection=self.connection,
            logging_level=logging_level if logging_level is not None else self.log.level,
            date_format=date_format,
            log_format=log_format,
            serializer=self.serializer,
        )
        self.scheduler.acquire_locks()  # type: ignore[no-untyped-call]
        if not self.scheduler.acquired_locks:
            return  # another worker's scheduler has them; maintenance asks again
        if not burst:
            self.scheduler.start()
            return
        try:  # a burst worker enqueues what is due, once, in its own process
            self.scheduler.register_birth()
            self.scheduler.enqueue_scheduled_jobs()  # type: ignore[no-untyped-call]
        finally:
            self.scheduler.release_locks()  # type: ignore[no-untyped-call]
            self.scheduler.register_death()

    def subscribe(self) -> None:
        """RQ's subscription to the worker's command channel (``rq``'s kill-horse, stop-job,
        shutdown), its thread reading with a :data:`COMMAND_READ_TIMEOUT` timeout instead of
        RQ's 60 s: from redis 8.2 stopping that thread waits for its read to end, so every
        worker's shutdown waited up to a minute."""
        self.pubsub = self.connection.pubsub()
        self.pubsub.subscribe(**{self.pubsub_channel_name: self.handle_payload})
        self.pubsub_thread = self.pubsub.run_in_thread(  # type: ignore[assignment]
            sleep_time=COMMAND_READ_TIMEOUT,
            daemon=True,
            exception_handler=self._pubsub_exception_handler,
        )

    def teardown(self) -> None:
        try:
            super().teardown()  # type: ignore[no-untyped-call]
        finally:
            self.watchdog.close()  # its thread ends with the worker's run

    def heartbeat(self, timeout: int | None = None, pipeline: Any = None) -> None:
        """RQ's heartbeat (the worker's keys' expiry pushed back), its three commands in one
        round trip, and none while the keys outlive the expiry asked for by less than
        :data:`HEARTBEAT_SLACK` (RQ asks before every wait for a job, after it and after every
        job: three times within milliseconds when jobs come back to back)."""
        ttl = timeout or self.worker_ttl + 60  # as RQ's own
        started = time.monotonic()
        if pipeline is not None:  # the caller's round trip, sent right after
            super().heartbeat(timeout, pipeline)
            self._keys_expire = started + ttl
            return
        if self._keys_expire - started > ttl - HEARTBEAT_SLACK:
            return
        with self.connection.pipeline(transaction=False) as batch:
            super().heartbeat(timeout, batch)
            batch.execute()
        self._keys_expire = started + ttl

    def set_state(self, state: str, pipeline: Any = None) -> None:
        """RQ's, but no round trip to write the state the worker is already in (RQ writes
        ``idle`` after every job and again before every wait for one)."""
        if pipeline is None and state == self.get_state():
            return
        super().set_state(state, pipeline)

    def check_for_suspension(self, burst: bool) -> None:
        """``rq suspend``'s flag read at most every :data:`SUSPENSION_CHECK_EVERY` seconds,
        not before every job (in burst mode, every time: the worker must stop at once)."""
        moment = time.monotonic()
        if not burst and moment < self._next_suspension_check:
            return
        try:
            super().check_for_suspension(burst)
        except REDIS_DOWN:
            # Not known to be suspended: the wait for a job that follows waits for Redis
            # (RQ's, with its back-off) instead of the worker quitting.
            if burst:
                raise
        self._next_suspension_check = time.monotonic() + SUSPENSION_CHECK_EVERY

    def run_maintenance_tasks(self) -> None:
        """RQ's, put off while Redis is unreachable (RQ's worker quit): the wait for a job
        that follows waits for Redis, and maintenance runs once it is back."""
        try:
            super().run_maintenance_tasks()  # type: ignore[no-untyped-call]
        except REDIS_DOWN as exc:
            self.log.warning("maintenance put off: Redis unreachable (%s)", type(exc).__name__)

    def handle_execution_ended(self, job: Job, queue: Queue, heartbeat_ttl: int) -> None:
        """The job's end time; the last-heartbeat stamp RQ writes on the job (a round trip,
        shown by monitors only) just before its end is recorded is kept for jobs with a
        callback to run (they may run a while)."""
        if job.success_callback is None and job.failure_callback is None:
            job.ended_at = now()
            return
        super().handle_execution_ended(job, queue, heartbeat_ttl)

    def execute_job(self, job: Job, queue: Queue) -> None:
        """SimpleWorker's, in two round trips fewer: the execution's start and the job's in
        one (RQ's prepare_execution and prepare_job_execution send a transaction each), the
        worker back to idle (and its heartbeat) in the transaction that records the job's end
        (RQ's cleanup_execution, on every way a job ends)."""
        execution = self._prepare_in_process(job, queue)
        self._idle_with_end, self._idle_queued = job, False
        try:
            self.perform_job(job, queue, execution)
        finally:
            self._idle_with_end = None
        if self._idle_queued:  # written with the job's end: idle only from here
            self._state = WorkerStatus.IDLE
        else:
            with self.connection.pipeline(transaction=False) as batch:
                self.set_state(WorkerStatus.IDLE, pipeline=batch)
                self.heartbeat(pipeline=batch)
                batch.execute()

    def request_stop(self, signum: int, frame: Any) -> None:
        """RQ's warm shutdown (SIGTERM, SIGINT), forwarded to the background process first
        (it finishes its job in hand meanwhile)."""
        if self.background is not None:
            self.background.signal()
        super().request_stop(signum, frame)  # type: ignore[no-untyped-call]

    def request_force_stop(self, signum: int, frame: Any) -> None:
        """RQ's cold shutdown (a second signal), forwarded too: the child's second, cold as
        well (both ignore one that follows the first within a second)."""
        if self.background is not None:
            self.background.signal()
        super().request_force_stop(signum, frame)

    def handle_job_success(
        self,
        job: Job,
        queue: Queue,
        started_job_registry: StartedJobRegistry,
        execution: Execution,
    ) -> None:
        """RQ's, for a job run in this process, in one round trip instead of three: RQ
        ``WATCH``es the job's dependents and reads them (two round trips) before its
        transaction, so that a dependent added meanwhile is not lost; here the transaction
        reads them itself (``SMEMBERS`` inside ``MULTI … EXEC``), and only a job that has
        some (none of the tutor's jobs has) moves them afterwards, as RQ does.

        Nothing is lost that way: a dependent registered before this transaction is in its
        reply; one registered after it finds the job finished (RQ's enqueue ``WATCH``es the
        job it depends on, so an enqueue that overlaps the transaction is retried) and is
        enqueued at once. A job that repeats goes RQ's way."""
        if (job.repeats_left or 0) > 0:
            super().handle_job_success(job, queue, started_job_registry, execution)
            return
        assert job.started_at is not None and job.ended_at is not None  # as RQ's
        with self.connection.pipeline() as pipeline:  # MULTI … EXEC, sent at once
            self.increment_successful_job_count(pipeline=pipeline)
            self.increment_total_working_time(job.ended_at - job.started_at, pipeline)
            result_ttl = job.get_result_ttl(self.default_result_ttl)
            if result_ttl != 0:
                job._handle_success(
                    result_ttl,
                    pipeline=pipeline,
                    worker_name=self.name,
                    execution_id=execution.id,
                    execution_started_at=execution.created_at,
                    execution_ended_at=job.ended_at,
                )
            job.cleanup(result_ttl, pipeline=pipeline, remove_from_queue=False)
            job._status = JobStatus.FINISHED
            self.cleanup_execution(job, pipeline=pipeline, execution=execution)
            pipeline.smembers(job.dependents_key)
            dependents = pipeline.execute()[-1]
        if dependents:
            queue.enqueue_ready_jobs_by_queue(queue.move_dependents_to_ready(job))
        release_slot(job)

    def _prepare_in_process(self, job: Job, queue: Queue) -> Execution:
        """RQ's ``prepare_execution`` (the execution recorded, the worker busy) and its
        ``prepare_job_execution`` (the job started, the worker's and the job's heartbeats,
        the job taken off the intermediate queue) in one transaction, in RQ's order; the
        latter, called by ``perform_job``, then has nothing left to send."""
        with self.connection.pipeline() as pipeline:
            heartbeat_ttl = self.get_heartbeat_ttl(job)
            execution = Execution.create(
                job, heartbeat_ttl, pipeline=pipeline, worker_name=self.name
            )
            self.executions[execution.id] = execution
            self.set_state(WorkerStatus.BUSY, pipeline=pipeline)
            self.heartbeat(heartbeat_ttl, pipeline=pipeline)
            job.heartbeat(now(), heartbeat_ttl, pipeline=pipeline)
            job.prepare_for_execution(self.name, pipeline=pipeline)
            pipeline.persist(job.key)
            if len(self.queues) == 1:  # as perform_job asks
                pipeline.lrem(queue.intermediate_queue_key, 1, job.id)
            pipeline.execute()
        self._prepared = job
        return execution

    def prepare_job_execution(self, job: Job, remove_from_intermediate_queue: bool = False) -> None:
        if self._prepared is job:  # sent with the execution (_prepare_in_process)
            self._prepared = None
            self.procline(  # type: ignore[no-untyped-call]
                f"Processing {job.func_name} from {job.origin} since {time.time()}"
            )
            return
        super().prepare_job_execution(job, remove_from_intermediate_queue)

    def cleanup_execution(
        self, job: Job, pipeline: Any, execution: Execution | None = None
    ) -> None:
        super().cleanup_execution(job, pipeline, execution)
        # The job this process runs ends: back to idle (again in a transaction RQ retries after
        # a WatchError, since the first was discarded). Written, not yet held: the worker
        # stays busy until perform_job returns (execute_job). RQ's SIGTERM handler asks a busy
        # worker to stop after its job, but raises StopRequested where it finds it idle: here,
        # inside the job's bookkeeping, perform_job took that for the job's failure (retried,
        # though it had succeeded) and the stop was lost — the worker went on until killed.
        if job is self._idle_with_end:
            self._idle_queued = True
            pipeline.hset(self.key, "state", WorkerStatus.IDLE)
            self.heartbeat(pipeline=pipeline)

    def kill_horse(self, sig: Any = None) -> None:
        if self.horse_pid:  # no horse: the job runs here, and killpg(0) would be this group
            super().kill_horse(*([sig] if sig is not None else []))

    def end_stuck_job(self, job_id: str) -> None:
        """The guard's call (from its thread) for a job stuck past its timeout: its domain
        closes its requests as failed, RQ fails it for good (it would only stick again), and
        the worker starts afresh."""
        job = self.job_class.fetch(job_id, connection=self.connection)
        give_up = GIVE_UP.get(job.func_name or "")
        if give_up is not None:
            give_up(tuple(job.args), dict(job.kwargs))
        job.retries_left = 0
        job.ended_at = now()
        queue = self.queue_class(job.origin, connection=self.connection)
        self.handle_job_failure(
            job,
            queue,
            exc_string="stuck past its timeout; the worker started afresh",
            execution=self.execution,
        )
        if self.restart_when_stuck:
            self.start_afresh()

    def start_afresh(self) -> None:
        """Replace this process with a fresh copy of itself (same pid and arguments)."""
        log.error("worker %s starts afresh after a stuck job", self.name)
        with contextlib.suppress(Exception):
            # RQ's scheduler is a child process: exec would orphan it, holding its lock.
            if self.scheduler is not None:
                self.stop_scheduler()  # type: ignore[no-untyped-call]
        with contextlib.suppress(Exception):
            self.register_death()  # type: ignore[no-untyped-call]
        if self.background is not None:  # the fresh copy starts another; this one winds down
            self.background.signal()
        for handler in logging.getLogger().handlers:
            with contextlib.suppress(Exception):
                handler.flush()
        try:
            os.execv(sys.executable, sys.orig_argv)
        except OSError:
            os._exit(STUCK_EXIT)  # a supervisor (serve, Compose) starts another


def speech_worker(
    settings: Settings,
    process: WorkerProcess,
    *,
    serves: Serves = "all",
    background: BackgroundProcess | None = None,
    restart_when_stuck: bool = True,
    maintenance_interval: int = 60,
) -> TutorWorker:
    """The speech worker (speech, then speech made ahead, then summaries) over ``process``:
    ``serves`` the worker's own queues (``"foreground"``: its scheduler serves all of them),
    its ``background`` process's, or all of them in one process (tests run it so)."""
    # The worker only runs maintenance between two waits for a job; keep a wait shorter
    # than the maintenance interval so abandoned jobs are found on time.
    return TutorWorker(
        worker_queues(
            settings, process.redis, serves=serves, model_summaries=process.model_summaries
        ),
        process=process,
        scheduled=worker_queues(settings, process.redis) if serves == "foreground" else None,
        background=background,
        restart_when_stuck=restart_when_stuck,
        connection=process.redis,
        maintenance_interval=maintenance_interval,
        worker_ttl=max(maintenance_interval, 5) + 15,
    )


def transcription_worker(
    settings: Settings,
    process: WorkerProcess,
    *,
    restart_when_stuck: bool = True,
    maintenance_interval: int = 60,
) -> TutorWorker:
    """The transcription worker: every job in this process (the model's threads would not
    survive a fork), under the guard."""
    return TutorWorker(
        [Queue(settings.stt_queue, connection=process.redis)],
        process=process,
        restart_when_stuck=restart_when_stuck,
        connection=process.redis,
        maintenance_interval=maintenance_interval,
        worker_ttl=max(maintenance_interval, 5) + 15,
    )


def run(
    settings: Settings,
    *,
    stt: bool,
    burst: bool,
    maintenance_interval: int,
    metrics_port: int | None,
    background_of: int | None = None,
) -> None:
    """``polish-tutor worker``: build the process's resources once, serve metrics, start the
    speech worker's background process, work until SIGTERM (or, with ``burst``, until the
    queues are empty), close. With ``background_of`` (the worker's pid), this process is that
    worker's background process."""
    if background_of is not None and not become_background(background_of):
        return  # its worker is gone already
    build: Callable[[Settings], WorkerProcess] = (
        WorkerProcess.for_transcription if stt else WorkerProcess.for_speech
    )
    process = build(settings)
    background: BackgroundProcess | None = None
    try:
        process.prewarm()
        if metrics_port:
            metrics.start_metrics_server(metrics_port)
        if stt:
            worker = transcription_worker(
                settings, process, maintenance_interval=maintenance_interval
            )
        elif background_of is not None:
            worker = speech_worker(
                settings, process, serves="background", maintenance_interval=maintenance_interval
            )
        else:
            background = BackgroundProcess(
                maintenance_interval=maintenance_interval,
                burst=burst,
                fold_metrics=bool(metrics_port),
            )
            background.start()
            worker = speech_worker(
                settings,
                process,
                serves="foreground",
                background=background,
                maintenance_interval=maintenance_interval,
            )
        worker.work(with_scheduler=background_of is None, burst=burst)
        if background is not None and burst:
            background.wait()  # until it has emptied its queues too
    finally:
        if background is not None:
            background.stop()
        process.close()
