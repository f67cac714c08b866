"""Reading a Word document that came back: its comments (author, date, text, the clause each is
anchored in), tracked changes (insertions and deletions, with author and date) and the text of
every clause as it was sent (changes rejected) and with the changes accepted.

A .docx is a zip of XML files from outside: the zip is checked before anything is unpacked
(the names read, their sizes, their compression ratio, the number of members) and its XML is
parsed without entity resolution, DTDs or network access. Every refusal is a `WordFileError`
with one plain message; nothing here touches a database.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib
from dataclasses import dataclass, field

from verkstad.documents.word import BOOKMARK, IDENTIFIER, SUB_CLAUSE
from verkstad.errors import VerkstadError
from verkstad.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CP = "{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}"
_DC = "{http://purl.org/dc/elements/1.1/}"

MAX_FILE = 50 * 1024 * 1024  # a .docx of an agreement is some 50 KB; photos may make it a few MB
MAX_MEMBER = 20 * 1024 * 1024  # one XML part, unpacked
MAX_RATIO = 100  # unpacked size / packed size of one part above 1 MB (XML packs 5-20 times)
MAX_MEMBERS = 2000
DOCUMENT = "word/document.xml"
PARTS = (DOCUMENT, "word/comments.xml", "docProps/core.xml")


class WordFileError(VerkstadError, ValueError):
    """A file that cannot be read as a Word document from this agreement; the text says why."""

    reason = ""  # why the file is not a readable .docx, to be said with its name


@dataclass
class Tracked:
    kind: str  # insertion | deletion
    author: str
    date: str  # ISO 8601 as Word wrote it, or ""
    text: str


@dataclass
class Comment:
    author: str
    date: str
    text: str
    clause: str = ""  # the clause key it is anchored in, "" outside any clause
    quoted: str = ""  # the text it is anchored on


@dataclass
class Paragraph:
    sent: str  # text with tracked changes rejected
    accepted: str  # text with tracked changes accepted
    bullet: bool = False
    heading: bool = False  # the paragraph holding the clause's bookmark (its numbered title)
    in_table: bool = False


@dataclass
class Region:
    """A clause (key from its bookmark) or what lies outside every clause (key "")."""

    key: str
    version: int | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    tracked: list[Tracked] = field(default_factory=list)

    def text(self, accepted: bool, *, body: bool = True) -> str:
        """The clause's own text (not its title or tables) as the agreement stores it:
        paragraphs split by blank lines, bullets as "- " lines."""
        out = ""
        for p in self.paragraphs:
            if body and (p.heading or p.in_table):
                continue
            value = (p.accepted if accepted else p.sent).strip()
            if not value:
                continue
            if p.bullet:
                out += ("\n" if out else "") + "- " + value
            else:
                out += ("\n\n" if out else "") + value
        return out

    def furniture(self, accepted: bool) -> list[str]:
        """The title and table text of a clause, normalised: what the facilitator does not edit here."""
        return [" ".join((p.accepted if accepted else p.sent).split()) for p in self.paragraphs
                if (p.heading or p.in_table) and (p.accepted if accepted else p.sent).strip()]


@dataclass
class WordDocument:
    identifier: str
    language: str
    title: str
    regions: list[Region]  # in document order; clauses by their bookmarks
    comments: list[Comment]

    def clause(self, key: str) -> Region | None:
        return next((r for r in self.regions if r.key == key), None)

    @property
    def versions(self) -> set[int]:
        return {r.version for r in self.regions if r.version is not None}


def normalised(text: str) -> list[tuple[bool, str]]:
    """A clause text as paragraphs (bullet or not, words single-spaced): equal when only
    line breaks and spacing differ, as Word and the agreement's text format do."""
    out: list[tuple[bool, str]] = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        plain: list[str] = []
        for line in block.split("\n"):
            stripped = line.strip()
            if stripped.startswith(("- ", "• ")):
                if plain:
                    out.append((False, " ".join(" ".join(plain).split())))
                    plain = []
                out.append((True, " ".join(stripped[2:].split())))
            elif stripped:
                plain.append(stripped)
        if plain:
            out.append((False, " ".join(" ".join(plain).split())))
    return [p for p in out if p[1]]


# -- the zip and its XML ----------------------------------------------------------------------


def _refuse(reason: str) -> WordFileError:
    error = WordFileError(_("This file cannot be read as a Word document: {reason}").format(reason=reason))
    error.reason = reason
    return error


def _implausible(size: int, packed: int) -> bool:
    return size > MAX_MEMBER or (size > 1024 * 1024 and size / max(packed, 1) > MAX_RATIO)


