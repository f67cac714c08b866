"""The agreement through Word: save a version (or the plan) as .docx, read the organisation's
comments and edits back against the version that was sent, keep them with that version, and
make the next draft from the edits the facilitator keeps.

What came back is compared with the document as Verkstad made it for that version and
language (made again, the same bytes of text): a clause whose text differs with the tracked
changes rejected was edited without tracking; edits to titles and tables, and text outside
every clause, are kept apart and flagged, since the plan's tables come from the programme's data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial

from verkstad.documents import word, word_read
from verkstad.documents.word_read import WordFileError, normalised
from verkstad.domain.model import Agreement, AgreementVersion, Organisation, ReceivedDocument, VersionStatus
from verkstad.i18n import LANGUAGES, _, current, ngettext
from verkstad.services.agreements import CLAUSES, AgreementError, Agreements
from verkstad.services.documents import Documents
from verkstad.services.records import Change, NotFound, Records

__all__ = ["AgreementWord", "Reading", "WordFileError", "describe", "summary"]


@dataclass
class Reading:
    """What a Word document says about a version, before it is stored."""

    version: AgreementVersion
    record: ReceivedDocument
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        return summary(self.record)


def summary(record: ReceivedDocument) -> str:
    """E.g. "2 comments, 1 clause changed" (and the edits outside the clauses, if any)."""
    edited = sum(1 for c in record.clauses if c["received"] != c["sent"])
    parts = [ngettext("{count} comment", "{count} comments", len(record.comments)).format(count=len(record.comments)),
             ngettext("{count} clause changed", "{count} clauses changed", edited).format(count=edited)]
    if record.outside:
        parts.append(ngettext("{count} edit outside the clauses", "{count} edits outside the clauses",
                              len(record.outside)).format(count=len(record.outside)))
    return current().list(parts)


def describe(reading: Reading) -> list[str]:
    """What a received Word document holds, one line each: the version, warnings, comments by
    clause, changed clauses, edits outside the clauses."""
    titles = {c.key: _(c.title) for c in CLAUSES}
    out = [_("Version {number}: {summary}.").format(number=reading.version.number, summary=reading.summary)]
    out += [_("Warning: {text}").format(text=w) for w in reading.warnings]
    for c in reading.record.comments:
        author, text = c["author"] or _("unknown"), " ".join(c["text"].split())
        if c["clause"] in titles:
            out.append(_("Comment on “{clause}” by {author}: {text}").format(
                clause=titles[c["clause"]], author=author, text=text))
        else:
            out.append(_("Comment outside the clauses by {author}: {text}").format(author=author, text=text))
    for c in reading.record.clauses:
        kinds = []
        if c["tracked"]:
            kinds.append(ngettext("{count} tracked change", "{count} tracked changes", len(c["tracked"])).format(
                count=len(c["tracked"])))
        if c["untracked"]:
            kinds.append(_("edited without tracking"))
        out.append(_("Changed: “{clause}” ({how})").format(clause=titles.get(c["key"], c["key"]),
                                                             how=", ".join(kinds)))
    for x in reading.record.outside:
        out.append(_("Edited outside the clauses' text: {where}").format(
            where=titles.get(x["where"], _("the first page")) if x["where"] else _("the first page")))
    return out


def _language(tag: str) -> str | None:
    """"da-DK" -> "da"; None for a language Verkstad does not print in."""
    code = tag.replace("_", "-").split("-")[0].casefold()
    return {"no": "nb", "nn": "nb"}.get(code, code) if code else None


class AgreementWord:
    """Use cases of the agreement's Word documents."""

    def __init__(self, records: Records, agreements: Agreements, documents: Documents) -> None:
        self.records = records
        self.agreements = agreements
        self.documents = documents

    # -- saving ---------------------------------------------------------------------------

    def prepare_agreement(self, organisation_id: str, language: str | None = None,
                          version: int | None = None) -> Callable[[], bytes]:
        """Read what the .docx needs now (DocumentError as for the PDF); return its making."""
        data = self.documents.agreement_input(organisation_id, language, version)
        org = self.records.get(Organisation, organisation_id)
        agreement = self.agreements.find(organisation_id)
        assert agreement is not None  # agreement_input refuses an organisation without one
        return partial(word.agreement_docx, data, language or org.language, agreement_id=agreement.id,
                       organisation_id=org.id)

    def prepare_plan(self, organisation_id: str, language: str | None = None,
                     today: dt.date | None = None) -> Callable[[], bytes]:
        org = self.records.get(Organisation, organisation_id)
        data = self.documents.plan_input(organisation_id, today, language)
        return partial(word.plan_docx, data, language or org.language)

    # -- reading back ---------------------------------------------------------------------

    def read(self, organisation_id: str, data: bytes, file_name: str, on: dt.date | None = None) -> Reading:
        """Read a .docx against the version it was made from; nothing is stored. Raises
        WordFileError for a file that is not this agreement's, AgreementError for a version
        that cannot take comments."""
        doc = word_read.read(data, file_name)
        org = self.records.get(Organisation, organisation_id)
        agreement = self.agreements.find(organisation_id)
        if agreement is None:
            raise AgreementError(_("“{name}” has no agreement yet.").format(name=org.name))
        ident = word_read.parse_identifier(doc.identifier)
        if ident is None and not doc.versions:
            raise WordFileError(_("“{file}” was not saved from a Verkstad agreement: it has none of the marks "
                                  "Verkstad puts around the clauses.").format(file=file_name))
        warnings: list[str] = []
        if ident is not None:
            agreement_id, org_id, number = ident
            if org_id != organisation_id or agreement_id != agreement.id:
                other = self._organisation_name(org_id)
                if other:
                    raise WordFileError(_("“{file}” is the agreement with “{other}”, not with “{name}”.").format(
                        file=file_name, other=other, name=org.name))
                raise WordFileError(_("“{file}” is an agreement with an organisation this database does not hold, "
                                      "not with “{name}”.").format(file=file_name, name=org.name))
            if doc.versions and doc.versions != {number}:
                warnings.append(_("The clauses are marked as version {marked}, the document as version {number}; "
                                  "it is read as version {number}.").format(
                    marked=", ".join(str(n) for n in sorted(doc.versions)), number=number))
        else:
            if len(doc.versions) > 1:
                raise WordFileError(_("“{file}” mixes clauses of versions {numbers}; it cannot be read against "
                                      "one version.").format(file=file_name,
                                                             numbers=", ".join(str(n) for n in sorted(doc.versions))))
            number = next(iter(doc.versions))
            warnings.append(_("The document does not say which agreement it is; its clauses are read as "
                              "version {number} of the agreement with “{name}”.").format(number=number, name=org.name))
        versions = self.agreements.versions(agreement.id)
        version = next((v for v in versions if v.number == number), None)
        if version is None:
            if number == (versions[-1].number + 1 if versions else 1):
                raise AgreementError(_("“{file}” was saved from the draft of version {number}, which has not been "
                                       "sent for comment. Send it for comment first and save that version as a "
                                       "Word document.").format(file=file_name, number=number))
            raise AgreementError(_("“{file}” is version {number}, which the agreement with “{name}” does not have.")
                                 .format(file=file_name, number=number, name=org.name))
        if version.status == VersionStatus.APPROVED:
            raise AgreementError(_("Version {number} was approved on {date}; comments on it can no longer be "
                                   "recorded.").format(number=number, date=current().date(version.approved_on, "long")))
        if versions[-1].number != number:
            warnings.append(_("This is version {number}; version {newest} has been sent since. The comments are "
                              "kept with version {number}.").format(number=number, newest=versions[-1].number))
        digest = hashlib.sha256(data).hexdigest()
        for earlier in self.records.list(ReceivedDocument, agreement_version_id=version.id):
            if earlier.sha256 == digest:
                raise AgreementError(_("“{file}” was already read on {date} (as “{name}”).").format(
                    file=file_name, date=current().date(earlier.received_on, "long"), name=earlier.file_name))
        language = _language(doc.language) or org.language
        if language not in LANGUAGES:
            warnings.append(_("The document is in a language Verkstad does not print in ({tag}); it is compared "
                              "with the version in {name}'s language.").format(tag=doc.language, name=org.name))
            language = org.language
        record = self._compare(doc, organisation_id, version, language)
        record.file_name, record.sha256, record.received_on = file_name, digest, on or dt.date.today()
        if record.outside:
            warnings.append(_("Some edits lie outside the clauses' text (titles, tables or the first page); "
                              "they are shown but cannot be taken into the next version."))
        return Reading(version, record, warnings)

    def _organisation_name(self, organisation_id: str) -> str:
        try:
            return self.records.get(Organisation, organisation_id, include_deleted=True).name
        except NotFound:
            return ""

    def _compare(self, doc: word_read.WordDocument, organisation_id: str, version: AgreementVersion,
                 language: str) -> ReceivedDocument:
        """The version as sent (made again) against what came back, clause by clause."""
        data = self.documents.agreement_input(organisation_id, language, version.number)
        sent_doc = word_read.read(word.agreement_docx(data, language, agreement_id=version.agreement_id,
                                                      organisation_id=organisation_id))
        texts = {c.key: c for c in data.clauses}
        clauses: list[dict] = []
        outside: list[dict] = []
        for key, clause in texts.items():
            expected = sent_doc.clause(key)
            got = doc.clause(key)
            if expected is None:
                continue
            if got is None:
                outside.append({"where": key, "sent": clause.title, "received": ""})
                continue
            untracked = normalised(got.text(False)) != normalised(expected.text(False))
            received = got.text(True)
            if normalised(received) == normalised(clause.text):
                received = clause.text
            if received != clause.text or got.tracked:
                clauses.append({"key": key, "title": clause.title, "sent": clause.text, "received": received,
                                "untracked": untracked,
                                "tracked": [{"kind": t.kind, "author": t.author, "date": t.date, "text": t.text}
                                            for t in got.tracked]})
            if _numbers_alike(got.furniture(True)) != _numbers_alike(expected.furniture(True)):
                outside.append({"where": key, "sent": "\n".join(expected.furniture(True)),
                                "received": "\n".join(got.furniture(True))})

        def loose(d: word_read.WordDocument) -> list[str]:
            """The first page's text but its table of facts (version, state, date), which follows
            the version's state: "sent for comment" when saved, "comments received" once read."""
            return [" ".join(p.accepted.split()) for r in d.regions if not r.key for p in r.paragraphs
                    if p.accepted.strip() and not p.in_table]

        if loose(doc) != loose(sent_doc):
            outside.append({"where": "", "sent": "\n".join(loose(sent_doc)), "received": "\n".join(loose(doc))})
        comments = [{"author": c.author, "date": c.date, "text": c.text, "clause": c.clause, "quoted": c.quoted}
                    for c in doc.comments]
        return ReceivedDocument(agreement_version_id=version.id, language=language, comments=comments,
                                clauses=clauses, outside=outside)

    def receive(self, organisation_id: str, data: bytes, file_name: str,
                on: dt.date | None = None) -> list[Change]:
        """Read a .docx and keep what it says with its version, which now has comments."""
        return self.store(self.read(organisation_id, data, file_name, on))

    def store(self, reading: Reading) -> list[Change]:
        """Keep a reading with its version, which now has comments (one undo step)."""
        changes = [self.records.add(reading.record)]
        version = reading.version
        if version.status in (VersionStatus.SENT, VersionStatus.COMMENTED):
            changes.append(self.records.update(AgreementVersion, version.id, status=VersionStatus.COMMENTED,
                                               comments_on=reading.record.received_on))
        return changes

    def received(self, version_id: str) -> list[ReceivedDocument]:
        """The documents read on a version, oldest first."""
        return sorted(self.records.list(ReceivedDocument, agreement_version_id=version_id),
                      key=lambda r: (r.created_at, r.id))

    def edited_since(self, received_id: str) -> set[str]:
        """The clauses of a received document whose draft text has changed since the version was
        sent: keeping the organisation's text there replaces that later edit."""
        received = self.records.get(ReceivedDocument, received_id)
        version = self.records.get(AgreementVersion, received.agreement_version_id)
        draft = {c.key: c.text for c in self.agreements.clauses(version.agreement_id, received.language)}
        return {c["key"] for c in received.clauses
                if normalised(draft.get(c["key"], "")) not in (normalised(c["sent"]), normalised(c["received"]))}

    def next_version(self, received_id: str, keep: list[str]) -> list[Change]:
        """Put the organisation's text of the clauses in `keep` into the agreement's draft (the
        next version, once sent), in one change that one undo reverses."""
        received = self.records.get(ReceivedDocument, received_id)
        version = self.records.get(AgreementVersion, received.agreement_version_id)
        agreement = self.records.get(Agreement, version.agreement_id)
        by_key = {c["key"]: c for c in received.clauses}
        unknown = [k for k in keep if k not in by_key]
        if unknown:
            raise AgreementError(_("The document has no change to the clause “{key}”.").format(key=unknown[0]))
        if not keep:
            raise AgreementError(_("Choose at least one clause whose changes go into the next version."))
        templates = {c.key: c.template_text for c in self.agreements.clauses(agreement.id, received.language)}
        clauses = dict(agreement.clauses)
        for key in keep:
            text = by_key[key]["received"]
            if normalised(text) == normalised(templates.get(key, "")):
                clauses.pop(key, None)
            else:
                clauses[key] = text
        changes = []
        if clauses != agreement.clauses:
            changes.append(self.records.update(Agreement, agreement.id, clauses=clauses))
        changes.append(self.records.update(ReceivedDocument, received_id, kept=sorted(set(received.kept) | set(keep)),
                                           applied_on=dt.date.today()))
        return changes


_WHOLE = re.compile(r"(\d)[,.]0(?!\d)")


def _numbers_alike(lines: list[str]) -> list[str]:
    """Table text with whole numbers written alike: "12,0" (as hours printed before Verkstad
    dropped a zero decimal) is "12", so a document sent then shows no edit in its tables."""
    return [_WHOLE.sub(r"\1", line) for line in lines]
