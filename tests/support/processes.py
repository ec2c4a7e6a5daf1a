"""Processes a test started, as Linux's /proc shows them."""

from __future__ import annotations

from pathlib import Path


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (RQ's scheduler, a speech worker's background
    process)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended and waiting to be reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def background_processes(pid: int) -> list[int]:
    """The live background processes of the speech worker ``pid`` (``--background-of``)."""
    return [child for child in children(pid) if "--background-of" in command(child)]


def schedulers(pid: int) -> list[int]:
    """The live children of the worker ``pid`` other than its background process: its RQ
    scheduler."""
    background = set(background_processes(pid))
    return [child for child in children(pid) if child not in background]


def command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""
