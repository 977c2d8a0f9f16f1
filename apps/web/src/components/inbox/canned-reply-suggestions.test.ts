import { describe, expect, it } from 'vitest';
import { cannedReplyQuery, matchingCannedReplies } from './canned-reply-suggestions';

const replies = [
  { id: '1', name: 'Greeting', shortcut: 'hello', body: 'Hi' },
  { id: '2', name: 'Refund on its way', shortcut: 'refund', body: 'R' },
  { id: '3', name: 'Say hello again', shortcut: 'again', body: 'A' },
];

describe('canned reply suggestions', () => {
  it('opens on / at the start or after whitespace, not inside words or URLs', () => {
    expect(cannedReplyQuery('/he', 3)).toEqual({ start: 0, query: 'he' });
    expect(cannedReplyQuery('Thanks!\n/Ref', 12)).toEqual({ start: 8, query: 'ref' });
    expect(cannedReplyQuery('and/or', 6)).toBeNull();
    expect(cannedReplyQuery('see https://x.test/a', 20)).toBeNull();
    expect(cannedReplyQuery('/hello there', 12)).toBeNull();
  });

  it('lists shortcuts starting with the query first, then names containing it', () => {
    expect(matchingCannedReplies(replies, '').map((r) => r.shortcut)).toEqual(['hello', 'refund', 'again']);
    expect(matchingCannedReplies(replies, 'hel').map((r) => r.shortcut)).toEqual(['hello', 'again']);
    expect(matchingCannedReplies(replies, 'zzz')).toEqual([]);
  });
});
