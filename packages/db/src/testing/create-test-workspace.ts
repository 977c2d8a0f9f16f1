import { randomUUID } from 'node:crypto';
import type { Database } from '../client';
import * as s from '../schema';
import { toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { encryptSecret } from '../channels/secret-box';

type MemberSpec = {
  name: string;
  role?: 'owner' | 'admin' | 'lead' | 'agent';
  availability?: 'online' | 'away' | 'offline';
};

export type TestWorkspace = {
  workspaceId: WorkspaceId;
  users: Record<string, { id: string; email: string; name: string }>;
  teams: Record<string, string>;
  channelId: string;
  channelSecret: string;
  /** Signs outbound deliveries; distinct from channelSecret (inbound). */
  channelOutboundSecret: string;
};

/**
 * A workspace of its own per test, so integration tests share one database and run in
 * parallel without truncating anything. Passwords are the fixed hash of "password".
 */
export async function createTestWorkspace(
  db: Database,
  spec: { members: MemberSpec[]; teams?: Record<string, string[]> },
): Promise<TestWorkspace> {
  const suffix = randomUUID().slice(0, 8);
  const [ws] = await db.insert(s.workspaces).values({ name: `Test ${suffix}` }).returning();
  const workspaceId = toWorkspaceId(ws!.id);
  const users: TestWorkspace['users'] = {};
  for (const m of spec.members) {
    const email = `${m.name.toLowerCase()}-${suffix}@example.test`;
    const [u] = await db
      .insert(s.users)
      .values({ email, name: m.name, passwordHash: TEST_PASSWORD_HASH })
      .returning();
    await db.insert(s.memberships).values({
      workspaceId,
      userId: u!.id,
      role: m.role ?? 'agent',
      availability: m.availability ?? 'online',
    });
    users[m.name] = { id: u!.id, email, name: m.name };
  }
  const teams: Record<string, string> = {};
  for (const [name, memberNames] of Object.entries(spec.teams ?? {})) {
    const [t] = await db.insert(s.teams).values({ workspaceId, name }).returning();
    teams[name] = t!.id;
    for (const memberName of memberNames) {
      const user = users[memberName];
      if (!user) throw new Error(`unknown member ${memberName}`);
      await db.insert(s.teamMembers).values({ workspaceId, teamId: t!.id, userId: user.id });
    }
  }
  const channelSecret = `test-secret-${suffix}`;
  const channelOutboundSecret = `test-outbound-secret-${suffix}`;
  const [ch] = await db
    .insert(s.channels)
    .values({ workspaceId, name: 'Test channel', inboundSecretEncrypted: encryptSecret(channelSecret), outboundSecretEncrypted: encryptSecret(channelOutboundSecret) })
    .returning();
  return { workspaceId, users, teams, channelId: ch!.id, channelSecret, channelOutboundSecret };
}

// bcrypt hash (cost 4) of "password": fixtures must not spend seconds hashing.
export const TEST_PASSWORD_HASH = '$2b$04$mLH3C4zsY35cAZdjAl1u/Os3VzlriBfmXB2o/ScAf/UKHgnLeCkoC';
