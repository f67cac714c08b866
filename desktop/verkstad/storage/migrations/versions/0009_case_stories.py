"""Case stories and the communication list: the programme's good examples, told.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04 02:30:00

Issue 9. Two new tables, children of `programmes`: `case_stories` (the challenge, what was done,
the result, a quote with its person's permission, approved by the organisation) and
`communications` (news, case stories and interviews: what, with whom, by when, done). Nothing
existing changes.
"""
import sqlalchemy as sa
from alembic import op

import verkstad.storage.mapping

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def _record(*columns):
    return [sa.Column('id', sa.String(length=36), nullable=False),
            sa.Column('created_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
            sa.Column('updated_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
            sa.Column('deleted_at', verkstad.storage.mapping.UTCDateTime(), nullable=True),
            sa.Column('programme_id', sa.String(length=36), nullable=False),
            sa.Column('position', sa.Integer().with_variant(sa.BigInteger(), 'postgresql'), nullable=False),
            *columns,
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')]


def upgrade() -> None:
    op.create_table('case_stories', *_record(
        sa.Column('organisation_id', sa.String(length=36), nullable=True),
        sa.Column('activity_id', sa.String(length=36), nullable=True),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('challenge', sa.Text(), nullable=False),
        sa.Column('action', sa.Text(), nullable=False),
        sa.Column('result', sa.Text(), nullable=False),
        sa.Column('quote', sa.Text(), nullable=False),
        sa.Column('quote_by', sa.Text(), nullable=False),
        sa.Column('quote_allowed', sa.Boolean(), nullable=False),
        sa.Column('status', sa.Text(), nullable=False),
        sa.Column('approved_on', sa.Date(), nullable=True)),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'],
                                name=op.f('fk_case_stories_programme_id_programmes')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_case_stories_organisation_id_organisations')),
        sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                                name=op.f('fk_case_stories_activity_id_activities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_case_stories')))
    op.create_table('communications', *_record(
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('title', sa.Text(), nullable=False),
        sa.Column('with_whom', sa.Text(), nullable=False),
        sa.Column('due', sa.Date(), nullable=True),
        sa.Column('done', sa.Boolean(), nullable=False),
        sa.Column('case_story_id', sa.String(length=36), nullable=True)),
        sa.ForeignKeyConstraint(['programme_id'], ['programmes.id'],
                                name=op.f('fk_communications_programme_id_programmes')),
        sa.ForeignKeyConstraint(['case_story_id'], ['case_stories.id'],
                                name=op.f('fk_communications_case_story_id_case_stories')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_communications')))
    for table, columns in (('case_stories', ('programme_id', 'organisation_id', 'activity_id')),
                           ('communications', ('programme_id', 'case_story_id'))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)


def downgrade() -> None:
    op.drop_table('communications')
    op.drop_table('case_stories')
