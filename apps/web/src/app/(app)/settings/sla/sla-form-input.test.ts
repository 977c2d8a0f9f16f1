import { describe, expect, it } from 'vitest';
import { slaPolicyInputSchema } from '@baton/engine';
import { slaPolicyFromForm } from './sla-form-input';

const form = (entries: Array<[string, string]>) => {
  const fd = new FormData();
  for (const [k, v] of entries) fd.append(k, v);
  return fd;
};

describe('slaPolicyFromForm', () => {
  it('turns minutes into whole seconds, blanks into no target, and the hours choice into a schedule reference', () => {
    const input = slaPolicyFromForm(
      form([
        ['name', 'VIP'],
        ['firstResponseMinutes', '1.5'],
        ['nextResponseMinutes', ''],
        ['resolutionMinutes', '120'],
        ['hours', 'team:00000000-0000-4000-8000-000000000001'],
        ['warningPercent', '75'],
        ['priorities', 'urgent'],
        ['tags', 'vip, , gold '],
        ['pauseWhileWaitingOnCustomer', 'on'],
      ]),
    );
    expect(slaPolicyInputSchema.parse(input)).toEqual({
      name: 'VIP',
      targets: { firstResponseSeconds: 90, nextResponseSeconds: null, resolutionSeconds: 7200 },
      businessHours: { type: 'team', teamId: '00000000-0000-4000-8000-000000000001' },
      warningPercent: 75,
      pauseWhileWaitingOnCustomer: true,
      conditions: { channelIds: [], teamIds: [], tags: ['vip', 'gold'], priorities: ['urgent'] },
    });
    // An unticked box is absent from the form: no pause.
    expect(slaPolicyInputSchema.parse(slaPolicyFromForm(form([['name', 'X'], ['firstResponseMinutes', '5'], ['warningPercent', '80']]))).pauseWhileWaitingOnCustomer).toBe(false);
  });

  it('leaves words where numbers belong for the schema to refuse on their fields', () => {
    const result = slaPolicyInputSchema.safeParse(slaPolicyFromForm(form([['name', 'X'], ['firstResponseMinutes', 'soon'], ['warningPercent', ''], ['hours', 'calendar']])));
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['targets.firstResponseSeconds', 'warningPercent']);
  });
});
