"""Calling a provider that may fail: a timeout per call, bounded retries, a circuit breaker.

Only errors that may pass are retried (429 rate limits, 5xx, timeouts, connection errors), with
jittered exponential backoff that honours the provider's ``Retry-After``; a bad request, a bad
key or an exhausted quota fails at once. Each provider has one breaker: after
``failure_threshold`` failed calls in a row it opens and calls fail immediately (the turn is
answered by the fallback driver) until ``reset_seconds`` have passed; then one trial call is let
through, and its success closes the breaker again. A driver that can tell an operator's mistake
from an outage (Flowise: a rejected key, a broken chatflow) marks the error ``kind="auth"`` or
``kind="configuration"``: it is neither retried nor counted by the breaker, since waiting will
not mend it and every turn should say so.

The retries are tenacity's (``AsyncRetrying``): which errors are retried, how long to wait and
when to stop are this module's policy; the breaker is this module's own, around them.
"""

from __future__ import annotations

import asyncio
import email.utils
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt

from polish_tutor.ai_agent.drivers.base import AgentDriverError

log = logging.getLogger(__name__)

T = TypeVar("T")


NOT_AN_OUTAGE = frozenset({"auth", "configuration"})


class ProviderError(AgentDriverError):
    """A provider call failed. The message names the provider and status, never a secret.

    ``kind`` is ``None`` when the driver cannot tell more than ``retryable`` says; ``"auth"``
    and ``"configuration"`` are an operator's to fix (never retried, not counted by the
    breaker), ``"transient"`` may pass."""

    def __init__(
        self,
        message: str,
        *,
        retryable: bool,
        retry_after: float | None = None,
        status: int | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(message)
        self.kind = kind
        self.retryable = retryable and kind not in NOT_AN_OUTAGE
        self.retry_after = retry_after
        self.status = status

    @property
    def counts_against_provider(self) -> bool:
        """Whether the breaker counts this failure (an outage) or not (a mistake to fix)."""
        return self.kind not in NOT_AN_OUTAGE


class CircuitOpenError(AgentDriverError):
    """The provider failed too often lately; it is not called until the breaker resets."""


class OutputError(AgentDriverError):
    """The provider answered, but not with a usable reply (malformed, truncated, refused)."""


def error_class(exc: BaseException) -> str:
    """A bounded name for a provider failure (never its message), for metric labels."""
    if isinstance(exc, CircuitOpenError):
        return "circuit_open"
    if isinstance(exc, OutputError):
        return "bad_output"
    if isinstance(exc, TimeoutError):
        return "timeout"
    if not isinstance(exc, ProviderError):
        return "other"
    if exc.kind in NOT_AN_OUTAGE:  # a driver that tells an operator's mistake apart
        return exc.kind
    if exc.status is not None:
        if exc.status == 429:
            return "rate_limited"
        if exc.status in (401, 403):
            return "auth"
        return "server_error" if exc.status >= 500 else "client_error"
    return "unavailable" if exc.retryable else "provider_error"


def retryable_status(status: int) -> bool:
    return status in (408, 409, 429) or status >= 500


def parse_retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``retry-after-ms`` or ``Retry-After`` (seconds or an HTTP date)."""
    raw_ms = headers.get("retry-after-ms")
    if raw_ms:
        try:
            return max(0.0, float(raw_ms) / 1000)
        except ValueError:
            pass
    raw = headers.get("retry-after")
    if not raw:
        return None
    try:
        return max(0.0, float(raw))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(raw)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - time.time())


class CircuitBreaker:
    def __init__(
        self,
        name: str,
        *,
        failure_threshold: int,
        reset_seconds: float,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self._clock = clock
        self._failures = 0
        self._opened_at: float | None = None
        self._trial_in_flight = False

    @property
    def state(self) -> str:
        if self._opened_at is None:
            return "closed"
        if self._clock() - self._opened_at >= self.reset_seconds:
            return "half_open"
        return "open"

    def before_call(self) -> None:
        state = self.state
        if state == "open" or (state == "half_open" and self._trial_in_flight):
            raise CircuitOpenError(f"{self.name} is failing; not calling it for a while")
        if state == "half_open":
            self._trial_in_flight = True

    def record_success(self) -> None:
        self._failures = 0
        self._opened_at = None
        self._trial_in_flight = False

    def release_trial(self) -> None:
        self._trial_in_flight = False

    def record_failure(self) -> None:
        self._failures += 1
        if self._trial_in_flight or self._failures >= self.failure_threshold:
            if self._opened_at is None or self._trial_in_flight:
                log.warning("circuit breaker for %s opens", self.name)
            self._opened_at = self._clock()
        self._trial_in_flight = False


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    timeout: float
    max_retries: int = 2
    base_delay: float = 0.5
    max_delay: float = 8.0

    def delay(self, attempt: int, retry_after: float | None) -> float | None:
        """Seconds before retry number ``attempt`` (0-based), or None to give up now."""
        if retry_after is not None:
            if retry_after > self.max_delay:
                return None  # the provider asks for longer than a learner should wait
            return retry_after + random.uniform(0, self.base_delay / 4)
        ceiling = min(self.max_delay, self.base_delay * (2**attempt))
        return random.uniform(ceiling / 2, ceiling)  # "equal jitter"


class ResilientCaller:
    """Runs one provider operation with the timeout, the retries and the breaker."""

    def __init__(
        self,
        breaker: CircuitBreaker,
        policy: RetryPolicy,
        *,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.breaker = breaker
        self.policy = policy
        self._sleep = sleep

    async def call(self, operation: Callable[[], Awaitable[T]]) -> T:
        self.breaker.before_call()
        retrying = AsyncRetrying(
            retry=retry_if_exception(self._may_pass),
            stop=stop_after_attempt(self.policy.max_retries + 1),
            wait=self._wait,
            sleep=self._sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )
        try:
            result: T = await retrying(self._attempt, operation)
        except ProviderError as error:
            if error.counts_against_provider:
                self.breaker.record_failure()
            else:
                self.breaker.release_trial()  # the provider is up; its set-up is wrong
            raise
        except asyncio.CancelledError:
            self.breaker.release_trial()  # the learner left; the provider is not to blame
            raise
        except Exception:
            self.breaker.record_failure()  # not retried: an error no policy foresaw
            raise
        self.breaker.record_success()
        return result

    async def _attempt(self, operation: Callable[[], Awaitable[T]]) -> T:
        try:
            async with asyncio.timeout(self.policy.timeout):
                return await operation()
        except TimeoutError:
            raise ProviderError(
                f"{self.breaker.name} did not answer within {self.policy.timeout:g} s",
                retryable=True,
            ) from None

    def _may_pass(self, error: BaseException) -> bool:
        """Retried: a retryable provider error, unless the provider asks for a longer wait
        than a learner should have."""
        if not isinstance(error, ProviderError) or not error.retryable:
            return False
        return error.retry_after is None or error.retry_after <= self.policy.max_delay

    def _wait(self, state: RetryCallState) -> float:
        error = state.outcome.exception() if state.outcome is not None else None
        retry_after = error.retry_after if isinstance(error, ProviderError) else None
        wait = self.policy.delay(state.attempt_number - 1, retry_after)
        return wait if wait is not None else self.policy.max_delay

    def _log_retry(self, state: RetryCallState) -> None:
        error = state.outcome.exception() if state.outcome is not None else None
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        log.info("%s: %s; retry %d in %.2f s", self.breaker.name, error, state.attempt_number, wait)
