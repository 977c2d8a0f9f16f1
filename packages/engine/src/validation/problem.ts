export interface Problem {
  stepId: string | null;
  // Dotted path inside the node (e.g. 'config.target.teamId'), or inside the definition
  // ('edges.3.target') when the problem isn't owned by a node.
  field: string | null;
  code: ProblemCode;
  message: string;
}

export type ProblemCode =
  | 'invalid_definition'
  | 'invalid_field'
  | 'unknown_step_type'
  | 'too_many_steps'
  | 'duplicate_id'
  | 'duplicate_edge_id'
  | 'edge_unknown_source'
  | 'edge_unknown_target'
  | 'edge_unknown_handle'
  | 'edge_to_trigger'
  | 'duplicate_output_edge'
  | 'trigger_not_connected'
  | 'unreachable_step'
  | 'unbounded_loop'
  | 'jump_target_unknown'
  | 'jump_target_not_earlier'
  | 'unknown_variable'
  | 'blocked_destination'
  | 'unknown_user'
  | 'unknown_team'
  | 'empty_team'
  | 'unknown_channel'
  | 'unknown_contact_field'
  | 'invalid_field_value'
  | 'unknown_tag';

// Every problem blocks publishing today; the function exists so a future "warning" tier
// only needs a change here, not in every caller.
export function canPublish(problems: readonly Problem[]): boolean {
  return problems.length === 0;
}
