"""Programme templates, stored as JSON in resources/templates and translated on use."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache

from verkstad.paths import resource

TEMPLATE_ORDER = ("travelling_team", "academy", "network", "blank")


@dataclass(frozen=True)
class TemplateInfo:
    key: str
    title: str  # English source; translate with `_` for display
    description: str


@cache
def load(key: str) -> dict:
    if key not in TEMPLATE_ORDER:
        raise KeyError(f"unknown template {key!r}")
    return json.loads(resource("templates", f"{key}.json").read_text(encoding="utf-8"))


def available() -> list[TemplateInfo]:
    return [TemplateInfo(k, load(k)["title"], load(k)["description"]) for k in TEMPLATE_ORDER]


def phase_template(template_key: str, kind: str, title: str) -> dict | None:
    """The template phase a programme's phase came from (by kind, then English title)."""
    try:
        phases = load(template_key)["phases"]
    except KeyError:
        return None
    same_kind = [p for p in phases if p["kind"] == kind]
    for p in same_kind:
        if p["title"] == title:
            return p
    return same_kind[0] if same_kind else None


def extract(fileobj, keywords, comment_tags, options):
    """Babel extractor for template JSON: every title, description, theme, agenda and checklist text."""
    data = json.load(fileobj)
    found = [data["title"], data["description"], *data["themes"]]
    for phase in data["phases"]:
        found += [phase["title"], phase["description"]]
        meeting = phase.get("meeting")
        if meeting:
            found.append(meeting["title"])
            found += [item["title"] for item in meeting["agenda"]]
            found += [item["notes"] for item in meeting["agenda"] if item["notes"]]
            found += [item["text"] for item in meeting["checklist"]]
    for text in found:
        yield 0, "", text, []
