// What the contact panel shows while the agent edits and the server's fields change under it.

export function sameFields(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if ((a[k] ?? '') !== (b[k] ?? '')) return false;
  return true;
}

/** The draft after the server's fields changed from `before` (null: another conversation) to `after`. */
export function mergeServerFields(draft: Record<string, string>, before: Record<string, string> | null, after: Record<string, string>): Record<string, string> {
  if (!before) return { ...after };
  const next: Record<string, string> = { ...after };
  for (const [k, v] of Object.entries(draft)) if ((v ?? '') !== (before[k] ?? '')) next[k] = v;
  return next;
}
