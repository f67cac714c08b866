"""Write resources/schema/verkstad-programme.schema.json from the registry of record types.

Run after changing a record type (and bump the format version when old files would
no longer read the same): .venv/bin/python scripts/export_schema.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "desktop"))

from verkstad.services.exchange import schema_text  # noqa: E402


def main() -> None:
    target = ROOT / "resources" / "schema" / "verkstad-programme.schema.json"
    target.write_text(schema_text(), encoding="utf-8")
    print(target)


if __name__ == "__main__":
    main()
