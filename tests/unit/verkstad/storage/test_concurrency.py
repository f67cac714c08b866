"""Editors at once: a field someone else changed since the form showed it is not written over,
and on a shared server an update overtaken by another connection's stores nothing."""

from __future__ import annotations

import pytest

from verkstad.domain.model import Activity
from verkstad.services.hub import Services
from verkstad.services.records import ChangedMeanwhile, expecting
from verkstad.storage.errors import StorageError


def test_a_field_changed_since_the_form_showed_it_is_not_written_over(services, demo):
    shown = services.records.list(Activity)[0]  # what the form shows
    services.records.update(Activity, shown.id, title="Ændret i det andet vindue")  # another window
    with pytest.raises(ChangedMeanwhile) as info, expecting(Activity, shown.id, {"title": shown.title}):
        services.records.update(Activity, shown.id, title="Min ændring")
    assert str(info.value) == ("Someone else changed the title meanwhile (another facilitator or window): it now "
                               "holds “Ændret i det andet vindue”. Your change was not stored; the form shows "
                               "what is stored now.")
    assert info.value.record.title == "Ændret i det andet vindue"
    assert services.records.get(Activity, shown.id).title == "Ændret i det andet vindue"
    # another field, or the same value typed, is no conflict
    with expecting(Activity, shown.id, {"title": shown.title, "team_hours": shown.team_hours}):
        services.records.update(Activity, shown.id, team_hours=shown.team_hours + 1)
        services.records.update(Activity, shown.id, title="Ændret i det andet vindue")
    assert services.records.get(Activity, shown.id).team_hours == shown.team_hours + 1


@pytest.mark.server_only
def test_an_update_overtaken_by_another_connection_stores_nothing(services, demo, database_url):
    """Two facilitators on one server: the one whose transaction read the row before the other's
    update committed is told, and the other's value stays."""
    other = Services.open(database_url)
    try:
        activity = services.records.list(Activity)[0]

        def overtaken() -> None:
            with services.db.session() as s:
                mine = s.get(Activity, activity.id)
                other.records.update(Activity, activity.id, title="Den anden facilitator")  # commits first
                mine.title = "Min titel"

        with pytest.raises(StorageError) as info:
            overtaken()
        assert info.value.kind == "changed_meanwhile"
        assert "nothing was stored" in str(info.value)
        assert services.records.get(Activity, activity.id).title == "Den anden facilitator"
    finally:
        other.close()


@pytest.mark.server_only
def test_a_change_overtaken_by_another_connection_runs_again_on_what_the_other_left(
        services, demo, database_url, monkeypatch):
    """Two facilitators change different fields of one activity at the same moment: the one
    overtaken between its read and its write runs again on the fresh row, so both changes stand;
    a field its form showed and the other changed is refused on that fresh read."""
    from verkstad.storage import records as repository

    other = Services.open(database_url)
    try:
        activity = services.records.list(Activity)[0]
        commits_between = iter([{"title": "Den anden facilitators titel"},
                                {"title": "Den anden facilitators anden titel"}])
        real_utcnow = repository.utcnow

        def the_other_commits_first():  # called by update after its read, before its write
            values = next(commits_between, None)
            if values is not None:
                with monkeypatch.context() as inner:  # the other's own update reads the real clock
                    inner.setattr(repository, "utcnow", real_utcnow)
                    other.records.update(Activity, activity.id, **values)
            return real_utcnow()

        monkeypatch.setattr(repository, "utcnow", the_other_commits_first)
        services.records.update(Activity, activity.id, team_hours=activity.team_hours + 5)
        monkeypatch.setattr(repository, "utcnow", real_utcnow)
        got = services.records.get(Activity, activity.id)
        assert (got.title, got.team_hours) == ("Den anden facilitators anden titel", activity.team_hours + 5)

        commits_between = iter([{"title": "Overhalet"}])
        monkeypatch.setattr(repository, "utcnow", the_other_commits_first)
        with pytest.raises(ChangedMeanwhile), expecting(Activity, activity.id, {"title": got.title}):
            services.records.update(Activity, activity.id, title="Min titel")
        monkeypatch.setattr(repository, "utcnow", real_utcnow)
        assert services.records.get(Activity, activity.id).title == "Overhalet"
    finally:
        other.close()
