"""The services of one open database, built once by the composition roots (app.py, cli.py).

Planning is built at once; the other services are built on first use, so that the
start-up path imports neither the ORM-heavy capture code nor the document code.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from verkstad.services.planning import Planning
from verkstad.services.records import Records
from verkstad.storage.db import Database


class Services:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.records = Records(db)
        self.planning = Planning(self.records)

    @classmethod
    def open(cls, path: str | Path) -> Services:
        return cls(Database(path))

    @cached_property
    def capture(self):
        from verkstad.services.capture import Capture

        return Capture(self.records)

    @cached_property
    def activities(self):
        from verkstad.services.activities import Activities

        return Activities(self.records)

    @cached_property
    def agreements(self):
        from verkstad.services.agreements import Agreements

        return Agreements(self.records)

    @cached_property
    def documents(self):
        from verkstad.services.documents import Documents

        return Documents(self.records, self.activities, self.agreements)

    def close(self) -> None:
        self.db.close()
