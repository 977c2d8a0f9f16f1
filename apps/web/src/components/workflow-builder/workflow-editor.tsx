'use client';

import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  applyEdgeChanges,
  applyNodeChanges,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type EdgeChange,
  type NodeChange,
  type OnDelete,
  type ReactFlowState,
} from '@xyflow/react';
import { validateDefinition, type Catalog, type StepType } from '@baton/engine';
import { autoLayout } from './auto-layout';
import { arrowDirection, nearestInDirection } from './canvas-keyboard';
import { useCanvasFit } from './use-canvas-fit';
import { copyFragment, pasteFragment, type Fragment } from './clipboard';
import { definitionToFlow, reconcileEdges, reconcileNodes } from './definition-to-flow';
import { addStep, canConnect, connect, removeElements, setPositions, updateNode } from './definition-edits';
import { findNode, toEditorDefinition, type EditorDefinition, type EditorNode } from './editor-definition';
import { NODE_WIDTH, type FlowEdge, type FlowNode } from './flow-types';
import { applyPositions } from './flow-to-definition';
import { deriveNodeViews } from './node-views';
import { DRAG_MIME, Palette } from './palette';
import { outputHandles } from './step-outputs';
import { SidePanel } from './side-panel';
import { StepCanvasContext, StepCanvasGrid, stepCanvasProps } from './step-canvas';
import { EditorTopBar, type VersionInfo, type WorkflowStatus } from './editor-top-bar';
import { useAutosave } from './use-autosave';
import { useEditorShortcuts } from './use-editor-shortcuts';
import { useWorkflowDocument } from './use-workflow-document';
import { createViewStore } from './view-store';
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

// Read to screen-reader users on each step (React Flow's default speaks of moving nodes).
const ariaLabelConfig = {
  'node.a11yDescription.default':
    'Arrow keys move to the nearest step in that direction. Enter opens the step in the side panel. Delete removes it.',
};

// Below this zoom a step's text is under ~5 px: the canvas drops it (globals.css, "far zoom").
// One boolean subscription here, not one per node, so zooming re-renders nothing until it crosses.
const FAR_ZOOM = 0.35;
const isFar = (s: ReactFlowState) => s.transform[2] < FAR_ZOOM;

