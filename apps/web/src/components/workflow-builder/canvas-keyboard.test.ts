import { describe, expect, it } from 'vitest';
import { nearestInDirection, type Box } from './canvas-keyboard';

const box = (id: string, x: number, y: number): Box => ({ id, x, y, width: 100, height: 50 });

// trigger
//   |
// assign
//   |       \
// wait     comment (off to the right)
//   |
// branch
const boxes = [box('trigger', 0, 0), box('assign', 0, 150), box('wait', 0, 300), box('comment', 300, 320), box('branch', 0, 450)];

describe('nearestInDirection', () => {
  it('goes down and up the column', () => {
    expect(nearestInDirection(boxes, 'trigger', 'down')).toBe('assign');
    expect(nearestInDirection(boxes, 'assign', 'down')).toBe('wait');
    expect(nearestInDirection(boxes, 'wait', 'down')).toBe('branch');
    expect(nearestInDirection(boxes, 'branch', 'up')).toBe('wait');
  });

  it('goes sideways to the step beside it', () => {
    expect(nearestInDirection(boxes, 'wait', 'right')).toBe('comment');
    expect(nearestInDirection(boxes, 'comment', 'left')).toBe('wait');
  });

  it('stays put where nothing lies in that direction', () => {
    expect(nearestInDirection(boxes, 'trigger', 'up')).toBeNull();
    expect(nearestInDirection(boxes, 'trigger', 'left')).toBeNull();
    expect(nearestInDirection(boxes, 'missing', 'down')).toBeNull();
  });

  it('prefers the step straight ahead over a closer one far off to the side', () => {
    const row = [box('a', 0, 0), box('side', 60, 60), box('ahead', 0, 160)];
    expect(nearestInDirection(row, 'a', 'down')).toBe('ahead');
  });
});
