"""``polish-tutor worker --metrics-port``: a real worker serves the metrics of the jobs it runs
itself (speech a learner waits for) and of those its background process runs (speech made
ahead of time)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families
from redis import Redis
from rq import Queue

from polish_tutor.kit.migrate import upgrade
from polish_tutor.settings import Settings
from polish_tutor.tts.keys import audio_key
from polish_tutor.tts.queue import SpeechJob, enqueue_speech
from tests.conftest import ROOT, free_port


def jobs_total(text: str, status: str) -> float:
    return sum(
        s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name == "tutor_tts_jobs_total" and s.labels.get("status") == status
    )


@pytest.mark.slow  # a worker process of its own
@pytest.mark.redis
def test_worker_metrics_count_jobs_run_in_the_worker_and_in_its_background_process(
    redis_url: str, tmp_path: Path
) -> None:
    db = tmp_path / "tutor.db"
    settings = Settings(database_url=f"sqlite:///{db}", var_dir=tmp_path / "var")
    upgrade(settings)
    port = free_port()
    queue_name = f"tts-{uuid.uuid4().hex[:8]}"
    multiproc = tmp_path / "metrics"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TUTOR_")}
    env.update(
        {
            "TUTOR_DATABASE_URL": f"sqlite:///{db}",
            "TUTOR_VAR_DIR": str(tmp_path / "var"),
            "TUTOR_REDIS_URL": redis_url,
            "TUTOR_TTS_QUEUE": queue_name,
            "TUTOR_LOG_FORMAT": "json",
            "PROMETHEUS_MULTIPROC_DIR": str(multiproc),
            "PYTHONPATH": str(ROOT),
        }
    )
    log = (tmp_path / "worker.log").open("wb")
    worker = subprocess.Popen(
        [sys.executable, "-m", "polish_tutor", "worker", "--metrics-port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        connection = Redis.from_url(redis_url)
        waiting = Queue(queue_name, connection=connection)  # run in the worker process
        ahead = Queue(f"{queue_name}-ahead", connection=connection)  # in its background process
        # The third is the first again: cached.
        for queue, word in ((waiting, "kot"), (ahead, "pies"), (ahead, "kot")):
            key = audio_key(text=word, voice="pl", speed=1.0, format="wav", driver="espeak")
            enqueue_speech(
                queue,
                SpeechJob(key, word, "pl", 1.0, "wav", "espeak"),
                timeout=60,
                request_id=f"req-{word}",
            )
            deadline = time.monotonic() + 60
            while queue.count and time.monotonic() < deadline:
                time.sleep(0.2)
        deadline = time.monotonic() + 60
        text = ""
        while time.monotonic() < deadline:
            try:
                text = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=2).text
            except httpx.HTTPError:
                text = ""
            if jobs_total(text, "finished") >= 2 and jobs_total(text, "cached") >= 1:
                break
            time.sleep(0.3)
        assert jobs_total(text, "finished") >= 2, text or (tmp_path / "worker.log").read_text()
        assert jobs_total(text, "cached") >= 1, text
        assert "tutor_tts_synthesis_seconds_bucket" in text
        # One file per process and type, not per job (no process per job).
        names = sorted(p.name for p in multiproc.iterdir())
        assert len([n for n in names if n.startswith("counter_")]) == 2, names
    finally:
        worker.terminate()
        try:
            worker.wait(20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        log.close()
    output = (tmp_path / "worker.log").read_text()
    assert '"request_id": "req-kot"' in output, output[-3000:]
