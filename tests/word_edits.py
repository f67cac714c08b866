"""A .docx changed the way an organisation changes it in Word: a comment (python-docx), an edit
without tracking, and tracked insertions and deletions written as Word writes them (`w:ins`,
`w:del` with `w:delText`, author and date). `tests/fixtures/word/region-v1-commented-libreoffice.docx`
is `organisation_edits` applied to version 1 of the agreement with Region Søndersted in
`programme.verkstad`, then opened and saved again by LibreOffice 7.4
(`soffice --headless --convert-to docx:"MS Word 2007 XML"`)."""

from __future__ import annotations

import io

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
AUTHOR = "Maja Holm"  # invented


def _text(tag: str, text: str):
    el = OxmlElement(tag)
    el.text = text
    el.set(_SPACE, "preserve")
    return el


def _paragraph(document, starts: str):
    found = [p for p in document.paragraphs if p.text.startswith(starts) or starts in p.text]
    assert found, f"no paragraph with {starts!r}"
    return found[0]


def edit(data: bytes, change) -> bytes:
    document = docx.Document(io.BytesIO(data))
    change(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def comment(document, starts: str, text: str, author: str = AUTHOR) -> None:
    paragraph = _paragraph(document, starts)
    document.add_comment(paragraph.runs, text=text, author=author, initials="MH")


def untracked(document, starts: str, old: str, new: str) -> None:
    paragraph = _paragraph(document, starts)
    for run in paragraph.runs:
        if old in run.text:
            run.text = run.text.replace(old, new)
            return
    raise AssertionError(f"{old!r} not in one run")


def inserted(document, starts: str, text: str, author: str = AUTHOR, date: str = "2027-03-10T09:00:00Z") -> None:
    """A tracked insertion at the end of the paragraph."""
    ins = OxmlElement("w:ins")
    for name, value in (("w:id", "901"), ("w:author", author), ("w:date", date)):
        ins.set(qn(name), value)
    run = OxmlElement("w:r")
    run.append(_text("w:t", text))
    ins.append(run)
    _paragraph(document, starts)._p.append(ins)


def deleted(document, starts: str, word: str, author: str = AUTHOR, date: str = "2027-03-10T09:05:00Z") -> None:
    """A tracked deletion of `word` from the paragraph's first run."""
    run = _paragraph(document, starts).runs[0]._r
    t = run.find(qn("w:t"))
    before, found, after = (t.text or "").partition(word)
    assert found, f"{word!r} not in the first run"
    run.remove(t)
    run.append(_text("w:t", before))
    gone = OxmlElement("w:del")
    for name, value in (("w:id", "902"), ("w:author", author), ("w:date", date)):
        gone.set(qn(name), value)
    old = OxmlElement("w:r")
    old.append(_text("w:delText", word))
    gone.append(old)
    rest = OxmlElement("w:r")
    rest.append(_text("w:t", after))
    run.addnext(gone)
    gone.addnext(rest)


def organisation_edits(document) -> None:
    """What the Danish demo's Region Søndersted did to version 1 (the LibreOffice fixture)."""
    comment(document, "deltager i", "Vi vil gerne nævne vores klimaplan her.")
    untracked(document, "Gode eksempler", "case-historier", "cases")
    inserted(document, "På den afsluttende", " Evalueringen sker skriftligt.")
    deleted(document, "Samarbejdet følger", " nedenfor")
