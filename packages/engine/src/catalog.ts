import type { ContactFieldDefinition } from './contacts/contact-fields';
// What the workspace looks like from the editor's point of view. Optional everywhere:
// the engine degrades to raw ids when it's missing so summaries/validation still work offline.
export interface Catalog {
  users: Array<{ id: string; name: string }>;
  teams: Array<{ id: string; name: string; memberIds: string[] }>;
  channels?: Array<{ id: string; name: string }>;
  // Optional like channels: without them validation can't judge field keys and tags.
  contactFields?: ContactFieldDefinition[];
  tags?: string[];
}

export function userName(catalog: Catalog | undefined, userId: string): string {
  return catalog?.users.find((u) => u.id === userId)?.name ?? userId;
}

export function teamName(catalog: Catalog | undefined, teamId: string): string {
  return catalog?.teams.find((t) => t.id === teamId)?.name ?? teamId;
}

export function channelName(catalog: Catalog | undefined, channelId: string): string {
  return catalog?.channels?.find((c) => c.id === channelId)?.name ?? channelId;
}
