import 'server-only';
import type { InboxViewer } from '@baton/db';
import type { MemberContext } from '@/server/auth';

export function inboxViewer(m: MemberContext): InboxViewer {
  return { userId: m.user.id, role: m.membership.role };
}
