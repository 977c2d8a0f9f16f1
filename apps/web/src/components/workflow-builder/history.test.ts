import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, HISTORY_LIMIT, historyReducer, initHistory, type History } from './history';

const run = (h: History<string>, ...actions: Parameters<typeof historyReducer<string>>[1][]) =>
  actions.reduce((s, a) => historyReducer(s, a), h);

describe('undo/redo history', () => {
  it('undoes and redoes commits in order', () => {
    const h = run(initHistory('a'), { type: 'commit', value: 'b' }, { type: 'commit', value: 'c' });
    expect(h.present).toBe('c');
    const u = run(h, { type: 'undo' });
    expect(u.present).toBe('b');
    expect(run(u, { type: 'undo' }).present).toBe('a');
    expect(run(u, { type: 'redo' }).present).toBe('c');
    expect(canUndo(initHistory('a'))).toBe(false);
    expect(canRedo(u)).toBe(true);
  });

  it('a new commit after undo drops the redo stack', () => {
    const h = run(initHistory('a'), { type: 'commit', value: 'b' }, { type: 'undo' }, { type: 'commit', value: 'x' });
    expect(h.present).toBe('x');
    expect(canRedo(h)).toBe(false);
    expect(run(h, { type: 'undo' }).present).toBe('a');
  });

  it('merges consecutive commits with the same key (typing) into one step', () => {
    const h = run(
      initHistory('a'),
      { type: 'commit', value: 'b', key: 'name' },
      { type: 'commit', value: 'bo', key: 'name' },
      { type: 'commit', value: 'bob', key: 'name' },
      { type: 'commit', value: 'bob!', key: 'other' },
    );
    expect(run(h, { type: 'undo' }).present).toBe('bob');
    expect(run(h, { type: 'undo' }, { type: 'undo' }).present).toBe('a');
  });

  it('an undo breaks a merge run', () => {
    const h = run(initHistory('a'), { type: 'commit', value: 'b', key: 'k' }, { type: 'undo' }, { type: 'redo' }, { type: 'commit', value: 'c', key: 'k' });
    expect(run(h, { type: 'undo' }).present).toBe('b');
  });

  it('ignores no-op commits and undo/redo at the ends', () => {
    const h = initHistory('a');
    expect(historyReducer(h, { type: 'commit', value: 'a' })).toBe(h);
    expect(historyReducer(h, { type: 'undo' })).toBe(h);
    expect(historyReducer(h, { type: 'redo' })).toBe(h);
  });

  it('is bounded', () => {
    let h = initHistory('0');
    for (let i = 1; i <= HISTORY_LIMIT + 50; i++) h = historyReducer(h, { type: 'commit', value: String(i) });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });

  it('reset clears everything', () => {
    const h = run(initHistory('a'), { type: 'commit', value: 'b' }, { type: 'reset', value: 'z' });
    expect(h).toEqual(initHistory('z'));
  });
});
