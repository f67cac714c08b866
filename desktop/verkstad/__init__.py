"""Verkstad: plan, run and document advisory programmes for sustainable public procurement."""

__version__ = "0.1.0"
