/**
 * The caller's address. Behind our proxy (and under `next start`, which adds it) the last
 * x-forwarded-for entry is the one appended by the hop we trust; entries before it are
 * whatever the client chose to send, so they are never used for limiting.
 */
export function clientIp(req: Request): string {
  const forwarded = req.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return last || req.headers.get('x-real-ip')?.trim() || 'unknown';
}
