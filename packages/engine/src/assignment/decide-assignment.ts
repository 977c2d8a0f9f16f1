import type { Effect } from '../interpreter/effects';
import { teamPoolKey, userPoolKey, type PoolKey, type RunState, type Snapshot } from '../interpreter/snapshot';
import type { AssignConfig, AssignmentLogic, AssignTarget } from '../steps/assign-step';
import { judgeCandidates, type CandidateVerdict } from './eligibility';
import { applySkillFilter, requiredSkillsFor, requiresSkills } from './skill-filter';
import { explainNoOne, withExclusions } from './explain-assignment';
import { pickLeastOpen, type LeastOpenTieBreak } from './least-open';
import { pickRoundRobin } from './round-robin';
import { formatElapsed, heldQueue, queueFor, queuedSentence, type QueueNote } from './queue-decision';

export interface AssignmentDecision {
  kind: 'assignment';
  target: AssignTarget;
  logic: AssignmentLogic;
  pool: PoolKey | null;
  poolLabel: string;
  candidates: CandidateVerdict[];
  cursorBefore: string | null;
  tieBreak: LeastOpenTieBreak | null;
  winnerUserId: string | null;
  previousAssigneeId: string | null;
  /** Skills routing: what this conversation required (absent when the step asks none). */
  requiredSkills?: string[];
  explanation: string;
  /** Set when the step queued the run, re-checked it, or took it out of its queue. */
  queue?: QueueNote | null;
}

export interface AssignmentResult {
  decision: AssignmentDecision;
  effects: Effect[];
  output: 'next' | 'no_one_available' | 'no_skill_match';
  state: RunState;
  /** The run waits in a queue until then (the step pauses the run instead of taking an output). */
  queuedUntil: number | null;
}

export function poolKeyForTarget(target: AssignTarget): PoolKey | null {
  switch (target.type) {
    case 'user':
      return userPoolKey(target.userId);
    case 'team':
      return teamPoolKey(target.teamId);
    case 'workspace':
      return 'workspace';
    case 'unassign':
      return null;
  }
}

function poolLabel(target: AssignTarget, snapshot: Snapshot): string {
  switch (target.type) {
    case 'user':
      return snapshot.users[target.userId]?.name ?? target.userId;
    case 'team':
      return snapshot.teams[target.teamId]?.name ?? target.teamId;
    case 'workspace':
      return 'the workspace';
    case 'unassign':
      return '';
  }
}

function nameOf(userId: string | null, snapshot: Snapshot, verdicts: readonly CandidateVerdict[]): string {
  if (userId === null) return 'nobody';
  return verdicts.find((v) => v.userId === userId)?.name ?? snapshot.users[userId]?.name ?? userId;
}

function explainWinner(
  config: AssignConfig,
  label: string,
  winner: CandidateVerdict,
  verdicts: readonly CandidateVerdict[],
  cursor: string | null,
  tieBreak: LeastOpenTieBreak | null,
  snapshot: Snapshot,
): string {
  const eligibleCount = verdicts.filter((v) => v.eligible).length;
  const among = `among ${eligibleCount} eligible in ${label}`;
  const cursorKnown = cursor !== null && verdicts.some((v) => v.userId === cursor);
  const position = cursorKnown ? `next after ${nameOf(cursor, snapshot, verdicts)}` : 'first in rotation';
  if (config.target.type === 'user') return withExclusions(`${winner.name} chosen: assigned directly`, verdicts, config.maxOpen);
  if (config.logic === 'round_robin') {
    return withExclusions(`${winner.name} chosen by round robin: ${position} ${among}`, verdicts, config.maxOpen);
  }
  const others = (tieBreak?.tiedUserIds ?? []).filter((id) => id !== winner.userId);
  const tie = others.length
    ? `; tied with ${others.map((id) => nameOf(id, snapshot, verdicts)).join(', ')}, ${position}`
    : '';
  return withExclusions(
    `${winner.name} chosen by least open: fewest open conversations (${winner.openCount}) ${among}${tie}`,
    verdicts,
    config.maxOpen,
  );
}

