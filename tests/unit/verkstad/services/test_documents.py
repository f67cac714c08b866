"""The four documents of the demo programme in all five languages: headings, organisation,
activities and translated labels in the text of the PDF; errors a user can cause; same bytes
for the same data."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from babel.numbers import format_decimal
from pypdf import PdfReader
from tests.pdf_tags import problems, watermarked

from verkstad.documents.text import DocumentError
from verkstad.domain.model import AgendaItem, Attendance, ChecklistItem, Entry, Meeting, Organisation, Person, Theme
from verkstad.domain.translatable import text_in
from verkstad.i18n import LANGUAGES, translator
from verkstad.services.agreements import CLAUSES
from verkstad.services.demo import DEMO_NAMES
from verkstad.services.templates import load as load_template

TODAY = dt.date(2027, 6, 1)
THEMES = load_template("travelling_team")["themes"]  # the demo's themes, as the template names them


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def read(pdf: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(pdf))
    return squash("\n".join(p.extract_text() for p in reader.pages)), reader


def has(text: str, *needles: str) -> None:
    for needle in needles:
        assert squash(needle) in text, needle


@pytest.fixture(scope="module")
def shared(tmp_path_factory):
    """One demo programme for the read-only tests of this module."""
    from verkstad.services.demo import create_demo
    from verkstad.services.hub import Services

    services = Services.open(tmp_path_factory.mktemp("docs") / "demo.sqlite")
    create_demo(services, "da")
    yield services
    services.close()


def org(services, short: str) -> Organisation:
    return next(o for o in services.records.list(Organisation) if o.short_name == short)


def kickoff(services, short: str) -> Meeting:
    return services.records.list(Meeting, organisation_id=org(services, short).id)[0]


def common(text: str, reader: PdfReader, lang: str) -> None:
    tr = translator(lang)
    pages = len(reader.pages)
    has(text, tr.gettext("Page {page} of {pages}").format(page=pages, pages=pages))
    assert reader.trailer["/Root"]["/Lang"] == lang


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_activity_plan_in_every_language(shared, lang):
    tr = translator(lang)
    nk = org(shared, "NK")
    text, reader = read(shared.documents.render("plan", organisation_id=nk.id, language=lang, today=TODAY))
    activities = shared.activities.list(nk.id)
    team, own = shared.activities.totals(nk.id)
    has(text, tr.gettext("Activity plan"), nk.name, DEMO_NAMES[lang],
        *(a.title for a in activities), tr.gettext("Hours"), tr.pgettext("hours of", "Team"),
        tr.pgettext("hours of", "Org."), tr.gettext("Responsible"), tr.gettext("Period"), tr.gettext("Total"),
        tr.gettext("Subtotal"), tr.gettext("Late"), tr.gettext("In preparation"), tr.gettext("Advisory team"),
        # the groups, named in the document's language (the template gives its themes in all five)
        *(tr.gettext(THEMES[t.position]) for t in shared.records.list(Theme)
          if t.id in {a.theme_id for a in activities}),
        format_decimal(team, "#,##0.#", locale=tr.locale), format_decimal(own, "#,##0.#", locale=tr.locale),
        tr.date(activities[0].deadline, "short"),
        tr.gettext("Version {number}, {date}, by {name}").format(number=2, date=tr.date(
            shared.agreements.approved(shared.agreements.find(nk.id).id).approved_on, "long"), name="Karen Eksempel"))
    common(text, reader, lang)
    assert reader.metadata.title == f"{tr.gettext('Activity plan')}: {nk.name}"


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_approved_agreement_in_every_language_has_no_watermark(shared, lang):
    tr = translator(lang)
    nk = org(shared, "NK")
    pdf = shared.documents.render("agreement", organisation_id=nk.id, language=lang, version=2)
    text, reader = read(pdf)
    approved = shared.agreements.version(shared.agreements.find(nk.id).id, 2)
    has(text, tr.gettext("Cooperation agreement"), nk.name, *(tr.gettext(c.title) for c in CLAUSES),
        *(a.title for a in shared.activities.list(nk.id)), tr.gettext("Team hours"), tr.gettext("Total"),
        tr.gettext("Version {number}, approved {date}").format(number=2, date=tr.date(approved.approved_on, "long")),
        tr.gettext("Approved on {date}.").format(date=tr.date(approved.approved_on, "long")), "Karen Eksempel",
        "Standardhuset", "Nordhavn Kommunes kommunikationsafdeling")  # the clause edited for this agreement, as typed
    assert not any(watermarked(pdf))
    # an approved version states its approval where the lines to sign on were: none are left empty
    assert squash(tr.gettext("Signature")) not in text and squash(tr.gettext("Place and date")) not in text
    common(text, reader, lang)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_draft_agreement_in_every_language_has_the_watermark_and_version_on_every_page(shared, lang):
    tr = translator(lang)
    kk = org(shared, "KK")
    pdf = shared.documents.render("agreement", organisation_id=kk.id, language=lang)
    text, reader = read(pdf)
    has(text, tr.gettext("Cooperation agreement"), kk.name, *(a.title for a in shared.activities.list(kk.id)))
    assert all(watermarked(pdf))
    for page in reader.pages:
        page_text = squash(page.extract_text())
        assert squash(tr.gettext("Draft of version {number}, {date}").format(number=1, date="")) [:12] in page_text


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_version_out_for_comment_asks_by_when_to_whom_and_how_to_approve_on_page_1(shared, lang):
    tr = translator(lang)
    rs = org(shared, "RS")
    [version] = shared.agreements.versions(shared.agreements.find(rs.id).id)
    reader = PdfReader(io.BytesIO(shared.documents.render("agreement", organisation_id=rs.id, language=lang)))
    first = squash(reader.pages[0].extract_text())
    has(first, tr.gettext("Request for comments"), tr.gettext("Comments by"), tr.date(version.comments_by, "long"),
        tr.gettext("{organisation} is asked to send its comments on this version by {date} to {name}.").format(
            organisation=rs.name, date=tr.date(version.comments_by, "long"), name="Maja Fiktiv Holm"),
        "maja.holm@example.org", "+45 11 22 33 44",
        tr.gettext("To approve the agreement, {organisation} signs it under section {section} and returns it to "
                   "{name}, or confirms by e-mail that it approves version {number}.").format(
            organisation=rs.name, section=len(CLAUSES), name="Maja Fiktiv Holm", number=1))
    text = squash("".join(p.extract_text() for p in reader.pages))
    # the parties with their register numbers, the lead partner; who signs, with printed names
    has(text, tr.gettext("{label} {number}").format(label=tr.gettext("CVR number"), number="99 99 10 02"),
        tr.gettext("Lead partner"), "99 99 00 01", tr.gettext("Contact person of {name}").format(name=rs.name),
        "Lise Fiktion", "Direktør", tr.gettext("For the advisory team, {lead}").format(lead="Standardhuset"),
        tr.gettext("Signature"), tr.gettext("Place and date"))
    assert squash(tr.gettext("Name in block capitals")) not in text  # both signatories are named


def test_an_unsent_draft_asks_nothing_yet_and_is_just_a_draft(shared):
    tr = translator("fi")
    kk = org(shared, "KK")
    text, _reader = read(shared.documents.render("agreement", organisation_id=kk.id))
    has(text, tr.gettext("Draft"), tr.gettext("{label} {number}").format(label=tr.gettext("Business ID"),
                                                                          number="9999999-1"))
    assert squash(tr.gettext("Request for comments")) not in text and squash("ei vielä lähetetty") not in text


def test_the_register_number_is_named_as_the_country_of_its_register_calls_it(services, demo):
    rs = org(services, "RS")
    services.planning.update_organisation(rs.id, country="FI")
    text, _reader = read(services.documents.render("agreement", organisation_id=rs.id, language="sv"))
    has(text, "FO-nummer 99 99 10 02")
    services.planning.update_organisation(rs.id, country="SE")
    text, _reader = read(services.documents.render("agreement", organisation_id=rs.id, language="en"))
    has(text, "Corporate identity number 99 99 10 02")


def test_the_plan_carries_its_agreements_version_and_is_a_draft_until_it_is_approved(services, demo):
    rs, nk = org(services, "RS"), org(services, "NK")
    tr = translator("da")
    pdf = services.documents.render("plan", organisation_id=rs.id)
    text, reader = read(pdf)
    line = services.documents.agreement_input(rs.id)
    from verkstad.documents.agreement import version_line

    for page in reader.pages:  # the version on every page, as the agreement prints it, and the watermark
        has(squash(page.extract_text()), version_line(line, tr))
    assert all(watermarked(pdf))
    services.activities.add(nk.id, "Ny aktivitet efter godkendelsen")
    pdf = services.documents.render("plan", organisation_id=nk.id)
    text, _reader = read(pdf)
    has(text, tr.gettext("Draft of version {number}, {date}").format(number=3, date="")[:8])
    assert all(watermarked(pdf))
    services.agreements.approve(services.agreements.send_for_comment(services.agreements.find(nk.id).id).id,
                                "Karen Eksempel")
    pdf = services.documents.render("plan", organisation_id=nk.id)
    text, _reader = read(pdf)
    has(text, tr.gettext("Version {number}, approved {date}").format(number=3, date=tr.date(dt.date.today(), "long")))
    assert not any(watermarked(pdf))


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_minutes_in_every_language(shared, lang):
    tr = translator(lang)
    meeting = kickoff(shared, "NK")
    text, reader = read(shared.documents.render("minutes", meeting_id=meeting.id, language=lang))
    entries = shared.records.list(Entry, meeting_id=meeting.id)
    tasks = [e for e in entries if e.kind == "task"]
    assert entries and tasks and any(not t.owner_id and not t.owner_name for t in tasks)
    owners = {p.id: p.name for p in shared.records.list(Person)}
    named = tr.gettext("{meeting} at {organisation}").format(meeting=tr.gettext("Kick-off meeting"),
                                                            organisation="Nordhavn Kommune")
    has(text, tr.gettext("Minutes"), named, tr.gettext("Attendance"),
        tr.gettext("Present"), tr.gettext("Absent"), tr.gettext("Decisions"), tr.gettext("Ideas"),
        tr.gettext("Tasks"), tr.gettext("Task list"),
        *(text_in(i, "title", lang) for i in shared.records.list(AgendaItem, meeting_id=meeting.id)),
        *(e.text for e in entries), *(owners[t.owner_id] for t in tasks if t.owner_id),
        *(tr.date(t.due_date, "long") for t in tasks if t.due_date), tr.date(meeting.date, "full"),
        # who took the minutes, whether the purchasing chief came, what was not agreed, who gets them
        tr.gettext("Minutes taken by"), "Maja Fiktiv Holm", tr.gettext("The purchasing chief attended."),
        tr.gettext("owner not agreed"), tr.gettext("not agreed"), tr.gettext("Distribution"))
    assert squash(meeting.title) not in text  # "Opstartsmøde: NK" is named in full
    assert reader.metadata.title == tr.gettext("{document} — {meeting}").format(
        document=tr.gettext("Minutes"), meeting=named)
    common(text, reader, lang)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_agenda_in_every_language(shared, lang):
    tr = translator(lang)
    meeting = kickoff(shared, "KK")
    text, reader = read(shared.documents.render("agenda", meeting_id=meeting.id, language=lang))
    plan = shared.planning.meeting_plan(meeting.id)
    kk = org(shared, "KK")
    has(text, tr.gettext("Invitation and agenda"), meeting.venue, "Kuusijärven kaupunki", kk.address,
        tr.gettext("Agenda"), tr.gettext("Organisation"), tr.gettext("Reply by"), tr.date(meeting.reply_by, "long"),
        "aino@kuusijarvi.example",
        tr.ngettext("{hours} hour", "{hours} hours", 3).format(hours=3),
        *(text_in(i, "title", lang) for i in plan.agenda),
        f"{tr.time(plan.timing.items[0].start)}–{tr.time(plan.timing.items[0].end)}", tr.date(meeting.date, "full"))
    # the team's checklist is not the participants' business: it has a document of its own
    checks = [c.text for c in shared.records.list(ChecklistItem, meeting_id=meeting.id)]
    assert checks and not any(squash(c) in text for c in checks)
    common(text, reader, lang)
    own, _reader = read(shared.documents.render("checklist", meeting_id=meeting.id, language=lang))
    has(own, tr.gettext("Preparation checklist"), tr.gettext("Responsible"), tr.gettext("Advisory team"),
        meeting.venue, *checks)


def test_documents_default_to_the_organisations_language(shared):
    kk = org(shared, "KK")
    _text, reader = read(shared.documents.render("plan", organisation_id=kk.id))
    assert reader.trailer["/Root"]["/Lang"] == "fi"
    _text, reader = read(shared.documents.render("minutes", meeting_id=kickoff(shared, "NK").id))
    assert reader.trailer["/Root"]["/Lang"] == "da"


@pytest.mark.parametrize("kind", ["plan", "agreement", "minutes", "agenda"])
def test_same_data_same_bytes(shared, kind):
    nk = org(shared, "NK")
    args = ({"organisation_id": nk.id, "today": TODAY} if kind in ("plan", "agreement")
            else {"meeting_id": kickoff(shared, "NK").id})
    if kind == "agreement":
        args.pop("today")
    assert shared.documents.render(kind, **args) == shared.documents.render(kind, **args)


def test_errors_a_user_can_cause_are_document_errors_with_plain_messages(services, demo):
    docs = services.documents
    with pytest.raises(DocumentError, match="No organisation"):
        docs.find_organisation("Nowhere")
    partner = docs.find_organisation("SH")
    with pytest.raises(DocumentError, match="partner"):
        docs.render("agreement", organisation_id=partner.id)
    nk = docs.find_organisation("nordhavn kommune")
    with pytest.raises(DocumentError, match="no version 7"):
        docs.render("agreement", organisation_id=nk.id, version=7)
    with pytest.raises(DocumentError, match="Unknown document"):
        docs.render("letter", organisation_id=nk.id)
    with pytest.raises(DocumentError, match="meeting"):
        docs.render("minutes")
    agreement = services.agreements.find(nk.id)
    services.records.delete(type(agreement), agreement.id)
    with pytest.raises(DocumentError, match="no agreement yet"):
        docs.render("agreement", organisation_id=nk.id)


def test_the_draft_prints_the_newest_version_until_something_changes(services, demo):
    nk = services.documents.find_organisation("NK")
    # version 2 is approved and nothing changed since
    assert not any(watermarked(services.documents.render("agreement", organisation_id=nk.id)))
    activity = services.activities.list(nk.id)[0]
    services.activities.update(activity.id, org_hours=99)
    pdf = services.documents.render("agreement", organisation_id=nk.id)
    text, _r = read(pdf)
    assert all(watermarked(pdf))
    has(text, "99")


def test_find_meeting_by_id_prefix_title_or_organisation(services, demo):
    docs = services.documents
    meeting = services.records.list(Meeting, organisation_id=docs.find_organisation("RS").id)[0]
    assert docs.find_meeting(meeting.id[:8]).id == meeting.id
    assert docs.find_meeting(organisation_id=meeting.organisation_id).id == meeting.id
    assert docs.find_meeting(meeting.title.upper()).id == meeting.id
    with pytest.raises(DocumentError):
        docs.find_meeting("no such meeting")


def test_plans_agreements_versions_and_comments_travel_in_export_and_import(shared, tmp_path):
    from verkstad.services.exchange import export_programme, import_programme
    from verkstad.services.hub import Services

    nk = org(shared, "NK")
    agreement = shared.agreements.find(nk.id)
    plan_before = shared.documents.render("plan", organisation_id=nk.id, today=TODAY)
    v1_before = shared.documents.render("agreement", organisation_id=nk.id, version=1)
    export_programme(shared, None, tmp_path / "programme.json")
    other = Services.open(tmp_path / "other.sqlite")
    try:
        import_programme(other, tmp_path / "programme.json")
        versions = other.agreements.versions(agreement.id)
        assert [(v.number, v.status, v.approved_by) for v in versions] == [
            (v.number, v.status, v.approved_by) for v in shared.agreements.versions(agreement.id)]
        assert versions[0].comments and versions[0].snapshot == shared.agreements.versions(agreement.id)[0].snapshot
        assert other.documents.render("plan", organisation_id=nk.id, today=TODAY) == plan_before
        assert other.documents.render("agreement", organisation_id=nk.id, version=1) == v1_before
    finally:
        other.close()


def test_a_long_plan_has_a_contents_list_and_a_bookmark_per_theme(services, demo):
    nk = org(services, "NK")
    themes = services.records.list(Theme, programme_id=nk.programme_id)
    for n in range(30):
        services.activities.add(nk.id, f"Aktivitet {n}", description="Beskrivelse " * 20,
                                theme_id=themes[n % 2].id)
    reader = PdfReader(io.BytesIO(services.documents.render("plan", organisation_id=nk.id)))
    marks = [o.title for o in reader.outline]
    assert marks[:2] == [themes[0].name, themes[1].name] and len(reader.pages) > 3
    first = reader.pages[0].extract_text(extraction_mode="layout")
    assert "Indhold" in first and all(t in first for t in marks)


def test_the_minutes_announce_the_next_meeting_of_the_organisation(services, demo):
    tr = translator("da")
    meeting = kickoff(services, "NK")
    follow_up = services.planning.add_meeting(meeting.phase_id, "Opfølgningsmøde",
                                              organisation_id=meeting.organisation_id)
    services.planning.update_meeting(follow_up.id, date=meeting.date + dt.timedelta(days=30), venue="Rådhuset")
    text, _reader = read(services.documents.render("minutes", meeting_id=meeting.id))
    has(text, tr.gettext("Next meeting"), "Opfølgningsmøde", tr.date(meeting.date + dt.timedelta(days=30), "full"))


def test_an_invitation_cannot_ask_for_a_reply_after_the_meeting(services, demo):
    from verkstad.errors import RuleError

    meeting = kickoff(services, "NK")
    with pytest.raises(RuleError, match="after the meeting"):
        services.planning.update_meeting(meeting.id, reply_by=meeting.date + dt.timedelta(days=1))
    assert services.records.get(Meeting, meeting.id).reply_by == meeting.date - dt.timedelta(days=7)


@pytest.mark.parametrize("kind", ["agreement", "minutes", "plan", "agenda", "checklist", "progress", "sign-in",
                                  "dot-voting", "poster", "case-story", "evaluation-sheets", "evaluation"])
def test_every_font_a_document_uses_is_the_embedded_family(shared, kind):
    """No Helvetica (reportlab's default for bullets and sub-clause numbers, never embedded):
    every font a page uses is one of the shipped faces, with its file in the PDF."""
    where = {"organisation_id": org(shared, "NK").id} if kind in ("agreement", "plan", "progress") \
        else {"story_id": shared.stories.stories(org(shared, "NK").programme_id)[0].id} if kind == "case-story" \
        else {"meeting_id": closing_workshop(shared).id} if kind.startswith("evaluation") \
        else {"meeting_id": kickoff(shared, "NK").id}
    reader = PdfReader(io.BytesIO(shared.documents.render(kind, **where)))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts and not [name for name in fonts if "Helvetica" in name]
    for name, font in fonts.items():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")), name
    text = "".join(page.extract_text() for page in reader.pages)
    assert "\x7f" not in text and "\ufffd" not in text


def test_the_plan_of_an_approved_agreement_stays_approved_through_its_follow_up(services, demo):
    """Ticking an activity done, or a new person in the team, is the follow-up of the approved
    plan, not a new version of it; changing its hours is."""
    from verkstad.documents.plan import is_draft

    nk = org(services, "NK")
    activity = services.activities.list(nk.id)[0]
    services.activities.update(activity.id, status="done")
    services.planning.add_person(nk.programme_id, "Nyt Teammedlem")
    data = services.documents.plan_input(nk.id)
    assert not is_draft(data) and (data.agreement.number, data.agreement.status) == (2, "approved")
    services.activities.update(activity.id, team_hours=99)
    data = services.documents.plan_input(nk.id)
    assert is_draft(data) and data.agreement.number == 3


def test_a_version_older_than_the_contract_parts_is_unchanged_until_one_is_set(services, demo):
    from verkstad.domain.model import Agreement, AgreementVersion, Programme

    rs = org(services, "RS")
    agreement = services.agreements.find(rs.id)
    [v1] = services.agreements.versions(agreement.id)
    old = {k: v for k, v in v1.snapshot.items() if k not in ("people", "chosen", "lead_partner", "request")}
    old["organisation"] = {k: v for k, v in old["organisation"].items() if k not in ("register_number", "country")}
    services.records.update(AgreementVersion, v1.id, snapshot=old)  # as Verkstad froze it before them
    services.planning.update_organisation(rs.id, register_number="")
    services.planning.update_programme(rs.programme_id, lead_partner_id=None)
    services.records.update(Agreement, agreement.id, signatory_id=None, team_contact_id=None, team_signatory_id=None)
    assert services.documents.agreement_input(rs.id).status == "sent"  # still version 1
    signer = services.agreements.organisation_people(rs.id)[0]
    services.agreements.set_people(agreement.id, signatory_id=signer.id)
    data = services.documents.agreement_input(rs.id)
    assert data.status == "draft" and data.people["signatory"]["name"] == signer.name
    assert services.records.get(Programme, rs.programme_id).lead_partner_id is None


def test_a_sent_version_keeps_the_reply_to_persons_details_as_they_were(services, demo):
    from verkstad.domain.model import Person

    kk = org(services, "KK")
    agreement = services.agreements.find(kk.id)
    maja = next(p for p in services.agreements.team_people(kk.programme_id) if p.name == "Maja Fiktiv Holm")
    services.agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1), comments_by=dt.date(2027, 3, 15),
                                         reply_to_id=maja.id)
    docx = services.agreement_word.prepare_agreement(kk.id, None, 1)()
    services.records.update(Person, maja.id, email="ny@example.org", phone="+45 99 99 99 99")
    assert services.documents.agreement_input(kk.id, version=1).reply_to["email"] == "maja.holm@example.org"
    reading = services.agreement_word.read(kk.id, docx, "svar.docx")
    assert reading.record.outside == [] and reading.record.clauses == []  # nothing edited in the file


def test_nobody_named_asks_for_comments_to_the_advisory_team(services, demo):
    from verkstad.documents.agreement import request_text

    kk = org(services, "KK")
    agreement = services.agreements.find(kk.id)
    services.agreements.send_for_comment(agreement.id, on=dt.date(2027, 3, 1), comments_by=dt.date(2027, 3, 15))
    tr = translator("en")
    lines = request_text(services.documents.agreement_input(kk.id, language="en"), tr)
    assert lines[0] == ("Kuusijärven kaupunki is asked to send its comments on this version to the advisory team "
                        "by 15\u00a0March\u00a02027.")
    assert not any("Maja" in line for line in lines)


def test_a_contents_list_longer_than_a_page_goes_on_over_the_next(services, demo):
    nk = org(services, "NK")
    for n in range(60):  # themes made in capture can be many
        theme = services.records.add(Theme(programme_id=nk.programme_id, position=100 + n, name=f"Tema {n}")).record
        services.activities.add(nk.id, f"Aktivitet {n}", theme_id=theme.id)
    reader = PdfReader(io.BytesIO(services.documents.render("plan", organisation_id=nk.id)))
    marks = {o.title: reader.get_destination_page_number(o) + 1 for o in reader.outline}
    assert "Tema 0" in marks and "Tema 59" in marks
    pages = [page.extract_text(extraction_mode="layout") for page in reader.pages[:4]]
    assert "Indhold" in pages[0] and "Tema 59" not in pages[0]  # the list goes on over the next pages ...
    listed = [i for i, text in enumerate(pages) if re.search(r"Tema 59[ .]*" + str(marks["Tema 59"]) + r"\b", text)]
    assert listed and listed[0] > 0  # ... with the page each theme starts on


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_every_document_is_tagged_for_a_screen_reader_in_every_language(shared, lang):
    """PDF/UA: every piece of text of every document is a heading, paragraph, list item, table
    cell or an artifact (header, footer, watermark); every marked-content id has its element; the
    language is set; the agreement's clauses are headings with numbered lists, the plan's and the
    minutes' tables have header cells."""
    from tests.pdf_tags import roles

    nk, kk = org(shared, "NK"), org(shared, "KK")
    documents = {
        "plan": shared.documents.render("plan", organisation_id=kk.id, language=lang),
        "agreement": shared.documents.render("agreement", organisation_id=kk.id, language=lang),
        "minutes": shared.documents.render("minutes", meeting_id=kickoff(shared, "NK").id, language=lang),
        "agenda": shared.documents.render("agenda", meeting_id=kickoff(shared, "KK").id, language=lang),
        "checklist": shared.documents.render("checklist", meeting_id=kickoff(shared, "KK").id, language=lang),
        "progress": shared.documents.render("progress", organisation_id=nk.id, language=lang),
        **{kind: shared.documents.render(kind, meeting_id=kickoff(shared, "KK").id, language=lang)
           for kind in ("sign-in", "dot-voting", "poster")},
        "case-story": shared.documents.render("case-story", story_id=shared.stories.stories(nk.programme_id)[0].id,
                                              language=lang),
        "approved": shared.documents.render("agreement", organisation_id=nk.id, language=lang, version=2),
        **{kind: shared.documents.render(kind, meeting_id=closing_workshop(shared).id, language=lang)
           for kind in ("evaluation-sheets", "evaluation")},
    }
    for name, pdf in documents.items():
        assert problems(pdf) == [], name
        found = roles(pdf)
        sheets = shared.evaluations.organisations(closing_workshop(shared).id)
        titles = len(sheets) if name == "evaluation-sheets" else 1
        assert found[0] == "Document" and found.count("H1") == titles and "P" in found, name  # a sheet's title each
        if name in ("plan", "minutes", "checklist", "agreement", "approved"):
            assert {"Table", "TR", "TH", "TD"} <= set(found), name
    assert {"H2", "L", "LI", "LBody"} <= set(roles(documents["agreement"]))


def test_a_version_stored_incomplete_is_refused_with_a_message_not_a_traceback(services, demo):
    """A version imported before import checked snapshots (from another tool's file) holds too
    little to print: the document says so in plain words."""
    from verkstad.domain.model import AgreementVersion

    nk = services.documents.find_organisation("NK")
    version = services.agreements.versions(services.agreements.find(nk.id).id)[0]
    services.records.update(AgreementVersion, version.id, snapshot={"activities": [{"title": "x"}]})
    with pytest.raises(DocumentError, match="stored incomplete"):
        services.documents.render("agreement", organisation_id=nk.id, version=version.number)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_progress_report_in_every_language(shared, lang):
    """An organisation's progress report: its states counted and charted, each activity with its
    latest update (share done and date in the language's own way), the day the information was
    last updated."""
    from verkstad.domain.progress import Progress, follow_up

    tr = translator(lang)
    nk = org(shared, "NK")
    text, reader = read(shared.documents.render("progress", organisation_id=nk.id, language=lang, today=TODAY))
    activities = shared.activities.list(nk.id)
    updated = [u for a in activities for u in shared.follow_ups.updates(a.id)]
    newest = max(updated, key=lambda u: u.reported_on)
    has(text, tr.gettext("Progress report"), nk.name, DEMO_NAMES[lang], *(a.title for a in activities),
        tr.gettext("Activities by state"), tr.gettext("Hours planned by state"), tr.gettext("Information updated"),
        tr.gettext("Latest update"), tr.gettext("On schedule"), tr.gettext("Not started"),
        tr.gettext("No progress reported yet"), newest.note,
        tr.gettext("{share} done").format(share=tr.percent(newest.share_done / 100)),
        tr.date(newest.reported_on, "short"), tr.date(max(u.reported_on for u in updated), "long"))
    # the cleaning tender (ongoing, deadline 10 May) is late on 1 June, and the report says why
    cleaning = next(a for a in activities if a.title.startswith("Grønne krav i udbuddet"))
    has(text, tr.gettext("Late"), tr.gettext("the deadline {date} has passed").format(date=tr.date(cleaning.deadline)))
    late = sum(follow_up(a, shared.follow_ups.updates(a.id), TODAY).progress == Progress.LATE for a in activities)
    has(text, tr.ngettext("{n} late", "{n} late", late).format(n=late))
    common(text, reader, lang)
    assert reader.metadata.title == f"{tr.gettext('Progress report')}: {nk.name}"


def test_the_programme_progress_report_covers_every_participating_organisation(shared):
    from verkstad.domain.model import OrgKind, Programme

    programme = shared.records.list(Programme)[0]
    text, reader = read(shared.documents.render("progress", programme_id=programme.id, language="fi", today=TODAY))
    participants = [o for o in shared.records.list(Organisation) if o.kind == OrgKind.PARTICIPANT]
    has(text, "Edistymisraportti", "Organisaatiot", *(o.name for o in participants),
        *(a.title for o in participants for a in shared.activities.list(o.id)))
    assert reader.trailer["/Root"]["/Lang"] == "fi"  # the programme's language unless asked: here Finnish


def test_hostile_text_in_a_progress_update_prints_as_written(services, demo):
    from verkstad.domain.model import Activity

    nk = next(o for o in services.records.list(Organisation) if o.short_name == "NK")
    activity = services.records.list(Activity, organisation_id=nk.id)[0]
    services.follow_ups.report(activity.id, reported_on=dt.date(2027, 5, 1), status="ongoing",
                               note="R&D <b>x</b> 5 < 6 &amp; </para>", share_done=5)
    text, _reader = read(services.documents.render("progress", organisation_id=nk.id, today=TODAY))
    has(text, "R&D <b>x</b> 5 < 6 &amp; </para>")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_room_kit_in_every_language(shared, lang):
    """The sign-in sheet lists everyone invited with room to sign, the dot-voting sheet the ideas
    the meeting captured, the poster the timed agenda on an A3 page."""
    tr = translator(lang)
    meeting = kickoff(shared, "NK")
    invited = [shared.records.get(Person, a.person_id) for a in shared.records.list(Attendance, meeting_id=meeting.id)
               if a.invited]
    text, reader = read(shared.documents.render("sign-in", meeting_id=meeting.id, language=lang))
    has(text, tr.gettext("Sign-in sheet"), tr.gettext("Signature"), *(p.name for p in invited))
    common(text, reader, lang)
    ideas = [e.text for e in shared.records.list(Entry, meeting_id=meeting.id) if e.kind == "idea"]
    text, reader = read(shared.documents.render("dot-voting", meeting_id=meeting.id, language=lang))
    has(text, tr.gettext("Dot voting"), tr.gettext("Dots"), *ideas)
    assert ideas
    text, reader = read(shared.documents.render("poster", meeting_id=meeting.id, language=lang))
    has(text, tr.gettext("Agenda"), *(text_in(a, "title", lang)
                                      for a in shared.records.list(AgendaItem, meeting_id=meeting.id)))
    width, height = (float(x) for x in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (842, 1191)  # A3 portrait, in points


def test_hostile_text_in_an_idea_prints_as_written_on_the_dot_voting_sheet(services, demo):
    meeting = next(m for m in services.records.list(Meeting) if m.organisation_id)
    services.records.add(Entry(meeting_id=meeting.id, kind="idea", text="R&D <b>x</b> 5 < 6 &amp; </para>"))
    text, _reader = read(services.documents.render("dot-voting", meeting_id=meeting.id))
    has(text, "R&D <b>x</b> 5 < 6 &amp; </para>")


QUOTES = {"en": "“{}”", "da": "»{}«", "sv": "”{}”", "fi": "”{}”", "nb": "«{}»"}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_a_case_story_in_every_language(shared, lang):
    """The approved story prints its three parts and its quote in the language's own quotation
    marks, dated; the draft says it is one and holds back a quote its person has not allowed."""
    tr = translator(lang)
    programme_id = org(shared, "NK").programme_id
    approved, draft = sorted(shared.stories.stories(programme_id), key=lambda s: s.status)
    pdf = shared.documents.render("case-story", story_id=approved.id, language=lang)
    text, reader = read(pdf)
    has(text, approved.title, tr.gettext("The challenge"), tr.gettext("What was done"), tr.gettext("The result"),
        approved.challenge, approved.result, QUOTES[lang].format(approved.quote), approved.quote_by,
        tr.gettext("By the organisation, {date}").format(date=tr.date(approved.approved_on, "long")))
    common(text, reader, lang)
    assert not any(watermarked(pdf))
    pdf = shared.documents.render("case-story", story_id=draft.id, language=lang)
    text, reader = read(pdf)
    has(text, draft.title, tr.gettext("Draft: not yet approved by the organisation"),
        tr.gettext("A quote is held back: the person quoted has not yet allowed it to be published."))
    assert squash(draft.quote) not in text
    assert all(watermarked(pdf))


def test_a_case_story_prints_in_its_organisations_language_and_hostile_text_as_written(services, demo):
    nk = next(o for o in services.records.list(Organisation) if o.short_name == "NK")
    story = services.stories.add_story(demo.id, "R&D <b>x</b> 5 < 6 &amp; </para>", organisation_id=nk.id,
                                       result="Før </i> efter").record
    text, reader = read(services.documents.render("case-story", story_id=story.id))
    has(text, "R&D <b>x</b> 5 < 6 &amp; </para>", "Før </i> efter", "Resultatet")
    assert reader.trailer["/Root"]["/Lang"] == nk.language


def closing_workshop(services) -> Meeting:
    from verkstad.domain.model import Phase, PhaseKind

    phases = {p.id: p.kind for p in services.records.list(Phase)}
    return next(m for m in services.records.list(Meeting) if phases[m.phase_id] == PhaseKind.CLOSING_WORKSHOP)


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_the_evaluation_sheets_and_their_results_in_every_language(shared, lang):
    """One sheet per participating organisation with its code and its own activities' questions;
    the report counts the sheets and gives each scale question's mean in the language's numbers."""
    tr = translator(lang)
    meeting = closing_workshop(shared)
    ev = shared.evaluations
    text, reader = read(shared.documents.render("evaluation-sheets", meeting_id=meeting.id, language=lang))
    codes = ev.codes(meeting.id)
    for o in ev.organisations(meeting.id):
        asked = ev.sheet_questions(meeting.id, o.id, lang)
        has(text, o.name, codes[o.id], *(sq.text for sq in asked), *(opt for sq in asked for opt in sq.options))
    has(text, tr.gettext("Evaluation sheet"), tr.gettext("Sheet code"), tr.gettext("Very much"))
    common(text, reader, lang)
    results = ev.results(meeting.id, lang)
    text, reader = read(shared.documents.render("evaluation", meeting_id=meeting.id, language=lang))
    first = results.questions[0]
    has(text, tr.gettext("Evaluation"), first.text, tr.gettext("Benefit by organisation (mean of 1 to 5)"),
        tr.number(results.sheets, 0),
        tr.ngettext("Mean {mean} of 5, from {count} answer.", "Mean {mean} of 5, from {count} answers.",
                    first.answered).format(mean=format_decimal(first.mean, "0.0", locale=tr.locale),
                                           count=first.answered),
        *(t for r in results.questions for _org, t in r.texts))
    common(text, reader, lang)


def test_each_sheet_prints_in_its_organisations_language_unless_told(shared):
    meeting = closing_workshop(shared)
    kk = org(shared, "KK")
    pdf = shared.documents.render("evaluation-sheets", meeting_id=meeting.id)
    text, reader = read(pdf)
    has(text, translator("fi").gettext("Evaluation sheet"), translator("da").gettext("Evaluation sheet"))
    assert reader.trailer["/Root"]["/Lang"] == "da"
    finnish = shared.evaluations.sheet_questions(meeting.id, kk.id, "fi")[0].text
    has(text, finnish)


def test_hostile_text_in_a_question_and_an_answer_prints_as_written(services, demo):
    meeting = closing_workshop(services)
    hostile = "R&D <b>x</b> 5 < 6 &amp; </para>"
    q = services.evaluations.add_question(meeting.id, "text", hostile + "?").record
    nk = next(o for o in services.records.list(Organisation) if o.short_name == "NK")
    services.evaluations.add_sheet(meeting.id, nk.id, {q.id: hostile})
    has(read(services.documents.render("evaluation-sheets", meeting_id=meeting.id))[0], hostile + "?")
    has(read(services.documents.render("evaluation", meeting_id=meeting.id))[0], hostile + "?", hostile)
