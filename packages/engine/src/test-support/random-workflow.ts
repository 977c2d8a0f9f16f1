// Test-only: builds random *valid* workflows (a DAG of steps plus bounded backward jumps)
// and random worlds to run them in, from a seed so fast-check can replay failures.
import type { Availability, Candidate, PoolKey, Snapshot } from '../interpreter/snapshot';
import { workflowDefinitionSchema, type StepType, type WorkflowDefinition } from '../schema/workflow-definition';
import { stepOutputs } from '../steps/step-registry';
import { officeHours } from '../business-time/schedule-schema';
import type { WorkspaceCalendar } from '../business-time/schedule-ref';

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;

export const USER_IDS = ['u0', 'u1', 'u2', 'u3', 'u4'];
export const TEAM_IDS = ['t0', 't1'];

function randomScheduleRef(r: () => number): unknown {
  return r() < 0.5 ? { type: 'workspace' } : { type: 'team', teamId: pick(r, TEAM_IDS) };
}

/** A workspace in one of three zones, with or without a default schedule, one team with its own. */
export function randomCalendar(r: () => number): WorkspaceCalendar {
  const timeZone = pick(r, ['UTC', 'Europe/Berlin', 'America/New_York']);
  const holidays = [{ name: 'New Year', from: '2025-01-01', yearly: true }];
  return {
    timeZone,
    workspace: r() < 0.5 ? { ...officeHours(timeZone), holidays } : null,
    teams: r() < 0.5 ? { t0: { ...officeHours('Asia/Tokyo'), weekly: { ...officeHours('Asia/Tokyo').weekly, sat: [{ start: '10:00', end: '12:00' }, { start: '13:00', end: '15:00' }] } } } : {},
  };
}

