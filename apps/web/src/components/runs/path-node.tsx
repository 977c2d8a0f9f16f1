'use client';

import { memo } from 'react';
import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import type { PathNodeData } from './path-graph';

export type PathFlowNode = Node<PathNodeData, 'path'>;

export const PATH_NODE_WIDTH = 240;

const hidden = '!size-2 !min-w-0 !border-0 !bg-transparent';

/**
 * A read-only step: no editing, so no forms or stores — just what ran. Memoised: polling
 * re-renders the page, and unchanged nodes should not re-render with it.
 */
function PathNodeComponent({ data }: NodeProps<PathFlowNode>) {
  const tone = data.current
    ? 'border-amber-400 ring-2 ring-amber-300/60 bg-amber-50'
    : data.visited
      ? 'border-brand-500 bg-brand-50'
      : 'border-dashed border-slate-300 bg-slate-50';
  return (
    <div
      data-testid={`path-node-${data.stepId}`}
      data-visited={data.visited}
      data-current={data.current}
      style={{ width: PATH_NODE_WIDTH }}
      className={`rounded-lg border px-3 py-2 shadow-sm ${tone}`}
    >
      {data.type !== 'trigger' ? <Handle type="target" position={Position.Top} id="in" isConnectable={false} className={hidden} /> : null}
      <div className="flex items-center justify-between gap-2">
        <span className="text-[11px] font-semibold uppercase tracking-wide text-slate-600">
          {/* Reached or not is said by the mark and the dashed border too, not only by colour. */}
          {data.visited && !data.current ? <span aria-hidden>✓ </span> : null}
          {data.type}
          <span className="sr-only">{data.current ? ', current step' : data.visited ? ', reached' : ', not reached'}</span>
        </span>
        {data.current ? (
          <span className="rounded bg-amber-200 px-1.5 text-[10px] font-semibold text-amber-900">current</span>
        ) : data.count !== undefined ? (
          <span className="rounded bg-slate-800 px-1.5 text-[11px] font-semibold text-white" title="Runs that reached this step">
            {data.count}
          </span>
        ) : null}
      </div>
      <div className="truncate text-sm font-medium text-slate-900" title={data.title}>
        {data.title}
      </div>
      <div className="line-clamp-2 text-xs text-slate-600" title={data.summary}>
        {data.summary}
      </div>
      {data.outputs.map((handle, i) => (
        <Handle
          key={handle}
          type="source"
          position={Position.Bottom}
          id={handle}
          isConnectable={false}
          className={hidden}
          style={{ left: `${((i + 1) / (data.outputs.length + 1)) * 100}%` }}
        />
      ))}
    </div>
  );
}

export const PathNodeView = memo(PathNodeComponent);
