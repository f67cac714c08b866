"""The demo programme's documents: an activity plan and a draft agreement for every organisation,
comments and one approved version for the first, and captured notes of its kick-off meeting.

Content is invented, written in each organisation's own language (Danish or Finnish).
"""

from __future__ import annotations

import datetime as dt

from verkstad.domain.model import (
    AgendaItem,
    Attendance,
    Entry,
    EntryKind,
    Meeting,
    Organisation,
    OrgKind,
    Person,
    Phase,
    PhaseKind,
    Programme,
    Theme,
)

# Themes by their position in the travelling-team template.
GREEN, SOCIAL, CIRCULAR, TRANSPORT, EMPLOYMENT, CONDUCT = range(6)

# (title, description, theme, responsible, team h, org h, start week, weeks, status, impact)
PLANS = {
    "NK": [
        ("Grønne krav i udbuddet af rengøring",
         ("Kravspecifikationen til rengøringsudbuddet gennemgås: miljømærkede midler, doseringsudstyr "
          "og uddannelse af personalet. Krav og tildelingskriterier skrives sammen med indkøberen."),
         GREEN, "both", 16, 12, 0, 8, "ongoing", "large"),
        ("Totalomkostninger (TCO) ved indkøb af IT-udstyr",
         "Værktøjet til totalomkostninger afprøves på den næste indkøbsrunde af bærbare computere.",
         CIRCULAR, "team", 12, 8, 2, 6, "preparation", "medium"),
        ("Genbrug af møbler før nyindkøb",
         "En enkel arbejdsgang for at finde og genbruge møbler, før der købes nyt.",
         CIRCULAR, "organisation", 6, 14, 4, 8, "preparation", "medium"),
        ("Klimakrav til kørselsordninger",
         "Dialog med leverandører om emissionsfri kørsel; krav til næste udbud af kørselsordningen.",
         TRANSPORT, "both", 8, 6, 6, 10, "preparation", "large"),
        ("Bæredygtighed i indkøbspolitikken",
         "Et nyt afsnit i indkøbspolitikken om grønne og sociale hensyn, til politisk behandling.",
         GREEN, "organisation", 4, 10, 8, 8, "preparation", "small"),
        ("Case-historie om rengøringsudbuddet",
         "Interview med indkøbschefen og en kort artikel til nyhedsbrevet.",
         GREEN, "team", 4, 2, 16, 4, "preparation", "small"),
    ],
    "RS": [
        ("Sociale klausuler i bygge- og anlægsudbud",
         "Standardklausuler om lærlinge og praktikpladser tilpasses regionens byggeprojekter.",
         EMPLOYMENT, "both", 14, 10, 0, 10, "preparation", "large"),
        ("Leverandørdialog om emissionsfri transport",
         "Et dialogmøde med markedet før udbuddet af patientbefordring.",
         TRANSPORT, "team", 10, 6, 4, 6, "preparation", "medium"),
        ("Adfærdskodeks som bilag til kontrakter",
         "Et fælles bilag om menneske- og arbejdstagerrettigheder i leverandørkæden.",
         CONDUCT, "both", 8, 8, 6, 8, "preparation", "medium"),
        ("Opfølgning på miljøkrav i eksisterende kontrakter",
         "Stikprøvekontrol af tre kontrakter og en enkel skabelon til opfølgning.",
         GREEN, "organisation", 4, 12, 10, 10, "preparation", "small"),
    ],
    "KK": [
        ("Ympäristökriteerit elintarvikehankintoihin",
         "Kasvispainotteiset ja kausiruokaa suosivat kriteerit koulujen ja päiväkotien ruokapalveluun.",
         GREEN, "both", 14, 10, 0, 10, "preparation", "large"),
        ("Kiertotalous kalustehankinnoissa",
         "Käytettyjen ja kunnostettujen kalusteiden hankintamalli ja markkinavuoropuhelu.",
         CIRCULAR, "team", 10, 8, 4, 8, "preparation", "medium"),
        ("Työllistämisehto palveluhankintoihin",
         "Työllistämisehdon pilotointi kiinteistöhuollon kilpailutuksessa.",
         EMPLOYMENT, "both", 8, 8, 6, 10, "preparation", "medium"),
        ("Hankintojen hiilijalanjäljen seuranta",
         "Yksinkertainen seurantataulukko suurimpien hankintojen päästöistä.",
         GREEN, "organisation", 4, 10, 12, 8, "preparation", "small"),
    ],
}

