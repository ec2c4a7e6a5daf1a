"""The deployment files, checked statically (Docker does not run here; CI builds the image).

Compose, the Dockerfile, ``.env.example``, Prometheus and its alert rules, the Grafana
dashboard, the GitHub workflows, and the README's Production section must agree with each
other and with the code: every ``TUTOR_*`` variable is a setting, every metric a query uses is
exported, every alert has a runbook entry, every command the README shows exists.
"""

from __future__ import annotations

import ipaddress
import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from polish_tutor.settings import Settings
from tests.conftest import ROOT

COMPOSE = ROOT / "docker-compose.yml"
DOCKERFILE = ROOT / "Dockerfile"
ENV_EXAMPLE = ROOT / ".env.example"
PROMETHEUS = ROOT / "deploy/prometheus/prometheus.yml"
ALERTS = ROOT / "deploy/prometheus/alerts.yml"
DASHBOARD = ROOT / "deploy/grafana/dashboards/tutor.json"
RUNBOOK = ROOT / "docs/runbook.md"
WORKFLOWS = ROOT / ".github/workflows"
SETTINGS_VARS = {f"TUTOR_{name.upper()}" for name in Settings.model_fields}
LONG_RUNNING = {"api", "worker", "postgres", "redis", "prometheus", "grafana"}


def load_yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(COMPOSE)
    return data


def service_env(service: dict[str, Any]) -> dict[str, str]:
    env = service.get("environment") or {}
    if isinstance(env, list):
        return dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {str(k): str(v) for k, v in env.items()}


# --- docker-compose.yml ---------------------------------------------------------------------
def test_compose_has_the_production_shape(compose: dict[str, Any]) -> None:
    services = compose["services"]
    assert LONG_RUNNING <= set(services)
    assert services["api"]["deploy"]["replicas"] == 2
    assert services["worker"]["deploy"]["replicas"] == 2
    for name, service in services.items():
        assert "image" in service or "build" in service, f"{name} has neither image nor build"
        for dependency in service.get("depends_on", {}) or {}:
            assert dependency in services, f"{name} depends on unknown {dependency}"


def test_every_long_running_service_has_a_health_check(compose: dict[str, Any]) -> None:
    for name, service in compose["services"].items():
        if service.get("restart") == "no":  # one-shot (migrate)
            continue
        check = service.get("healthcheck")
        assert check and not check.get("disable") and check.get("test"), f"{name}: healthcheck"
        conditions = [
            dep.get("condition")
            for dep in (service.get("depends_on") or {}).values()
            if isinstance(dep, dict)
        ]
        assert all(c in {"service_healthy", "service_completed_successfully"} for c in conditions)


def test_ports_and_scrape_targets_agree(compose: dict[str, Any]) -> None:
    services = compose["services"]
    for published in ("proxy", "prometheus", "grafana"):
        assert services[published].get("ports"), f"{published} publishes no port"
    assert "8000" in [str(p) for p in services["api"]["expose"]]
    worker_command = services["worker"]["command"]
    port = worker_command[worker_command.index("--metrics-port") + 1]
    assert port in [str(p) for p in services["worker"]["expose"]]
    assert "PROMETHEUS_MULTIPROC_DIR" in service_env(services["worker"])
    scrape = {job["job_name"]: job for job in load_yaml(PROMETHEUS)["scrape_configs"]}
    assert scrape["tutor-api"]["dns_sd_configs"][0] == {
        "names": ["api"],
        "type": "A",
        "port": 8000,
        "refresh_interval": "15s",
    }
    assert scrape["tutor-worker"]["dns_sd_configs"][0]["port"] == int(port)
    assert scrape["tutor-worker"]["dns_sd_configs"][0]["names"] == ["worker"]


def test_api_and_workers_share_the_audio_volume(compose: dict[str, Any]) -> None:
    services = compose["services"]
    declared = set(compose.get("volumes") or {})
    mounts = {}
    for name in ("api", "worker"):
        env = service_env(services[name])
        audio_dir = str(Settings(var_dir=Path(env["TUTOR_VAR_DIR"])).audio_dir)
        volumes = [v for v in services[name]["volumes"] if v.endswith(":" + audio_dir)]
        assert volumes, f"{name} does not mount {audio_dir}"
        mounts[name] = volumes[0].split(":")[0]
        assert mounts[name] in declared
    assert mounts["api"] == mounts["worker"]
    for name, service in services.items():  # every bind mount points at a file in the repo
        for volume in service.get("volumes", []) or []:
            source = volume.split(":")[0]
            if source.startswith("./"):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
            else:
                assert source in declared, f"{name} mounts undeclared volume {source}"


