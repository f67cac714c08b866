"""A version counter on every record's row, for editors working at once on a shared server.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 20:00:00

Issue 10. `version` starts at 1 and goes up with every update of the row (SQLAlchemy's
`version_id_col`, and the Core updates of a merge): an update that finds the row at another
version than the one it read was overtaken by another facilitator's and stores nothing
(optimistic concurrency). Not part of the exchange format: each database counts its own.
Added with a plain ALTER TABLE ADD COLUMN (no table is rebuilt: `entries` keeps its rowids,
which the search indexes of migrations 0001 and 0002 are keyed on). On a server the whole
numbers become BIGINT, as SQLite's already hold 64 bits.
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


# A server's whole numbers: SQLite's INTEGER holds 64 bits, PostgreSQL's 32. The exchange format
# allows 64 (a votes count or a position from another tool), and the counters only grow.
WHOLE_NUMBERS = {
    'phases': ('position',), 'organisations': ('position',), 'agenda_items': ('position', 'duration_min'),
    'checklist_items': ('position',), 'themes': ('position',), 'entries': ('position', 'votes'),
    'activities': ('position',), 'agreement_versions': ('number',), 'device': ('counter',),
    'revisions': ('counter',), 'knowledge': ('counter',),
}


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), nullable=False, server_default='1'))
    if op.get_bind().dialect.name == 'postgresql':
        for table, columns in WHOLE_NUMBERS.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table, columns in WHOLE_NUMBERS.items():
            for column in columns:
                op.alter_column(table, column, type_=sa.Integer(), existing_nullable=False)
    for table in TABLES:
        op.drop_column(table, 'version')