# Entries of Nordhavn Kommune's kick-off meeting: (agenda position, kind, text, owner index, due
# weeks after the meeting, activity index it became).
NK_ENTRIES = [
    (1, EntryKind.NOTE, "Indkøbspolitikken er fra 2019 og nævner ikke miljø eller sociale hensyn.", None, None, None),
    (2, EntryKind.IDEA, "Brug miljømærkede rengøringsmidler og doseringsanlæg i det nye udbud.", None, None, 0),
    (2, EntryKind.IDEA, "Regn på totalomkostninger, før der købes nye bærbare.", None, None, 1),
    (3, EntryKind.IDEA, "Lav en møbelbank, så brugte møbler kan genbruges på tværs af forvaltninger.", None, None, 2),
    (3, EntryKind.IDEA, "Elcykler til hjemmeplejen i bykernen.", None, None, None),
    (4, EntryKind.DECISION, "Rengøringsudbuddet bliver første aktivitet; rådgivningen starter i marts.", None, None, 0),
    (4, EntryKind.DECISION, "Indkøbspolitikken får et afsnit om bæredygtighed.", None, None, 4),
    (5, EntryKind.TASK, "Send den nuværende kravspecifikation for rengøring til teamet.", "Karen Eksempel", 1, None),
    (5, EntryKind.TASK, "Udkast til aktivitetsplan og samarbejdsaftale.", "Maja Fiktiv Holm", 2, None),
    (5, EntryKind.TASK, "Find en kollega fra hjemmeplejen til dialog om elcykler.", "Søren Prøve", 3, None),
]


def _weeks(start: dt.date, weeks: int) -> dt.date:
    return start + dt.timedelta(weeks=weeks)


def add_demo_documents(services, programme: Programme) -> None:
    """Activity plans, agreements and versions for the demo programme's organisations."""
    records, activities, agreements = services.records, services.activities, services.agreements
    themes = records.list(Theme, programme_id=programme.id)
    phases = {p.kind: p for p in records.list(Phase, programme_id=programme.id)}
    work = phases.get(PhaseKind.ACTIVITIES)
    begin = (work.start_date if work and work.start_date else dt.date(2027, 3, 15))
    people = {p.name: p for p in records.list(Person, programme_id=programme.id)}
    orgs = [o for o in records.list(Organisation, programme_id=programme.id) if o.kind == OrgKind.PARTICIPANT]
    for org in orgs:
        staff = [p for p in people.values() if p.organisation_id == org.id]
        chief = next((p for p in staff if p.role == "purchasing_chief"), staff[0] if staff else None)
        # Activities promoted in the captured kick-off meeting get the plan's details too.
        for n, promoted in enumerate(activities.list(org.id)):
            if not promoted.team_hours and not promoted.org_hours:
                activities.update(promoted.id, team_hours=6 + 2 * n, org_hours=4 + 2 * n, responsible="both",
                                  responsible_person_id=chief.id if chief else None,
                                  start_date=promoted.start_date or _weeks(begin, 2 + 2 * n),
                                  deadline=promoted.deadline or _weeks(begin, 10 + 2 * n))
        created = []
        for title, text, theme, party, team_h, org_h, week, weeks, status, impact in PLANS.get(org.short_name, []):
            person = chief if party != "team" else people.get("Maja Fiktiv Holm")
            change = activities.add(
                org.id, title, description=text,
                theme_id=themes[theme].id if theme < len(themes) else None, responsible=party,
                responsible_person_id=person.id if person else None, team_hours=team_h, org_hours=org_h,
                start_date=_weeks(begin, week), deadline=_weeks(begin, week + weeks), status=status,
                impact=impact)
            created.append(change.record)
        agreement, _change = agreements.ensure(org.id)
        # Who signs: each organisation's purchasing chief (Region Søndersted's director), and for
        # the team the lead partner's facilitator; she is the team's contact person too.
        own = {p.name: p for p in agreements.organisation_people(org.id)}
        signatory = own.get("Lise Fiktion") or next(iter(own.values()), None)
        maja = people.get("Maja Fiktiv Holm")
        agreements.set_people(agreement.id, signatory_id=signatory.id if signatory else None,
                              team_contact_id=maja.id if maja else None,
                              team_signatory_id=maja.id if maja else None)
        if org.short_name == "NK":
            _nordhavn(services, org, agreement.id, created, begin)
        elif org.short_name == "RS":
            sent = begin - dt.timedelta(days=10)
            agreements.send_for_comment(agreement.id, on=sent, comments_by=sent + dt.timedelta(days=14),
                                        reply_to_id=maja.id if maja else None)
    _stories(services, programme, begin)


