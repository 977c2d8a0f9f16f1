'use client';

import { memo, useContext, useEffect, useRef } from 'react';
import { Handle, Position, useUpdateNodeInternals, type NodeProps } from '@xyflow/react';
import { stepTypes, type StepType } from '@baton/engine';
import { nodeMeta } from './step-meta';
import { NODE_WIDTH, TARGET_HANDLE, type FlowNode } from './flow-types';
import { useNodeView } from './view-store';
import { ReadOnlyContext } from './read-only-context';

const toneClass = {
  default: 'text-slate-600',
  warning: 'text-amber-800',
  branch: 'text-violet-800',
};

const handleClass = '!size-3 !border-2 !border-white !bg-slate-500 hover:!bg-brand-600 transition-colors';

// Colour is never the only signal: each kind of output also has its own handle shape
// (circle: the normal path, diamond: a fallback such as "No one available", square: a
// branch) and its label is written under the node with a marker.
const handleShape = {
  default: '',
  warning: '!rounded-none rotate-45 !bg-amber-600',
  branch: '!rounded-[2px] !bg-violet-600',
};
const outputMarker = { default: '', warning: '⚠ ', branch: '◆ ' };

/**
 * One component for every node type: what differs (icon, outputs, summary) comes from the
 * step meta and the node's view, so a new step type needs no new canvas component.
 * Memoised, and it reads its view from the store, so dragging a node re-renders only it.
 */
function StepNodeComponent({ id, data, selected }: NodeProps<FlowNode>) {
  const step = data.step;
  const view = useNodeView(id);
  const readOnly = useContext(ReadOnlyContext);
  const meta = nodeMeta(step.type);
  const updateInternals = useUpdateNodeInternals();
  const outputsKey = view.outputs.map((o) => o.id).join('|');
  // React Flow measures a node and its handles when it mounts; only a later change of outputs
  // (a branch gaining a rule) needs a re-measure. Calling it on mount too cost one store update
  // per node, each re-checking every node: most of the time to open a 100-step workflow.
  const measuredOutputs = useRef(outputsKey);
  useEffect(() => {
    if (measuredOutputs.current === outputsKey) return;
    measuredOutputs.current = outputsKey;
    updateInternals(id);
  }, [id, outputsKey, updateInternals]);

  const hasProblems = view.problems.length > 0;
  const width = Math.max(NODE_WIDTH, view.outputs.length * 104);
  const title = step.type !== 'trigger' && step.name ? step.name : meta.label;

  return (
    <div
      data-testid={`node-${id}`}
      data-type={step.type}
      data-problems={view.problems.length}
      style={{ width }}
      className={`step-node group relative rounded-xl border bg-white shadow-sm transition-shadow ${
        selected ? 'border-brand-500 shadow-md ring-2 ring-brand-500/30' : hasProblems ? 'border-red-300' : 'border-slate-200 hover:shadow-md'
      }`}
    >
      {step.type !== 'trigger' ? (
        <Handle type="target" position={Position.Top} id={TARGET_HANDLE} className={handleClass} data-testid={`handle-${id}-in`} isConnectable={!readOnly} />
      ) : null}
      <div className="flex items-start gap-2.5 px-3 pt-3">
        <span aria-hidden className={`flex size-8 shrink-0 items-center justify-center rounded-lg ${meta.accent}`}>{meta.icon}</span>
        <div className="step-node-detail min-w-0 flex-1">
          <p className="truncate text-[13px] leading-5 font-semibold text-slate-900">{title}</p>
          <p className="line-clamp-2 text-xs leading-4 text-slate-600" title={view.summary} data-testid={`node-summary-${id}`}>
            {view.summary}
          </p>
        </div>
        {hasProblems ? (
          <span
            data-testid={`node-problem-${id}`}
            title={view.problems.join('\n')}
            role="img"
            aria-label={`${view.problems.length} ${view.problems.length === 1 ? 'problem' : 'problems'}: ${view.problems.join('; ')}`}
            className="flex h-5 min-w-5 shrink-0 items-center justify-center rounded-full bg-red-500 px-1 text-[11px] font-semibold text-white"
          >
            {view.problems.length}
          </span>
        ) : null}
      </div>
      <span className="step-node-far-label">
        {title}: {view.summary}
      </span>
      <div className="step-node-detail mt-2.5 flex border-t border-slate-100">
        {view.outputs.map((o) => (
          <span key={o.id} className={`flex-1 truncate px-1 pt-1 pb-2 text-center text-[10.5px] font-medium ${toneClass[o.tone]}`} title={o.label}>
            <span aria-hidden>{outputMarker[o.tone]}</span>
            {o.label}
          </span>
        ))}
      </div>
      {view.outputs.map((o, i) => (
        <Handle
          key={o.id}
          type="source"
          position={Position.Bottom}
          id={o.id}
          isConnectable={!readOnly}
          data-testid={`handle-${id}-${o.id}`}
          data-shape={o.tone}
          className={`${handleClass} ${handleShape[o.tone]}`}
          style={{ left: `${((i + 0.5) / view.outputs.length) * 100}%` }}
        />
      ))}
    </div>
  );
}

export const StepNode = memo(StepNodeComponent);

// Defined once at module level: React Flow re-mounts every node if this object changes. Every
// step type of the registry gets the one node component; a type missing here would fall back to
// React Flow's bare default node (no handles, no summary), as send-message, HTTP request, time
// branch, wait-until and the contact steps did before this was derived from the registry.
export const nodeTypes = Object.fromEntries(['trigger', ...stepTypes].map((type) => [type, StepNode])) as Record<'trigger' | StepType, typeof StepNode>;
