"""The services of one open database, built once by the composition roots (app.py, cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verkstad.services.activities import Activities
from verkstad.services.agreements import Agreements
from verkstad.services.capture import Capture
from verkstad.services.documents import Documents
from verkstad.services.planning import Planning
from verkstad.services.records import Records
from verkstad.storage.db import Database


@dataclass
class Services:
    db: Database
    records: Records
    planning: Planning
    capture: Capture
    activities: Activities
    agreements: Agreements
    documents: Documents

    @classmethod
    def open(cls, path: str | Path) -> Services:
        db = Database(path)
        records = Records(db)
        activities, agreements = Activities(records), Agreements(records)
        return cls(db=db, records=records, planning=Planning(records), capture=Capture(records),
                   activities=activities, agreements=agreements,
                   documents=Documents(records, activities, agreements))

    def close(self) -> None:
        self.db.close()
