import { eq } from 'drizzle-orm';
import type { Executor } from '../client';
import { channels } from '../schema';
import { isUuid, toWorkspaceId, type WorkspaceId } from '../tenancy/workspace-id';
import { decryptSecret } from './secret-box';

/**
 * Cross-tenant by design: a signed inbound request names only its channel, and the
 * channel's secret is what proves which workspace sent it.
 */
export async function findChannelSecret(db: Executor, channelId: string): Promise<{ workspaceId: WorkspaceId; secret: string } | null> {
  if (!isUuid(channelId)) return null;
  const [row] = await db
    .select({ workspaceId: channels.workspaceId, sealed: channels.inboundSecretEncrypted })
    .from(channels)
    .where(eq(channels.id, channelId));
  if (!row) return null;
  return { workspaceId: toWorkspaceId(row.workspaceId), secret: decryptSecret(row.sealed) };
}
