import type { Catalog } from '@baton/engine';
import type { EditorDefinition } from '../editor-definition';
import type { StepType } from '@baton/engine';
import type { FieldErrors } from './field-errors';

export interface StepFormProps {
  stepId: string;
  config: Record<string, unknown>;
  /** `key` names the field so that typing into it is one undo step. */
  onChange: (next: Record<string, unknown>, key: string) => void;
  errors: FieldErrors;
  catalog: Catalog;
  definition: EditorDefinition;
  /** A node type's name as the canvas shows it (a form naming other steps). */
  labelOf: (type: StepType | 'trigger') => string;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
