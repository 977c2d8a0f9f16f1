import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { reassignIfNoReply, roundRobinOnlineOnly } from '@baton/engine';
import type { Database } from '../client';
import { channels, memberships, teamMembers, teams, users, workspaces } from '../schema';
import { tenant } from '../tenancy/tenant';
import { hashPassword } from '../identity/password-hash';
import { createApiKey } from '../identity/create-api-key';
import { encryptSecret } from '../channels/secret-box';
import { receiveInboundMessage } from '../conversations/inbound/receive-inbound-message';
import { sendReply } from '../conversations/send-reply';
import { assignConversation } from '../conversations/assign-conversation';
import { createWorkflow } from '../workflows/create-workflow';
import { publishWorkflow } from '../workflows/publish-workflow';
import { loadCatalog } from '../workflows/load-catalog';
import { createContactField } from '../contacts/manage-contact-fields';
import { createTag } from '../contacts/manage-tags';
import { createCannedReply } from '../canned-replies/manage-canned-replies';

export const DEMO_PASSWORD = 'baton-demo';
export const DEMO_WORKSPACE = 'Acme Support';

const PEOPLE = [
  { key: 'admin', name: 'Avery Admin', email: 'admin@acme.test', role: 'owner', availability: 'online' },
  { key: 'lead', name: 'Lee Lead', email: 'lead@acme.test', role: 'lead', availability: 'online' },
  { key: 'alice', name: 'Alice', email: 'alice@acme.test', role: 'agent', availability: 'online' },
  { key: 'bob', name: 'Bob', email: 'bob@acme.test', role: 'agent', availability: 'online' },
  { key: 'carol', name: 'Carol', email: 'carol@acme.test', role: 'agent', availability: 'online' },
] as const;

export type DemoSeed = {
  created: boolean;
  workspaceId: string;
  channelId: string;
  channelSecret: string | null;
  /** Signs deliveries to the demo channel's outbound URL (none is set by the seed). */
  channelOutboundSecret: string | null;
  apiKey: string | null;
  workflowId: string | null;
  logins: { email: string; role: string; name: string }[];
  users: Record<(typeof PEOPLE)[number]['key'], string>;
  teams: { Sales: string; Support: string };
};

/**
 * The demo workspace: admin, lead, Alice and Bob in Sales, Carol in Support, a custom
 * channel, a few conversations, a workspace API key, and the seed scenario published
 * ("Reassign if no reply in 15 minutes"). Runs once: a second call finds it and returns.
 */
