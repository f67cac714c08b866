"""cli.main catches every VerkstadError: one line `verkstad: <message>` on stderr, exit 2.
Before issue 7 only UserError, StorageError and ExchangeError were caught, so the other user
errors (CaptureError, NotFound, ...) ended in a traceback."""

from __future__ import annotations

import pytest

from verkstad import cli
from verkstad.documents.text import DocumentError
from verkstad.errors import RuleError, VerkstadError
from verkstad.services.activities import ActivityError
from verkstad.services.agreements import AgreementError
from verkstad.services.capture import CaptureError
from verkstad.services.exchange import ExchangeError
from verkstad.services.records import NotFound
from verkstad.storage.errors import StorageError


def _run_raising(monkeypatch, capsys, exc: BaseException) -> tuple[int, str, str]:
    def command(args):
        raise exc

    monkeypatch.setitem(cli.COMMANDS, "export", command)
    status = cli.main(["export", "--db", "unused.sqlite", "--out", "unused.json"])
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.parametrize("exc,message", [
    (CaptureError("already_promoted"), "This entry is already an activity in the plan."),
    (AgreementError("The agreement is approved."), "The agreement is approved."),
    (ActivityError("Hours must be a number."), "Hours must be a number."),
    (DocumentError("No organisation is called “X”."), "No organisation is called “X”."),
    (RuleError("A name is required."), "A name is required."),
    (NotFound("Meeting 42"), "Meeting 42"),
    (ExchangeError("not valid JSON"), "not valid JSON"),
    (StorageError("locked", "/data/v.sqlite"), "The database “/data/v.sqlite” is open in another"),
    (cli.UserError("Name the organisation with --organisation."), "Name the organisation with"),
])
def test_every_user_error_is_one_line_and_exit_2(monkeypatch, capsys, exc, message):
    assert isinstance(exc, VerkstadError)
    status, out, err = _run_raising(monkeypatch, capsys, exc)
    assert status == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("verkstad: ")
    assert message in err
    assert "Traceback" not in err


def test_a_message_over_several_lines_is_printed_on_one(monkeypatch, capsys):
    exc = StorageError("cannot_open", "/data/v.sqlite", "unable to open\ndatabase file")
    status, _out, err = _run_raising(monkeypatch, capsys, exc)
    assert status == 2
    assert err == "verkstad: The database “/data/v.sqlite” cannot be opened: unable to open database file\n"


def test_user_errors_keep_their_other_bases():
    assert issubclass(NotFound, LookupError)
    for cls in (CaptureError, AgreementError, ActivityError, ExchangeError):
        assert issubclass(cls, ValueError)
    for cls in (StorageError, DocumentError, cli.UserError, NotFound):
        assert issubclass(cls, VerkstadError)


def test_a_bug_is_not_swallowed(monkeypatch, capsys):
    with pytest.raises(ZeroDivisionError):
        _run_raising(monkeypatch, capsys, ZeroDivisionError("a bug"))


@pytest.mark.parametrize("argv, expected", [
    (["/home/a/Fjordby.verkstad"], ["--open", "/home/a/Fjordby.verkstad"]),  # Exec=verkstad %f
    (["--lang", "da", "x.verkstad"], ["--lang", "da", "--open", "x.verkstad"]),
    (["--db", "team.sqlite", "x.json"], ["--db", "team.sqlite", "--open", "x.json"]),
    (["export", "--db", "a.sqlite", "--out", "x.verkstad"], ["export", "--db", "a.sqlite", "--out", "x.verkstad"]),
    (["import", "--db", "a.sqlite", "x.verkstad"], ["import", "--db", "a.sqlite", "x.verkstad"]),
    (["--db", "demo.sqlite"], ["--db", "demo.sqlite"]),  # a database, not a file to open
    ([], []),
])
def test_a_file_named_without_a_command_is_offered_for_import(argv, expected):
    assert cli._file_as_open(argv) == expected
    if "--open" in expected:
        args = cli._parser().parse_args(cli._file_as_open(argv))
        assert str(args.open) == argv[-1] and args.command is None
