/** A clock's next timer: its warning (if it has not warned) else its breach (if it has not breached). */
export type SlaTimer = { workspaceId: string; clockId: string; seq: number; phase: 'warning' | 'breach'; at: Date };

export function nextSlaTimer(c: {
  workspaceId: string;
  id: string;
  seq: number;
  warnAt: Date | null;
  dueAt: Date | null;
  warnedAt: Date | null;
  breachedAt: Date | null;
  stoppedAt: Date | null;
}): SlaTimer | null {
  if (c.stoppedAt) return null;
  if (c.warnAt && !c.warnedAt && !c.breachedAt) return { workspaceId: c.workspaceId, clockId: c.id, seq: c.seq, phase: 'warning', at: c.warnAt };
  if (c.dueAt && !c.breachedAt) return { workspaceId: c.workspaceId, clockId: c.id, seq: c.seq, phase: 'breach', at: c.dueAt };
  return null;
}