export function decideAssignment(config: AssignConfig, snapshot: Snapshot, state: RunState, stepId = ''): AssignmentResult {
  const before = snapshot.conversation.assigneeId;

  if (config.target.type === 'unassign') {
    return {
      decision: {
        kind: 'assignment',
        target: config.target,
        logic: config.logic,
        previousAssigneeId: before,
        pool: null,
        poolLabel: '',
        candidates: [],
        cursorBefore: null,
        tieBreak: null,
        winnerUserId: null,
        explanation: before === null ? 'Unassigned (nobody was assigned).' : `Unassigned ${nameOf(before, snapshot, [])}.`,
      },
      effects: [{ type: 'unassign', reason: 'Unassigned by workflow' }],
      output: 'next',
      state: { ...state, previousAssigneeId: before },
      queuedUntil: null,
    };
  }

  const key = poolKeyForTarget(config.target) as PoolKey;
  const label = poolLabel(config.target, snapshot);
  const pool = snapshot.pools[key];
  const cursor = pool?.cursorUserId ?? null;
  const required = requiredSkillsFor(config, snapshot);
  const verdicts = applySkillFilter(
    judgeCandidates(pool?.candidates ?? [], {
      onlyOnline: config.onlyOnline,
      maxOpen: config.maxOpen,
      excludeTried: config.excludeTried,
      triedUserIds: state.triedUserIds,
      currentAssigneeId: before,
    }),
    required,
    snapshot,
  );

  let winner: CandidateVerdict | null;
  let tieBreak: LeastOpenTieBreak | null = null;
  if (config.target.type === 'user') {
    const userId = config.target.userId;
    winner = verdicts.find((v) => v.userId === userId && v.eligible) ?? null;
  } else if (config.logic === 'least_open') {
    ({ winner, tieBreak } = pickLeastOpen(verdicts, cursor));
  } else {
    winner = pickRoundRobin(verdicts, cursor);
  }

  // Built field by field, not spread from a shared base: this is the hottest allocation of
  // a replay (one per assign step run), and spreads of a dozen fields cost several times a literal.
  const decision: AssignmentDecision = {
    kind: 'assignment',
    target: config.target,
    logic: config.logic,
    previousAssigneeId: before,
    pool: key,
    poolLabel: label,
    candidates: verdicts,
    cursorBefore: cursor,
    tieBreak,
    winnerUserId: winner?.userId ?? null,
    explanation: '',
  };
  if (requiresSkills(config)) decision.requiredSkills = required;
  const held = heldQueue(state, stepId);
  if (winner === null) {
    const noOne = pool
      ? explainNoOne(label, verdicts, config.maxOpen)
      : `No one available in ${label}: its candidates were not loaded.`;
    const q = queueFor(config, key, snapshot, state, stepId);
    if (q && snapshot.now < q.until) {
      decision.explanation = `${noOne} ${queuedSentence(label, q, snapshot.now, held !== null)}`;
      decision.queue = { outcome: held ? 'waiting' : 'queued', since: q.since, until: q.until, wake: null };
      const teamId = config.target.type === 'team' ? config.target.teamId : null;
      return {
        decision,
        // Joining once: a re-check that still finds no one changes nothing.
        effects: held ? [] : [{ type: 'enqueue', pool: key, teamId, reason: `Queued for ${label}: no one available` }],
        output: 'no_one_available',
        state: { ...state, queue: q },
        queuedUntil: q.until,
      };
    }
    decision.explanation = q
      ? `No one became available in ${label} within ${formatElapsed(q.until - q.since)} in the queue. ${noOne}`
      : noOne;
    decision.queue = q ? { outcome: 'timed_out', since: q.since, until: q.until, wake: null } : null;
    return {
      decision,
      effects: [],
      // Skills routing falls back on its own handle (e.g. to a general team), whatever the cause.
      output: requiresSkills(config) ? 'no_skill_match' : 'no_one_available',
      state: held ? { ...state, queue: null } : state,
      queuedUntil: null,
    };
  }

  let explanation = explainWinner(config, label, winner, verdicts, cursor, tieBreak, snapshot);
  const wake = snapshot.queueWake?.[winner.userId] ?? null;
  if (held) explanation += ` Waited ${formatElapsed(snapshot.now - held.since)} in the ${label} queue${wake ? `; assigned when ${wake}` : ''}.`;
  decision.explanation = explanation;
  decision.queue = held ? { outcome: 'assigned', since: held.since, until: held.until, wake } : null;
  const teamId = config.target.type === 'team' ? config.target.teamId : snapshot.conversation.teamId;
  const effects: Effect[] = [{ type: 'assign', userId: winner.userId, teamId, reason: explanation }];
  // A direct user assignment isn't a rotation, so it must not disturb any pool's cursor.
  if (config.target.type !== 'user') effects.push({ type: 'advance_cursor', pool: key, userId: winner.userId });
  const nextState: RunState = { ...state, previousAssigneeId: before };
  if (held) nextState.queue = null;
  if (!state.triedUserIds.includes(winner.userId)) nextState.triedUserIds = [...state.triedUserIds, winner.userId];
  return { decision, effects, output: 'next', queuedUntil: null, state: nextState };
}