export async function seedDemo(db: Database, opts: { waitSeconds?: number } = {}): Promise<DemoSeed> {
  const logins = PEOPLE.map((p) => ({ email: p.email, role: p.role, name: p.name }));
  const [existingUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, 'admin@acme.test'));
  if (existingUser) {
    const [ws] = await db
      .select({ id: workspaces.id })
      .from(workspaces)
      .innerJoin(memberships, eq(memberships.workspaceId, workspaces.id))
      .where(and(eq(memberships.userId, existingUser.id), eq(workspaces.name, DEMO_WORKSPACE)));
    const [ch] = await db.select({ id: channels.id }).from(channels).where(eq(channels.workspaceId, ws!.id));
    const userRows = await db.select({ id: users.id, email: users.email }).from(users);
    const teamRows = await db.select({ id: teams.id, name: teams.name }).from(teams).where(eq(teams.workspaceId, ws!.id));
    return {
      created: false,
      workspaceId: ws!.id,
      channelId: ch!.id,
      channelSecret: null,
      channelOutboundSecret: null,
      apiKey: null,
      workflowId: null,
      logins,
      users: Object.fromEntries(PEOPLE.map((p) => [p.key, userRows.find((u) => u.email === p.email)!.id])) as DemoSeed['users'],
      teams: { Sales: teamRows.find((t) => t.name === 'Sales')!.id, Support: teamRows.find((t) => t.name === 'Support')!.id },
    };
  }

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const [ws] = await db.insert(workspaces).values({ name: DEMO_WORKSPACE }).returning({ id: workspaces.id });
  const t = tenant(db, ws!.id);
  const ids = {} as DemoSeed['users'];
  for (const p of PEOPLE) {
    const [u] = await db.insert(users).values({ email: p.email, name: p.name, passwordHash }).returning({ id: users.id });
    ids[p.key] = u!.id;
    await db.insert(memberships).values({ workspaceId: t.workspaceId, userId: u!.id, role: p.role, availability: p.availability });
  }
  const [sales] = await db.insert(teams).values({ workspaceId: t.workspaceId, name: 'Sales' }).returning({ id: teams.id });
  const [support] = await db.insert(teams).values({ workspaceId: t.workspaceId, name: 'Support' }).returning({ id: teams.id });
  for (const [teamId, members] of [
    [sales!.id, [ids.alice, ids.bob]],
    [support!.id, [ids.carol]],
  ] as const) {
    for (const userId of members) await db.insert(teamMembers).values({ workspaceId: t.workspaceId, teamId, userId });
  }
  const channelSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const channelOutboundSecret = `whsec_${randomBytes(24).toString('base64url')}`;
  const [channel] = await db
    .insert(channels)
    .values({
      workspaceId: t.workspaceId,
      name: 'Website chat',
      inboundSecretEncrypted: encryptSecret(channelSecret),
      outboundSecretEncrypted: encryptSecret(channelOutboundSecret),
    })
    .returning({ id: channels.id });

  // Contact fields and tags the demo conversations carry (Settings → Contact fields & tags).
  await createContactField(t, { key: 'language', label: 'Language', type: 'select', options: ['en', 'de', 'fr'] });
  await createContactField(t, { key: 'plan', label: 'Plan', type: 'select', options: ['Free', 'Pro', 'Enterprise'] });
  for (const tag of ['vip', 'billing']) await createTag(t, tag);
  // Canned replies agents insert with `/` in the reply box (Settings → Canned replies).
  await createCannedReply(t, { name: 'Greeting', shortcut: 'hello', body: 'Hi {{contact.name}}, {{agent.name}} here. Thanks for writing in!' });
  await createCannedReply(t, { name: 'Looking into it', shortcut: 'checking', body: 'Thanks, {{contact.name}}. I am looking into this now and will get back to you shortly.' });

  // A few conversations to look at, created before the workflow is published so the
  // workflow does not pick them up (it only reacts to what happens after publishing).
  const demo = [
    { externalId: 'dana', name: 'Dana Scully', text: 'Hi! Can I change the plan on my account?', assignee: ids.alice, reply: 'Sure — which plan would you like?', fields: { language: 'en', plan: 'Pro' } },
    { externalId: 'fox', name: 'Fox Mulder', text: 'My invoice shows the wrong VAT number.', assignee: ids.carol, reply: null, tags: ['billing'] },
    { externalId: 'walter', name: 'Walter Skinner', text: 'Do you offer discounts for nonprofits?', assignee: null, reply: null },
  ];
  for (const d of demo) {
    const contact = { externalId: d.externalId, name: d.name, ...('fields' in d ? { fields: d.fields } : {}), ...('tags' in d ? { tags: d.tags } : {}) };
    const inbound = await receiveInboundMessage(t, channel!.id, { contact, text: d.text });
    if (d.assignee) {
      await assignConversation(t, inbound.conversationId, {
        assigneeId: d.assignee,
        teamId: d.assignee === ids.carol ? support!.id : sales!.id,
        actorUserId: ids.admin,
        reason: 'Assigned by hand (demo data)',
      });
    }
    if (d.reply && d.assignee) await sendReply(t, inbound.conversationId, { userId: d.assignee, text: d.reply });
  }

  const catalog = await loadCatalog(t);
  const seedScenario = reassignIfNoReply({
    firstTeamId: sales!.id,
    secondTeamId: support!.id,
    duration: opts.waitSeconds ? { amount: opts.waitSeconds, unit: 'seconds' } : { amount: 15, unit: 'minutes' },
    // Support has no hours of its own until an admin sets them (Settings → Business hours):
    // until then it is always open and the hold never triggers.
    holdOutsideHours: true,
    // Nobody in Sales online (every night): the conversation waits in Sales's queue and goes
    // to the first agent who comes online or has room, instead of a note and a dead end.
    queueTimeout: { amount: 30, unit: 'minutes' },
    catalog,
  });
  const { id: workflowId } = await createWorkflow(
    t,
    { name: 'Reassign if no reply in 15 minutes', description: 'Sales gets the first chance (waiting up to 30 minutes in its queue when no one is online); Support takes over when the Sales assignee has not replied (outside Support\'s hours, the conversation waits for them to open).', definition: seedScenario },
    ids.admin,
  );
  await publishWorkflow(t, workflowId, ids.admin);
  await createWorkflow(t, { name: 'Round robin, online only (draft)', definition: roundRobinOnlineOnly({ teamId: sales!.id, catalog }) }, ids.admin);
  const apiKey = await createApiKey(t, { name: 'Demo key', createdBy: ids.admin });

  return {
    created: true,
    workspaceId: t.workspaceId,
    channelId: channel!.id,
    channelSecret,
    channelOutboundSecret,
    apiKey: apiKey.plaintext,
    workflowId,
    logins,
    users: ids,
    teams: { Sales: sales!.id, Support: support!.id },
  };
}
