"""The demo programme's captured kick-off meetings: what was said at each organisation, in its
language.

Every name and every word here is invented. The entries promoted here are ones the written
activity plans (services/demo_documents.py, added afterwards) do not already hold. Themes are
referred to by their place in the template's list (green, social, circular, transport,
employment, code of conduct), so the content fits whatever language the programme's theme
names are in.
"""

from __future__ import annotations

import datetime as dt

from verkstad.domain.model import AgendaItem, Entry, Meeting, Organisation, Person, Phase, PhaseKind, Programme, Theme
from verkstad.services.hub import Services

GREEN, SOCIAL, CIRCULAR, TRANSPORT, EMPLOYMENT, CONDUCT = range(6)

# (agenda item index, kind, text, theme places, owner's name, due in days, impact, votes, promote)
_Spec = tuple[int, str, str, tuple[int, ...], str | None, int | None, str | None, int, bool]

CAPTURED: dict[str, list[_Spec]] = {
    "Nordhavn Kommune": [
        (0, "note", "Karen ønsker fokus på de store udbud, der skal i gang i 2027", (), None, None, None, 0, False),
        (1, "note", "Indkøbspolitikken fra 2022 nævner miljø, men uden konkrete mål", (GREEN,),
         None, None, None, 0, False),
        (1, "idea", "Skriv klare og målbare miljømål ind i indkøbspolitikken ved næste revision", (GREEN,),
         None, None, "large", 3, False),
        (1, "task", "Send den gældende indkøbspolitik til rejseholdet", (), "Søren Prøve", 7, None, 0, False),
        (2, "note", "Behovsafklaringen sker i dag uden miljøkoordinatoren", (), None, None, None, 0, False),
        (2, "decision", "Miljøkoordinatoren deltager fremover i behovsafklaringen på udbud over 1 mio. kr.",
         (GREEN,), None, None, "medium", 0, True),
        (2, "task", "Kortlæg de ti største kontrakter, der udløber inden for to år", (CIRCULAR,), "Mette Demo", 21,
         None, 0, False),
        (3, "idea", "Elbiler og ladestandere i næste udbud af kørsel for hjemmeplejen", (TRANSPORT, GREEN), None,
         None, "large", 5, False),
        (3, "idea", "Genbrug af kontormøbler gennem en intern møbelbank", (CIRCULAR,), None, None, "medium", 4, False),
        (3, "idea", "Krav om praktikpladser i bygge- og anlægsudbud", (SOCIAL, EMPLOYMENT), None, None, None, 2, False),
        (3, "idea", "Mere økologi og mindre madspild i rådhusets kantine", (GREEN,), None, None, "medium", 3, True),
        (4, "decision", "Kørselsudbuddet 2027 bliver pilotprojekt for grønne krav", (TRANSPORT,), None, None,
         "large", 0, False),
        (4, "decision", "Rejseholdets skabeloner til miljøkrav bruges i alle nye udbud", (GREEN,), None, None,
         "medium", 0, False),
        (5, "task", "Send udkast til aktivitetsplan og samarbejdsaftale til kommentering", (), "Maja Fiktiv Holm", 14,
         None, 0, False),
        (5, "task", "Book lokale til opfølgningsmødet", (), None, None, None, 0, False),
    ],
    "Region Søndersted": [
        (0, "note", "Indkøbschefen var forhindret; beslutningerne bekræftes pr. mail", (), None, None, None, 0, False),
        (1, "note", "Regionens strategi for cirkulær økonomi er endnu ikke koblet til indkøb", (CIRCULAR,), None,
         None, None, 0, False),
        (1, "idea", "Totalomkostninger (TCO) med i evalueringen af medicoudstyr", (GREEN, CIRCULAR), None, None,
         "large", 3, True),
        (2, "task", "Bekræft dagens beslutninger med indkøbschefen", (), "Lise Fiktion", 5, None, 0, False),
        (2, "note", "Kontraktstyringen ligger i tre forskellige systemer", (), None, None, None, 0, False),
        (3, "idea", "Afprøv genanvendelige alternativer til engangsartikler på to afdelinger", (CIRCULAR,), None,
         None, "medium", 4, False),
        (3, "idea", "Sociale klausuler om lærlinge i rengøringsudbuddet", (SOCIAL, EMPLOYMENT), None, None, None,
         2, False),
        (3, "idea", "Samkørsel af vareleverancer til regionens matrikler", (TRANSPORT,), None, None, None, 1, False),
        (4, "decision", "Rengøringsudbuddet får krav om miljømærkede produkter", (GREEN,), None, None, "medium", 0,
         True),
        (4, "decision", "Leverandørerne skal tiltræde regionens adfærdskodeks", (CONDUCT,), None, None, None, 0,
         False),
        (5, "task", "Send listen over kontrakter, der udløber i 2027", (), "Anders Test", 10, None, 0, False),
        (5, "task", "Aftal dato for workshop om totalomkostninger", (), "Jonas Opdigtet Berg", None, None, 0, False),
    ],
    "Kuusijärven kaupunki": [
        (0, "note", "Hankintapäällikkö esitteli kaupungin hankintastrategian", (), None, None, None, 0, False),
        (1, "note", "Hankintaohjelmassa on ympäristötavoitteita, mutta niiden seuranta puuttuu", (GREEN,), None,
         None, None, 0, False),
        (1, "idea", "Hankintastrategiaan mitattavat hiilijalanjälkitavoitteet", (GREEN,), None, None, "large", 3,
         False),
        (2, "task", "Kootaan lista vuonna 2027 kilpailutettavista sopimuksista", (), "Veikko Kuvitteellinen", 14,
         None, 0, False),
        (3, "idea", "Käytettyjä kalusteita koulujen peruskorjauksiin", (CIRCULAR,), None, None, "medium", 4, False),
        (3, "idea", "Työllistämisehto katu- ja puistohoidon kilpailutukseen", (SOCIAL, EMPLOYMENT), None, None,
         None, 2, False),
        (3, "idea", "Sähköiset jakeluautot kotihoidon ateriakuljetuksiin", (TRANSPORT,), None, None, "medium", 1,
         True),
        (4, "decision", "Ruokapalveluiden kilpailutuksessa luomun ja kasvisruoan vähimmäisvaatimukset", (GREEN,),
         None, None, "medium", 0, False),
        (4, "decision", "Toimittajilta edellytetään eettisiä toimintaperiaatteita", (CONDUCT,), None, None, "small", 0,
         True),
        (5, "task", "Toimenpidesuunnitelman luonnos lähetetään kommentoitavaksi", (), "Maja Fiktiv Holm", 14, None,
         0, False),
        (5, "task", "Sovitaan seurantakokouksen ajankohta", (), None, None, None, 0, False),
    ],
}

