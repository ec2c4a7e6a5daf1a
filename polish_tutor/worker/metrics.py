"""Metrics of a worker, served on its own port (``polish-tutor worker --metrics-port``).

The speech worker runs the jobs a learner waits for itself, and those nobody waits for yet in
its background process (:mod:`polish_tutor.worker.background`), whose counters a plain
registry would not see. The worker therefore runs prometheus-client in multiprocess mode:
each process writes its values to files in ``PROMETHEUS_MULTIPROC_DIR`` (a fresh temporary
directory unless set, which the background process inherits), the worker's HTTP endpoint
reads them all, and when a background process has died, its files are folded into one
archive per metric type (:func:`fold_dead_files`) before another starts.
"""

from __future__ import annotations

import os
import tempfile

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"  # not imported: kit.metrics must load after setup


def prepare_multiprocess_dir() -> str:
    """Call before ``polish_tutor.kit.metrics`` is imported in this process (the metric values
    pick their storage when they are created)."""
    path = os.environ.get(MULTIPROC_ENV)
    if not path:
        path = tempfile.mkdtemp(prefix="tutor-worker-metrics-")
        os.environ[MULTIPROC_ENV] = path
    os.makedirs(path, exist_ok=True)
    from prometheus_client import values

    values.ValueClass = values.get_value_class()  # type: ignore[no-untyped-call]
    return path


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def live_pids(path: str) -> set[int]:
    pids: set[int] = set()
    for name in os.listdir(path):
        stem = name.rsplit(".", 1)[0]
        tail = stem.rsplit("_", 1)[-1]
        if tail.isdigit() and process_alive(int(tail)):
            pids.add(int(tail))
    return pids


def start_metrics_server(port: int) -> None:
    from prometheus_client import start_http_server

    from polish_tutor.kit.metrics import process_registry

    start_http_server(port, registry=process_registry())


def fold_dead_files() -> None:
    """Fold the metric files of exited processes into the archives (a background process
    that died)."""
    from polish_tutor.kit.metrics import compact_dead_files, multiprocess_dir

    path = multiprocess_dir()
    if path:
        compact_dead_files(path, live_pids(path))
