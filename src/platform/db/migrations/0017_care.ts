import type { Kysely } from 'kysely';
import type { EngineMigration } from '../migrate.js';

/**
 * Customer care: complaints and feedback from every channel (tickets with a deadline per category
 * and escalation), and member-satisfaction surveys (questionnaire, sample, answers).
 */
export const care: EngineMigration = () => ({
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('ticket_category')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('deadline_hours', 'integer', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('active', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_category_pk', ['scheme_id', 'code'])
      .execute();
    await db.schema
      .createTable('ticket')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('category', 'text', (c) => c.notNull())
      .addColumn('priority', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('level', 'integer', (c) => c.notNull())
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('caller_name', 'text')
      .addColumn('caller_phone', 'text')
      .addColumn('member_id', 'text')
      .addColumn('facility_id', 'text')
      .addColumn('employer_id', 'text')
      .addColumn('claim_id', 'text')
      .addColumn('area_id', 'text')
      .addColumn('assigned_to', 'text')
      .addColumn('opened_by', 'text')
      .addColumn('opened_at', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolution', 'text')
      .addColumn('within_deadline', 'integer')
      .addColumn('member_informed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('ticket_pk', ['scheme_id', 'id'])
      .addUniqueConstraint('ticket_number_unique', ['scheme_id', 'number'])
      .addForeignKeyConstraint('ticket_category_fk', ['scheme_id', 'category'], 'ticket_category', [
        'scheme_id',
        'code',
      ])
      .execute();
    await db.schema.createIndex('ticket_state_due').on('ticket').columns(['scheme_id', 'state', 'due_at']).execute();
    await db.schema.createIndex('ticket_opened').on('ticket').columns(['scheme_id', 'opened_at']).execute();
    await db.schema.createIndex('ticket_member').on('ticket').columns(['scheme_id', 'member_id']).execute();
    await db.schema
      .createTable('ticket_event')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('ticket_id', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('by_user', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('ticket_event_pk', ['scheme_id', 'id'])
      .addForeignKeyConstraint('ticket_event_ticket', ['scheme_id', 'ticket_id'], 'ticket', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createIndex('ticket_event_ticket_idx')
      .on('ticket_event')
      .columns(['scheme_id', 'ticket_id', 'at'])
      .execute();

    await db.schema
      .createTable('survey')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('round', 'text', (c) => c.notNull())
      .addColumn('previous_id', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('questions_json', 'text', (c) => c.notNull())
      .addColumn('sample_json', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('opened_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('version', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_pk', ['scheme_id', 'id'])
      .execute();
    await db.schema
      .createTable('survey_sample')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('survey_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('stratum', 'text', (c) => c.notNull())
      // The secret of the member's web link; the last eight digits of their phone, for SMS answers.
      .addColumn('token', 'text', (c) => c.notNull())
      .addColumn('phone_key', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('interviewer', 'text')
      .addColumn('sms_sent_at', 'text')
      .addColumn('answered_at', 'text')
      .addPrimaryKeyConstraint('survey_sample_pk', ['scheme_id', 'survey_id', 'member_id'])
      .addForeignKeyConstraint('survey_sample_survey', ['scheme_id', 'survey_id'], 'survey', ['scheme_id', 'id'])
      .execute();
    await db.schema.createIndex('survey_sample_token').on('survey_sample').column('token').unique().execute();
    await db.schema
      .createIndex('survey_sample_position')
      .on('survey_sample')
      .columns(['scheme_id', 'survey_id', 'position'])
      .execute();
    await db.schema
      .createIndex('survey_sample_phone')
      .on('survey_sample')
      .columns(['scheme_id', 'phone_key', 'state'])
      .execute();
    await db.schema
      .createTable('survey_response')
      .addColumn('scheme_id', 'text', (c) => c.notNull())
      .addColumn('survey_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('question', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      // Likert 1-5, yes 1 and no 0; null for choices and free text.
      .addColumn('score', 'integer')
      .addPrimaryKeyConstraint('survey_response_pk', ['scheme_id', 'survey_id', 'member_id', 'question'])
      .addForeignKeyConstraint('survey_response_survey', ['scheme_id', 'survey_id'], 'survey', ['scheme_id', 'id'])
      .execute();
  },
});
