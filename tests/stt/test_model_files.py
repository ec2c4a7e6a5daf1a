"""The packaged whisper-base: joined from its two PyPI parts, checked against the pinned
SHA-256, joined again when the file on disk is not the pinned one."""

from __future__ import annotations

from pathlib import Path

from polish_tutor.stt.model_files import BESIDE, MODEL_SHA256, packaged_model_dir, sha256_of


def test_the_parts_are_joined_once_and_checked(tmp_path: Path) -> None:
    folder = packaged_model_dir(tmp_path)
    model = folder / "model.bin"
    assert sha256_of(model) == MODEL_SHA256
    assert all((folder / name).is_file() for name in BESIDE)
    assert not list(folder.glob(".tmp-*"))  # nothing half-written left behind
    joined_at = model.stat().st_mtime_ns
    assert packaged_model_dir(tmp_path) == folder
    assert model.stat().st_mtime_ns == joined_at  # checked, not joined again


def test_an_altered_model_is_never_used(tmp_path: Path) -> None:
    folder = packaged_model_dir(tmp_path)
    model = folder / "model.bin"
    with model.open("r+b") as handle:  # one byte changed, size the same
        handle.seek(1000)
        byte = handle.read(1)
        handle.seek(1000)
        handle.write(bytes([byte[0] ^ 0xFF]))
    assert sha256_of(model) != MODEL_SHA256
    assert packaged_model_dir(tmp_path) == folder
    assert sha256_of(model) == MODEL_SHA256
