"""Allows `python -m verkstad`."""

from verkstad.cli import main

raise SystemExit(main())