def test_every_tutor_variable_compose_sets_is_a_setting(compose: dict[str, Any]) -> None:
    text = COMPOSE.read_text()
    used = set(re.findall(r"\b(TUTOR_[A-Z0-9_]+)\b", text))
    for service in compose["services"].values():
        used |= {k for k in service_env(service) if k.startswith("TUTOR_")}
    assert used, "compose sets no TUTOR_ variable"
    unknown = used - SETTINGS_VARS
    assert not unknown, f"not settings: {sorted(unknown)}"
    # Production settings: PostgreSQL, Redis, a shared secret.
    env = service_env(compose["services"]["api"])
    assert env["TUTOR_DATABASE_URL"].startswith("postgresql://")
    assert env["TUTOR_REDIS_URL"].startswith("redis://redis:")
    assert env["TUTOR_ENV"] == "production" and "TUTOR_SECRET_KEY" in env


def test_env_example_lists_only_settings_and_what_compose_requires() -> None:
    text = ENV_EXAMPLE.read_text()
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", text, re.MULTILINE))
    tutor = {n for n in names if n.startswith("TUTOR_")}
    assert tutor and not tutor - SETTINGS_VARS, f"not settings: {sorted(tutor - SETTINGS_VARS)}"
    required = set(re.findall(r"\$\{([A-Z0-9_]+):\?", COMPOSE.read_text()))
    assert required and required <= names, f"compose requires {sorted(required - names)}"
    for line in text.splitlines():  # the example's TUTOR_ values are valid settings
        match = re.match(r"^(TUTOR_[A-Z0-9_]+)=(.*)$", line)
        if match:
            Settings.model_validate({match.group(1)[6:].lower(): match.group(2)})


def test_only_the_proxy_is_trusted_with_forwarded_for(compose: dict[str, Any]) -> None:
    """The API believes X-Forwarded-For from the Caddy proxy alone: the proxy has a fixed
    address on a network of its own with the API, that address is TUTOR_TRUSTED_PROXIES, and
    Caddy replaces whatever a client sent with the address it saw."""
    services = compose["services"]
    proxy_networks = services["proxy"]["networks"]
    assert set(proxy_networks) == {"edge"}, "the proxy reaches the API on the edge network only"
    address = proxy_networks["edge"]["ipv4_address"]
    subnet = compose["networks"]["edge"]["ipam"]["config"][0]["subnet"]
    assert ipaddress.ip_address(address) in ipaddress.ip_network(subnet)
    assert {"edge", "default"} <= set(services["api"]["networks"])
    assert service_env(services["api"])["TUTOR_TRUSTED_PROXIES"] == address
    for name, service in services.items():
        if name not in ("api", "proxy"):
            assert "edge" not in (service.get("networks") or []), f"{name} is on the edge network"
    caddyfile = (ROOT / "deploy/caddy/Caddyfile").read_text()
    assert re.search(r"header_up\s+X-Forwarded-For\s+\{remote_host\}", caddyfile)


def test_the_proxy_bounds_what_clients_send() -> None:
    """The public entry point's own limits: header size and the time to send headers and body
    (the API has its own behind it: TUTOR_MAX_HEADER_BYTES, TUTOR_HEADER_TIMEOUT)."""
    caddyfile = (ROOT / "deploy/caddy/Caddyfile").read_text()
    servers = re.search(r"servers\s*\{(.*?)\n\t\}", caddyfile, re.S)
    assert servers, "no global servers options"
    assert re.search(r"max_header_size\s+\d+KB", servers.group(1))
    for timeout in ("read_header", "read_body", "idle"):
        assert re.search(rf"{timeout}\s+\d+[sm]", servers.group(1)), timeout


