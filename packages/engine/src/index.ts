export * from './assert-never';

// Schemas & types
export * from './schema/primitives';
export * from './schema/duration';
export * from './schema/workflow-definition';
export * from './trigger/trigger-schema';
export * from './conditions/condition-schema';
export * from './conditions/condition-registry';
export type { Catalog } from './catalog';
export * from './contacts/contact-fields';

// Step registry
export * from './steps/step-definition';
export * from './steps/assign-step';
export * from './steps/wait-step';
export * from './steps/branch-step';
export * from './steps/comment-step';
export * from './steps/close-step';
export * from './steps/jump-step';
export * from './steps/send-message-step';
export * from './steps/time-branch-step';
export * from './steps/wait-until-step';
export * from './steps/set-contact-field-step';
export * from './steps/tag-contact-step';
export * from './steps/set-priority-step';
export * from './steps/http-request-step';
export * from './templates/json-path';
export * from './steps/step-registry';

// Business time
export * from './business-time/time-zone';
export * from './business-time/schedule-schema';
export * from './business-time/schedule-ref';
export * from './business-time/open-intervals';
export * from './business-time/civil-day';
export * from './business-time/business-clock';
export * from './business-time/time-conditions';

// Conditions, triggers, comments
export * from './conditions/evaluate-condition';
export * from './conditions/evaluate-branch';
export * from './conditions/describe-condition';
export * from './trigger/match-trigger';
export * from './trigger/trigger-registry';
export * from './templates/comment-variables';
export * from './templates/render-comment';
export * from './templates/canned-reply';

// Assignment
export * from './assignment/eligibility';
export { describeExclusions } from './assignment/explain-assignment';
export * from './assignment/skill-filter';
export * from './assignment/round-robin';
export * from './assignment/least-open';
export * from './assignment/decide-assignment';

// Interpreter
export * from './interpreter/snapshot';
export * from './interpreter/effects';
export * from './interpreter/graph';
export * from './interpreter/step-requirements';
export * from './interpreter/execute-step';
export * from './interpreter/apply-effects';
export * from './interpreter/run-until-pause';

// Validation
export * from './validation/problem';
export * from './validation/validate-definition';

// Workflow templates
export * from './workflow-templates/reassign-if-no-reply';
export * from './workflow-templates/simple-assignment';
export * from './workflow-templates/workflow-templates';

// Version diff
export * from './diff/diff-definitions';

// SLA policies and clocks
export * from './sla/sla-policy-schema';
export * from './sla/match-sla-policy';
export * from './sla/sla-due';
export * from './sla/plan-sla-clocks';
export * from './sla/sla-countdown';

// Simulation (replay a version over recorded traffic)
export * from './simulate/simulation-input';
export * from './simulate/simulation-result';
export * from './simulate/simulation-differences';
export { REPLY_MODEL_TEXT } from './simulate/reply-model';
export { Simulation, simulate, simulationSetting, sampleConversationIds, DEFAULT_SAMPLE_SIZE } from './simulate/simulate';

// Publish with impact: runs in flight per step, moving waiting runs to a new version
export * from './publish-impact';
export * from './publish-warnings';
