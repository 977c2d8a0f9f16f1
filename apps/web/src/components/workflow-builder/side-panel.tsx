'use client';

import { memo } from 'react';
import { stepRegistry, triggerConfigSchema, type Catalog, type Problem } from '@baton/engine';
import type { EditorDefinition, EditorNode } from './editor-definition';
import { nodeMeta, type NodeKind } from './step-meta';
import { stepViews } from './steps';
import { fieldErrorsFor } from './forms/field-errors';
import { TextInput } from './forms/form-controls';
import { OutputConnections } from './forms/output-connections';

// Adding a step type: one form here, keyed by type.
const labelOf = (kind: NodeKind) => nodeMeta(kind).label;

interface Props {
  node: EditorNode | null;
  selectedCount: number;
  definition: EditorDefinition;
  problems: Problem[];
  catalog: Catalog;
  readOnly: boolean;
  onUpdate: (id: string, update: (n: EditorNode) => EditorNode, key: string) => void;
  onConnect: (c: { source: string; sourceHandle: string; target: string }) => void;
  onDisconnect: (edgeId: string) => void;
  onDeleteSelected: () => void;
  /** Escape inside the panel: focus goes back to the step on the canvas. */
  onEscape: () => void;
}

function SidePanelComponent({ node, selectedCount, definition, problems, catalog, readOnly, onUpdate, onConnect, onDisconnect, onDeleteSelected, onEscape }: Props) {
  if (!node) {
    return (
      <aside aria-label="Step settings" className="w-80 shrink-0 overflow-y-auto border-l border-slate-200 bg-white p-5 2xl:w-96" data-testid="side-panel">
        {selectedCount > 1 ? (
          <>
            <h2 className="text-sm font-semibold text-slate-900">{selectedCount} items selected</h2>
            <p className="mt-1 text-sm text-slate-500">Drag to move them together, copy with Ctrl+C and paste with Ctrl+V.</p>
            {!readOnly ? (
              <button type="button" onClick={onDeleteSelected} className="mt-4 rounded-md px-3 py-1.5 text-sm font-medium text-red-600 ring-1 ring-red-200 hover:bg-red-50">
                Delete selected
              </button>
            ) : null}
          </>
        ) : (
          <>
            <h2 className="text-sm font-semibold text-slate-900">{readOnly ? 'Viewing workflow' : 'Build your workflow'}</h2>
            <p className="mt-1 text-sm text-slate-500">
              {readOnly ? 'Select a step to see how it is configured.' : 'Drag steps from the palette, connect an output (bottom dot) to the next step, then select a step to configure it here (its “Then go to” connects it without dragging).'}
            </p>
            <dl className="mt-5 space-y-2 text-xs text-slate-600">
              {[
                ['Move between steps', 'Tab, then arrow keys'],
                ['Open a step', 'Enter'],
                ['Back to the canvas', 'Escape'],
                ['Select several', 'Shift + drag, or Ctrl + click'],
                ['Delete', 'Backspace / Delete'],
                ['Copy / paste', 'Ctrl + C / Ctrl + V'],
                ['Undo / redo', 'Ctrl + Z / Ctrl + Shift + Z'],
                ['Save now', 'Ctrl + S'],
              ].map(([k, v]) => (
                <div key={k} className="flex justify-between gap-3">
                  <dt>{k}</dt>
                  <dd className="font-mono text-slate-500">{v}</dd>
                </div>
              ))}
            </dl>
          </>
        )}
      </aside>
    );
  }

  const meta = nodeMeta(node.type);
  const Form = stepViews[node.type].Form;
  const schema = node.type === 'trigger' ? triggerConfigSchema : stepRegistry[node.type].configSchema;
  const errors = fieldErrorsFor(node.config, schema, problems, node.id);
  const general = problems.filter((p) => p.stepId === node.id && (!p.field || !p.field.startsWith('config')));
  const config = node.config as Record<string, unknown>;

  return (
    <aside
      aria-label={`Step settings: ${meta.label}`}
      className="flex w-80 shrink-0 flex-col border-l border-slate-200 bg-white 2xl:w-96"
      data-testid="side-panel"
      data-step-id={node.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !e.defaultPrevented) {
          e.preventDefault();
          onEscape();
        }
      }}
    >
      <header className="flex items-start gap-3 border-b border-slate-200 px-5 py-4">
        <span className={`flex size-9 shrink-0 items-center justify-center rounded-lg ${meta.accent}`}>{meta.icon}</span>
        <div className="min-w-0 flex-1">
          <h2 className="text-sm font-semibold text-slate-900">{meta.label}</h2>
          <p className="text-xs text-slate-600">{meta.description}</p>
        </div>
        {!readOnly && node.type !== 'trigger' ? (
          <button type="button" onClick={onDeleteSelected} title="Delete step" aria-label="Delete step" data-testid="panel-delete" className="rounded p-1 text-slate-500 hover:bg-red-50 hover:text-red-600">
            <svg aria-hidden viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth={1.7} className="size-4">
              <path d="M4 6h12M8 6V4h4v2m-6 0 1 10h6l1-10" />
            </svg>
          </button>
        ) : null}
      </header>
      <div className="flex-1 overflow-y-auto px-5 py-4" data-panel-body>
        {general.length > 0 ? (
          <ul className="mb-4 space-y-1 rounded-lg bg-red-50 px-3 py-2 text-xs text-red-700" data-testid="panel-problems">
            {general.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        ) : null}
        <fieldset disabled={readOnly} className="space-y-4">
          {node.type !== 'trigger' ? (
            <TextInput
              label="Step name (optional)"
              testId="field-step-name"
              value={node.name ?? ''}
              placeholder={meta.label}
              maxLength={100}
              onChange={(e) =>
                onUpdate(
                  node.id,
                  (n) => {
                    const { name: _n, ...rest } = n as EditorNode & { name?: string };
                    return (e.target.value ? { ...rest, name: e.target.value } : rest) as EditorNode;
                  },
                  'name',
                )
              }
            />
          ) : null}
          <Form
            key={node.id}
            stepId={node.id}
            config={config}
            errors={errors}
            catalog={catalog}
            definition={definition}
            labelOf={labelOf}
            onChange={(next, key) => onUpdate(node.id, (n) => ({ ...n, config: next }) as EditorNode, `config.${key}`)}
          />
        </fieldset>
        <OutputConnections node={node} definition={definition} readOnly={readOnly} onConnect={onConnect} onDisconnect={onDisconnect} />
        <p className="mt-6 font-mono text-[11px] text-slate-500">id: {node.id}</p>
      </div>
    </aside>
  );
}

export const SidePanel = memo(SidePanelComponent);
