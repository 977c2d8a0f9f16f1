import { beforeEach, describe, expect, it } from 'vitest';
import { roundRobinOnlineOnly, reassignIfNoReply, parseDefinition } from '@baton/engine';
import { forgetPoolHints, learnPoolHints, predictPools } from './pool-hints';

const W1 = '00000000-0000-4000-8000-000000000001';
const W2 = '00000000-0000-4000-8000-000000000002';
const TEAM_A = '00000000-0000-4000-8000-00000000000a';
const TEAM_B = '00000000-0000-4000-8000-00000000000b';

describe('pool hints', () => {
  beforeEach(() => forgetPoolHints());

  it('predicts nothing for a workspace never seen, and the first segment pools of every type seen', () => {
    expect(predictPools([W1])).toBeNull();
    const routing = parseDefinition(reassignIfNoReply({ firstTeamId: TEAM_A, waitMinutes: 15, secondTeamId: TEAM_B }));
    learnPoolHints([{ workspaceId: W1, type: 'conversation.opened' }], [{ workspaceId: W1, triggerEvent: 'conversation.opened', definition: routing }]);
    // Only the pools before the first wait: the hand-over's team is locked when the wait fires.
    expect(predictPools([W1])).toEqual([{ workspaceId: W1, key: `team:${TEAM_A}` }]);
    expect(predictPools([W1, W2])).toBeNull();
  });

  it('knows a workspace where nothing listens (no pools), and keeps each type apart', () => {
    learnPoolHints([{ workspaceId: W2, type: 'message.received' }], []);
    expect(predictPools([W2])).toEqual([]);
    const rr = parseDefinition(roundRobinOnlineOnly({ teamId: TEAM_B }));
    learnPoolHints([{ workspaceId: W2, type: 'conversation.opened' }], [{ workspaceId: W2, triggerEvent: 'conversation.opened', definition: rr }]);
    expect(predictPools([W2])).toEqual([{ workspaceId: W2, key: `team:${TEAM_B}` }]);
    // A later claim of message.received alone leaves what conversation.opened needs.
    learnPoolHints([{ workspaceId: W2, type: 'message.received' }], []);
    expect(predictPools([W2, W2])).toEqual([{ workspaceId: W2, key: `team:${TEAM_B}` }]);
  });
});