/** `nodes` with the position of every step React Flow has mid-drag in `live` (its store's nodes), but those in `settled`. */
function withDragPositions(nodes: FlowNode[], live: readonly FlowNode[], settled: ReadonlySet<string>): FlowNode[] {
  const moving = new Map(live.filter((n) => n.dragging && !settled.has(n.id)).map((n) => [n.id, n]));
  if (moving.size === 0) return nodes;
  return nodes.map((n) => {
    const m = moving.get(n.id);
    return m && m.position !== n.position ? { ...n, position: m.position, dragging: true } : n;
  });
}

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
  const canvasFit = useCanvasFit(wrapper);
  const far = useStore(isFar);

  // ---- canvas state derived from the definition ------------------------------------------
  const [initialFlow] = useState(() => definitionToFlow(initial));
  const [nodes, setNodes] = useState<FlowNode[]>(initialFlow.nodes);
  const [edges, setEdges] = useState<FlowEdge[]>(initialFlow.edges);
  const pendingSelection = useRef<string[] | null>(null);
  // After a keyboard selection (Enter on a step, a problem chosen from the list, a step added
  // from the palette) focus moves into the side panel, so the next Tab reaches its first field.
  const focusPanel = useRef(false);
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
  // Filled by the layout effect below, before React Flow (whose nodes arrive by its own effect,
  // later in the same commit) renders a step: the views are derived once on open, not twice.
  const [viewStore] = useState(createViewStore);
  const views = useMemo(() => deriveNodeViews(shown, problems, catalog, viewStore.current), [shown, problems, catalog, viewStore]);
  useLayoutEffect(() => viewStore.set(views), [views, viewStore]);

  // ---- canvas events ---------------------------------------------------------------------
  const { change } = doc;
  const flowStore = useStoreApi<FlowNode, FlowEdge>();
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      // Deletions go through onDelete so nodes and their edges are one undo step.
      const rest = changes.filter((c) => c.type !== 'remove');
      if (!rest.length) return;
      // A drag sends a position change per pointer move (and per auto-pan frame). Through React
      // state each one re-rendered the editor and handed React Flow a new nodes array to adopt in
      // a second pass; mid-drag moves go to React Flow's own store only. The drag's last change
      // (dragging: false) comes through state as usual, so the state holds the final position
      // before onNodeDragStop saves it.
      if (rest.every((c) => c.type === 'position' && c.dragging)) {
        const { nodes: current, setNodes: setStoreNodes } = flowStore.getState();
        setStoreNodes(applyNodeChanges(rest, current));
        return;
      }
      // Anything else mid-drag (the step being selected as its drag starts) keeps the moved
      // positions, or handing the state to React Flow would put the step back for a frame; the
      // drag's own last change (dragging: false) wins for the steps it names.
      const settled = new Set(rest.flatMap((c) => (c.type === 'position' ? [c.id] : [])));
      setNodes((nds) => withDragPositions(applyNodeChanges(rest, nds), flowStore.getState().nodes, settled));
    },
    [flowStore],
  );
  const onEdgesChange = useCallback((changes: EdgeChange<FlowEdge>[]) => {
    const rest = changes.filter((c) => c.type !== 'remove');
    if (rest.length) setEdges((eds) => applyEdgeChanges(rest, eds));
  }, []);
  const onDelete: OnDelete<FlowNode, FlowEdge> = useCallback(
    ({ nodes: ns, edges: es }) => change((d) => removeElements(d, ns.map((n) => n.id), es.map((e) => e.id))),
    [change],
  );
  // While a step is dragged the minimap is hidden: it re-renders each of its nodes on every
  // frame (a hundred store subscriptions on a 100-step flow) for a picture nobody reads mid-drag.
  const [dragging, setDragging] = useState(false);
  const onNodeDragStart = useCallback(() => setDragging(true), []);
  const onNodeDragStop = useCallback(
    (_e: unknown, _n: FlowNode, dragged: FlowNode[]) => {
      setDragging(false);
      change((d) => applyPositions(d, dragged));
    },
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
  // Pressing a palette item adds the step after the selected one (below it, connected from its
  // first free output), or in the middle of the view when nothing is selected: the keyboard
  // way to build a flow. Focus moves to the new step's settings.
  const addFromPalette = useCallback(
    (type: StepType) => {
      const selected = getNodes().filter((n) => n.selected);
      const after = selected.length === 1 ? selected[0]! : null;
      let id = '';
      change((d) => {
        let position: { x: number; y: number };
        if (after) {
          position = { x: after.position.x, y: after.position.y + (after.measured?.height ?? 92) + 80 };
        } else {
          const r = wrapper.current?.getBoundingClientRect();
          const p = r ? screenToFlowPosition({ x: r.left + r.width / 2, y: r.top + r.height / 2 }) : { x: 0, y: 0 };
          position = { x: p.x - NODE_WIDTH / 2 + Math.random() * 40, y: p.y + Math.random() * 40 };
        }
        const r = addStep(d, type, position);
        id = r.id;
        const source = after ? findNode(r.def, after.id) : undefined;
        const free = source ? outputHandles(source).find((o) => !r.def.edges.some((e) => e.source === source.id && e.sourceHandle === o.id)) : undefined;
        return source && free ? connect(r.def, { source: source.id, sourceHandle: free.id, target: id }) : r.def;
      });
      pendingSelection.current = [id];
      focusPanel.current = true;
    },
    [change, getNodes, screenToFlowPosition],
  );

  // ---- selection, panel, clipboard ---------------------------------------------------------
  const selectedIds = useMemo(() => nodes.filter((n) => n.selected).map((n) => n.id), [nodes]);
  const selectedKey = selectedIds.join('|');
  const selectedEdgeIds = useMemo(() => edges.filter((e) => e.selected).map((e) => e.id), [edges]);
  const selectedNode = selectedIds.length === 1 ? (findNode(shown, selectedIds[0]!) ?? null) : null;

  const selectOnly = useCallback(
    (id: string, opts: { focusPanel?: boolean; zoom?: boolean } = {}) => {
      setPanel('step');
      setNodes((nds) => nds.map((n) => (!!n.selected === (n.id === id) ? n : { ...n, selected: n.id === id })));
      focusPanel.current = opts.focusPanel ?? false;
      const node = getNodes().find((n) => n.id === id);
      if (node && opts.zoom !== false) void fitView({ nodes: [node], duration: 300, maxZoom: 1.2 });
    },
    [fitView, getNodes],
  );
  useEffect(() => {
    if (!focusPanel.current || !selectedNode) return;
    focusPanel.current = false;
    document.querySelector<HTMLElement>('[data-testid="side-panel"] [data-panel-body] :is(input, select, textarea, button):not(:disabled)')?.focus();
  }, [selectedNode]);

  // Steps are focusable (Tab); arrows move between them, Enter opens the focused one.
  const onCanvasKeyDown = useCallback(
    (e: KeyboardEvent) => {
      const el = (e.target as HTMLElement).closest<HTMLElement>('.react-flow__node');
      if (!el || el !== e.target) return;
      const id = el.dataset.id;
      if (!id) return;
      const dir = arrowDirection[e.key];
      if (dir && !e.altKey && !e.ctrlKey && !e.metaKey) {
        // React Flow would nudge a selected step instead; here arrows navigate.
        e.preventDefault();
        e.stopPropagation();
        const boxes = getNodes().map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? 92 }));
        const next = nearestInDirection(boxes, id, dir);
        if (next) wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(next)}"]`)?.focus();
      } else if (e.key === 'Enter') {
        e.preventDefault();
        e.stopPropagation();
        selectOnly(id, { focusPanel: true, zoom: false });
      }
    },
    [getNodes, selectOnly],
  );
  // Keyed on the selection's ids, not on the array (a new one on every frame of a drag), so the
  // memoised side panel keeps its props while a step moves.
  const onPanelEscape = useCallback(() => {
    const id = selectedKey && !selectedKey.includes('|') ? selectedKey : null;
    if (id) wrapper.current?.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`)?.focus();
  }, [selectedKey]);
  const onPanelConnect = useCallback((c: { source: string; sourceHandle: string; target: string }) => change((d) => connect(d, c)), [change]);
  const onPanelDisconnect = useCallback((edgeId: string) => change((d) => removeElements(d, [], [edgeId])), [change]);
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

  const fit = canvasFit.fit;
  const tidy = useCallback(() => {
    const sizes = new Map(getNodes().map((n) => [n.id, { width: n.measured?.width ?? NODE_WIDTH, height: n.measured?.height ?? 92 }]));
    change((d) => setPositions(d, autoLayout(d, sizes)));
    requestAnimationFrame(() => fit({ duration: 300 }));
  }, [change, fit, getNodes]);

  const { markSaved } = autosave;
  const replaceDefinition = useCallback(
    (next: EditorDefinition, opts: { saved?: boolean } = {}) => {
      change(() => next);
      if (opts.saved) markSaved(next);
      requestAnimationFrame(() => fit({ duration: 300 }));
    },
    [change, markSaved, fit],
  );
  // Stable callbacks for the memoised top bar (see editor-top-bar.tsx).
  const onSelectStep = useCallback((id: string) => selectOnly(id, { focusPanel: true }), [selectOnly]);
  const onToggleVersions = useCallback(() => setPanel((p) => (p === 'versions' ? 'step' : 'versions')), []);
  const onImport = useCallback((d: EditorDefinition) => replaceDefinition(d), [replaceDefinition]);
  const miniMapColor = useCallback((n: FlowNode) => (views.get(n.id)?.problems.length ? '#f87171' : '#a5b4fc'), [views]);
  const miniMapStroke = useCallback((n: FlowNode) => (views.get(n.id)?.problems.length ? '#b91c1c' : '#6366f1'), [views]);

  return (
    <StepCanvasContext readOnly={readOnly} views={viewStore}>
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
          onSelectStep={onSelectStep}
          onToggleVersions={onToggleVersions}
          onImport={onImport}
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
          <div
            ref={wrapper}
            className="relative min-w-0 flex-1"
            onDragOver={onDragOver}
            onDrop={onDrop}
            onKeyDownCapture={onCanvasKeyDown}
            data-testid="canvas"
            data-zoom={far ? 'far' : 'near'}
            role="region"
            aria-label="Workflow canvas"
          >
            <ReactFlow<FlowNode, FlowEdge>
              {...stepCanvasProps}
              nodes={nodes}
              edges={edges}
              onNodesChange={onNodesChange}
              onEdgesChange={onEdgesChange}
              onDelete={onDelete}
              onNodeDragStart={onNodeDragStart}
              onNodeDragStop={onNodeDragStop}
              onConnect={onConnect}
              isValidConnection={isValidConnection}
              nodesDraggable={!readOnly}
              nodesConnectable={!readOnly}
              edgesReconnectable={false}
              deleteKeyCode={readOnly ? null : ['Backspace', 'Delete']}
              multiSelectionKeyCode={['Meta', 'Control', 'Shift']}
              selectionKeyCode="Shift"
              onInit={canvasFit.onInit}
              onMoveStart={canvasFit.onMoveStart}
              ariaLabelConfig={ariaLabelConfig}
              maxZoom={2}
            >
              {/* At far zoom the dots would be ~4 px apart, a grey haze repainted on every frame the view pans (a drag near the edge). */}
              {far ? null : <StepCanvasGrid />}
              <Controls showInteractive={false} position="bottom-left" />
              {canvasFit.showMiniMap && !dragging ? (
                <MiniMap
                  pannable
                  zoomable
                  position="bottom-right"
                  style={{ width: canvasFit.miniMap.width, height: canvasFit.miniMap.height }}
                  nodeColor={miniMapColor}
                  nodeStrokeColor={miniMapStroke}
                  nodeStrokeWidth={views.size > 40 ? 0 : 6}
                  maskColor="rgba(241,245,249,0.7)"
                />
              ) : null}
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
              onConnect={onPanelConnect}
              onDisconnect={onPanelDisconnect}
              onDeleteSelected={deleteSelected}
              onEscape={onPanelEscape}
            />
          )}
        </div>
      </div>
    </StepCanvasContext>
  );
}
