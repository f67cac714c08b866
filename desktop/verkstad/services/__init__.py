"""Use cases: what a facilitator does, as calls that return what changed."""
