"""The closing workshop's evaluation, pilot projects, good examples and a case story's photo.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 05:00:00

Issue 9. Two new tables, children of `meetings`: `evaluation_questions` (a questionnaire's
questions, in order, some of them of one activity) and `evaluation_sheets` (one filled-in sheet:
its organisation and its answers by question). New columns, each empty or false for what
already exists, so nothing an older Verkstad stored changes meaning: an activity's kind
(activity or pilot project), goal and result; a good-example mark on activities, entries and
progress updates; a task's done mark; the activity a follow-up meeting's agenda item is about;
a case story's photo and its caption. Columns are added by ALTER TABLE, without a rebuild
(`entries` has the search triggers), except on `agenda_items`, rebuilt on SQLite for its new
foreign key (it has no triggers). A partial index finds the tasks of meetings (the overview's
open tasks) without the notes. The downgrade drops them again (SQLite 3.35+).
"""
import sqlalchemy as sa
from alembic import op

import verkstad.storage.mapping

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def _record(*columns):
    return [sa.Column('id', sa.String(length=36), nullable=False),
            sa.Column('created_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
            sa.Column('updated_at', verkstad.storage.mapping.UTCDateTime(), nullable=False),
            sa.Column('deleted_at', verkstad.storage.mapping.UTCDateTime(), nullable=True),
            sa.Column('meeting_id', sa.String(length=36), nullable=False),
            *columns,
            sa.Column('version', sa.Integer(), nullable=False, server_default='1')]


def upgrade() -> None:
    op.create_table('evaluation_questions', *_record(
        sa.Column('position', sa.Integer().with_variant(sa.BigInteger(), 'postgresql'), nullable=False),
        sa.Column('kind', sa.Text(), nullable=False),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('options', sa.Text(), nullable=False),
        sa.Column('activity_id', sa.String(length=36), nullable=True),
        sa.Column('translations', sa.JSON(), nullable=False)),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'],
                                name=op.f('fk_evaluation_questions_meeting_id_meetings')),
        sa.ForeignKeyConstraint(['activity_id'], ['activities.id'],
                                name=op.f('fk_evaluation_questions_activity_id_activities')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_questions')))
    op.create_table('evaluation_sheets', *_record(
        sa.Column('organisation_id', sa.String(length=36), nullable=True),
        sa.Column('answers', sa.JSON(), nullable=False)),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'],
                                name=op.f('fk_evaluation_sheets_meeting_id_meetings')),
        sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'],
                                name=op.f('fk_evaluation_sheets_organisation_id_organisations')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_sheets')))
    for table, columns in (('evaluation_questions', ('meeting_id', 'activity_id')),
                           ('evaluation_sheets', ('meeting_id', 'organisation_id'))):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column in columns:
                batch_op.create_index(batch_op.f(f'ix_{table}_{column}'), [column], unique=False)
    # plain ALTER TABLE ADD COLUMN (a batch would rebuild `entries`, under its search triggers)
    op.add_column('activities', sa.Column('kind', sa.Text(), nullable=False, server_default='activity'))
    op.add_column('activities', sa.Column('goal', sa.Text(), nullable=False, server_default=''))
    op.add_column('activities', sa.Column('result', sa.Text(), nullable=False, server_default=''))
    for table in ('activities', 'entries', 'progress_updates'):
        op.add_column(table, sa.Column('good_example', sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column('entries', sa.Column('done', sa.Boolean(), nullable=False, server_default=sa.false()))
    # the tasks of meetings, for the overview and the reminders (notes, by the thousand, stay out)
    op.create_index('ix_entries_tasks', 'entries', ['meeting_id'], unique=False,
                    sqlite_where=sa.text("kind = 'task'"), postgresql_where=sa.text("kind = 'task'"))
    # `agenda_items` is rebuilt on SQLite (a foreign key is added only that way; it has no triggers)
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('activity_id', sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f('ix_agenda_items_activity_id'), ['activity_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_agenda_items_activity_id_activities'), 'activities',
                                    ['activity_id'], ['id'])
    op.add_column('case_stories', sa.Column('photo', sa.Text(), nullable=False, server_default=''))
    op.add_column('case_stories', sa.Column('photo_caption', sa.Text(), nullable=False, server_default=''))

def downgrade() -> None:
    op.drop_index('ix_entries_tasks', table_name='entries')
    with op.batch_alter_table('agenda_items', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_agenda_items_activity_id_activities'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_agenda_items_activity_id'))
        batch_op.drop_column('activity_id')
    for table, column in (('entries', 'done'), ('case_stories', 'photo_caption'), ('case_stories', 'photo'),
                          ('progress_updates', 'good_example'), ('entries', 'good_example'),
                          ('activities', 'good_example'), ('activities', 'result'), ('activities', 'goal'),
                          ('activities', 'kind')):
        op.drop_column(table, column)
    op.drop_table('evaluation_sheets')
    op.drop_table('evaluation_questions')
