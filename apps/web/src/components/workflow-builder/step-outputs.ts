import { ASSIGN_OUTPUTS, BRANCH_ELSE, branchHandle, JUMP_LIMIT_REACHED, looseDefinition, TIME_BRANCH_OUTPUTS, TRIGGER_OUTPUT } from '@baton/engine';
import type { EditorNode } from './editor-definition';

export interface OutputHandle {
  id: string;
  label: string;
  tone: 'default' | 'warning' | 'branch';
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The output handles a node shows. Mirrors the engine's `outputs(config)` but tolerates a
 * half-edited config (a branch whose condition doesn't parse yet still shows its handles,
 * so its edges don't disappear while the user types).
 */
export function outputHandles(node: EditorNode): OutputHandle[] {
  switch (node.type) {
    case 'trigger':
      return [{ id: TRIGGER_OUTPUT, label: 'Start', tone: 'default' }];
    case 'assign': {
      const target = isRecord(node.config.target) ? node.config.target : null;
      const next: OutputHandle = { id: ASSIGN_OUTPUTS.next, label: 'Assigned', tone: 'default' };
      if (target?.type === 'unassign') return [{ ...next, label: 'Next' }];
      const skills = (Array.isArray(node.config.requiredSkills) && node.config.requiredSkills.length > 0) || typeof node.config.skillField === 'string';
      return [
        next,
        { id: ASSIGN_OUTPUTS.noOneAvailable, label: 'No one available', tone: 'warning' },
        ...(skills ? [{ id: ASSIGN_OUTPUTS.noSkillMatch, label: 'No skilled agent', tone: 'warning' as const }] : []),
      ];
    }
    case 'branch': {
      const branches = Array.isArray(node.config.branches) ? node.config.branches : [];
      const handles = branches.flatMap((b, i): OutputHandle[] => {
        if (!isRecord(b) || typeof b.id !== 'string') return [];
        const name = typeof b.name === 'string' && b.name.trim() ? b.name.trim() : `Branch ${i + 1}`;
        return [{ id: branchHandle(b.id), label: name, tone: 'branch' }];
      });
      return [...handles, { id: BRANCH_ELSE, label: 'Else', tone: 'default' }];
    }
    case 'time_branch':
      return [
        { id: TIME_BRANCH_OUTPUTS.match, label: 'Matches', tone: 'branch' },
        { id: TIME_BRANCH_OUTPUTS.else, label: 'Else', tone: 'default' },
      ];
    case 'jump':
      return [{ id: JUMP_LIMIT_REACHED, label: 'Limit reached', tone: 'warning' }];
    default: {
      // Every other type's handles come from the engine's registry, so a new step type (or
      // the HTTP request's success/failed) is drawn as the engine follows it: from the config
      // when it parses, else from the type's default (these do not depend on what is typed).
      const def = looseDefinition(node.type);
      const parsed = def.configSchema.safeParse(node.config);
      return def.outputs(parsed.success ? parsed.data : def.defaultConfig()).map((id) => ({ id, label: handleLabel(id), tone: id === 'failed' ? 'warning' : 'default' }));
    }
  }
}

/** 'no_answer' → 'No answer'. */
const handleLabel = (id: string) => id.charAt(0).toUpperCase() + id.slice(1).replaceAll('_', ' ');
