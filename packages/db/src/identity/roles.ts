/**
 * Who may do what in a workspace. One table, read by pages (to hide controls), by server
 * actions and route handlers (to refuse), and by the data layer where a rule is about data
 * (the last owner). Agents see their own and their teams' conversations; leads see all
 * conversations and runs; admins and owners also manage the workspace.
 */
export const ROLES = ['owner', 'admin', 'lead', 'agent'] as const;
export type Role = (typeof ROLES)[number];

export const AVAILABILITIES = ['online', 'away', 'offline'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const ACTIONS = [
  'conversations.viewOwn',
  'conversations.viewAll',
  'runs.view',
  'workflows.view',
  'workflows.manage',
  'teams.manage',
  'members.manage',
  'apiKeys.manage',
  'channels.manage',
  'webhooks.manage',
  'secrets.manage',
  'workspace.manage',
  'contacts.configure',
] as const;
export type Action = (typeof ACTIONS)[number];

const agent: readonly Action[] = ['conversations.viewOwn'];
const lead: readonly Action[] = [...agent, 'conversations.viewAll', 'runs.view', 'workflows.view'];
const admin: readonly Action[] = [
  ...lead,
  'workflows.manage',
  'teams.manage',
  'members.manage',
  'apiKeys.manage',
  'channels.manage',
  'webhooks.manage',
  'secrets.manage',
  'workspace.manage',
  // Contact field and tag definitions, canned replies: what agents pick from in the inbox.
  'contacts.configure',
];

const PERMISSIONS: Record<Role, ReadonlySet<Action>> = {
  owner: new Set(admin),
  admin: new Set(admin),
  lead: new Set(lead),
  agent: new Set(agent),
};

export function can(role: Role, action: Action): boolean {
  return PERMISSIONS[role]?.has(action) ?? false;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * Owners are the only ones who can make or unmake owners, so an admin cannot promote
 * themselves past the people who can remove them.
 */
export function canAssignRole(actor: Role, from: Role, to: Role): boolean {
  if (!can(actor, 'members.manage')) return false;
  if (actor === 'owner') return true;
  return from !== 'owner' && to !== 'owner';
}