def test_compose_config_when_docker_compose_is_available(tmp_path: Path) -> None:
    docker = shutil.which("docker")
    if (
        docker is None
        or subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
    ):
        pytest.skip("docker compose is not installed here; CI runs `docker compose config`")
    result = subprocess.run(
        [docker, "compose", "--env-file", str(ENV_EXAMPLE), "-f", str(COMPOSE), "config", "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


# --- Dockerfile -----------------------------------------------------------------------------
def test_dockerfile_is_multi_stage_slim_and_non_root() -> None:
    lines = [
        line.strip()
        for line in DOCKERFILE.read_text().splitlines()
        if line.strip() and not line.strip().startswith("#")
    ]
    froms = [line for line in lines if line.upper().startswith("FROM ")]
    assert len(froms) >= 2 and all("slim" in line for line in froms)
    assert any(re.search(r"\bAS\s+build\b", line, re.IGNORECASE) for line in froms)
    final_stage = lines[lines.index(froms[-1]) :]
    users = [line.split()[1] for line in final_stage if line.upper().startswith("USER ")]
    assert users and users[-1].split(":")[0] not in {"root", "0"}
    assert any(line.startswith("COPY --from=build") for line in final_stage)
    assert any(line.startswith("HEALTHCHECK") for line in final_stage)
    assert any("pip install ." in line for line in lines)
    assert final_stage[-1].startswith("CMD") and "polish-tutor" in final_stage[-1]
    ignored = (ROOT / ".dockerignore").read_text().split()
    assert ".env" in ignored and ".venv" in ignored and ".git" in ignored


# --- Prometheus, alerts, Grafana -----------------------------------------------------------
def exported_families() -> set[str]:
    from prometheus_client import REGISTRY

    from polish_tutor.kit import metrics
    from polish_tutor.kit.metrics import PipelineSnapshot, SnapshotCollector

    names = {m.name for m in REGISTRY.collect() if m.name.startswith("tutor_")}
    snapshot = SnapshotCollector(PipelineSnapshot(0, 0, {}, None))
    names |= {m.name for m in snapshot.collect()}
    assert metrics.CHAT_LATENCY  # the module defines them at import
    return names


def referenced_metrics(text: str) -> set[str]:
    found = set()
    for name in re.findall(r"\b(tutor_[a-z0-9_]+)", text):
        found.add(re.sub(r"_(bucket|count|sum|total|created)$", "", name))
    return found


def test_queries_only_use_exported_metrics() -> None:
    exported = exported_families()
    for path in (ALERTS, DASHBOARD):
        used = referenced_metrics(path.read_text())
        assert used, path
        assert not used - exported, f"{path.name} uses unknown metrics {sorted(used - exported)}"


def test_alert_rules_cover_the_failures_and_link_the_runbook() -> None:
    rules = [rule for group in load_yaml(ALERTS)["groups"] for rule in group["rules"]]
    by_name = {rule["alert"]: rule for rule in rules}
    assert "tutor_chat_latency_seconds_bucket" in by_name["TutorChatLatencyP99High"]["expr"]
    assert "0.99" in by_name["TutorChatLatencyP99High"]["expr"]
    assert "tutor_agent_driver_errors_total" in by_name["TutorProviderFailureRate"]["expr"]
    assert "tutor_tts_outbox_oldest_age_seconds" in by_name["TutorOutboxStuck"]["expr"]
    assert 'up{job="tutor-worker"}' in by_name["TutorWorkersAbsent"]["expr"]
    runbook = RUNBOOK.read_text()
    anchors = {
        re.sub(r"[^a-z0-9 -]", "", h.lower()).replace(" ", "-")
        for h in re.findall(r"^#+\s+(.+)$", runbook, re.MULTILINE)
    }
    for rule in rules:
        assert rule["labels"]["severity"] in {"warning", "critical"}
        assert rule["annotations"]["summary"]
        url = rule["annotations"]["runbook_url"]
        assert url.startswith("docs/runbook.md#") and url.split("#")[1] in anchors, url


def test_prometheus_config_loads_the_rules() -> None:
    config = load_yaml(PROMETHEUS)
    for rule_file in config["rule_files"]:
        assert (PROMETHEUS.parent / rule_file).is_file()
    assert {"tutor-api", "tutor-worker"} <= {j["job_name"] for j in config["scrape_configs"]}


def test_promtool_accepts_the_rules_and_config() -> None:
    promtool = os.environ.get("PROMTOOL") or shutil.which("promtool")
    if promtool is None:
        pytest.skip("promtool is not installed here (CI downloads it)")
    for args in (
        ["check", "rules", str(ALERTS)],
        ["check", "config", str(PROMETHEUS)],
        ["test", "rules", str(ALERTS.parent / "alerts.test.yml")],
    ):
        result = subprocess.run([promtool, *args], capture_output=True, text=True, check=False)
        assert result.returncode == 0, result.stdout + result.stderr


def test_grafana_is_provisioned_with_the_dashboard(compose: dict[str, Any]) -> None:
    dashboard = json.loads(DASHBOARD.read_text())
    datasource = load_yaml(ROOT / "deploy/grafana/provisioning/datasources/prometheus.yml")
    uid = datasource["datasources"][0]["uid"]
    rows = {p["title"] for p in dashboard["panels"] if p["type"] == "row"}
    assert {"Learner latency", "Provider health", "TTS pipeline", "Errors and abuse"} <= rows
    for panel in dashboard["panels"]:
        if panel["type"] != "row":
            assert panel["datasource"]["uid"] == uid and panel["targets"], panel["title"]
    ids = [p["id"] for p in dashboard["panels"]]
    assert len(ids) == len(set(ids))
    provider = load_yaml(ROOT / "deploy/grafana/provisioning/dashboards/tutor.yml")
    path = provider["providers"][0]["options"]["path"]
    mounts = compose["services"]["grafana"]["volumes"]
    assert f"./deploy/grafana/dashboards:{path}:ro" in mounts
    assert "./deploy/grafana/provisioning:/etc/grafana/provisioning:ro" in mounts


# --- GitHub workflows ---------------------------------------------------------------------
def workflow(name: str) -> dict[str, Any]:
    data: dict[str, Any] = load_yaml(WORKFLOWS / name)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps_text(job: dict[str, Any]) -> str:
    return "\n".join(str(step.get("run", "")) + str(step.get("uses", "")) for step in job["steps"])


def test_ci_workflow_lints_type_checks_tests_and_builds() -> None:
    ci = workflow("ci.yml")
    jobs = ci["jobs"]
    assert {"lint", "typecheck", "test", "image"} <= set(jobs)
    assert "ruff check" in steps_text(jobs["lint"])
    assert "ruff format --check" in steps_text(jobs["lint"])
    assert "mypy polish_tutor" in steps_text(jobs["typecheck"])
    test = jobs["test"]
    assert {"postgres", "redis"} <= set(test["services"])
    assert test["env"]["CI"] == "true"
    assert test["env"]["TEST_POSTGRES_URL"].startswith("postgresql://")
    assert test["env"]["TEST_REDIS_URL"].startswith("redis://")
    assert "pytest" in steps_text(test) and "promtool" in steps_text(test)
    assert "docker/build-push-action" in steps_text(jobs["image"])
    assert "docker compose" in steps_text(jobs["image"])


def test_release_workflow_pushes_tagged_images_to_ghcr() -> None:
    release = workflow("release.yml")
    assert release["on"]["push"]["tags"] == ["v*"]
    assert release["permissions"]["packages"] == "write"
    text = (WORKFLOWS / "release.yml").read_text()
    assert "ghcr.io" in text and "push: true" in text and "docker/login-action" in text


# --- README and docs ---------------------------------------------------------------------
def production_section() -> str:
    readme = (ROOT / "README.md").read_text()
    match = re.search(r"^## Production\n(.*?)(?=^## )", readme, re.MULTILINE | re.DOTALL)
    assert match, "README has no Production section"
    return match.group(1)


def test_readme_production_section_is_honest() -> None:
    import typer

    from polish_tutor.cli import app

    section = production_section()
    assert "cp .env.example .env" in section and "docker compose up" in section
    for url in ("localhost:3000", "localhost:9090", "/metrics"):
        assert url in section, url
    commands: dict[str, Any] = typer.main.get_command(app).commands  # type: ignore[attr-defined]
    for command, flags in re.findall(r"polish-tutor (\w+)((?: --[\w-]+)*)", section):
        assert command in commands, f"README shows unknown command {command}"
        options = {o for p in commands[command].params for o in getattr(p, "opts", [])}
        for flag in flags.split():
            assert flag in options, f"README shows unknown option {command} {flag}"
    for path in re.findall(
        r"`((?:deploy|docs|\.github)/[\w./-]+|docker-compose\.yml|Dockerfile)`", section
    ):
        assert (ROOT / path).exists(), f"README names missing {path}"
    for var in set(re.findall(r"\b(TUTOR_[A-Z0-9_]+)", section)):
        assert var in SETTINGS_VARS, f"README names unknown setting {var}"


def test_architecture_embeds_the_diagrams_and_links_the_runbook() -> None:
    architecture = (ROOT / "ARCHITECTURE.md").read_text()
    for name in ("data-flow.mmd", "deployment.mmd"):
        diagram = (ROOT / "docs/diagrams" / name).read_text().strip()
        assert f"docs/diagrams/{name}" in architecture
        assert diagram in architecture, f"{name} is not embedded as is"
    assert "docs/runbook.md" in architecture
    assert "docs/runbook.md" in (ROOT / "README.md").read_text()
