"""Speech recognition benchmark (not a test): what the tutor hears on natural Polish speech.

    python bench/speech_recognition.py [--parts wer,latency] [--samples 20]

a. wer: every clip of ``../shared/data/speech/`` (23 short natural Polish sentences, five nEMO
   speakers and Picovoice test audio; licences in its MANIFEST.tsv) through the recogniser the
   workers run (``WhisperDriver``: the packaged whisper-base, int8, 2 threads, VAD), once without
   and once with the expected sentence as the prompt. Word error rate per clip and overall,
   clips heard exactly (case and punctuation aside), words invented after the speech (words
   past the last one of the reference, after alignment), and the real-time factor
   (transcription seconds / audio seconds).
b. latency: the time from ``POST /speech`` (a 3 s clip, with its expected sentence) to the
   ``transcript_ready`` event on ``GET /events``, against ``polish-tutor serve`` in the embedded
   default with one transcription worker, one upload at a time: p50 and p95.

Prints markdown tables and writes them, with the machine line, to
``bench/out/speech_recognition-<timestamp>.md``. The clips are read where they are and never
copied (the nEMO clips are CC BY-NC-SA). Loopback only; every loop is bounded.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import datetime as dt
import json
import re
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import httpx

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(0, str(BENCH_DIR.parent))

from chat_load import machine_line, start_server, stop_server  # noqa: E402

from polish_tutor.settings import Settings  # noqa: E402
from polish_tutor.stt.drivers import TranscriptionRequest, build_recognition_driver  # noqa: E402

ROOT = BENCH_DIR.parent
SPEECH_DIR = ROOT.parent / "shared" / "data" / "speech"
OUT_DIR = BENCH_DIR / "out"
LATENCY_CLIP = "nemo_EB0_neutral_69.wav"  # 2.97 s
PASSWORD = "kawa-z-mlekiem-42"


def words_of(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", " ", text.casefold()).split()


def alignment(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    """(edit distance, words of ``hyp`` after the last word matched or substituted for
    ``ref``'s last word): the second counts what was invented after the speech."""
    rows, cols = len(ref) + 1, len(hyp) + 1
    cost = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        cost[i][0] = i
    for j in range(cols):
        cost[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost[i][j] = min(
                cost[i - 1][j] + 1,
                cost[i][j - 1] + 1,
                cost[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]),
            )
    # Trailing insertions: walk back from the end while the best path inserts hyp words.
    i, j, trailing = len(ref), len(hyp), 0
    while j > 0 and (i == 0 or cost[i][j] == cost[i][j - 1] + 1):
        if i > 0 and cost[i][j] == cost[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            break
        trailing += 1
        j -= 1
    return cost[len(ref)][len(hyp)], trailing


@dataclass
class ClipResult:
    name: str
    seconds: float
    reference: str
    heard: str
    errors: int
    words: int
    invented_after: int
    took: float


def run_wer(prompted: bool) -> list[ClipResult]:
    with (SPEECH_DIR / "MANIFEST.tsv").open() as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    driver = build_recognition_driver(Settings(stt_driver="whisper"))
    getattr(driver, "prewarm")()  # noqa: B009
    results = []
    try:
        for row in rows:
            audio = (SPEECH_DIR / row["file"]).read_bytes()
            request = TranscriptionRequest(
                audio, "audio/wav", expected=row["transcript"] if prompted else None
            )
            started = time.perf_counter()
            heard = driver.transcribe(request)
            took = time.perf_counter() - started
            ref, hyp = words_of(row["transcript"]), words_of(heard.text)
            errors, trailing = alignment(ref, hyp)
            results.append(
                ClipResult(
                    row["file"],
                    heard.duration_s,
                    row["transcript"],
                    heard.text,
                    errors,
                    len(ref),
                    trailing,
                    took,
                )
            )
    finally:
        driver.close()
    return results


def wer_table(without: list[ClipResult], with_prompt: list[ClipResult]) -> list[str]:
    lines = [
        "| clip | s | reference | heard, no prompt | WER | heard, expected as prompt | WER |",
        "| --- | ---: | --- | --- | ---: | --- | ---: |",
    ]
    for a, b in zip(without, with_prompt, strict=True):
        lines.append(
            f"| {a.name} | {a.seconds:.1f} | {a.reference} | {a.heard} | {a.errors / a.words:.0%} "
            f"| {b.heard} | {b.errors / b.words:.0%} |"
        )
    lines += ["", "| decoding | WER | exact clips | words invented after the speech | RTF |"]
    lines.append("| --- | ---: | ---: | ---: | ---: |")
    for label, results in (("no prompt", without), ("expected sentence as prompt", with_prompt)):
        errors = sum(r.errors for r in results)
        words = sum(r.words for r in results)
        exact = sum(1 for r in results if r.errors == 0)
        invented = sum(r.invented_after for r in results)
        rtf = sum(r.took for r in results) / sum(r.seconds for r in results)
        lines.append(
            f"| {label} | {errors / words:.1%} | {exact}/{len(results)} "
            f"({exact / len(results):.0%}) | {invented} | {rtf:.2f} |"
        )
    return lines


async def run_latency(samples: int) -> list[float]:
    clip = (SPEECH_DIR / LATENCY_CLIP).read_bytes()
    with (SPEECH_DIR / "MANIFEST.tsv").open() as handle:
        expected = next(
            r["transcript"]
            for r in csv.DictReader(handle, delimiter="\t")
            if r["file"] == LATENCY_CLIP
        )
    with tempfile.TemporaryDirectory(prefix="stt-bench-") as work:
        served = start_server("embedded", Path(work), {})
        try:
            return await _latencies(served.base_url, clip, expected, samples)
        finally:
            stop_server(served)


async def _latencies(base_url: str, clip: bytes, expected: str, samples: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base_url, timeout=60, trust_env=False) as client:
        email = f"stt-bench-{int(time.time())}@example.org"
        await client.post("/auth/register", json={"email": email, "password": PASSWORD})
        login = await client.post("/auth/login", json={"email": email, "password": PASSWORD})
        client.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        # The worker loads its model after serve is ready: one warm-up upload first.
        times: list[float] = []
        async with client.stream("GET", "/events") as stream:
            lines = stream.aiter_lines()
            for n in range(samples + 1):
                started = time.perf_counter()
                accepted = await client.post(
                    "/speech",
                    files={"audio": ("clip.wav", clip, "audio/wav")},
                    data={"expected": expected},
                )
                job = accepted.json()["speech_job_id"]
                await asyncio.wait_for(_transcript_ready(lines, job), timeout=120)
                if n:
                    times.append(time.perf_counter() - started)
    return times


async def _transcript_ready(lines: AsyncIterator[str], job: str) -> None:
    event = None
    async for line in lines:
        if line.startswith("event:"):
            event = line.split(":", 1)[1].strip()
        elif line.startswith("data:") and event == "transcript_ready":
            if json.loads(line.split(":", 1)[1]).get("speech_job_id") == job:
                return
    raise RuntimeError("the event stream ended")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--parts", default="wer,latency")
    parser.add_argument("--samples", type=int, default=20, help="uploads timed (latency)")
    args = parser.parse_args(argv)
    parts = set(args.parts.split(","))
    if not (SPEECH_DIR / "MANIFEST.tsv").is_file():
        print(f"no clips at {SPEECH_DIR}: nothing to measure", file=sys.stderr)
        return 1
    lines = ["# Speech recognition benchmark", "", machine_line(), ""]
    if "wer" in parts:
        without, with_prompt = run_wer(prompted=False), run_wer(prompted=True)
        lines += ["## Word error rate and real-time factor (WhisperDriver, in-process)", ""]
        lines += wer_table(without, with_prompt) + [""]
    if "latency" in parts:
        times = asyncio.run(run_latency(max(1, min(args.samples, 200))))
        lines += [
            "## Upload → transcript_ready (serve, embedded, one transcription worker)",
            "",
            f"{LATENCY_CLIP} (2.97 s, expected sentence given), {len(times)} uploads one at a "
            "time:",
            "",
            "| p50 | p95 | mean | max |",
            "| ---: | ---: | ---: | ---: |",
            f"| {percentile(times, 0.5):.2f} s | {percentile(times, 0.95):.2f} s "
            f"| {statistics.mean(times):.2f} s | {max(times):.2f} s |",
            "",
        ]
    text = "\n".join(lines)
    print(text)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (OUT_DIR / f"speech_recognition-{stamp}.md").write_text(text + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
