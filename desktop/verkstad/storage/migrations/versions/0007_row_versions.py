"""A version counter on every record's row, for editors working at once on a shared server.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 20:00:00

Issue 10. `version` starts at 1 and goes up with every update of the row (SQLAlchemy's
`version_id_col`, and the Core updates of a merge): an update that finds the row at another
version than the one it read was overtaken by another facilitator's and stores nothing
(optimistic concurrency). Not part of the exchange format: each database counts its own.
Added with a plain ALTER TABLE ADD COLUMN (no table is rebuilt: `entries` keeps its rowids,
which the search indexes of migrations 0001 and 0002 are keyed on).
"""
import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

TABLES = ('programmes', 'phases', 'organisations', 'people', 'meetings', 'agenda_items', 'checklist_items',
          'attendance', 'themes', 'activities', 'entries', 'drafts', 'agreements', 'agreement_versions',
          'received_documents')


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))


def downgrade() -> None:
    for table in TABLES:
        op.drop_column(table, 'version')
