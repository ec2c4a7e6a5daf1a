"""Versioned prompts: YAML files under ``polish_tutor/prompts/``, validated at start-up.

Several versions of one prompt may coexist (``tutor.v1.yaml``, ``tutor.v2.yaml``); settings
pick one per id (``TUTOR_PROMPT_VERSIONS='{"tutor": "1"}'``), by default the latest. Every
reply records ``{id, version, commit}``: the git commit that last touched the file when the
file is committed unchanged, else a hash of its content, so any reply can be reproduced.
"""

from __future__ import annotations

import hashlib
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from string import Template

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from polish_tutor.kit.yaml_files import load_yaml
from polish_tutor.turn_types import PromptRef

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"


class PromptFile(BaseModel):
    """The schema of one prompt file."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_.-]{0,99}$")
    version: str = Field(pattern=r"^\d+(\.\d+)*$")
    tags: list[str] = Field(default_factory=list)
    description: str = Field(min_length=1)
    template: str = Field(min_length=1)
    variables: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _variables_match_template(self) -> PromptFile:
        template = Template(self.template)
        if not template.is_valid():
            raise ValueError("the template has a malformed $placeholder (write $$ for a dollar)")
        used = set(template.get_identifiers())
        declared = set(self.variables)
        if used - declared:
            raise ValueError(f"the template uses undeclared variables: {sorted(used - declared)}")
        if declared - used:
            raise ValueError(
                f"declared variables the template never uses: {sorted(declared - used)}"
            )
        return self

    @property
    def version_key(self) -> tuple[int, ...]:
        return tuple(int(part) for part in self.version.split("."))


@dataclass(frozen=True, slots=True)
class Prompt:
    spec: PromptFile
    path: Path
    commit: str

    @property
    def ref(self) -> PromptRef:
        return PromptRef(id=self.spec.id, version=self.spec.version, commit=self.commit)

    def render(self, **values: str) -> str:
        missing = set(self.spec.variables) - set(values)
        if missing:
            raise KeyError(f"prompt {self.spec.id} needs {sorted(missing)}")
        return Template(self.spec.template).substitute(values)


@dataclass(frozen=True, slots=True)
class PromptProblem:
    file: str
    message: str


class PromptError(ValueError):
    def __init__(self, problems: list[PromptProblem]) -> None:
        super().__init__("; ".join(f"{p.file}: {p.message}" for p in problems))
        self.problems = problems


def _git(path: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args, "--", path.name],
        cwd=path.parent,
        capture_output=True,
        text=True,
        timeout=5,
        check=True,
    )
    return done.stdout.strip()


def file_commit(path: Path, content: bytes) -> str:
    """The last git commit of ``path`` if it is committed unchanged, else a content hash."""
    fallback = "sha256:" + hashlib.sha256(content).hexdigest()[:16]
    try:
        if _git(path, "status", "--porcelain"):
            return fallback
        commit = _git(path, "log", "-1", "--format=%H")
    except (OSError, subprocess.SubprocessError):
        return fallback
    return commit if len(commit) == 40 else fallback


def load_prompt_files(folder: Path) -> tuple[list[Prompt], list[PromptProblem]]:
    prompts: list[Prompt] = []
    problems: list[PromptProblem] = []
    seen: dict[tuple[str, str], str] = {}
    paths = sorted(folder.glob("*.yaml"))
    if not paths:
        problems.append(PromptProblem(str(folder), "no prompt files (*.yaml)"))
    for path in paths:
        raw = path.read_bytes()
        try:
            spec = PromptFile.model_validate(load_yaml(raw))
        except yaml.YAMLError as exc:
            problems.append(PromptProblem(path.name, f"not valid YAML: {exc}"))
            continue
        except ValidationError as exc:
            problems.append(PromptProblem(path.name, str(exc)))
            continue
        key = (spec.id, spec.version)
        if key in seen:
            problems.append(
                PromptProblem(path.name, f"{spec.id} version {spec.version} is also in {seen[key]}")
            )
            continue
        seen[key] = path.name
        prompts.append(Prompt(spec, path, file_commit(path, raw)))
    return prompts, problems


def validate_prompts(folder: Path | None = None) -> list[PromptProblem]:
    """Every problem in a folder of prompt files (an empty list when all is well)."""
    return load_prompt_files(folder or PROMPTS_DIR)[1]


class PromptRegistry:
    """The prompts of one process, one chosen version per id."""

    def __init__(self, prompts: list[Prompt], versions: Mapping[str, str] | None = None) -> None:
        self._all: dict[str, dict[str, Prompt]] = {}
        for prompt in prompts:
            self._all.setdefault(prompt.spec.id, {})[prompt.spec.version] = prompt
        self._chosen: dict[str, Prompt] = {}
        problems: list[PromptProblem] = []
        for prompt_id, wanted in (versions or {}).items():
            if wanted not in self._all.get(prompt_id, {}):
                problems.append(
                    PromptProblem("settings", f"prompt {prompt_id} has no version {wanted}")
                )
        if problems:
            raise PromptError(problems)
        for prompt_id, by_version in self._all.items():
            chosen = (versions or {}).get(prompt_id)
            self._chosen[prompt_id] = (
                by_version[chosen]
                if chosen
                else max(by_version.values(), key=lambda p: p.spec.version_key)
            )

    @classmethod
    def load(
        cls, folder: Path | None = None, versions: Mapping[str, str] | None = None
    ) -> PromptRegistry:
        """Load and validate every file; any problem stops the start-up (``PromptError``)."""
        prompts, problems = load_prompt_files(folder or PROMPTS_DIR)
        if problems:
            raise PromptError(problems)
        return cls(prompts, versions)

    def get(self, prompt_id: str) -> Prompt:
        try:
            return self._chosen[prompt_id]
        except KeyError:
            raise KeyError(f"there is no prompt {prompt_id!r}") from None

    def versions(self, prompt_id: str) -> list[str]:
        prompts = self._all.get(prompt_id, {}).values()
        return [p.spec.version for p in sorted(prompts, key=lambda p: p.spec.version_key)]
