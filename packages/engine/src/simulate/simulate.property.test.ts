import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utcCalendar } from '../business-time/schedule-ref';
import { reassignIfNoReply } from '../workflow-templates/reassign-if-no-reply';
import { replyDelaysOf } from './reply-model';
import { Simulation, simulate } from './simulate';
import type { SimulationInput } from './simulation-input';

const T0 = Date.UTC(2026, 10, 2, 0, 0, 0);
const MIN = 60_000;
const agents = ['a1', 'a2', 'a3', 'a4'];

const inputArb = fc
  .record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    capacity: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
    changes: fc.array(
      fc.record({ minute: fc.integer({ min: 0, max: 600 }), agent: fc.constantFrom(...agents), availability: fc.constantFrom('online' as const, 'away' as const, 'offline' as const) }),
      { maxLength: 30 },
    ),
    openings: fc.array(
      fc.record({
        minute: fc.integer({ min: 0, max: 600 }),
        lasts: fc.option(fc.integer({ min: 1, max: 240 }), { nil: null }),
        reply: fc.option(fc.record({ agent: fc.constantFrom(...agents), delay: fc.integer({ min: 0, max: 40 }) }), { nil: null }),
      }),
      { maxLength: 40 },
    ),
  })
  .map(({ seed, capacity, changes, openings }): SimulationInput => ({
    workflow: { id: 'wf', name: 'P' },
    period: { from: T0, to: T0 + 720 * MIN },
    seed,
    calendar: utcCalendar(),
    members: agents.map((id, i) => ({ id, name: id.toUpperCase(), availability: i % 2 ? 'online' : 'offline', skills: [], capacity })),
    teams: [
      { id: 'first', name: 'First', memberIds: ['a1', 'a2', 'a3'] },
      { id: 'second', name: 'Second', memberIds: ['a3', 'a4'] },
    ],
    availability: changes.map((c) => ({ at: T0 + c.minute * MIN, userId: c.agent, availability: c.availability })).sort((a, b) => a.at - b.at),
    openings: openings
      .map((o, n) => ({
        conversationId: `c${String(n).padStart(3, '0')}`,
        openedAt: T0 + o.minute * MIN,
        closedAt: o.lasts === null ? null : T0 + (o.minute + o.lasts) * MIN,
        source: 'contact' as const,
        channelId: 'ch',
        priority: 'normal' as const,
        contact: { id: `ct${n}`, name: null, fields: {}, tags: [] },
        replies: o.reply ? [{ userId: o.reply.agent, at: T0 + (o.minute + o.reply.delay) * MIN, delayMs: o.reply.delay * MIN }] : [],
      }))
      .sort((a, b) => a.openedAt - b.openedAt),
    initialOpenCounts: {},
    slaPolicies: [],
    versions: [
      { label: 'draft', versionId: 'draft', definition: reassignIfNoReply({ firstTeamId: 'second', secondTeamId: 'first', waitMinutes: 5, queueTimeout: { amount: 20, unit: 'minutes' } }) },
      { label: 'published', versionId: 'v1', definition: reassignIfNoReply({ firstTeamId: 'first', secondTeamId: 'second', waitMinutes: 10, queueTimeout: { amount: 30, unit: 'minutes' } }) },
    ],
  }));

describe('simulate (property)', () => {
  it('the same inputs and seed always give the same output, and nobody is assigned past capacity', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const a = simulate(input);
        const b = simulate(JSON.parse(JSON.stringify(input)) as SimulationInput);
        expect(JSON.stringify(b)).toBe(JSON.stringify(a));
        for (const v of a.result.versions)
          for (const path of v.samples)
            for (const step of path.steps) {
              const d = step.decision as { kind?: string; winnerUserId?: string | null; candidates?: Array<{ userId: string; openCount: number; capacity?: number }> } | null;
              if (d?.kind !== 'assignment' || !d.winnerUserId) continue;
              const winner = d.candidates!.find((c) => c.userId === d.winnerUserId)!;
              if (winner.capacity !== undefined) expect(winner.openCount).toBeLessThan(winner.capacity);
            }
      }),
      { numRuns: 30 },
    );
    // Generous: CPU-bound, and CI shares two cores with everything else.
  }, 60_000);

  it('a period given in pages, in opening order, replays exactly as given at once', () => {
    fc.assert(
      fc.property(
        inputArb,
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 8 }),
        fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 4 }),
        (base, cuts, closedEarly) => {
          // Some closes recorded before (or at) their own opening: a page must not release them early.
          const openings = base.openings.map((o, i) => (closedEarly.includes(i) ? { ...o, closedAt: o.openedAt - (i % 3) * MIN } : o));
          const input = { ...base, openings };
          const whole = simulate(input);
          const { openings: _all, ...rest } = input;
          const sim = new Simulation({ ...rest, conversationIds: openings.map((o) => o.conversationId), replyDelays: replyDelaysOf(openings) });
          const bounds = [...new Set([0, ...cuts.filter((c) => c < openings.length), openings.length])].sort((a, b) => a - b);
          let page = 0;
          while (!sim.advance(7)) {
            if (!sim.starved) continue;
            if (page + 1 < bounds.length) sim.append(openings.slice(bounds[page]!, bounds[++page]!));
            else sim.end();
          }
          expect(JSON.stringify({ result: sim.result(), outcomes: sim.outcomes() })).toBe(JSON.stringify(whole));
        },
      ),
      { numRuns: 40 },
    );
  }, 60_000);

  it('refuses a page that opens before the last one, and an end short of the period’s openings', () => {
    const input = fc.sample(inputArb.filter((i) => i.openings.length >= 3 && i.openings[0]!.openedAt < i.openings.at(-1)!.openedAt), { numRuns: 1, seed: 3 })[0]!;
    const { openings, ...rest } = input;
    const setting = { ...rest, conversationIds: openings.map((o) => o.conversationId), replyDelays: replyDelaysOf(openings) };
    const late = new Simulation(setting);
    late.append(openings.slice(-1));
    expect(() => late.append(openings.slice(0, 1))).toThrow('opening order');
    const short = new Simulation(setting);
    short.append(openings.slice(0, 1));
    expect(() => short.end()).toThrow(`holds ${openings.length} openings, 1 came`);
  });
});