def _stories(services, programme: Programme, begin: dt.date) -> None:
    """Two good examples (Nordhavn's approved, Kuusijärvi's a draft whose quote is not yet
    allowed) and the communication list that tells them."""
    orgs = {o.short_name: o for o in services.records.list(Organisation, programme_id=programme.id)}
    nk, kk = orgs.get("NK"), orgs.get("KK")
    if nk is None or kk is None:
        return
    cleaning = next((a for a in services.activities.list(nk.id) if a.title.startswith("Grønne krav i udbuddet")), None)
    furniture = next((a for a in services.activities.list(kk.id) if a.title.startswith("Kiertotalous")), None)
    stories = services.stories
    approved = stories.add_story(
        programme.id, "Miljømærket rengøring i Nordhavn", organisation_id=nk.id,
        activity_id=cleaning.id if cleaning else None,
        challenge="Kommunens rengøring brugte mange forskellige midler, og ingen krav i udbuddet sikrede, "
                  "at de var miljømærkede.",
        action="Indkøberen og rådgivningsteamet skrev krav om miljømærkede midler og doseringsudstyr ind i "
               "udbuddet og holdt en markedsdialog med tre leverandører.",
        result="Alle 14 institutioner bruger nu miljømærkede midler; forbruget af rengøringsmidler er faldet "
               "med 22 % på et halvt år.",
        quote="Markedsdialogen viste os, at kravene var realistiske. Det gjorde det let at stå fast.",
        quote_by="Karen Eksempel, indkøbschef", quote_allowed=True).record
    stories.update_story(approved.id, status="approved", approved_on=begin + dt.timedelta(days=56))
    draft = stories.add_story(
        programme.id, "Käytetyt kalusteet kouluihin", organisation_id=kk.id,
        activity_id=furniture.id if furniture else None,
        challenge="Koulujen kalusteet hankittiin aina uusina, vaikka varastossa oli käyttökelpoisia kalusteita.",
        action="Kaupunki kokeili kalusteiden kunnostusta ja käytettyjen kalusteiden hankintaa kahdessa koulussa.",
        result="Kahden koulun kalustehankinnoista 40 % tehtiin käytettyinä.",
        quote="Oppilaat eivät huomanneet eroa, mutta budjetti huomasi.",
        quote_by="Aino Esimerkki, hankintapäällikkö").record
    for kind, title, who, days, done, story in (
            ("news", "Nyhed i nyhedsbrevet: grønne krav til rengøring", "Nordhavn Kommunes nyhedsbrev", 60, True, None),
            ("case_story", "Case-historien på programmets hjemmeside", "Kommunikationsafdelingen, Nordhavn", 75,
             False, approved.id),
            ("interview", "Haastattelu kalusteiden kiertotaloudesta", "Aino Esimerkki", 90, False, draft.id)):
        stories.add_communication(programme.id, title, kind=kind, with_whom=who,
                                  due=begin + dt.timedelta(days=days), done=done, case_story_id=story)