# Who came, beside the advisory team's facilitator and one expert.
ATTENDED = {
    "Nordhavn Kommune": ["Karen Eksempel", "Søren Prøve", "Mette Demo", "Maja Fiktiv Holm", "Jonas Opdigtet Berg"],
    "Region Søndersted": ["Anders Test", "Lise Fiktion", "Maja Fiktiv Holm", "Ida Påhitt Lund"],
    "Kuusijärven kaupunki": ["Aino Esimerkki", "Veikko Kuvitteellinen", "Maja Fiktiv Holm", "Jonas Opdigtet Berg"],
}


def _local(date: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(date, time).astimezone().astimezone(dt.UTC)


def add_captured_kickoffs(services: Services, programme: Programme) -> None:
    """Run each organisation's kick-off meeting: attendance, entries, two promotions, ended."""
    records, capture = services.records, services.capture
    phases = [p for p in records.list(Phase, programme_id=programme.id) if p.kind == PhaseKind.KICKOFF_MEETING]
    if not phases:
        return
    themes = records.list(Theme, programme_id=programme.id)
    people = {p.name: p for p in records.list(Person, programme_id=programme.id)}
    organisations = {o.id: o for o in records.list(Organisation, programme_id=programme.id)}
    for meeting in records.list(Meeting, phase_id=phases[0].id):
        org = organisations.get(meeting.organisation_id or "")
        if org is None or org.name not in CAPTURED or meeting.date is None:
            continue
        agenda = records.list(AgendaItem, meeting_id=meeting.id)
        start = _local(meeting.date, meeting.start_time or dt.time(9, 0))
        item_starts, at = [], start
        for item in agenda:
            item_starts.append(at)
            at += dt.timedelta(minutes=item.duration_min)
        entries, to_promote = [], []
        per_item: dict[int, int] = {}
        for i, (place, kind, text, theme_places, owner, due_days, impact, votes, promote) in \
                enumerate(CAPTURED[org.name]):
            place = min(place, len(agenda) - 1)
            per_item[place] = per_item.get(place, 0) + 1
            moment = item_starts[place] + dt.timedelta(minutes=3 * per_item[place])
            person = people.get(owner) if owner else None
            entry = Entry(meeting_id=meeting.id, agenda_item_id=agenda[place].id, position=i, kind=kind,
                          text=text, impact=impact, votes=votes,
                          theme_ids=[themes[t].id for t in theme_places if t < len(themes)],
                          owner_id=person.id if person else None,
                          owner_name=owner if owner and person is None else "",
                          due_date=meeting.date + dt.timedelta(days=due_days) if due_days else None,
                          created_at=moment, updated_at=moment)
            entries.append(entry)
            if promote:
                to_promote.append(entry.id)
        records.add_all(entries)
        for name in ATTENDED[org.name]:
            if name in people:
                services.planning.set_attendance(meeting.id, people[name].id, attended=True)
        for entry_id in to_promote:
            capture.promote(entry_id, org.id)
        records.update(Meeting, meeting.id, started_at=start, ended_at=at + dt.timedelta(minutes=5),
                       current_item_id=agenda[-1].id if agenda else None,
                       item_started_at=item_starts[-1] if item_starts else None)
