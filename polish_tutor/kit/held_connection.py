"""One synchronous database connection kept for the life of a worker process (its jobs run one
after another in the thread that built it), instead of one checked out of the pool, wrapped
and given back for every job: a speech job's whole database work is one short transaction,
and the check-out, the ``Connection`` built around it and the reset on its return cost the
worker about as much as the transaction's statements.

Safe as the pool was:

- every transaction is its own (``begin`` … commit, or rollback on an error), so the
  connection sits between two jobs outside any transaction: no SQLite lock, no PostgreSQL
  transaction left open;
- after any error in a transaction (a failed statement, a rollback, the database restarted
  under it, the job's timeout) the connection is given back to the pool (which rolls it back,
  or drops it when it was invalidated) and the next transaction takes a fresh one;
- another thread (the guard ending a stuck job) or another process never touches it: they
  take a connection from the engine as before.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine

from polish_tutor.kit.db import READ_ONLY


class HeldConnection:
    """``engine``'s connection held by the thread (and process) that made this object."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._reads = engine.execution_options(**{READ_ONLY: True})
        self._owner = (os.getpid(), threading.get_ident())
        self._connection: Connection | None = None

    def owned(self) -> bool:
        """Whether the caller is the thread (of the process) that holds the connection."""
        return (os.getpid(), threading.get_ident()) == self._owner

    @contextmanager
    def begin(self, *, read_only: bool = False) -> Iterator[Connection]:
        """A transaction, committed at the end of the block, rolled back on an error.
        ``read_only``: with :data:`~polish_tutor.kit.db.READ_ONLY` (on SQLite a deferred
        ``BEGIN``, which takes no write lock)."""
        if not self.owned():
            with (self._reads if read_only else self.engine).begin() as connection:
                yield connection
            return
        connection = self._held()
        if read_only:
            connection.execution_options(**{READ_ONLY: True})
        try:
            with connection.begin():
                yield connection
        except BaseException:
            self.release()
            raise
        finally:
            if read_only and not connection.closed:
                connection.execution_options(**{READ_ONLY: False})

    @contextmanager
    def rolled_back(self) -> Iterator[Connection]:
        """A transaction always rolled back at the end of the block (a prewarm)."""
        if not self.owned():
            with self.engine.connect() as connection, connection.begin() as transaction:
                yield connection
                transaction.rollback()
            return
        connection = self._held()
        try:
            with connection.begin() as transaction:
                yield connection
                transaction.rollback()
        except BaseException:
            self.release()
            raise

    def release(self) -> None:
        """Give the held connection back to the pool (the next transaction takes another).
        Only its holder's: in a work-horse the inherited one is left alone."""
        if not self.owned():
            return
        connection, self._connection = self._connection, None
        if connection is not None:
            connection.close()

    def _held(self) -> Connection:
        connection = self._connection
        if connection is None or connection.closed or connection.invalidated:
            if connection is not None:
                connection.close()
            connection = self._connection = self.engine.connect()
        return connection
