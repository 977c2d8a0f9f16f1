import { describe, expect, it } from 'vitest';
import { relativeRows, spreadOf } from './relative';

describe('figures relative to the same run’s bounds', () => {
  it('gives min / median / max of a figure’s runs', () => {
    expect(spreadOf([120, 80, 95])).toEqual({ n: 3, min: 80, median: 95, max: 120 });
    expect(spreadOf([NaN])).toBeNull();
  });

  it('does not divide a section measured in another sitting by these bounds', () => {
    const rows = relativeRows({
      sectionRuns: { physical: '2026-12-02T08:00:00Z', timers: '2026-11-30T21:00:00Z' },
      physical: { postgres: { tpcbClients1: { latencyAvgMs: 2 } } },
      timers: { sizes: [{ pending: 1000, rounds: [{ commitP99: 30 }] }] },
    });
    expect(rows[0]).toMatchObject({ ratio: 'not comparable', bound: 'another sitting' });
  });

  it('divides latency by one durable commit, CPU by the reference workload, and states the knee ratio', () => {
    const rows = relativeRows({
      physical: { postgres: { tpcbClients16: { tps: 2000 }, tpcbClients1: { latencyAvgMs: 2 } }, redis: { pipeline1: { SET: 50_000 } }, cpuReference: { medianMs: 100 } },
      routing: {
        rounds: [{ rate: 50, p99: 40 }, { rate: 50, p99: 60 }, { rate: 50, p99: 50 }],
        knee: 300,
        saturation: 500,
        headline: { rate: 500, seconds: 60, runs: [{ p99: 90, handledShare: 1, cpuMsPerConversation: { total: 20 } }, { p99: 110, handledShare: 1, cpuMsPerConversation: { total: 22 } }, { p99: 100, handledShare: 0.99, cpuMsPerConversation: { total: 21 } }] },
      },
      timers: { sizes: [{ pending: 100_000, rounds: [{ commitP99: 30 }, { commitP99: 50 }, { commitP99: 40 }] }] },
    });
    const by = (prefix: string) => rows.find((r) => r.figure.startsWith(prefix))!;
    expect(by('routing p99 at 500/s').spread).toEqual({ n: 3, min: 90, median: 100, max: 110 });
    expect(by('routing p99 at 500/s').ratio).toBe('50× a commit');
    expect(by('CPU per conversation').ratio).toBe('0.21× the reference');
    expect(by('routing p99 at 50/s').spread.median).toBe(50);
    expect(by('knee').ratio).toBe('0.6 (target ≥ 0.5)');
    expect(by('wait lateness p99, 100,000 pending').ratio).toBe('20× a commit');
  });
});
