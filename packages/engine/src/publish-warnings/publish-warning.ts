/**
 * Something history or the other workflows say about a draft before it is published. Warnings
 * never block publishing; each carries the evidence it was drawn from, in plain sentences.
 */
export type PublishWarningKind = 'availability_gap' | 'duplicate_trigger' | 'wait_exceeds_sla' | 'team_over_capacity';

export type PublishWarning = {
  kind: PublishWarningKind;
  /** The draft's step the warning is about (null: the whole workflow, e.g. its trigger). */
  stepId: string | null;
  message: string;
  evidence: string[];
};
