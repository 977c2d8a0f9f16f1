import { slaConditionsSchema, type SlaPolicy } from '@baton/engine';
import type { slaPolicies } from '../schema';

export type SlaPolicyRow = typeof slaPolicies.$inferSelect;

export function policyFromRow(r: Pick<SlaPolicyRow, 'id' | 'position' | 'name' | 'conditions' | 'firstResponseSeconds' | 'nextResponseSeconds' | 'resolutionSeconds' | 'businessHours' | 'warningPercent' | 'pauseWhileWaitingOnCustomer'>): SlaPolicy {
  return {
    id: r.id,
    position: r.position,
    name: r.name,
    conditions: slaConditionsSchema.parse(r.conditions),
    targets: { firstResponseSeconds: r.firstResponseSeconds, nextResponseSeconds: r.nextResponseSeconds, resolutionSeconds: r.resolutionSeconds },
    businessHours: r.businessHours ?? null,
    warningPercent: r.warningPercent,
    pauseWhileWaitingOnCustomer: r.pauseWhileWaitingOnCustomer,
  };
}