def _parts(data: bytes) -> dict[str, bytes]:
    """The parts of the package we read, checked against zip bombs and damage."""
    if len(data) > MAX_FILE:
        raise _refuse(_("it is larger than {size} MB.").format(size=MAX_FILE // (1024 * 1024)))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise _refuse(_("it is in the old Word format (.doc) or encrypted; save it as .docx (Word document) "
                        "and read that."))
    if not data.startswith(b"PK"):
        raise _refuse(_("it is not a .docx file."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise _refuse(_("it holds too many parts to be a Word document."))
            by_name = {i.filename: i for i in infos}
            if DOCUMENT not in by_name:
                raise _refuse(_("it is a zip file, but not a Word document (it has no document text)."))
            out: dict[str, bytes] = {}
            for name in PARTS:
                info = by_name.get(name)
                if info is None:
                    continue
                if info.flag_bits & 0x1:
                    raise _refuse(_("it is encrypted."))
                if _implausible(info.file_size, info.compress_size):
                    raise _refuse(_("a part of it unpacks to an implausible size (a damaged file or a zip bomb)."))
                with zf.open(info) as member:
                    content = member.read(MAX_MEMBER + 1)  # never trust the sizes the zip states
                if _implausible(len(content), info.compress_size):
                    raise _refuse(_("a part of it unpacks to an implausible size (a damaged file or a zip bomb)."))
                out[name] = content
            return out
    except WordFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, ValueError, OSError) as exc:
        raise _refuse(_("it is damaged or incomplete ({detail}).").format(detail=type(exc).__name__)) from exc


def load(path) -> bytes:
    """A file's bytes, refused with a plain message when missing, unreadable or too large."""
    from pathlib import Path

    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE:
            raise _refuse(_("it is larger than {size} MB.").format(size=MAX_FILE // (1024 * 1024)))
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise WordFileError(_("There is no file “{path}”.").format(path=path)) from exc
    except IsADirectoryError as exc:
        raise WordFileError(_("“{path}” is a folder, not a Word document.").format(path=path)) from exc
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise WordFileError(_("“{path}” cannot be read: {reason}").format(path=path, reason=reason)) from exc


def _xml(content: bytes, name: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                             huge_tree=False, remove_comments=True, remove_pis=True)
    try:
        root = etree.fromstring(content, parser)
    except etree.XMLSyntaxError as exc:
        raise _refuse(_("its part {name} is not well-formed XML.").format(name=name)) from exc
    docinfo = root.getroottree().docinfo
    if docinfo.internalDTD is not None or docinfo.system_url or docinfo.public_id:  # Word never writes one
        raise _refuse(_("its part {name} declares a DTD, which Word documents never do.").format(name=name))
    return root


# -- the text ---------------------------------------------------------------------------------


def _attr(el, name: str) -> str:
    return el.get(W + name) or ""


def _text_of(p, *, accepted: bool) -> str:
    """A paragraph's text with tracked changes accepted or rejected."""
    out: list[str] = []
    for el in p.iter(W + "t", W + "delText", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        inserted = any(a.tag in (W + "ins", W + "moveTo") for a in el.iterancestors())
        deleted = el.tag == W + "delText" or any(a.tag in (W + "del", W + "moveFrom") for a in el.iterancestors())
        if (accepted and deleted) or (not accepted and inserted):
            continue
        if el.tag in (W + "t", W + "delText"):
            out.append(el.text or "")
        elif el.tag == W + "tab":
            out.append("\t")
        elif el.tag == W + "noBreakHyphen":
            out.append("-")
        else:
            out.append("\n")
    return "".join(out)


def _without_number(text: str) -> str:
    """A paragraph's text without the sub-clause number the document put before it ("4.2\t")."""
    return SUB_CLAUSE.sub("", text, count=1)


def _is_bullet(p) -> bool:
    ppr = p.find(W + "pPr")
    if ppr is None:
        return False
    style = ppr.find(W + "pStyle")
    return ppr.find(W + "numPr") is not None or (style is not None and _attr(style, "val").startswith("List"))


def _tracked(p) -> list[Tracked]:
    out = []
    for el in p.iter(W + "ins", W + "del", W + "moveFrom", W + "moveTo"):
        if el.getparent() is not None and el.getparent().tag == W + "rPr":  # a paragraph mark's change
            continue
        kind = "insertion" if el.tag in (W + "ins", W + "moveTo") else "deletion"
        text = "".join((t.text or "") for t in el.iter(W + "t", W + "delText"))
        if text:
            out.append(Tracked(kind, _attr(el, "author"), _attr(el, "date"), text))
    return out


def _comments(parts: dict[str, bytes]) -> dict[str, Comment]:
    content = parts.get("word/comments.xml")
    if content is None:
        return {}
    root = _xml(content, "word/comments.xml")
    out = {}
    for c in root.iter(W + "comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")]
        out[_attr(c, "id")] = Comment(_attr(c, "author"), _attr(c, "date"), "\n".join(paragraphs).strip())
    return out


def _core(parts: dict[str, bytes]) -> tuple[str, str, str]:
    content = parts.get("docProps/core.xml")
    if content is None:
        return "", "", ""
    root = _xml(content, "docProps/core.xml")

    def value(tag: str) -> str:
        el = root.find(tag)
        return (el.text or "").strip() if el is not None else ""

    return value(_DC + "identifier"), value(_DC + "language"), value(_DC + "title")


def read(data: bytes, name: str = "") -> WordDocument:
    """The comments, tracked changes and clause texts of a .docx; raises WordFileError, whose
    message names the file when `name` is given."""
    try:
        return _read(data)
    except WordFileError as exc:
        if name and exc.reason:
            raise WordFileError(_("“{file}” cannot be read as a Word document: {reason}").format(
                file=name, reason=exc.reason)) from exc
        raise


def _read(data: bytes) -> WordDocument:
    parts = _parts(data)
    root = _xml(parts[DOCUMENT], DOCUMENT)
    body = root.find(W + "body")
    if body is None:
        raise _refuse(_("it has no document text."))
    comments = _comments(parts)
    ident, language, title = _core(parts)

    # A clause runs from its bookmark's start to the next clause's: where a bookmark ends is not
    # trusted, since LibreOffice splits a bookmark over paragraphs into several of the same name.
    regions: list[Region] = [Region("", None)]
    anchored: dict[str, Region] = {}  # comment id -> the region it starts in
    quoting: set[str] = set()  # comments whose anchored text is being collected
    quotes: dict[str, list[str]] = {}

    def current() -> Region:
        return regions[-1]

    def opens(el) -> bool:
        """Start the clause a bookmark names, unless it was started already."""
        match = BOOKMARK.match(_attr(el, "name"))
        if match is None or match.group(2) in {r.key for r in regions}:
            return False
        regions.append(Region(match.group(2), int(match.group(1))))
        return True

    for el in body.iter(W + "bookmarkStart", W + "p", W + "commentRangeStart", W + "commentRangeEnd",
                        W + "commentReference", W + "t", W + "tab"):
        tag = el.tag
        if tag == W + "bookmarkStart":
            opens(el)
        elif tag == W + "p":
            # A paragraph holding a clause's bookmark is that clause's (numbered) title.
            opened = [opens(s) for s in el.iter(W + "bookmarkStart")]  # every one of them: no short cut
            heading = any(opened)
            in_table = any(a.tag == W + "tbl" for a in el.iterancestors())
            sent, accepted = _text_of(el, accepted=False), _text_of(el, accepted=True)
            if not heading:  # a numbered sub-clause: its number is the document's, not the clause's text
                sent, accepted = _without_number(sent), _without_number(accepted)
            paragraph = Paragraph(sent, accepted, _is_bullet(el), heading, in_table)
            current().paragraphs.append(paragraph)
            current().tracked += _tracked(el)
        elif tag == W + "commentRangeStart":
            anchored.setdefault(_attr(el, "id"), current())
            quoting.add(_attr(el, "id"))
        elif tag == W + "commentRangeEnd":
            quoting.discard(_attr(el, "id"))
        elif tag == W + "commentReference":
            anchored.setdefault(_attr(el, "id"), current())
        elif tag == W + "t":
            for cid in quoting:
                quotes.setdefault(cid, []).append(el.text or "")
        elif tag == W + "tab" and el.getparent() is not None and el.getparent().tag == W + "r":
            for cid in quoting:  # the tab after a sub-clause's number: "2.1 Region …"
                quotes.setdefault(cid, []).append(" ")
    found = []
    for cid, comment in comments.items():
        region = anchored.get(cid)
        comment.clause = region.key if region is not None else ""
        comment.quoted = "".join(quotes.get(cid, [])).strip()
        found.append(comment)
    found.sort(key=lambda c: (c.date or "", c.author))
    regions = [r for r in regions if r.key or r.paragraphs]
    return WordDocument(ident, language, title, regions, found)


def parse_identifier(value: str) -> tuple[str, str, int] | None:
    """(agreement id, organisation id, version) from the identifier Verkstad wrote, else None."""
    parts = value.split(":")
    if len(parts) != 4 or parts[0] != IDENTIFIER or not parts[3].isdigit():
        return None
    return parts[1], parts[2], int(parts[3])


def comment_date(value: str) -> dt.date | None:
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date() if value else None
    except ValueError:
        return None
