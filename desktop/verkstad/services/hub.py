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
from verkstad.storage.store import Store


class Services:
    def __init__(self, db: Store) -> None:
        self.db = db
        self.records = Records(db)
        self.planning = Planning(self.records)

    @classmethod
    def open(cls, path: str | Path, *, defer_orm: bool = False, defer_check: bool = False) -> Services:
        """Open a database; with `defer_orm` the ORM is imported on first use (GUI start-up),
        which must come before any record object is created (`warm_up`). With `defer_check` too,
        a file's integrity is checked while the ORM is imported: `warm_up` refuses a damaged one."""
        from verkstad.storage.server import ServerDatabase, is_server_url

        if is_server_url(path):  # postgresql://…: a shared server
            return cls(ServerDatabase(str(path), defer_engine=defer_orm))
        return cls(Database(path, defer_engine=defer_orm, defer_check=defer_check))

    def warm_up(self) -> None:
        """Import and configure the ORM now (the GUI calls this right after its first paint)."""
        self.db.engine  # noqa: B018

    @cached_property
    def capture(self):
        from verkstad.services.capture import Capture

        return Capture(self.records)

    @cached_property
    def activities(self):
        from verkstad.services.activities import Activities

        return Activities(self.records)

    @cached_property
    def stories(self):
        from verkstad.services.stories import Stories

        return Stories(self.records)

    @cached_property
    def tasks(self):
        from verkstad.services.tasks import Tasks

        return Tasks(self.records)

    @cached_property
    def evaluations(self):
        from verkstad.services.evaluation import Evaluations

        return Evaluations(self.records)

    @cached_property
    def follow_ups(self):
        from verkstad.services.follow_up import FollowUps

        return FollowUps(self.records)

    @cached_property
    def agreements(self):
        from verkstad.services.agreements import Agreements

        return Agreements(self.records)

    @cached_property
    def documents(self):
        from verkstad.services.documents import Documents

        return Documents(self.records, self.activities, self.agreements)

    @cached_property
    def agreement_word(self):
        from verkstad.services.agreement_word import AgreementWord

        return AgreementWord(self.records, self.agreements, self.documents)

    def close(self) -> None:
        self.db.close()
