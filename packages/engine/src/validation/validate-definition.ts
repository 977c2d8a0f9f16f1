import type { Catalog } from '../catalog';
import { contentProblems } from './content-problems';
import { triggerContactProblems } from './contact-problems';
import { graphProblems } from './graph-problems';
import { buildLooseGraph } from './loose-graph';
import type { Problem } from './problem';
import { schemaProblems } from './schema-problems';

// Never throws and never stops at the first problem: the editor shows the whole list at once.
export function validateDefinition(def: unknown, catalog?: Catalog): Problem[] {
  if (typeof def !== 'object' || def === null || Array.isArray(def)) {
    return [{ stepId: null, field: null, code: 'invalid_definition', message: 'The workflow definition must be an object.' }];
  }
  const raw = def as Record<string, unknown>;
  const graph = buildLooseGraph(raw);
  const all = [...schemaProblems(raw), ...graphProblems(graph), ...contentProblems(graph, catalog), ...triggerContactProblems(raw.trigger, catalog)];
  const seen = new Set<string>();
  return all.filter((p) => {
    const key = `${p.stepId}|${p.field}|${p.code}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
