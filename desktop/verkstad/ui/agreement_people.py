"""The people an agreement names, chosen under the clause that prints them: the contact person
of each side under "Contact persons", who signs for each side under "Approval". Each choice is
one operation on `Agreements.set_people` (one undo step), through a `RecordForm` per clause."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from verkstad.domain.model import Agreement
from verkstad.i18n import N_, _
from verkstad.services.agreements import PEOPLE_FIELDS
from verkstad.ui.forms import FieldSpec, RecordForm

if TYPE_CHECKING:
    from verkstad.ui.agreement import AgreementView

# The people a clause names: (field, label) per clause key.
PEOPLE_CLAUSES = {
    "contacts": (("contact_id", N_("Contact person of the organisation")),
                 ("team_contact_id", N_("Contact person of the advisory team"))),
    "signatures": (("signatory_id", N_("Signs for the organisation")),
                   ("team_signatory_id", N_("Signs for the advisory team"))),
}


class AgreementPeople:
    """The agreement view's choice of people: `forms` by clause key, shown with their clause."""

    def __init__(self, view: AgreementView) -> None:
        self.view = view
        agreements = view.services.agreements
        self.forms: dict[str, RecordForm] = {}
        for key, fields in PEOPLE_CLAUSES.items():
            form = RecordForm(Agreement, [FieldSpec(name, label, "choice", choices=partial(self.choices, name))
                                          for name, label in fields],
                              ops=view.ops, store=agreements.set_people, describe=lambda _a: view.organisation_name)
            form.setObjectName(f"people_{key}")
            form.hide()
            self.forms[key] = form

    def show_clause(self, key: str | None, agreement: Agreement | None) -> None:
        """Show the form of the clause `key` (if it names people) with `agreement`'s choices."""
        for form_key, form in self.forms.items():
            form.setVisible(key == form_key)
            if key == form_key:
                form.load(agreement)

    @staticmethod
    def clause_of(change) -> str | None:
        """The clause whose people an agreement's change (an undo, say) chose, or None."""
        for key, fields in PEOPLE_CLAUSES.items():
            if any(name in change.before or name in change.after for name, _label in fields):
                return key
        return None

    def choices(self, name: str) -> list[tuple[str, object]]:
        """The people of the field's side; "not chosen" first, naming who is then proposed."""
        view, agreements = self.view, self.view.services.agreements
        if view.agreement is None:
            return []
        if PEOPLE_FIELDS[name] == "organisation":
            people = agreements.organisation_people(view.organisation_id)
        else:
            people = agreements.team_people(view.agreement.programme_id)
        proposed = agreements.proposed_people(view.agreement.id)[name]
        if proposed is not None:
            unset = _("Proposed: {name}").format(name=proposed.name)
        elif name in ("contact_id", "team_contact_id"):
            unset = _("Nobody")
        else:
            unset = _("Nobody named (written by hand)")
        return [(unset, None), *((f"{p.name} · {p.title}" if p.title else p.name, p.id) for p in people)]