def _nordhavn(services, org: Organisation, agreement_id: str, created: list, begin: dt.date) -> None:
    """Version 1 commented, version 2 approved, and the kick-off meeting's notes."""
    agreements = services.agreements
    sent = begin - dt.timedelta(days=21)
    maja = next((p for p in agreements.team_people(org.programme_id) if p.name == "Maja Fiktiv Holm"), None)
    request = {"reply_to_id": maja.id if maja else None}
    v1 = agreements.send_for_comment(agreement_id, on=sent, comments_by=sent + dt.timedelta(days=7), **request)
    agreements.record_comments(
        v1.id, "Vi ønsker flere timer til rengøringsudbuddet, og case-historien skal godkendes af "
               "kommunikationsafdelingen.", on=sent + dt.timedelta(days=7))
    if created:
        services.activities.update(created[0].id, team_hours=20)
    agreements.set_clause(
        agreement_id, "communication",
        "Gode eksempler fra samarbejdet deles som case-historier, nyheder og interviews, så andre "
        "offentlige organisationer kan lære af dem. Nordhavn Kommunes kommunikationsafdeling godkender "
        "alle tekster om kommunen, før de offentliggøres.")
    v2 = agreements.send_for_comment(agreement_id, on=sent + dt.timedelta(days=10),
                                     comments_by=sent + dt.timedelta(days=14), **request)
    agreements.approve(v2.id, "Karen Eksempel", on=sent + dt.timedelta(days=14))
    _kickoff_notes(services, org, created)
    _progress(services, org, created, begin)


# The follow-up of Nordhavn's approved plan: (activity, days after the work began, status, share
# done, note), reported by its purchasing chief.
NK_PROGRESS = [
    (0, 14, "ongoing", 30, "Markedsdialogen er holdt: tre leverandører kan levere miljømærkede midler."),
    (0, 35, "ongoing", 60, "Kravspecifikationen er sendt i høring hos rengøringsafdelingen."),
    (1, 28, "preparation", None, "Venter på den næste indkøbsrunde af bærbare computere."),
]


def _progress(services, org: Organisation, created: list, begin: dt.date) -> None:
    chief = next((p for p in services.agreements.organisation_people(org.id) if p.role == "purchasing_chief"), None)
    for n, days, status, share, note in NK_PROGRESS:
        if n < len(created):
            services.follow_ups.report(created[n].id, reported_on=begin + dt.timedelta(days=days), status=status,
                                       note=note, reported_by_id=chief.id if chief else None, share_done=share)


def _kickoff_notes(services, org: Organisation, created: list) -> None:
    records = services.records
    meetings = list(records.list(Meeting, organisation_id=org.id))
    if not meetings:
        return
    meeting = meetings[0]
    if records.list(Entry, meeting_id=meeting.id):  # capture's own demo notes win
        return
    agenda = records.list(AgendaItem, meeting_id=meeting.id)
    people = {p.name: p for p in records.list(Person, programme_id=meeting.programme_id)}
    date = meeting.date or dt.date(2027, 2, 15)
    entries = []
    for n, (item, kind, text, owner, due, activity) in enumerate(NK_ENTRIES):
        entries.append(Entry(
            meeting_id=meeting.id, agenda_item_id=agenda[item].id if item < len(agenda) else None,
            position=n, kind=kind, text=text,
            owner_id=people[owner].id if owner in people else None,
            due_date=date + dt.timedelta(weeks=due) if due else None,
            activity_id=created[activity].id if activity is not None and activity < len(created) else None,
            impact="large" if kind == EntryKind.IDEA and n == 1 else None,
            votes=3 if kind == EntryKind.IDEA and n == 1 else 0))
    records.add_all(entries)
    absent = {"Mette Demo"}
    for attendance in records.list(Attendance, meeting_id=meeting.id):
        person = records.get(Person, attendance.person_id)
        records.update(Attendance, attendance.id, attended=person.name not in absent)
