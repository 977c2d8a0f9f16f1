import { describe, expect, it } from 'vitest';
import { notificationTitle } from './notification-text';

describe('notificationTitle', () => {
  it('names what happened and the contact', () => {
    expect(notificationTitle({ kind: 'assigned', contactName: 'Dana', actorName: 'Lee' })).toBe('Assigned to you: Dana');
    expect(notificationTitle({ kind: 'unassigned', contactName: 'Dana', actorName: null })).toBe('Taken from you: Dana');
    expect(notificationTitle({ kind: 'mentioned', contactName: 'Dana', actorName: 'Lee' })).toBe('Lee mentioned you: Dana');
    expect(notificationTitle({ kind: 'mentioned', contactName: null, actorName: null })).toBe('A workflow mentioned you: a conversation');
    expect(notificationTitle({ kind: 'queue_waiting', contactName: 'Dana', actorName: null })).toBe('Waiting in the queue too long: Dana');
  });
});
