"""The contract parts of an agreement and the request of a version sent for comment.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 10:00:00

Issue 11: an organisation's register number and the country whose register it is in; the
programme's lead partner; an agreement's contact persons and signatories on both sides; and
on a version sent for comment the date the organisation is asked to comment by and the team
member comments go to; on a meeting the date its invitation asks a reply by, its contact
person and its note-taker. Every new column is empty or "" for what already exists, so nothing
an older Verkstad stored changes meaning. `agreements`, `agreement_versions` and `meetings` are rebuilt
(SQLite adds a foreign key only that way); the migration runs with foreign keys off.
"""
import sqlalchemy as sa
from alembic import op

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None

_AGREEMENT_PEOPLE = ('contact_id', 'signatory_id', 'team_contact_id', 'team_signatory_id')


_MEETING_PEOPLE = ('contact_id', 'note_taker_id')


def upgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reply_by', sa.Date(), nullable=True))
        for name in _MEETING_PEOPLE:
            batch_op.add_column(sa.Column(name, sa.String(length=36), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_meetings_{name}'), [name], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_meetings_{name}_people'), 'people', [name], ['id'])
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('register_number', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('country', sa.Text(), nullable=True))
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lead_partner_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        for name in _AGREEMENT_PEOPLE:
            batch_op.add_column(sa.Column(name, sa.String(length=36), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_agreements_{name}'), [name], unique=False)
            batch_op.create_foreign_key(batch_op.f(f'fk_agreements_{name}_people'), 'people', [name], ['id'])
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comments_by', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('reply_to_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_agreement_versions_reply_to_id'), ['reply_to_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_agreement_versions_reply_to_id_people'), 'people',
                                    ['reply_to_id'], ['id'])


def downgrade() -> None:
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        for name in _MEETING_PEOPLE:
            batch_op.drop_constraint(batch_op.f(f'fk_meetings_{name}_people'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_meetings_{name}'))
            batch_op.drop_column(name)
        batch_op.drop_column('reply_by')
    with op.batch_alter_table('agreement_versions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agreement_versions_reply_to_id_people'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_agreement_versions_reply_to_id'))
        batch_op.drop_column('reply_to_id')
        batch_op.drop_column('comments_by')
    with op.batch_alter_table('agreements', schema=None) as batch_op:
        for name in _AGREEMENT_PEOPLE:
            batch_op.drop_constraint(batch_op.f(f'fk_agreements_{name}_people'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_agreements_{name}'))
            batch_op.drop_column(name)
    with op.batch_alter_table('programmes', schema=None) as batch_op:
        batch_op.drop_column('lead_partner_id')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_column('country')
        batch_op.drop_column('register_number')
