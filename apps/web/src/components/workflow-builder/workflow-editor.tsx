'use client';

import '@xyflow/react/dist/style.css';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  MarkerType,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
} from '@xyflow/react';
import { validateDefinition, type Catalog, type StepType } from '@baton/engine';
import { autoLayout } from './auto-layout';
import { copyFragment, pasteFragment, type Fragment } from './clipboard';
import { definitionToFlow, reconcileEdges, reconcileNodes } from './definition-to-flow';
import { addStep, canConnect, connect, removeElements, setPositions, updateNode } from './definition-edits';
import { findNode, toEditorDefinition, type EditorDefinition, type EditorNode } from './editor-definition';
import { NODE_WIDTH, type FlowEdge, type FlowNode } from './flow-types';
import { applyPositions } from './flow-to-definition';
import { deriveNodeViews } from './node-views';
import { DRAG_MIME, Palette } from './palette';
import { ReadOnlyContext } from './read-only-context';
import { SidePanel } from './side-panel';
import { nodeTypes } from './step-node';
import { EditorTopBar, type VersionInfo, type WorkflowStatus } from './editor-top-bar';
import { useAutosave } from './use-autosave';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useWorkflowDocument } from './use-workflow-document';
import { createViewStore, ViewStoreContext } from './view-store';
import { VersionsPanel, type ViewedVersion } from './versions-panel';

export interface EditorWorkflow {
  id: string;
  name: string;
  status: WorkflowStatus;
  definition: unknown;
  versions: VersionInfo[];
}

// Survives switching workflows in the same tab, like a real clipboard would.
let clipboard: Fragment | null = null;

const defaultEdgeOptions = {
  type: 'smoothstep',
  style: { strokeWidth: 1.6, stroke: '#94a3b8' },
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16, color: '#94a3b8' },
};

export function WorkflowEditor(props: { workflow: EditorWorkflow; catalog: Catalog; canEdit: boolean }) {
  return (
    <ReactFlowProvider>
      <EditorCanvas {...props} />
    </ReactFlowProvider>
  );
}

