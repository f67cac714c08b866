"""What a merge needs to know: which copy last changed each field, and what each copy has seen.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 19:00:00

Issue 10. `device` is this database's own identity (a UUID made here, once) and its logical
counter, which every transaction that changes a stored field advances. `revisions` holds, per
record and field, the device and counter of the change that gave the field its value; a field
without a row has held its value since the record was made or imported, and every copy knows
it. `origin` says which file the id was made for: a copy of the file opened elsewhere takes an
id of its own (`storage/db.py`). `knowledge` holds, per programme, the highest counter of each other device whose changes
this copy has taken in (by import or merge). No wall clock is trusted across laptops.
"""
import uuid

import sqlalchemy as sa
from alembic import op

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    device = op.create_table(
        'device',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.Column('origin', sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_device')),
    )
    op.bulk_insert(device, [{'id': str(uuid.uuid4()), 'counter': 0, 'origin': ''}])
    op.create_table(
        'revisions',
        sa.Column('record_id', sa.String(length=36), nullable=False),
        sa.Column('field', sa.String(length=64), nullable=False),
        sa.Column('device', sa.String(length=36), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('record_id', 'field', name=op.f('pk_revisions')),
    )
    op.create_table(
        'knowledge',
        sa.Column('programme_id', sa.String(length=36), nullable=False),
        sa.Column('device', sa.String(length=36), nullable=False),
        sa.Column('counter', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('programme_id', 'device', name=op.f('pk_knowledge')),
    )


def downgrade() -> None:
    op.drop_table('knowledge')
    op.drop_table('revisions')
    op.drop_table('device')
