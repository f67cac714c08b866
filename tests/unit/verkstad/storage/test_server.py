"""A server's address in messages, and a server that cannot be reached: told in plain words."""

from __future__ import annotations

import pytest

from verkstad.services.hub import Services
from verkstad.storage.errors import StorageError
from verkstad.storage.server import display_url


def test_an_address_is_shown_as_typed_without_its_password():
    assert display_url("postgresql://karen:hemmeligt@server.example:5433/verkstad") == (
        "postgresql://karen:***@server.example:5433/verkstad")
    assert display_url("postgresql://karen@/verkstad?host=/run/postgresql") == (
        "postgresql://karen@/verkstad?host=/run/postgresql")


def test_a_server_that_is_not_there_is_refused_in_plain_words(tmp_path):
    url = f"postgresql://karen:hemmeligt@/verkstad?host={tmp_path / 'ingen-server'}"
    with pytest.raises(StorageError) as info:
        Services.open(url)
    assert info.value.kind == "server_unreachable"
    message = str(info.value)
    assert message.startswith(f"The server “postgresql://karen:***@/verkstad?host={tmp_path / 'ingen-server'}” "
                              "cannot be reached: ")
    assert message.endswith("Check the address and the network; nothing was changed.")
    assert "hemmeligt" not in message and "\n" not in message
