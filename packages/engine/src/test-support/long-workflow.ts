import type { WorkflowDefinition } from '../schema/workflow-definition';

/**
 * A long valid workflow for the builder's scale checks (bench/builder-canvas.ts, the large
 * workflow e2e): the trigger and `count - 1` steps, comments and waits in turn, chained in a
 * snake over `cols` columns 320 × 160 apart.
 */
export function longWorkflow(count: number, cols = 10): WorkflowDefinition {
  const pos = (i: number) => {
    const row = Math.floor(i / cols);
    const col = row % 2 === 0 ? i % cols : cols - 1 - (i % cols);
    return { x: col * 320, y: row * 160 };
  };
  const steps: WorkflowDefinition['steps'] = [];
  const edges: WorkflowDefinition['edges'] = [];
  let previous = 'trigger';
  for (let i = 1; i < count; i++) {
    const id = `s${i}`;
    steps.push(
      i % 2 === 0
        ? { id, type: 'wait', position: pos(i), config: { duration: { amount: i, unit: 'minutes' } } }
        : { id, type: 'comment', position: pos(i), config: { text: `Step ${i}: {{contact.name}}`, mentions: [] } },
    );
    edges.push({ id: `${previous}--next--${id}`, source: previous, sourceHandle: 'next', target: id });
    previous = id;
  }
  return {
    schemaVersion: 1,
    trigger: { id: 'trigger', type: 'trigger', position: pos(0), config: { event: 'conversation.opened', conditions: [] } },
    steps,
    edges,
  } as WorkflowDefinition;
}
