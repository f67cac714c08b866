"""The services of one open database, built once by the composition roots (app.py, cli.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from verkstad.services.capture import Capture
from verkstad.services.planning import Planning
from verkstad.services.records import Records
from verkstad.storage.db import Database


@dataclass
class Services:
    db: Database
    records: Records
    planning: Planning
    capture: Capture

    @classmethod
    def open(cls, path: str | Path) -> Services:
        db = Database(path)
        records = Records(db)
        return cls(db=db, records=records, planning=Planning(records), capture=Capture(records))

    def close(self) -> None:
        self.db.close()