function randomConfig(r: () => number, type: Exclude<StepType, 'jump'>): unknown {
  switch (type) {
    case 'assign': {
      const target = pick(r, [
        { type: 'team', teamId: pick(r, TEAM_IDS) },
        { type: 'workspace' },
        { type: 'user', userId: pick(r, USER_IDS) },
        { type: 'unassign' },
      ]);
      // A queue only on team / workspace targets (the schema refuses it on the others).
      const queue = (target.type === 'team' || target.type === 'workspace') && r() < 0.3 ? { timeout: pick(r, [{ amount: 1, unit: 'seconds' }, { amount: 10, unit: 'minutes' }]) } : null;
      return { target, logic: pick(r, ['round_robin', 'least_open']), onlyOnline: r() < 0.7, maxOpen: r() < 0.3 ? 1 + Math.floor(r() * 4) : null, excludeTried: r() < 0.8, queue };
    }
    case 'wait': {
      const duration = pick(r, [{ amount: 1, unit: 'seconds' }, { amount: 15, unit: 'minutes' }, { amount: 2, unit: 'hours' }, { amount: 30, unit: 'days' }]);
      return r() < 0.3 ? { duration, businessHours: randomScheduleRef(r) } : { duration };
    }
    case 'wait_until':
      return r() < 0.6 ? { until: 'schedule_opens', schedule: randomScheduleRef(r) } : { until: 'time_of_day', time: pick(r, ['00:00', '09:00', '17:30']) };
    case 'time_branch':
      return {
        match: pick(r, ['all', 'any']),
        conditions: [
          pick(r, [
            { id: 'c', kind: 'schedule_hours', operator: pick(r, ['open', 'closed']), schedule: randomScheduleRef(r) },
            { id: 'c', kind: 'day_of_week', days: ['mon', 'tue', 'wed', 'thu', 'fri'] },
            { id: 'c', kind: 'time_of_day', from: '22:00', to: '06:00' },
            { id: 'c', kind: 'date_range', from: '2025-01-01', to: '2025-12-31' },
            { id: 'c', kind: 'holiday', operator: pick(r, ['is', 'is_not']), schedule: randomScheduleRef(r) },
          ]),
        ],
      };
    case 'branch': {
      const n = 1 + Math.floor(r() * 3);
      return {
        branches: Array.from({ length: n }, (_, i) => ({
          id: `br${i}`,
          match: pick(r, ['all', 'any']),
          conditions: [
            pick(r, [
              { id: 'c', kind: 'conversation_status', operator: 'is', value: 'open' },
              { id: 'c', kind: 'assignee', operator: 'exists' },
              { id: 'c', kind: 'assignee', operator: 'is_online' },
              { id: 'c', kind: 'last_outgoing_message', operator: 'not_exists' },
              { id: 'c', kind: 'last_outgoing_message', operator: 'not_exists', from: 'any' },
              { id: 'c', kind: 'conversation_opened', operator: 'greater_than', duration: { amount: 10, unit: 'minutes' } },
              { id: 'c', kind: 'contact_tag', operator: 'has', tag: 'vip' },
              { id: 'c', kind: 'assignee_replied', operator: 'not_exists' },
              { id: 'c', kind: 'current_assignment', operator: 'greater_than', duration: { amount: 10, unit: 'minutes' } },
              { id: 'c', kind: 'contact_field', operator: 'is', key: 'plan', value: 'pro' },
              { id: 'c', kind: 'team', operator: 'is', teamId: pick(r, TEAM_IDS) },
            ]),
          ],
        })),
      };
    }
    case 'comment':
      return { text: 'Hi {{assignee.name}}, was {{previous_assignee.name}}', mentions: r() < 0.5 ? [{ type: 'current_assignee' }] : [{ type: 'user', userId: pick(r, USER_IDS) }] };
    case 'close':
      return {};
    case 'http_request':
      return { method: 'GET', url: 'https://api.example.test/{{contact.name}}', saveAs: 'r', fields: [{ name: 'plan', path: 'data.plan' }] };
    case 'send_message':
      return { text: pick(r, ['Hi {{contact.name}}, {{assignee.name}} will help you', 'One moment please']) };
    case 'set_contact_field':
      return r() < 0.3 ? { key: 'plan', action: 'clear' } : { key: 'plan', action: 'set', value: pick(r, ['free', 'pro']) };
    case 'tag_contact':
      return { action: r() < 0.6 ? 'add' : 'remove', tag: pick(r, ['vip', 'german']) };
    case 'set_priority':
      return { priority: pick(r, ['low', 'normal', 'high', 'urgent']) };
  }
}

/**
 * `httpRequests`: include HTTP request steps. Off by default: a history must answer their
 * pauses like the worker does (run-until-pause.property.test.ts does); the DB differential's
 * histories have no worker, and an unanswered request only pauses again.
 */
