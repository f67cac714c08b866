"""The demo programme: a travelling team with three fictional organisations.

Every name here is invented.
"""

from __future__ import annotations

import datetime as dt

from verkstad.domain.model import Meeting, OrgKind, Phase, Programme, Role
from verkstad.i18n import translator
from verkstad.services.hub import Services

DEMO_NAMES = {
    "en": "Travelling team for green procurement (demo)",
    "da": "Rejsehold for grønne indkøb (demo)",
    "sv": "Resande team för gröna inköp (demo)",
    "fi": "Vihreiden hankintojen kiertävä tiimi (demo)",
    "nb": "Reiseteam for grønne innkjøp (demo)",
}

# The register numbers are invented too (no check digit of theirs is right).
PARTNERS = [  # the first is the lead partner
    ("Standardhuset", "SH", "99 99 00 01", "Fiktivvej 10\n9990 Demoby"),
    ("Miljøteknik Vest A/S", "MTV", "99 99 00 02", ""),
    ("Advokatfirmaet Lund & Holm", "L&H", "99 99 00 03", ""),
]

ORGANISATIONS = [
    ("Nordhavn Kommune", "NK", "da", "Rådhuspladsen 1\n9999 Nordhavn", "99 99 10 01"),
    ("Region Søndersted", "RS", "da", "Regionsgården 4\n9998 Søndersted", "99 99 10 02"),
    ("Kuusijärven kaupunki", "KK", "fi", "Torikatu 2\n99999 Kuusijärvi", "9999999-1"),
]

# (name, title, role, organisation index or partner "p0".., email, phone)
PEOPLE: list[tuple[str, str, Role, int | str, str, str]] = [
    ("Maja Fiktiv Holm", "Seniorkonsulent", Role.FACILITATOR, "p0", "maja.holm@example.org", "+45 11 22 33 44"),
    ("Jonas Opdigtet Berg", "Miljøingeniør", Role.EXPERT, "p1", "jonas.berg@example.org", "+45 22 33 44 55"),
    ("Ida Påhitt Lund", "Advokat", Role.EXPERT, "p2", "ida.lund@example.org", "+45 33 44 55 66"),
    ("Karen Eksempel", "Indkøbschef", Role.PURCHASING_CHIEF, 0, "karen@nordhavn.example", "+45 44 55 66 77"),
    ("Søren Prøve", "Indkøber", Role.PROCUREMENT_OFFICER, 0, "soren@nordhavn.example", ""),
    ("Mette Demo", "Miljøkoordinator", Role.SUSTAINABILITY, 0, "mette@nordhavn.example", ""),
    ("Anders Test", "Indkøbskonsulent", Role.PROCUREMENT_OFFICER, 1, "anders@sondersted.example", ""),
    ("Lise Fiktion", "Direktør", Role.MANAGER, 1, "lise@sondersted.example", ""),
    ("Aino Esimerkki", "Hankintapäällikkö", Role.PURCHASING_CHIEF, 2, "aino@kuusijarvi.example", ""),
    ("Veikko Kuvitteellinen", "Hankinta-asiantuntija", Role.PROCUREMENT_OFFICER, 2, "veikko@kuusijarvi.example", ""),
]


def create_demo(services: Services, language: str = "da", start: dt.date | None = None) -> Programme:
    """Add the demo programme to the database and return it."""
    planning, records = services.planning, services.records
    start = start or dt.date(2027, 2, 1)
    name = DEMO_NAMES[language]
    programme = planning.create_programme(name, language, "travelling_team", start=start)
    tr = translator(language)
    partner_ids = []
    for org_name, short, number, address in PARTNERS:
        change = planning.add_organisation(programme.id, org_name, short_name=short, kind=OrgKind.PARTNER,
                                           register_number=number, address=address)
        partner_ids.append(change[0].id)
    # Its name in every language, as the template gives its phases, meetings and themes: the
    # Finnish city's documents are Finnish throughout.
    named = {**programme.translations, "name": {lang: n for lang, n in DEMO_NAMES.items() if lang != language}}
    planning.update_programme(programme.id, lead_partner_id=partner_ids[0], translations=named)
    org_ids = []
    for org_name, short, lang, address, number in ORGANISATIONS:
        changes = planning.add_organisation(programme.id, org_name, short_name=short, language=lang,
                                            address=address, register_number=number)
        org_ids.append(changes[0].id)
    people: list[tuple[str, str]] = []  # (person id, organisation id)
    for name_, title, role, org, email, phone in PEOPLE:
        org_id = partner_ids[int(org[1:])] if isinstance(org, str) else org_ids[org]
        person = planning.add_person(programme.id, name_, title=title, role=role,
                                     organisation_id=org_id, email=email, phone=phone)
        people.append((person.id, org_id))
    phases = {p.kind: p for p in records.list(Phase, programme_id=programme.id)}
    venues = {org_ids[0]: "Rådhuset, mødelokale 2", org_ids[1]: "Regionsgården, lokale A",
              org_ids[2]: "Kaupungintalo, kokoushuone Kuusi"}
    # Each invitation asks for a reply a week ahead, to the organisation's first person (the team's
    # facilitator for a shared meeting); the facilitator takes the minutes.
    facilitator = people[0][0]
    first_of = {org: pid for pid, org in reversed(people)}
    for i, meeting in enumerate(records.list(Meeting, programme_id=programme.id)):
        if meeting.organisation_id:
            assert meeting.date is not None  # the template dates every meeting
            day = meeting.date + dt.timedelta(days=7 * i)
            records.update(Meeting, meeting.id, venue=venues[meeting.organisation_id], date=day,
                           reply_by=day - dt.timedelta(days=7), note_taker_id=facilitator,
                           contact_id=first_of.get(meeting.organisation_id, facilitator))
        else:
            records.update(Meeting, meeting.id, venue=tr.gettext("Conference centre, Vejle"), note_taker_id=facilitator,
                           contact_id=facilitator,
                           reply_by=meeting.date - dt.timedelta(days=14) if meeting.date else None)
    # Attendance: the team and each organisation's people invited; Region Søndersted's
    # purchasing chief is missing, so its kick-off meeting shows the warning.
    for meeting in records.list(Meeting, programme_id=programme.id):
        for person_id, person_org in people:
            if meeting.organisation_id in (None, person_org) or person_org in partner_ids:
                planning.set_attendance(meeting.id, person_id, invited=True)
    records.update(Phase, phases["kickoff_workshop"].id, venue=tr.gettext("Conference centre, Vejle"))
    from verkstad.services.demo_capture import add_captured_kickoffs

    add_captured_kickoffs(services, programme)
    from verkstad.services.demo_documents import add_demo_documents

    add_demo_documents(services, programme)
    from verkstad.services.demo_evaluation import add_demo_evaluation, add_demo_marks

    add_demo_marks(services, programme)
    add_demo_evaluation(services, programme)
    return records.get(Programme, programme.id)  # as stored: its lead partner was set after it was made
