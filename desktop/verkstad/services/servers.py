"""What the window needs to know of server addresses and of others' changes on a server.

The GUI takes nothing from storage but its errors: these are storage/server.py's answers,
given through the services layer.
"""

from __future__ import annotations

from verkstad.storage import server


def is_server_url(text: str) -> bool:
    """Whether `text` is a PostgreSQL server's address (postgresql://…), not a file."""
    return server.is_server_url(text)


def display_url(url: str) -> str:
    """The address without its password, for messages and logs."""
    return server.display_url(url)


def with_password(url: str, password: str) -> str:
    """The address with `password` put in (none given: as it is)."""
    return server.with_password(url, password)


def has_password(url: str) -> bool:
    """Whether the address holds a password (then it is not remembered)."""
    return server.has_password(url)


def on_server(services) -> bool:
    """Whether the services' database is a shared server."""
    return isinstance(services.db, server.ServerDatabase)


def changes_since(services, counter: int | None) -> tuple[int, list[str], dict[str, int]]:
    """`storage.server.changes_since` of the services' server database."""
    return server.changes_since(services.db, counter)


def record_type_of(services, record_id: str):
    """The record type of an id, or None when no table holds it."""
    from verkstad.domain.registry import record_types

    for rt in record_types():
        if services.db.query(f"SELECT 1 FROM {rt.table} WHERE id = ?", (record_id,)):
            return rt.cls
    return None
