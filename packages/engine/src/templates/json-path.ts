/**
 * A field of a JSON response by a dotted path ("data.plan", "items.0.id"): the subset
 * authors need to pick values out of an API answer, nothing more (no wildcards, no filters).
 * Objects and arrays come back as JSON text; a missing path is null.
 */
export function readJsonPath(value: unknown, path: string): string | null {
  let cur: unknown = value;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return null;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(part)) return null;
      cur = cur[Number(part)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, part)) return null;
      cur = (cur as Record<string, unknown>)[part];
    }
  }
  if (cur === undefined || cur === null) return null;
  return typeof cur === 'object' ? JSON.stringify(cur) : String(cur);
}

export const JSON_PATH_PATTERN = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;
