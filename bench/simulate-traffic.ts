// Synthetic recorded traffic for the simulation benchmark: agents on shifts over a week,
// openings spread over the day, a share of them answered with a recorded reply.
import { reassignIfNoReply, utcCalendar, type SimulationInput, type SimOpening, type SimAvailabilityChange } from '@baton/engine';

const HOUR = 3_600_000;

/** The two versions the bench compares: the seed scenario with a queue, and a draft that starts with the other team. */
export function benchVersions(sales: string, support: string) {
  return {
    published: reassignIfNoReply({ firstTeamId: sales, secondTeamId: support, waitMinutes: 15, queueTimeout: { amount: 30, unit: 'minutes' } }),
    draft: reassignIfNoReply({ firstTeamId: support, secondTeamId: sales, waitMinutes: 10, queueTimeout: { amount: 1, unit: 'hours' } }),
  };
}

export function syntheticTraffic(opts: { conversations: number; days: number; agents: number; seed?: number }): SimulationInput {
  const from = Date.UTC(2026, 10, 2, 0, 0, 0);
  const to = from + opts.days * 24 * HOUR;
  let s = opts.seed ?? 1;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const members = Array.from({ length: opts.agents }, (_, i) => ({
    id: `agent-${i}`,
    name: `Agent ${i}`,
    availability: 'offline' as const,
    skills: [],
    capacity: i % 3 === 0 ? 8 : null,
  }));
  const half = Math.ceil(opts.agents / 2);
  const teams = [
    { id: 'sales', name: 'Sales', memberIds: members.slice(0, half).map((m) => m.id) },
    { id: 'support', name: 'Support', memberIds: members.slice(half).map((m) => m.id) },
  ];
  // Shifts: each agent works 8 hours a day starting at a staggered hour, with a short break.
  const availability: SimAvailabilityChange[] = [];
  for (let d = 0; d < opts.days; d++)
    members.forEach((m, i) => {
      const start = from + d * 24 * HOUR + ((i * 3) % 24) * HOUR;
      availability.push({ at: start, userId: m.id, availability: 'online' });
      availability.push({ at: start + 4 * HOUR, userId: m.id, availability: 'away' });
      availability.push({ at: start + 4.5 * HOUR, userId: m.id, availability: 'online' });
      availability.push({ at: start + 8 * HOUR, userId: m.id, availability: 'offline' });
    });
  availability.sort((a, b) => a.at - b.at);
  const openings: SimOpening[] = [];
  const gap = (to - from) / opts.conversations;
  for (let n = 0; n < opts.conversations; n++) {
    const openedAt = Math.floor(from + n * gap);
    const replier = members[Math.floor(rand() * members.length)]!;
    const delayMs = Math.floor(rand() * 30 * 60_000);
    openings.push({
      conversationId: `conv-${String(n).padStart(7, '0')}`,
      openedAt,
      closedAt: openedAt + Math.floor(rand() * 4 * HOUR),
      source: 'contact',
      channelId: 'email',
      priority: 'normal',
      contact: { id: `contact-${n}`, name: `Contact ${n}`, fields: {}, tags: [] },
      replies: rand() < 0.7 ? [{ userId: replier.id, at: openedAt + delayMs, delayMs }] : [],
    });
  }
  const { published, draft } = benchVersions('sales', 'support');
  return {
    workflow: { id: 'wf', name: 'Bench' },
    period: { from, to },
    seed: 42,
    calendar: utcCalendar(),
    members,
    teams,
    availability,
    openings,
    initialOpenCounts: {},
    slaPolicies: [],
    versions: [
      { label: 'draft', versionId: 'draft', definition: draft },
      { label: 'published', versionId: 'v1', definition: published },
    ],
  };
}
