"""A programme file opened while another Verkstad holds the database is handed to it."""

from __future__ import annotations

import threading
from pathlib import Path

from verkstad import handoff


def test_a_request_is_taken_once_with_the_files_absolute_path(tmp_path, monkeypatch):
    database = tmp_path / "team.sqlite"
    monkeypatch.chdir(tmp_path)
    request = handoff.send(database, Path("Fjordby.verkstad"))
    assert request.parent == tmp_path and request.name.startswith(".team.sqlite.open-")
    assert handoff.take(database) == [tmp_path / "Fjordby.verkstad"]
    assert not request.exists()
    assert handoff.take(database) == []


def test_requests_for_another_database_or_half_written_are_left_alone(tmp_path):
    mine, other = tmp_path / "mine.sqlite", tmp_path / "other.sqlite"
    theirs = handoff.send(other, tmp_path / "a.verkstad")
    (tmp_path / ".mine.sqlite.open-123.part").write_text("/half/writ", encoding="utf-8")
    assert handoff.take(mine) == []
    assert theirs.exists()


def test_a_request_nobody_takes_is_withdrawn(tmp_path):
    database = tmp_path / "team.sqlite"
    request = handoff.send(database, tmp_path / "a.verkstad")
    assert handoff.wait_until_taken(request, seconds=0.2) is False
    assert not request.exists()  # a later start of Verkstad does not find it and import unasked
    assert handoff.take(database) == []


def test_waiting_ends_as_soon_as_the_request_is_taken(tmp_path):
    database = tmp_path / "team.sqlite"
    request = handoff.send(database, tmp_path / "a.verkstad")
    taker = threading.Timer(0.1, lambda: handoff.take(database))
    taker.start()
    try:
        assert handoff.wait_until_taken(request, seconds=5) is True
    finally:
        taker.join()
