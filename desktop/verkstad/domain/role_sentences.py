"""What is said of a required role that is missing, in capture mode and in the minutes: one
sentence per role and check, so that each language can inflect the role ("Indkøbschefen deltog
ikke") instead of pasting a title in."""

from __future__ import annotations

from collections.abc import Callable

from verkstad.domain.model import ROLE_TITLES, Role
from verkstad.i18n import N_, _

# Nobody invited to the meeting holds the role.
NOT_INVITED = {
    Role.PURCHASING_CHIEF: N_("No purchasing chief has been invited."),
    Role.PROCUREMENT_OFFICER: N_("No procurement officer has been invited."),
    Role.MANAGER: N_("No manager has been invited."),
    Role.SUSTAINABILITY: N_("No sustainability officer has been invited."),
    Role.FACILITATOR: N_("No facilitator has been invited."),
    Role.EXPERT: N_("No expert has been invited."),
}
# The meeting is held: someone of the role is invited, but nobody of it is ticked as attended.
NOT_TICKED = {
    Role.PURCHASING_CHIEF: N_("The purchasing chief has not been ticked as attended."),
    Role.PROCUREMENT_OFFICER: N_("The procurement officer has not been ticked as attended."),
    Role.MANAGER: N_("The manager has not been ticked as attended."),
    Role.SUSTAINABILITY: N_("The sustainability officer has not been ticked as attended."),
    Role.FACILITATOR: N_("The facilitator has not been ticked as attended."),
    Role.EXPERT: N_("The expert has not been ticked as attended."),
}
# The end of the meeting: nobody of the role came (the same sentences as in the minutes).
DID_NOT_ATTEND = {
    Role.PURCHASING_CHIEF: N_("The purchasing chief did not attend."),
    Role.PROCUREMENT_OFFICER: N_("The procurement officer did not attend."),
    Role.MANAGER: N_("The manager did not attend."),
    Role.SUSTAINABILITY: N_("The sustainability officer did not attend."),
    Role.FACILITATOR: N_("The facilitator did not attend."),
    Role.EXPERT: N_("The expert did not attend."),
}
# The meeting is held and someone of the role attended (the minutes say so).
ATTENDED = {
    Role.PURCHASING_CHIEF: N_("The purchasing chief attended."),
    Role.PROCUREMENT_OFFICER: N_("The procurement officer attended."),
    Role.MANAGER: N_("The manager attended."),
    Role.SUSTAINABILITY: N_("The sustainability officer attended."),
    Role.FACILITATOR: N_("The facilitator attended."),
    Role.EXPERT: N_("The expert attended."),
}
# Any other role, by its title.
FALLBACK = {
    "attended": N_("Required at this meeting, and attended: {role}."),
    "not_invited": N_("Required at this meeting, but nobody has been invited: {role}."),
    "not_ticked": N_("Required at this meeting, but not ticked as attended: {role}."),
    "did_not_attend": N_("Required at this meeting, but nobody attended: {role}."),
}
CHECKS = {"not_invited": NOT_INVITED, "not_ticked": NOT_TICKED, "did_not_attend": DID_NOT_ATTEND,
          "attended": ATTENDED}


def role_title(role: str, gettext: Callable[[str], str] = _) -> str:
    """A role's title in the interface language (or through `gettext`); an unknown role as stored."""
    try:
        return gettext(ROLE_TITLES[Role(role)])
    except ValueError:
        return role


def sentence(check: str, role: str, gettext: Callable[[str], str] = _) -> str:
    """What `check` (not_invited, not_ticked, did_not_attend, attended) says of `role`, in the interface
    language, or in a document's language through its `gettext`."""
    try:
        return gettext(CHECKS[check][Role(role)])
    except (KeyError, ValueError):
        return gettext(FALLBACK[check]).format(role=role_title(role, gettext))
