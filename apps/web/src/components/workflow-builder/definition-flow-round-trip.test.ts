import { describe, expect, it } from 'vitest';
import { reassignIfNoReply, validateDefinition } from '@baton/engine';
import { definitionToFlow, reconcileEdges, reconcileNodes } from './definition-to-flow';
import { toEditorDefinition } from './editor-definition';
import { flowToDefinition } from './flow-to-definition';
import { addStep, connect, updateNode } from './definition-edits';

const catalog = {
  users: [{ id: 'alice', name: 'Alice' }, { id: 'carol', name: 'Carol' }],
  teams: [
    { id: 'sales', name: 'Sales', memberIds: ['alice'] },
    { id: 'support', name: 'Support', memberIds: ['carol'] },
  ],
};

describe('canvas ⇄ definition mapping', () => {
  it('round-trips the seed scenario without loss', () => {
    const def = toEditorDefinition(reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' }))!;
    const { nodes, edges } = definitionToFlow(def);
    expect(nodes).toHaveLength(def.steps.length + 1);
    expect(edges.map((e) => e.sourceHandle)).toContain('branch:no-reply');
    const back = flowToDefinition(nodes, edges);
    expect(back).toEqual(def);
    expect(validateDefinition(back, catalog)).toEqual([]);
  });

  it('keeps names, unfinished configs and edge handles', () => {
    const raw = {
      schemaVersion: 1,
      trigger: { id: 't', type: 'trigger', position: { x: 5, y: 6 }, config: { event: 'manual', conditions: [] } },
      steps: [
        { id: 'j', type: 'jump', name: 'Loop', position: { x: 1, y: 2 }, config: { targetStepId: '', maxJumps: 1 } },
        { id: 'b', type: 'branch', position: { x: 3, y: 4 }, config: { branches: [{ id: 'x', conditions: [] }] } },
      ],
      edges: [{ id: 'e1', source: 't', sourceHandle: 'next', target: 'b' }, { id: 'e2', source: 'b', sourceHandle: 'branch:x', target: 'j' }],
    };
    const def = toEditorDefinition(raw)!;
    const { nodes, edges } = definitionToFlow(def);
    expect(flowToDefinition(nodes, edges)).toEqual(raw);
  });

  it('gives unpositioned nodes a position, and the canvas position wins on the way back', () => {
    const def = toEditorDefinition({
      schemaVersion: 1,
      trigger: { id: 't', type: 'trigger', config: { event: 'manual' } },
      steps: [{ id: 'c', type: 'close', config: {} }],
      edges: [],
    })!;
    const { nodes, edges } = definitionToFlow(def);
    expect(nodes.every((n) => Number.isFinite(n.position.x) && Number.isFinite(n.position.y))).toBe(true);
    nodes[1]!.position = { x: 10.4, y: 20.6 };
    expect(flowToDefinition(nodes, edges).steps[0]!.position).toEqual({ x: 10, y: 21 });
  });

  it('rejects things that are not workflows', () => {
    expect(toEditorDefinition(null)).toBeNull();
    expect(toEditorDefinition({ steps: [] })).toBeNull();
    expect(toEditorDefinition({ trigger: { id: 't' }, steps: [{ type: 'wait' }] })).toBeNull();
  });

  it('reconciling after one edit reuses every untouched node object', () => {
    const def = toEditorDefinition(reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' }))!;
    const { nodes } = definitionToFlow(def);
    const edited = updateNode(def, 'wait', (s) => ({ ...s, config: { duration: { amount: 3, unit: 'seconds' } } }));
    const next = reconcileNodes(nodes, edited);
    const changed = next.filter((n, i) => n !== nodes[i]).map((n) => n.id);
    expect(changed).toEqual(['wait']);
  });

  it('an unchanged definition gives back the same arrays (no second store update on open)', () => {
    const def = toEditorDefinition(reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' }))!;
    const { nodes, edges } = definitionToFlow(def);
    expect(reconcileNodes(nodes, def)).toBe(nodes);
    expect(reconcileEdges(edges, def)).toBe(edges);
    expect(reconcileNodes(nodes, updateNode(def, 'wait', (s) => ({ ...s, name: 'Pause' })))).not.toBe(nodes);
  });

  it('one edge per output: reconnecting an output re-points it', () => {
    let def = toEditorDefinition({ schemaVersion: 1, trigger: { id: 't', type: 'trigger', config: { event: 'manual' } }, steps: [], edges: [] })!;
    const a = addStep(def, 'wait', { x: 0, y: 100 });
    const b = addStep(a.def, 'close', { x: 0, y: 200 });
    def = connect(b.def, { source: 't', sourceHandle: 'next', target: a.id });
    def = connect(def, { source: 't', sourceHandle: 'next', target: b.id });
    expect(def.edges).toEqual([{ id: `t--next--${b.id}`, source: 't', sourceHandle: 'next', target: b.id }]);
    expect(connect(def, { source: a.id, sourceHandle: 'next', target: 't' })).toBe(def);
    expect(connect(def, { source: a.id, sourceHandle: 'next', target: a.id })).toBe(def);
  });

  it('removing a branch drops the edge that left it', () => {
    const def = toEditorDefinition(reassignIfNoReply({ firstTeamId: 'sales', secondTeamId: 'support' }))!;
    const edited = updateNode(def, 'check-reply', (s) => ({ ...s, config: { branches: [{ id: 'other', match: 'all', conditions: [] }] } }));
    expect(edited.edges.some((e) => e.source === 'check-reply')).toBe(false);
    expect(edited.edges).toHaveLength(def.edges.length - 1);
  });
});
