/** "12m left" / "breached 5m ago": the inbox badge's words (never colour alone). */
export function describeSlaDue(dueAt: number, now: number): { breached: boolean; text: string } {
  const ms = dueAt - now;
  const span = formatSpan(Math.abs(ms));
  return ms > 0 ? { breached: false, text: `${span} left` } : { breached: true, text: `breached ${span} ago` };
}

function formatSpan(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
