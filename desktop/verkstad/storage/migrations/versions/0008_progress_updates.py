"""Progress updates on activities: the follow-up of phase 3.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04 02:00:00

Issue 9. One new table, `progress_updates`, a child of `activities`: what an organisation
reported on one of its activities, on which day, with the activity's status then. Nothing
existing changes.
"""
import sqlalchemy as sa
from alembic import op

import verkstad.storage.mapping

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('progress_updates',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
    sa.Column('updated_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', verkstad.storage.mapping.UTCDateTime(), nullable=True),
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('reported_on', sa.Date(), nullable=True),
    sa.Column('status', sa.Text(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('reported_by_id', sa.String(length=36), nullable=True),
    sa.Column('share_done', sa.Integer().with_variant(sa.BigInteger(), 'postgresql'), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False, server_default='1'),
    sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                            name=op.f('fk_progress_updates_activity_id_activities')),
    sa.ForeignKeyConstraint(['reported_by_id'], ['people.id'],
                            name=op.f('fk_progress_updates_reported_by_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_updates'))
    )
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_updates_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_updates_reported_by_id'), ['reported_by_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_updates_reported_by_id'))
        batch_op.drop_index(batch_op.f('ix_progress_updates_activity_id'))
    op.drop_table('progress_updates')
