"""Word documents received on an agreement version: their comments and edits per clause.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 21:40:00

One new table, `received_documents`, a child of `agreement_versions` (issue 12: the
agreement sent as .docx and read back). Nothing existing changes, so no batch rebuild.
"""
import sqlalchemy as sa
from alembic import op

import verkstad.storage.mapping

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('received_documents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('created_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
    sa.Column('updated_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
    sa.Column('deleted_at', verkstad.storage.mapping.UTCDateTime(), nullable=True),
    sa.Column('agreement_version_id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('sha256', sa.Text(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=True),
    sa.Column('language', sa.Text(), nullable=False),
    sa.Column('comments', sa.JSON(), nullable=False),
    sa.Column('clauses', sa.JSON(), nullable=False),
    sa.Column('outside', sa.JSON(), nullable=False),
    sa.Column('kept', sa.JSON(), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['agreement_version_id'], ['agreement_versions.id'],
                            name=op.f('fk_received_documents_agreement_version_id_agreement_versions')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_received_documents'))
    )
    with op.batch_alter_table('received_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_received_documents_agreement_version_id'), ['agreement_version_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('received_documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_received_documents_agreement_version_id'))
    op.drop_table('received_documents')
