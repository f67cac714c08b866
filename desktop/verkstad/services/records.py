"""Generic record operations every view uses, and undo and redo of what they changed.

The repository itself (`Records`, `Change`, `NotFound`) lives in `storage/records.py`;
it is re-exported here so services and the GUI keep importing it from the services layer.
"""

from __future__ import annotations

from typing import Any

from verkstad.storage.records import Change, ChangedMeanwhile, NotFound, Records, expecting

__all__ = ["Change", "ChangedMeanwhile", "NotFound", "Records", "expecting", "redo_change", "undo_change"]


def _unless_changed_since(records: Records, change: Change, restore: dict[str, Any],
                          expect: dict[str, Any]) -> Change:
    """Set the fields of `restore` back, but only those that still hold what `expect` says:
    a field edited since (in another window, say) keeps that later edit."""
    current = records.get(change.type, change.id, include_deleted=True)
    values = {k: v for k, v in restore.items() if getattr(current, k) == expect.get(k)}
    return records.update(change.type, change.id, **values)


def _moved(records: Records, change: Change, side: dict[str, Any]) -> Change:
    """Put a moved record and the siblings its move renumbered back where `side` says."""
    records.set_positions(change.type, {**side.get("positions", {}), change.id: side["position"]})
    record = records.get(change.type, change.id, include_deleted=True)
    other = change.after if side is change.before else change.before
    return Change("moved", change.type, change.id, {"position": other["position"]},
                  {"position": side["position"]}, record=record)


def undo_change(records: Records, change: Change) -> Change:
    """Apply the reverse of `change`; returns the change that made."""
    if change.action == "created":
        done = records.delete(change.type, change.id)
        records.set_positions(change.type, change.before.get("positions", {}))
        return done
    if change.action == "deleted":
        return records.restore(change.type, change.id)
    if change.action == "restored":
        return records.delete(change.type, change.id)
    if change.action == "moved":
        return _moved(records, change, change.before)
    return _unless_changed_since(records, change, change.before, change.after)


def redo_change(records: Records, change: Change) -> Change:
    if change.action in ("created", "restored"):
        done = records.restore(change.type, change.id)
        records.set_positions(change.type, change.after.get("positions", {}))
        return done
    if change.action == "deleted":
        return records.delete(change.type, change.id)
    if change.action == "moved":
        return _moved(records, change, change.after)
    return _unless_changed_since(records, change, change.after, change.before)
