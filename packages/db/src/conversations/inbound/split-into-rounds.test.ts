import { describe, expect, it } from 'vitest';
import type { Indexed } from './inbound-message';
import { splitIntoRounds } from './split-into-rounds';

const item = (index: number, contact: string, externalId?: string, channelId = 'ch'): Indexed => ({
  index,
  workspaceId: 'ws',
  channelId,
  input: { contact: { externalId: contact }, text: 'hi', ...(externalId ? { externalId } : {}) },
});
const indexes = (rounds: Indexed[][]) => rounds.map((r) => r.map((i) => i.index));

describe('splitIntoRounds', () => {
  it('keeps different contacts in one round, in order', () => {
    expect(indexes(splitIntoRounds([item(0, 'a'), item(1, 'b'), item(2, 'c')]))).toEqual([[0, 1, 2]]);
  });

  it("puts a contact's next message in the next round, after the one that opens its conversation", () => {
    expect(indexes(splitIntoRounds([item(0, 'a'), item(1, 'b'), item(2, 'a'), item(3, 'a'), item(4, 'b')]))).toEqual([
      [0, 1],
      [2, 4],
      [3],
    ]);
  });

  it('separates two deliveries of one external id even from different contacts, but not across channels', () => {
    expect(indexes(splitIntoRounds([item(0, 'a', 'm1'), item(1, 'b', 'm1'), item(2, 'c', 'm1', 'other')]))).toEqual([[0, 2], [1]]);
  });

  it('is empty for an empty batch', () => {
    expect(splitIntoRounds([])).toEqual([]);
  });
});
