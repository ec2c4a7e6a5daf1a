"""Time to the first word on screen and to the first audio: ``POST /chat/stream`` against the
whole-reply ``POST /chat``, with the OpenAI-compatible driver (not a test).

    python bench/streaming.py [--turns 20] [--token-delay 0.03] [--token-chars 4]

The model is the fake OpenAI-compatible server of ``tests/fakes`` in this process, writing its
reply ``--token-chars`` characters a chunk, ``--token-delay`` seconds apart (a model at a fixed
pace; about 4 characters a token). ``polish-tutor serve`` runs as ``make run`` starts it
(embedded: SQLite, Valkey, one speech worker with eSpeak NG), pointed at that server. Each
turn opens a new free-conversation session, with a reply text of its own (so no audio is
cached), the same length on both paths; the learner listens on ``GET /events`` the whole time.

Per turn, from the moment the model wrote its first token (the fake's clock, the same process's
``time.monotonic``):

- **first word**: streamed, the first ``text`` event reaching the client; whole, the
  response (the page shows nothing before it);
- **first audio**: ``audio_ready`` for the first sentence's job (streamed: ``audio_parts[0]``,
  announced by the ``audio`` event), or for the whole reply's job (whole: ``audio_job_id``);
- **model done**: the model's last token, for scale.

Medians (and p90) over ``--turns`` turns per path. Aims (issue 21): first word ≤ 300 ms and
first audio ≤ 1 s after the model's first token, streamed.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(BENCH_DIR))
sys.path.insert(1, str(ROOT))  # tests.fakes: the fake OpenAI server

import chat_load as cl  # noqa: E402

FAKE_API_KEY = "sk-bench-streaming"
AIM_FIRST_WORD_MS = 300
AIM_FIRST_AUDIO_MS = 1000
# Numbers in words keep every turn's reply (and so its audio) new.
NUMBERS = [
    "jeden", "dwa", "trzy", "cztery", "pięć", "sześć", "siedem", "osiem", "dziewięć", "dziesięć",
    "jedenaście", "dwanaście", "trzynaście", "czternaście", "piętnaście", "szesnaście",
    "siedemnaście", "osiemnaście", "dziewiętnaście", "dwadzieścia",
]  # fmt: skip


def reply_text(path: str, turn: int) -> str:
    """A tutor's reply of three sentences (about 150 characters), new for every turn and path."""
    count = NUMBERS[turn % len(NUMBERS)]
    who = "Anna" if path == "streamed" else "Ewa"
    return (
        f"Świetnie, {who}, to jest odpowiedź numer {count}! "
        "Teraz kelner pyta, czy chcesz kawę z mlekiem, czy bez mleka. "
        "Odpowiedz mu pełnym zdaniem, powoli i wyraźnie."
    )


@dataclass
class Turn:
    first_token: float = 0.0
    first_word: float = 0.0
    first_audio: float = 0.0
    model_done: float = 0.0


@dataclass
class PathResult:
    name: str
    turns: list[Turn] = field(default_factory=list)

    def figures(self) -> dict[str, Any]:
        def ms(values: list[float]) -> dict[str, float]:
            ordered = sorted(values)
            return {
                "median_ms": round(1000 * statistics.median(ordered), 1),
                "p90_ms": round(1000 * ordered[int(0.9 * (len(ordered) - 1))], 1),
                "max_ms": round(1000 * ordered[-1], 1),
            }

        return {
            "turns": len(self.turns),
            "first_word": ms([t.first_word - t.first_token for t in self.turns]),
            "first_audio": ms([t.first_audio - t.first_token for t in self.turns]),
            "model_done": ms([t.model_done - t.first_token for t in self.turns]),
        }


class AudioReady:
    """``GET /events``, read for the whole run: when each ``audio_ready`` arrived."""

    def __init__(self) -> None:
        self.seen: dict[str, float] = {}
        self._changed = asyncio.Event()

    async def listen(self, client: httpx.AsyncClient) -> None:
        async with client.stream("GET", "/events", timeout=None) as response:
            async for name, data in sse(response.aiter_lines()):
                if name == "audio_ready":
                    self.seen[data["audio_job_id"]] = time.monotonic()
                    self._changed.set()

    async def wait(self, key: str, seconds: float = 60) -> float:
        deadline = time.monotonic() + seconds
        while key not in self.seen:
            self._changed.clear()
            await asyncio.wait_for(self._changed.wait(), max(0.01, deadline - time.monotonic()))
        return self.seen[key]


async def sse(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, Any]]:
    name, data = "message", list[str]()
    async for line in lines:
        if not line:
            if data:
                yield name, json.loads("\n".join(data))
            name, data = "message", []
        elif line.startswith("event:"):
            name = line.split(":", 1)[1].strip()
        elif line.startswith("data:"):
            data.append(line.split(":", 1)[1].removeprefix(" "))


