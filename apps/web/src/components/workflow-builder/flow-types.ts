import type { Edge as RFEdge, Node as RFNode } from '@xyflow/react';
import type { EditorNode } from './editor-definition';

export type StepNodeData = { step: EditorNode };
export type FlowNode = RFNode<StepNodeData>;
export type FlowEdge = RFEdge;

/** Every node has one input, at its top. */
export const TARGET_HANDLE = 'in';
export const NODE_WIDTH = 288;
export const NODE_HEIGHT = 92;
