"""Texts in every language a programme uses (the programme's name and description, its
phases' titles and descriptions, meeting and agenda titles and notes, themes), and the team's
logo on the programme.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 17:00:00

Issue 11: one JSON column `translations` ({field: {language: text}}) on programmes, phases,
meetings, agenda_items and themes. What exists gets `{}`: it is read in the language it was
written in, as before. `programmes.logo` is a PNG or JPEG picture in base64, "" for none.
Adding a column needs no rebuild of the tables.
"""
import sqlalchemy as sa
from alembic import op

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

TABLES = ('programmes', 'phases', 'meetings', 'agenda_items', 'themes')


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('translations', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logo', sa.Text(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('logo')
    for table in TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column('translations')