async def streamed_turn(client: httpx.AsyncClient, audio: AudioReady, fake: Any) -> Turn:
    turn = Turn()
    first_key = None
    body = {"message": "Poproszę kawę."}
    async with client.stream("POST", "/chat/stream", json=body) as response:
        if response.status_code != 200:
            raise RuntimeError(f"/chat/stream: {response.status_code}")
        async for name, data in sse(response.aiter_lines()):
            if name == "text" and not turn.first_word:
                turn.first_word = time.monotonic()
            elif name == "audio" and data["index"] == 0:
                first_key = data["audio_job_id"]
            elif name == "turn":
                first_key = first_key or data["audio_parts"][0]
            elif name == "error":
                raise RuntimeError(f"/chat/stream: {data['error']['code']}")
    assert first_key is not None
    turn.first_audio = await audio.wait(first_key)
    return turn


async def whole_turn(client: httpx.AsyncClient, audio: AudioReady, fake: Any) -> Turn:
    turn = Turn()
    response = await client.post("/chat", json={"message": "Poproszę kawę."})
    turn.first_word = time.monotonic()
    if response.status_code != 200:
        raise RuntimeError(f"/chat: {response.status_code}")
    turn.first_audio = await audio.wait(response.json()["audio_job_id"])
    return turn


@contextmanager
def fake_openai(token_delay: float, token_chars: int) -> Iterator[Any]:
    from tests.fakes.openai_fake import FakeOpenAI
    from tests.fakes.server import serve

    fake = FakeOpenAI(api_key=FAKE_API_KEY)
    fake.token_delay = token_delay
    fake.token_chars = token_chars
    with serve(fake.app) as url:
        fake.base_url = url
        yield fake


async def measure(base_url: str, fake: Any, options: argparse.Namespace) -> list[PathResult]:
    [headers] = await cl.sign_up(base_url, 1)
    results = [PathResult("streamed"), PathResult("whole")]
    async with cl.new_client(base_url, 4, headers) as client:
        audio = AudioReady()
        listener = asyncio.create_task(audio.listen(client))
        await asyncio.sleep(0.5)  # subscribed before the first turn
        try:
            for n in range(-2, options.turns):  # two unmeasured turns per path: warm-up
                for result in results:
                    reply = {"text": reply_text(result.name, n), "next_dialogue": None}
                    fake.then({"reply": {**reply, "corrections": []}})
                    before = len(fake.first_tokens)
                    run = streamed_turn if result.name == "streamed" else whole_turn
                    turn = await run(client, audio, fake)
                    turn.first_token = fake.first_tokens[before]
                    # The model's last token: the fake's first plus its pace (not observable
                    # at the client for the whole path).
                    content = json.dumps({**reply, "corrections": []}, ensure_ascii=False)
                    chunks = -(-len(content) // options.token_chars)
                    turn.model_done = turn.first_token + (chunks - 1) * options.token_delay
                    if n >= 0:
                        result.turns.append(turn)
        finally:
            listener.cancel()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--token-delay", type=float, default=0.03)
    parser.add_argument("--token-chars", type=int, default=4)
    parser.add_argument("--out-dir", type=Path, default=BENCH_DIR / "out")
    options = parser.parse_args(argv)
    busy = cl.cpu_busy()
    with (
        tempfile.TemporaryDirectory(prefix="streaming_") as tmp,
        fake_openai(options.token_delay, options.token_chars) as fake,
    ):
        env = {
            "TUTOR_AGENT_DRIVER": "openai",
            "TUTOR_OPENAI_BASE_URL": f"{fake.base_url}/v1",
            "TUTOR_OPENAI_API_KEY": FAKE_API_KEY,
            "TUTOR_OPENAI_MODEL": "bench-model",
            "TUTOR_OPENAI_TIMEOUT": "60",
        }
        served = cl.start_server("embedded", Path(tmp), env)
        try:
            results = asyncio.run(measure(served.base_url, fake, options))
        finally:
            stop_server = cl.stop_server(served)
    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cpu_busy_before": round(busy, 2),
        "token_delay_s": options.token_delay,
        "token_chars": options.token_chars,
        "reply_chars": len(reply_text("streamed", 0)),
        "serve_exit": stop_server,
        "paths": {result.name: result.figures() for result in results},
        "aims_ms": {"first_word": AIM_FIRST_WORD_MS, "first_audio": AIM_FIRST_AUDIO_MS},
    }
    options.out_dir.mkdir(parents=True, exist_ok=True)
    out = options.out_dir / "streaming.json"
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"{'path':<9} {'first word':>22} {'first audio':>22} {'model done':>12}")
    for name, figures in report["paths"].items():
        word, sound, done = figures["first_word"], figures["first_audio"], figures["model_done"]
        print(
            f"{name:<9} {word['median_ms']:>10.0f} ms (p90 {word['p90_ms']:>4.0f})"
            f" {sound['median_ms']:>10.0f} ms (p90 {sound['p90_ms']:>4.0f})"
            f" {done['median_ms']:>9.0f} ms"
        )
    streamed = report["paths"]["streamed"]
    word_ok = streamed["first_word"]["median_ms"] <= AIM_FIRST_WORD_MS
    audio_ok = streamed["first_audio"]["median_ms"] <= AIM_FIRST_AUDIO_MS
    print(
        f"aims (streamed, medians after the model's first token): first word ≤ "
        f"{AIM_FIRST_WORD_MS} ms {'met' if word_ok else 'MISSED'}; first audio ≤ "
        f"{AIM_FIRST_AUDIO_MS} ms {'met' if audio_ok else 'MISSED'}"
    )
    print(f"report: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
