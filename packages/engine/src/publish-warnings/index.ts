export * from './publish-warning';
export * from './availability-gap-warning';
export * from './duplicate-trigger-warning';
export * from './wait-exceeds-sla-warning';
export * from './team-capacity-warning';
