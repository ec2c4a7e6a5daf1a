"""A summary job for tests that need one in flight: ``summarise_slowly(session_id)`` writes the
process id of whoever runs it to the file named by ``TUTOR_TEST_SUMMARY_STARTED``, waits
``TUTOR_TEST_SUMMARY_DELAY`` seconds (a sleep the job's ``SIGALRM`` interrupts), then
summarises as ``polish_tutor.sessions.jobs.summarise_session`` does. Queued on the summaries
queue, it runs where that queue's jobs run."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from polish_tutor.sessions.jobs import summarise_session


def summarise_slowly(session_id: str) -> dict[str, Any]:
    marker = os.environ.get("TUTOR_TEST_SUMMARY_STARTED")
    if marker:
        Path(marker).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("TUTOR_TEST_SUMMARY_DELAY", "0")))
    return summarise_session(session_id)
