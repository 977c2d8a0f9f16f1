import { RecordedTimeline } from './recorded-timeline';
import { ReplyModel, REPLY_MODEL_TEXT, replyDelaysOf } from './reply-model';
import { hashKey } from './seeded-random';
import type { SimOpening, SimulationInput, SimulationSetting } from './simulation-input';
import { summarizeReplay } from './simulation-metrics';
import type { ConversationOutcome, SimulationResult } from './simulation-result';
import { VersionReplay } from './version-replay';

export const DEFAULT_SAMPLE_SIZE = 30;

/** The conversations whose paths are kept: the same ones in every version, chosen by the seed. */
export function sampleConversationIds(conversationIds: readonly string[], seed: number, size = DEFAULT_SAMPLE_SIZE): string[] {
  return conversationIds
    .map((id) => ({ id, h: hashKey(seed, id) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, size)
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => s.id);
}

/** A whole period's setting, from its openings (what `Simulation` takes before pages of them). */
export function simulationSetting(input: SimulationInput): SimulationSetting {
  const { openings, ...rest } = input;
  return { ...rest, conversationIds: openings.map((o) => o.conversationId), replyDelays: replyDelaysOf(openings) };
}

/**
 * A simulation in slices, for a worker that reports progress and may be told to stop: each
 * version is replayed in turn; `advance(budget)` processes up to that many events. Given a
 * `SimulationSetting` instead of a whole input, the openings come later, page by page in
 * opening order (`append`, then `end`): the replay goes as far as the pages allow and waits
 * (`starved`) for the next — the result is the same as with every opening at once.
 */
export class Simulation {
  readonly setting: SimulationSetting;
  readonly replays: VersionReplay[];
  readonly sampleIds: string[];
  private readonly timeline: RecordedTimeline;
  private current = 0;

  constructor(input: SimulationInput | SimulationSetting) {
    const whole = 'openings' in input;
    const setting = whole ? simulationSetting(input) : input;
    this.setting = setting;
    const replies = new ReplyModel(setting.replyDelays, setting.seed);
    this.sampleIds = sampleConversationIds(setting.conversationIds, setting.seed, setting.sampleSize);
    const sampled = new Set(this.sampleIds);
    this.timeline = new RecordedTimeline(setting.availability, setting.conversationIds.length);
    this.replays = setting.versions.map((v) => new VersionReplay(setting, v, replies, sampled, this.timeline));
    if (whole) {
      this.append(input.openings);
      this.end();
    }
  }

  /** The next page of openings, in opening order. */
  append(openings: readonly SimOpening[]): void {
    this.timeline.append(openings);
    for (const r of this.replays) r.extend();
  }

  /** Every opening has been appended. */
  end(): void {
    if (this.timeline.openings.length !== this.setting.conversationIds.length)
      throw new Error(`The period holds ${this.setting.conversationIds.length} openings, ${this.timeline.openings.length} came`);
    this.timeline.end();
    for (const r of this.replays) r.extend();
  }

  /** Waiting for the next page: `advance` does nothing until one is appended (or the end). */
  get starved(): boolean {
    return this.current < this.replays.length && this.replays[this.current]!.starved;
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
      period: this.setting.period,
      seed: this.setting.seed,
      conversations: this.setting.conversationIds.length,
      timeZone: this.setting.calendar.timeZone,
      replyModel: REPLY_MODEL_TEXT,
      versions: this.replays.map((r) => summarizeReplay(this.setting, r, this.sampleIds)),
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
