"""The view each programme showed last (its navigation key, in QSettings), so that opening the
programme again, after a restart too, shows that view."""

from __future__ import annotations

import json

from PySide6.QtCore import QSettings

_KEY = "state/last_view/{programme}"


def remember(settings: QSettings, programme_id: str, key: tuple) -> None:
    settings.setValue(_KEY.format(programme=programme_id), json.dumps(list(key)))


def recall(settings: QSettings, programme_id: str) -> tuple | None:
    """The navigation key shown last in that programme, or None (never shown, or unreadable)."""
    text = settings.value(_KEY.format(programme=programme_id), "", type=str)
    try:
        key = json.loads(text) if isinstance(text, str) and text else None
    except ValueError:
        return None
    if isinstance(key, list) and len(key) == 2 and isinstance(key[0], str):
        return (key[0], key[1])
    return None
