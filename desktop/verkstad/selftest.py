"""`verkstad --self-test`: does this installation work? Run from source, from the bundle and
from the installed package (CI runs it there with a clean environment).

With a temporary database and temporary settings and logs (nothing of the user's is read or
written) it creates the demo programme, renders every document in all five languages and
reads each back (pdfium opens it and finds the organisation's name in its text: the fonts
are embedded and the preview's renderer works), exports the programme, imports it into a
second database and exports it again (the same bytes), then opens the main window on the
offscreen platform with that programme's view built, and closes it. It prints one line per
check and exits 0, or says what failed (with its traceback on stderr) and exits 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from verkstad.i18n import LANGUAGES, _, ngettext

if TYPE_CHECKING:
    from verkstad.domain.model import Programme
    from verkstad.services.hub import Services

KINDS = ("plan", "agreement", "minutes", "agenda", "checklist")


class Context:
    """What one check leaves for the next: the folder, the database, the demo programme."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.services: Services | None = None
        self.programme: Programme | None = None

    def open(self) -> Services:
        assert self.services is not None, "the database check runs first"
        return self.services


def check_database(ctx: Context) -> str:
    from verkstad.services.hub import Services

    ctx.services = Services.open(ctx.folder / "self-test.sqlite")
    return _("a new database opened and migrated")


def check_demo(ctx: Context) -> str:
    from verkstad.domain.model import Meeting, Organisation
    from verkstad.services.demo import create_demo

    services = ctx.open()
    ctx.programme = create_demo(services, "da")
    organisations = services.records.list(Organisation, programme_id=ctx.programme.id)
    meetings = services.records.list(Meeting, programme_id=ctx.programme.id)
    if not organisations or not meetings:
        raise AssertionError("the demo programme has no organisations or no meetings")
    return ngettext("the demo programme with {count} organisation", "the demo programme with {count} organisations",
                    len(organisations)).format(count=len(organisations))


def check_documents(ctx: Context) -> str:
    import pypdfium2 as pdfium

    from verkstad.domain.model import Meeting, Organisation

    services = ctx.open()
    assert ctx.programme is not None
    meeting = next(m for m in services.records.list(Meeting, programme_id=ctx.programme.id) if m.organisation_id)
    assert meeting.organisation_id is not None  # chosen so
    organisation = services.records.get(Organisation, meeting.organisation_id)
    count = 0
    for language in sorted(LANGUAGES):
        for kind in KINDS:
            where = ({"organisation_id": organisation.id} if kind in ("plan", "agreement")
                     else {"meeting_id": meeting.id})
            pdf = services.documents.render(kind, language=language, **where)
            document = pdfium.PdfDocument(pdf)
            try:
                text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
            finally:
                document.close()
            if organisation.name not in " ".join(text.split()):
                raise AssertionError(f"the {kind} in {language} does not name {organisation.name!r}")
            count += 1
    return ngettext("{count} document rendered and read back", "{count} documents rendered and read back",
                    count).format(count=count) + f" ({', '.join(KINDS)} × {', '.join(sorted(LANGUAGES))})"


def check_word(ctx: Context) -> str:
    """The agreement of an organisation with a sent version as .docx (python-docx's template is in
    the bundle), and read back against that version (lxml): unchanged, nothing to report."""
    from verkstad.domain.model import Organisation, VersionStatus

    services = ctx.open()
    assert ctx.programme is not None
    word = services.agreement_word
    for organisation in services.records.list(Organisation, programme_id=ctx.programme.id):
        agreement = services.agreements.find(organisation.id)
        versions = services.agreements.versions(agreement.id) if agreement else []
        sent = [v for v in versions if v.status != VersionStatus.APPROVED]
        if sent:
            data = word.prepare_agreement(organisation.id, None, sent[-1].number)()
            reading = word.read(organisation.id, data, "self-test.docx")
            if reading.record.clauses or reading.record.outside or reading.record.comments:
                raise AssertionError("the agreement as a Word document does not read back as it was made")
            plan = word.prepare_plan(organisation.id)()
            return _("the agreement and the plan of {name} as Word documents, {size} KB, read back unchanged").format(
                name=organisation.name, size=(len(data) + len(plan)) // 1024)
    raise AssertionError("the demo has no agreement version sent for comment")


def check_exchange(ctx: Context) -> str:
    from verkstad.services.exchange import export_programme, import_programme
    from verkstad.services.hub import Services

    services = ctx.open()
    assert ctx.programme is not None
    first, second = ctx.folder / "first.verkstad", ctx.folder / "second.verkstad"
    count = export_programme(services, ctx.programme.id, first)
    other = Services.open(ctx.folder / "imported.sqlite")
    try:
        import_programme(other, first)
        export_programme(other, ctx.programme.id, second)
    finally:
        other.close()
    if first.read_bytes() != second.read_bytes():
        raise AssertionError("the programme exported again after an import differs from the first export")
    return ngettext("{count} record exported, imported and exported again unchanged",
                    "{count} records exported, imported and exported again unchanged", count).format(count=count)


def check_window(ctx: Context) -> str:
    from verkstad.app import open_window_once

    services = ctx.open()
    ctx.services = None  # closed with the window's databases
    name = open_window_once(services, ctx.folder / "settings.ini")
    return _("the main window opened with {view} and closed").format(view=name)


CHECKS: list[tuple[str, Callable[[Context], str]]] = [
    ("database", check_database),
    ("demo", check_demo),
    ("documents", check_documents),
    ("word", check_word),
    ("exchange", check_exchange),
    ("window", check_window),
]


def run(out=None, err=None) -> int:
    """Run every check in order, stopping at the first that fails; 0 if all passed, else 1."""
    out, err = out or sys.stdout, err or sys.stderr
    saved = {name: os.environ.get(name) for name in ("QT_QPA_PLATFORM", "VERKSTAD_LOG_DIR")}
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with tempfile.TemporaryDirectory(prefix="verkstad-self-test-") as folder:
            os.environ["VERKSTAD_LOG_DIR"] = str(Path(folder) / "logs")
            return _run_checks(Context(Path(folder)), out, err)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _run_checks(ctx: Context, out, err) -> int:
    try:
        for name, check in CHECKS:
            started = time.perf_counter()
            try:
                said = check(ctx)
            except Exception as exc:  # noqa: BLE001  (the self-test's whole point: say what failed)
                print(_("FAILED {check}: {error}").format(check=name, error=f"{type(exc).__name__}: {exc}"),
                      file=out, flush=True)
                traceback.print_exc(file=err)
                return 1
            seconds = f"{time.perf_counter() - started:.1f}"
            print(_("ok  {check}: {result} ({seconds} s)").format(check=name, result=said, seconds=seconds),
                  file=out, flush=True)
    finally:
        if ctx.services is not None:
            ctx.services.close()
    print(_("Verkstad works: every check passed."), file=out, flush=True)
    return 0
