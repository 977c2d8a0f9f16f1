import type { Edge } from '../schema/workflow-definition';

// Canvas grid used by templates: rows top-to-bottom, columns for parallel paths.
export const ROW_HEIGHT = 160;
export const COLUMN_WIDTH = 320;

export const at = (column: number, row: number): { x: number; y: number } => ({
  x: column * COLUMN_WIDTH,
  y: row * ROW_HEIGHT,
});

export const edge = (source: string, sourceHandle: string, target: string): Edge => ({
  id: `${source}--${sourceHandle.replace(/[^A-Za-z0-9_-]/g, '_')}--${target}`,
  source,
  sourceHandle,
  target,
});