function EditorCanvas({ workflow, catalog, canEdit }: { workflow: EditorWorkflow; catalog: Catalog; canEdit: boolean }) {
  const initial = useMemo(() => toEditorDefinition(workflow.definition)!, [workflow.definition]);
  const doc = useWorkflowDocument(initial);
  const [viewing, setViewing] = useState<ViewedVersion | null>(null);
  const [panel, setPanel] = useState<'step' | 'versions'>('step');
  const shown = viewing?.def ?? doc.def;
  const readOnly = !canEdit || viewing !== null;
  const autosave = useAutosave(workflow.id, doc.def, canEdit);
  const { screenToFlowPosition, fitView, getNodes } = useReactFlow<FlowNode, FlowEdge>();
  const wrapper = useRef<HTMLDivElement>(null);

  // ---- canvas state derived from the definition ------------------------------------------
  const [nodes, setNodes] = useState<FlowNode[]>(() => definitionToFlow(initial).nodes);
  const [edges, setEdges] = useState<FlowEdge[]>(() => definitionToFlow(initial).edges);
  const pendingSelection = useRef<string[] | null>(null);
  useLayoutEffect(() => {
    const select = pendingSelection.current ? new Set(pendingSelection.current) : null;
    pendingSelection.current = null;
    setNodes((prev) => {
      const next = reconcileNodes(prev, shown);
      return select ? next.map((n) => (!!n.selected === select.has(n.id) ? n : { ...n, selected: select.has(n.id) })) : next;
    });
    setEdges((prev) => reconcileEdges(prev, shown));
  }, [shown]);

  const problems = useMemo(() => validateDefinition(shown, catalog), [shown, catalog]);
  const [viewStore] = useState(() => {
    const s = createViewStore();
    s.set(deriveNodeViews(initial, validateDefinition(initial, catalog), catalog));
    return s;
  });
  const views = useMemo(() => deriveNodeViews(shown, problems, catalog, viewStore.current), [shown, problems, catalog, viewStore]);
  useLayoutEffect(() => viewStore.set(views), [views, viewStore]);

  // ---- canvas events ---------------------------------------------------------------------
  const { change } = doc;
  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    // Deletions go through onDelete so nodes and their edges are one undo step.
    const rest = changes.filter((c) => c.type !== 'remove');
    if (rest.length) setNodes((nds) => applyNodeChanges(rest, nds));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const rest = changes.filter((c) => c.type !== 'remove');
    if (rest.length) setEdges((eds) => applyEdgeChanges(rest, eds));
  }, []);
  const onDelete: OnDelete<FlowNode, FlowEdge> = useCallback(
    ({ nodes: ns, edges: es }) => change((d) => removeElements(d, ns.map((n) => n.id), es.map((e) => e.id))),
    [change],
  );
  const onNodeDragStop = useCallback(
    (_e: unknown, _n: FlowNode, dragged: FlowNode[]) => change((d) => applyPositions(d, dragged)),
    [change],
  );
  const onConnect = useCallback((c: Connection) => change((d) => connect(d, c)), [change]);
  const isValidConnection = useCallback(
    (c: { source: string; target: string; sourceHandle?: string | null }) => canConnect(doc.latest.current, c),
    [doc.latest],
  );

  const addAt = useCallback(
    (type: StepType, position: { x: number; y: number }) => {
      let id = '';
      change((d) => {
        const r = addStep(d, type, position);
        id = r.id;
        return r.def;
      });
      pendingSelection.current = [id];
    },
    [change],
  );
  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes(DRAG_MIME)) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
  }, []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      const type = e.dataTransfer.getData(DRAG_MIME) as StepType;
      if (!type || readOnly || type === ('trigger' as StepType)) return;
      e.preventDefault();
      const p = screenToFlowPosition({ x: e.clientX, y: e.clientY });
      addAt(type, { x: p.x - NODE_WIDTH / 2, y: p.y - 24 });
    },
    [addAt, readOnly, screenToFlowPosition],
  );
  const addFromPalette = useCallback(
    (type: StepType) => {
      const r = wrapper.current?.getBoundingClientRect();
      const p = r ? screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
      addAt(type, { x: p.x - NODE_WIDTH / 2 + Math.random() * 40, y: p.y + Math.random() * 40 });
    },
    [addAt, screenToFlowPosition],
  );

  // ---- selection, panel, clipboard ---------------------------------------------------------
  const selectedIds = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedKey = selectedIds.join('|');
  const selectedEdgeIds = useMemo(() => edges.filter((e) => e.selected).map((e) => e.id), [edges]);
  const selectedNode = selectedIds.length === 1 ? (findNode(shown, selectedIds[0]!) ?? null) : null;

  const selectOnly = useCallback(
    (id: string) => {
      setPanel('step');
      setNodes((nds) => nds.map((n) => (!!n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
      const node = getNodes().find((n) => n.id === id);
      if (node) void fitView({ nodes: [node], duration: 300, maxZoom: 1.2 });
    },
    [fitView, getNodes],
  );
  const onUpdate = useCallback(
    (id: string, update: (n: EditorNode) => EditorNode, key: string) => change((d) => updateNode(d, id, update), `${id}:${key}`),
    [change],
  );
  const deleteSelected = useCallback(() => {
    change((d) => removeElements(d, selectedKey ? selectedKey.split('|') : [], selectedEdgeIds));
  }, [change, selectedKey, selectedEdgeIds]);

  const pasteCount = useRef(0);
  useEditorShortcuts({
    undo: () => !readOnly && doc.undo(),
    redo: () => !readOnly && doc.redo(),
    copy: () => {
      const f = copyFragment(shown, selectedIds);
      if (f) {
        clipboard = f;
        pasteCount.current = 0;
      }
    },
    paste: () => {
      if (readOnly || !clipboard) return;
      const n = ++pasteCount.current;
      const frag = clipboard;
      let ids: string[] = [];
      change((d) => {
        const r = pasteFragment(d, frag, { x: 40 * n, y: 40 * n });
        ids = r.ids;
        return r.def;
      });
      pendingSelection.current = ids;
    },
    save: () => canEdit && void autosave.saveNow(),
  });

  const tidy = useCallback(() => {
    const sizes = new Map(getNodes().map((n) => [n.id, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? 92 }]));
    change((d) => setPositions(d, autoLayout(d, sizes)));
    requestAnimationFrame(() => void fitView({ duration: 300, padding: 0.2 }));
  }, [change, fitView, getNodes]);

  const replaceDefinition = useCallback(
    (next: EditorDefinition, opts: { saved?: boolean } = {}) => {
      change(() => next);
      if (opts.saved) autosave.markSaved(next);
      requestAnimationFrame(() => void fitView({ duration: 300, padding: 0.2 }));
    },
    [change, autosave, fitView],
  );

  return (
    <ReadOnlyContext.Provider value={readOnly}>
      <ViewStoreContext.Provider value={viewStore}>
        <div className="fixed inset-y-0 right-0 left-60 z-20 flex flex-col bg-slate-50" data-testid="workflow-editor">
          <EditorTopBar
            workflow={workflow}
            canEdit={canEdit}
            definition={doc.def}
            problems={problems}
            autosave={autosave}
            canUndo={doc.canUndo && !readOnly}
            canRedo={doc.canRedo && !readOnly}
            onUndo={doc.undo}
            onRedo={doc.redo}
            onLayout={tidy}
            onSelectStep={selectOnly}
            onToggleVersions={() => setPanel((p) => (p === 'versions' ? 'step' : 'versions'))}
            onImport={(d) => replaceDefinition(d)}
            catalog={catalog}
            readOnly={readOnly}
          />
          {viewing ? (
            <div className="flex items-center justify-between gap-3 border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900" data-testid="viewing-version-banner">
              <span>
                Viewing <strong>version {viewing.version}</strong> (read-only). The draft is unchanged.
              </span>
              <button type="button" className="font-medium underline" onClick={() => setViewing(null)}>
                Back to the draft
              </button>
            </div>
          ) : null}
          <div className="flex min-h-0 flex-1">
            {!readOnly ? <Palette onAdd={addFromPalette} /> : null}
            <div ref={wrapper} className="relative min-w-0 flex-1" onDragOver={onDragOver} onDrop={onDrop} data-testid="canvas">
              <ReactFlow<FlowNode, FlowEdge>
                nodes={nodes}
                edges={edges}
                nodeTypes={nodeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onDelete={onDelete}
                onNodeDragStop={onNodeDragStop}
                onConnect={onConnect}
                isValidConnection={isValidConnection}
                defaultEdgeOptions={defaultEdgeOptions}
                nodesDraggable={!readOnly}
                nodesConnectable={!readOnly}
                edgesReconnectable={false}
                deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
                multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
                selectionKeyCode="Shift"
                fitView
                fitViewOptions={{ padding: 0.25, maxZoom: 1 }}
                minZoom={0.15}
                maxZoom={2}
                proOptions={{ hideAttribution: true }}
              >
                <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
                <Controls showInteractive={false} position="bottom-left" />
                <MiniMap pannable zoomable position="bottom-right" nodeColor={(n) => (views.get(n.id)?.problems.length ? '#fca5a5' : '#c7d2fe')} maskColor="rgba(241,245,249,0.7)" />
              </ReactFlow>
            </div>
            {panel === 'versions' ? (
              <VersionsPanel
                workflowId={workflow.id}
                versions={workflow.versions}
                draft={doc.def}
                canEdit={canEdit}
                viewing={viewing}
                onView={setViewing}
                onRestore={(d) => {
                  setViewing(null);
                  replaceDefinition(d, { saved: true });
                  setPanel('step');
                }}
                onClose={() => setPanel('step')}
              />
            ) : (
              <SidePanel
                node={selectedNode}
                selectedCount={selectedIds.length + selectedEdgeIds.length}
                definition={shown}
                problems={problems}
                catalog={catalog}
                readOnly={readOnly}
                onUpdate={onUpdate}
                onDeleteSelected={deleteSelected}
              />
            )}
          </div>
        </div>
      </ViewStoreContext.Provider>
    </ReadOnlyContext.Provider>
  );
}