export function randomWorkflow(seed: number, maxSteps = 8, opts: { httpRequests?: boolean } = {}): WorkflowDefinition {
  const r = prng(seed);
  const n = 1 + Math.floor(r() * maxSteps);
  const steps: Array<{ id: string; type: StepType; config: unknown }> = [];
  const edges: Array<{ id: string; source: string; sourceHandle: string; target: string }> = [];
  const free: Array<{ node: string; handle: string }> = [{ node: 'trigger', handle: 'next' }];
  const preds = new Map<string, Set<string>>();
  const ancestorsOf = (id: string): Set<string> => {
    const out = new Set<string>();
    const stack = [...(preds.get(id) ?? [])];
    while (stack.length) {
      const x = stack.pop() as string;
      if (out.has(x)) continue;
      out.add(x);
      stack.push(...(preds.get(x) ?? []));
    }
    return out;
  };
  const connect = (from: { node: string; handle: string }, to: string) => {
    edges.push({ id: `e${edges.length}`, source: from.node, sourceHandle: from.handle, target: to });
    preds.set(to, new Set([...(preds.get(to) ?? []), from.node]));
    free.splice(free.indexOf(from), 1);
  };
  for (let i = 0; i < n; i++) {
    const id = `s${i}`;
    // Wire the new step from an earlier free handle first, so it's reachable and its
    // ancestors are known before choosing a jump target.
    connect(i === 0 ? (free[0] as { node: string; handle: string }) : pick(r, free), id);
    const earlier = [...ancestorsOf(id)].filter((x) => x !== 'trigger');
    // Assign and branch weigh three and two: with eleven types drawn evenly, assignments got so
    // rare that no seed of the writer's differential test reached a reassignment or a queue.
    const types = ['assign', 'assign', 'assign', 'wait', 'branch', 'branch', 'comment', 'close', 'send_message', 'time_branch', 'wait_until', 'set_contact_field', 'tag_contact', 'set_priority'] as const;
    const type: StepType = earlier.length && r() < 0.2 ? 'jump' : pick(r, opts.httpRequests ? [...types, 'http_request' as const] : types);
    const config = type === 'jump' ? { targetStepId: pick(r, earlier), maxJumps: 1 + Math.floor(r() * 3) } : randomConfig(r, type);
    const step = workflowDefinitionSchema.shape.steps.element.parse({ id, type, config });
    steps.push(step);
    for (const handle of stepOutputs(step)) free.push({ node: id, handle });
  }
  // Extra forward edges keep the graph a DAG but make paths more varied.
  for (const h of [...free]) {
    const from = Number(h.node.slice(1));
    if (h.node === 'trigger' || r() < 0.5 || from >= n - 1) continue;
    connect(h, `s${from + 1 + Math.floor(r() * (n - from - 1))}`);
  }
  return workflowDefinitionSchema.parse({
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', config: { event: 'conversation.opened', conditions: [] } },
    steps,
    edges,
  });
}

export function randomSnapshot(seed: number, now: number): Snapshot {
  const r = prng(seed ^ 0x5bd1e995);
  const availability = (): Availability => pick(r, ['online', 'online', 'away', 'offline'] as const);
  const users = Object.fromEntries(USER_IDS.map((id) => [id, { id, name: `User ${id}`, availability: availability() }]));
  const cand = (id: string): Candidate => ({ userId: id, name: `User ${id}`, availability: users[id]?.availability ?? 'offline', openCount: Math.floor(r() * 5), inPool: r() < 0.9 });
  const pools: Snapshot['pools'] = { workspace: { key: 'workspace', candidates: USER_IDS.map(cand), cursorUserId: r() < 0.5 ? pick(r, USER_IDS) : null } };
  for (const t of TEAM_IDS) {
    const key: PoolKey = `team:${t}`;
    pools[key] = { key, candidates: USER_IDS.filter(() => r() < 0.6).map(cand), cursorUserId: r() < 0.5 ? pick(r, USER_IDS) : null };
  }
  for (const u of USER_IDS) pools[`user:${u}`] = { key: `user:${u}`, candidates: [cand(u)], cursorUserId: null };
  const assigneeId = r() < 0.5 ? pick(r, USER_IDS) : null;
  const assignedAt = assigneeId === null ? null : now - Math.floor(r() * 3_600_000);
  return {
    now,
    workflow: { id: 'wf', name: 'Random' },
    conversation: {
      id: 'c',
      status: r() < 0.8 ? 'open' : 'closed',
      priority: 'normal',
      assigneeId,
      assignedAt,
      assigneeRepliedAt: assignedAt !== null && r() < 0.5 ? Math.min(now, assignedAt + 60_000) : null,
      teamId: r() < 0.5 ? pick(r, TEAM_IDS) : null,
      channelId: null,
      openedAt: now - Math.floor(r() * 3_600_000),
      lastIncomingAt: now - 1000,
      lastOutgoingAt: r() < 0.5 ? now - 5000 : null,
      lastAgentReplyAt: r() < 0.3 ? now - 8000 : null,
      openedBy: 'contact',
    },
    contact: { id: 'ct', name: r() < 0.5 ? 'Zoe' : null, fields: {}, tags: r() < 0.5 ? ['vip'] : [] },
    users,
    teams: Object.fromEntries(TEAM_IDS.map((id) => [id, { id, name: `Team ${id}` }])),
    pools,
    calendar: randomCalendar(r),
  };
}
