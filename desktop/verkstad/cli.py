"""The `verkstad` command: the GUI by default, sub-commands for headless work.

Errors a user can cause (a wrong path, a bad file, an unknown name) end in one clear
line on stderr and a non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from verkstad import __version__
from verkstad.errors import VerkstadError
from verkstad.i18n import LANGUAGES, _, ngettext, set_language


class UserError(VerkstadError):
    """A mistake in what the user asked for; its text is shown as is."""


def database(text: str) -> str | Path:
    """What --db names: a file, or a PostgreSQL server's URL (postgresql://user@host/dbname)."""
    from verkstad.storage.server import is_server_url

    return text if is_server_url(text) else Path(text)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="verkstad",
        description=_("Plan, run and document advisory programmes for sustainable public procurement."),
    )
    parser.add_argument("--version", action="version", version=f"verkstad {__version__}")
    parser.add_argument("--db", type=database, help=_(
        "the database file (default: in your data folder), or a server: postgresql://user@host/database"))
    parser.add_argument("--lang", choices=sorted(LANGUAGES), help=_("the interface language"))
    parser.add_argument("--quit-when-ready", action="store_true",
                        help=_("start, print the milliseconds until the window is ready, and exit"))
    parser.add_argument("--capture", metavar="MEETING_ID", help=_("open a meeting in capture mode"))
    parser.add_argument("--open", type=Path, metavar="FILE",
                        help=_("offer to import this programme file once the window is open (also: verkstad FILE)"))
    parser.add_argument("--self-test", action="store_true",
                        help=_("check that this installation works (a temporary database; nothing of yours is "
                               "touched) and exit"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help=_("add the demo programme to the database"))
    demo.add_argument("--db", type=database, required=True, dest="sub_db")
    demo.add_argument("--lang", choices=sorted(LANGUAGES), default="da", dest="sub_lang")

    export = sub.add_parser("export", help=_("write a whole programme to a JSON file"))
    export.add_argument("--db", type=database, required=True, dest="sub_db")
    export.add_argument("--programme", help=_("name or id of the programme (default: the only one)"))
    export.add_argument("--out", type=Path, help=_("the file to write the programme to"))
    export.add_argument("--fingerprint", action="store_true",
                        help=_("print the fingerprint of the programme's content, to compare two copies"))

    imp = sub.add_parser("import", help=_("read a programme from a JSON file into the database"))
    imp.add_argument("--db", type=database, required=True, dest="sub_db")
    imp.add_argument("file", type=Path)

    merge = sub.add_parser("merge", help=_("bring another copy's work on the same programme into the database"))
    merge.add_argument("--db", type=database, required=True, dest="sub_db")
    merge.add_argument("--dry-run", action="store_true", help=_("say what the merge would do; change nothing"))
    merge.add_argument("--prefer", choices=("mine", "theirs"),
                       help=_("resolve every conflict with this database's value (mine) or the file's (theirs)"))
    merge.add_argument("file", type=Path, help=_("a programme file, or a database file taken offline"))

    offline = sub.add_parser("take-offline", help=_("copy a programme into a new database file, to work on "
                                                    "without the network (merge it back later)"))
    offline.add_argument("--db", type=database, required=True, dest="sub_db")
    offline.add_argument("--programme", help=_("name or id of the programme (default: the only one)"))
    offline.add_argument("--out", type=Path, required=True, help=_("the new database file"))

    render = sub.add_parser("render", help=_("make a document (PDF) of an organisation, a meeting or a programme"))
    render.add_argument("kind", choices=("plan", "agreement", "minutes", "agenda", "checklist", "progress",
                                         "sign-in", "dot-voting", "poster", "case-story", "evaluation-sheets",
                                         "evaluation"))
    render.add_argument("--db", type=database, required=True, dest="sub_db")
    render.add_argument("--organisation", help=_("name, short name or id of the organisation"))
    render.add_argument("--programme", dest="render_programme",
                        help=_("name or id of the programme (the progress report of all its organisations)"))
    render.add_argument("--meeting", help=_("id or title of the meeting"))
    render.add_argument("--story", help=_("id or title of the case story"))
    render.add_argument("--lang", choices=sorted(LANGUAGES), dest="sub_lang",
                        help=_("the document's language (default: the organisation's)"))
    render.add_argument("--version", type=int, dest="agreement_version",
                        help=_("the agreement version to print (default: the current draft)"))
    render.add_argument("--format", choices=("pdf", "docx"), default="pdf", dest="doc_format",
                        help=_("pdf (default), or docx (a Word document: the agreement and the plan)"))
    render.add_argument("--out", type=Path, required=True)

    receive = sub.add_parser("receive-comments",
                             help=_("read an organisation's comments and edits from the agreement as a Word document"))
    receive.add_argument("--db", type=database, required=True, dest="sub_db")
    receive.add_argument("--organisation", required=True, help=_("name, short name or id of the organisation"))
    receive.add_argument("--dry-run", action="store_true", help=_("say what the document holds; store nothing"))
    receive.add_argument("file", type=Path)

    # (more sub-commands are registered here)
    return parser


def _open_services(path: Path):
    from verkstad.services.hub import Services

    return Services.open(path)


def cmd_demo(args) -> int:
    from verkstad.services.demo import create_demo

    services = _open_services(args.sub_db)
    try:
        programme = create_demo(services, args.sub_lang)
    finally:
        services.close()
    print(_printable(_("Added the demo programme “{name}” ({id}).").format(name=programme.name, id=programme.id)))
    return 0


def cmd_export(args) -> int:
    from verkstad.services.exchange import export_programme, find_programme, fingerprint, programme_document

    if args.out is None and not args.fingerprint:
        raise VerkstadError(_("Give the file to write with --out, or ask for --fingerprint."))
    services = _open_services(args.sub_db)
    try:
        if args.fingerprint:
            programme = find_programme(services, args.programme)
            print(_printable(_("Fingerprint of “{name}”: {code}").format(
                name=programme.name, code=fingerprint(programme_document(services, programme)))))
            if args.out is None:
                return 0
        count = export_programme(services, args.programme, args.out)
    finally:
        services.close()
    print(
        ngettext("Exported {count} record to {path}.", "Exported {count} records to {path}.", count).format(
            count=count, path=_printable(str(args.out))
        )
    )
    return 0


def cmd_import(args) -> int:
    from verkstad.services.exchange import import_programme

    new = isinstance(args.sub_db, Path) and not args.sub_db.exists()  # a refused import leaves no new file
    services = _open_services(args.sub_db)
    try:
        programme = import_programme(services, args.file)
    except BaseException:
        services.close()
        if new:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{args.sub_db}{suffix}").unlink(missing_ok=True)
        raise
    finally:
        services.close()
    print(_printable(_("Imported the programme “{name}”.").format(name=programme.name)))
    return 0


def cmd_take_offline(args) -> int:
    from verkstad.services.exchange.offline import take_offline

    services = _open_services(args.sub_db)
    try:
        path = take_offline(services, args.programme, args.out)
    finally:
        services.close()
    print(_printable(_("The programme is in “{file}”. Work on it there; back on the network, merge it with "
                       "verkstad merge --db DATABASE {file}.").format(file=path)))
    return 0


CONFLICTS = 3  # the exit status of a merge that stopped at conflicts


def cmd_merge(args) -> int:
    from verkstad.services.exchange import merging

    services = _open_services(args.sub_db)
    try:
        plan = merging.plan(services, args.file)
        if plan.unchanged:
            print(_printable(merging.summary(plan)))
            return 0
        resolutions = {c.key: args.prefer for c in plan.conflicts} if args.prefer else {}
        for conflict in plan.conflicts:
            print(_printable(" ".join(conflict.text.split())))
        if args.dry_run:
            print(_printable(_("Would merge: {summary}").format(summary=merging.summary(plan, resolutions))))
            for line in merging.details(plan, resolutions):
                print(_printable(line))
            return CONFLICTS if plan.conflicts and not args.prefer else 0
        if plan.conflicts and not args.prefer:
            print(_printable(ngettext(
                "Nothing was merged: {n} conflict. Resolve it in the window (File → Merge a programme file…) or "
                "choose with --prefer mine or --prefer theirs.",
                "Nothing was merged: {n} conflicts. Resolve them in the window (File → Merge a programme file…) or "
                "choose with --prefer mine or --prefer theirs.", len(plan.conflicts)).format(n=len(plan.conflicts))),
                file=sys.stderr)
            return CONFLICTS
        merging.apply(services, plan, resolutions)
    finally:
        services.close()
    print(_printable(_("Merged: {summary}").format(summary=merging.summary(plan, resolutions))))
    return 0


def cmd_render(args) -> int:
    from verkstad.documents.text import DocumentError

    services = _open_services(args.sub_db)
    try:
        docs = services.documents
        org = docs.find_organisation(args.organisation) if args.organisation else None
        if args.doc_format == "docx" and args.kind not in ("plan", "agreement"):
            raise UserError(_("Only the agreement and the activity plan can be made as Word documents."))
        if args.kind == "case-story":
            if not args.story:
                raise UserError(_("Name the case story with --story."))
            pdf = docs.render("case-story", story_id=docs.find_story(args.story).id, language=args.sub_lang)
        elif args.kind == "progress":
            if (org is None) == (args.render_programme is None):
                raise UserError(_("Name the organisation with --organisation or the programme with --programme."))
            programme_id = None
            if args.render_programme is not None:
                from verkstad.services.exchange import ExchangeError, find_programme

                try:
                    programme_id = find_programme(services, args.render_programme).id
                except ExchangeError as exc:
                    raise UserError(str(exc)) from exc
            pdf = docs.render("progress", organisation_id=org.id if org else None, programme_id=programme_id,
                              language=args.sub_lang)
        elif args.kind in ("plan", "agreement"):
            if org is None:
                raise UserError(_("Name the organisation with --organisation."))
            if args.doc_format == "docx" and args.kind == "agreement":
                pdf = services.agreement_word.prepare_agreement(org.id, args.sub_lang, args.agreement_version)()
            elif args.doc_format == "docx":
                pdf = services.agreement_word.prepare_plan(org.id, args.sub_lang)()
            else:
                pdf = docs.render(args.kind, organisation_id=org.id, language=args.sub_lang,
                                  version=args.agreement_version)
        else:
            if not args.meeting and org is None:
                raise UserError(_("Name the meeting with --meeting (or its organisation with --organisation)."))
            meeting = docs.find_meeting(args.meeting, org.id if org else None)
            pdf = docs.render(args.kind, meeting_id=meeting.id, language=args.sub_lang)
    except DocumentError as exc:
        raise UserError(str(exc)) from exc
    finally:
        services.close()
    args.out.write_bytes(pdf)
    print(_printable(_("Wrote {path}.").format(path=args.out)))
    return 0


def cmd_receive_comments(args) -> int:
    from verkstad.documents.word_read import load
    from verkstad.services.agreement_word import describe

    services = _open_services(args.sub_db)
    try:
        org = services.documents.find_organisation(args.organisation)
        data = load(args.file)
        word = services.agreement_word
        reading = word.read(org.id, data, args.file.name)
        if not args.dry_run:
            word.receive(org.id, data, args.file.name, reading.record.received_on)
    finally:
        services.close()
    for line in describe(reading):
        print(_printable(line))
    if args.dry_run:
        print(_("Nothing was stored (--dry-run)."))
    else:
        print(_printable(_("Stored with version {number} of the agreement with “{name}”.").format(
            number=reading.version.number, name=org.name)))
    return 0


def _printable(text: str) -> str:
    """Text from a document, a file or the database, without control characters that would act
    on the terminal (an escape sequence in a programme's name, say)."""
    return "".join(c if c.isprintable() or c in "\t" else "\ufffd" for c in text)


COMMANDS = {"demo": cmd_demo, "export": cmd_export, "import": cmd_import, "merge": cmd_merge, "render": cmd_render,
            "take-offline": cmd_take_offline,
            "receive-comments": cmd_receive_comments}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    lang = _language_from_argv(argv)
    if lang:
        set_language(lang)
    args = _parser().parse_args(_file_as_open(argv))
    try:
        if args.self_test:
            from verkstad import selftest

            return selftest.run()
        if args.command is None:
            from verkstad import startup

            startup.mark("arguments read")
            startup.hold_garbage_collection()  # until the window has started
            import PySide6  # noqa: F401  (first: its import hook, made cheap for what follows)

            startup.skip_pyside_source_scan()
            from verkstad import logs
            from verkstad.app import run_gui

            logs.setup()
            startup.mark("qt imported")
            return run_gui(args)
        return COMMANDS[args.command](args)
    except VerkstadError as exc:  # anything the user can cause, storage errors included
        # one line, and names from a file or the database cannot act on the terminal
        print(_printable("verkstad: " + " ".join(str(exc).split())), file=sys.stderr)
        return 2
    except OSError as exc:
        print(_printable(f"verkstad: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": ")), file=sys.stderr)
        return 2


_TAKES_VALUE = {"--db", "--lang", "--capture", "--open"}


def _file_as_open(argv: list[str]) -> list[str]:
    """`verkstad FILE` (how the desktop opens a programme file, `Exec=verkstad %f`) means
    `verkstad --open FILE`: the first word that is neither an option, an option's value nor a
    command names the file."""
    skip = False
    for i, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg in _TAKES_VALUE:
            skip = True
        elif arg.startswith("-"):
            continue
        elif arg in COMMANDS:
            return argv
        else:
            return [*argv[:i], "--open", arg, *argv[i + 1:]]
    return argv


def _language_from_argv(argv: list[str]) -> str | None:
    """--lang is applied before parsing so that --help speaks it too."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in LANGUAGES:
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in LANGUAGES:
            return arg[7:]
    return None


if __name__ == "__main__":
    raise SystemExit(main())
