'use client';

import type { EditorDefinition, EditorNode } from '../editor-definition';
import { nodeMeta } from '../step-meta';
import { outputHandles } from '../step-outputs';
import { Select } from './form-controls';

const NONE = '';

/**
 * Where each output of a step leads, as plain selects: connecting steps without dragging
 * from a handle, for keyboard and screen-reader users (and anyone on a crowded canvas).
 * The same edits as drawing an edge: one edge per output, choosing again re-points it.
 */
export function OutputConnections({
  node,
  definition,
  readOnly,
  onConnect,
  onDisconnect,
}: {
  node: EditorNode;
  definition: EditorDefinition;
  readOnly: boolean;
  onConnect: (c: { source: string; sourceHandle: string; target: string }) => void;
  onDisconnect: (edgeId: string) => void;
}) {
  const outputs = outputHandles(node);
  const targets = definition.steps
    .filter((s) => s.id !== node.id)
    .map((s) => ({ value: s.id, label: `${s.name?.trim() || nodeMeta(s.type).label} (${s.id})` }));
  return (
    <section aria-labelledby={`outputs-${node.id}`} className="mt-6 border-t border-slate-200 pt-4" data-testid="output-connections">
      <h3 id={`outputs-${node.id}`} className="text-xs font-semibold tracking-wide text-slate-600 uppercase">
        Then go to
      </h3>
      <div className="mt-2 space-y-3">
        {outputs.map((o) => {
          const edge = definition.edges.find((e) => e.source === node.id && e.sourceHandle === o.id);
          return (
            <Select
              key={o.id}
              label={`From “${o.label}”`}
              testId={`connect-${o.id}`}
              disabled={readOnly}
              value={edge?.target ?? NONE}
              options={[{ value: NONE, label: 'Not connected' }, ...targets]}
              onChange={(e) => {
                const target = e.target.value;
                if (target === NONE) {
                  if (edge) onDisconnect(edge.id);
                } else onConnect({ source: node.id, sourceHandle: o.id, target });
              }}
            />
          );
        })}
      </div>
    </section>
  );
}
