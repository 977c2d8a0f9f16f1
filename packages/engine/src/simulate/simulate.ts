import { RecordedTimeline } from './recorded-timeline';
import { ReplyModel, REPLY_MODEL_TEXT } from './reply-model';
import { hashKey } from './seeded-random';
import type { SimulationInput } from './simulation-input';
import { summarizeReplay } from './simulation-metrics';
import type { ConversationOutcome, SimulationResult } from './simulation-result';
import { VersionReplay } from './version-replay';

export const DEFAULT_SAMPLE_SIZE = 30;

/** The conversations whose paths are kept: the same ones in every version, chosen by the seed. */
export function sampleConversationIds(input: SimulationInput): string[] {
  const size = input.sampleSize ?? DEFAULT_SAMPLE_SIZE;
  return input.openings
    .map((o) => ({ id: o.conversationId, h: hashKey(input.seed, o.conversationId) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, size)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
}

/**
 * A simulation in slices, for a worker that reports progress and may be told to stop: each
 * version is replayed in turn; `advance(budget)` processes up to that many events.
 */
export class Simulation {
  readonly replays: VersionReplay[];
  readonly sampleIds: string[];
  private current = 0;

  constructor(readonly input: SimulationInput) {
    const replies = new ReplyModel(input.openings, input.seed);
    this.sampleIds = sampleConversationIds(input);
    const sampled = new Set(this.sampleIds);
    const timeline = new RecordedTimeline(input);
    this.replays = input.versions.map((v) => new VersionReplay(input, v, replies, sampled, timeline));
  }

  /** 0..1 over every version's openings. */
  progress(): number {
    if (this.replays.length === 0) return 1;
    const done = this.replays.reduce((sum, r) => sum + r.progress(), 0);
    return done / this.replays.length;
  }

  advance(budget: number): boolean {
    while (this.current < this.replays.length) {
      const replay = this.replays[this.current]!;
      if (!replay.advance(budget)) return false;
      this.current++;
      return this.current >= this.replays.length;
    }
    return true;
  }

  result(): SimulationResult {
    return {
      period: this.input.period,
      seed: this.input.seed,
      conversations: this.input.openings.length,
      timeZone: this.input.calendar.timeZone,
      replyModel: REPLY_MODEL_TEXT,
      versions: this.replays.map((r) => summarizeReplay(this.input, r, this.sampleIds)),
    };
  }

  /** Conversation by conversation, per version label: what the differential test compares. */
  outcomes(): Record<string, ConversationOutcome[]> {
    return Object.fromEntries(this.replays.map((r) => [r.version.label, r.convs.map((c) => c.outcome)]));
  }
}

/** Runs a whole simulation at once (tests, bench). */
export function simulate(input: SimulationInput): { result: SimulationResult; outcomes: Record<string, ConversationOutcome[]> } {
  const sim = new Simulation(input);
  while (!sim.advance(50_000)) {
    /* slices until done */
  }
  return { result: sim.result(), outcomes: sim.outcomes() };
}
