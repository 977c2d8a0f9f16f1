import { sql } from 'drizzle-orm';
import { pgTable, uuid, text, uniqueIndex, timestamp } from 'drizzle-orm/pg-core';
import { contactFieldTypeEnum } from './enums';
import { createdAt, workspaceIdColumn as workspaceId } from './identity';

// Workspace-defined contact fields. Values live in contacts.fields (a string per key, in the
// canonical form of the field's type), so conditions and templates read one shape.
export const contactFieldDefinitions = pgTable(
  'contact_field_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: contactFieldTypeEnum('type').notNull(),
    // Choices of a `select` field; empty for the other types.
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('contact_field_definitions_key_unique').on(t.workspaceId, t.key)],
);

// The tags a contact may carry. Contacts keep tag names (contacts.tags), so deleting a
// definition leaves existing tags in place but refuses new ones.
export const tagDefinitions = pgTable(
  'tag_definitions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('tag_definitions_name_unique').on(t.workspaceId, t.name)],
);

// Snippets agents insert in the composer with `/shortcut`; same variables as the comment step.
export const cannedReplies = pgTable(
  'canned_replies',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    workspaceId: workspaceId(),
    name: text('name').notNull(),
    // Typed after `/` in the composer: lowercase, unique in the workspace.
    shortcut: text('shortcut').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('canned_replies_shortcut_unique').on(t.workspaceId, t.shortcut)],
);
