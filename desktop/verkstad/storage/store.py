"""What the repositories and services need of a database: an SQLite file or a PostgreSQL server.

`storage/db.Database` (a file) and `storage/server.ServerDatabase` (a server) both are one.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session


class Store(Protocol):
    path: Path | None  # the file, or None for a server
    label: str  # what messages name it by (a server's URL without its password)

    @property
    def engine(self) -> Engine: ...

    @property
    def engine_built(self) -> bool: ...

    def session(self) -> AbstractContextManager[Session]: ...

    def query(self, sql: str, params: tuple | dict = ()) -> list[tuple]: ...

    def backup(self, reason: str) -> Path | None: ...

    def close(self) -> None: ...
