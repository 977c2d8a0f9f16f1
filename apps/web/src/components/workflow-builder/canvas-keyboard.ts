// Moving between steps on the canvas with the arrow keys: from the focused step, the nearest
// step in the pressed direction. Spatial rather than along edges, so it reaches steps that are
// not connected yet (a freshly added one) and matches what the eye sees after any layout.

export type Direction = 'up' | 'down' | 'left' | 'right';

export interface Box {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

export const arrowDirection: Record<string, Direction | undefined> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
};

/**
 * The nearest box whose centre lies in `direction` from `fromId`'s centre, within a 45°
 * cone either side; ties and off-axis candidates cost more (off-axis distance counts double),
 * so Down from a step prefers the one straight below over one further off to the side.
 */
export function nearestInDirection(boxes: readonly Box[], fromId: string, direction: Direction): string | null {
  const from = boxes.find((b) => b.id === fromId);
  if (!from) return null;
  const cx = from.x + from.width / 2;
  const cy = from.y + from.height / 2;
  let best: { id: string; cost: number } | null = null;
  for (const b of boxes) {
    if (b.id === fromId) continue;
    const dx = b.x + b.width / 2 - cx;
    const dy = b.y + b.height / 2 - cy;
    const along = direction === 'down' ? dy : direction === 'up' ? -dy : direction === 'right' ? dx : -dx;
    const across = Math.abs(direction === 'down' || direction === 'up' ? dx : dy);
    if (along <= 0 || across > along) continue;
    const cost = along + 2 * across;
    if (!best || cost < best.cost || (cost === best.cost && b.id < best.id)) best = { id: b.id, cost };
  }
  return best?.id ?? null;
}
