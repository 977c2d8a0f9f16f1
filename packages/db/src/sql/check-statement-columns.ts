import { getTableColumns, getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../schema';

/** Every table of the schema: its SQL name → its columns' SQL names. */
export function schemaColumns(): Map<string, Set<string>> {
  const tables = new Map<string, Set<string>>();
  for (const value of Object.values(schema))
    if (is(value, PgTable))
      tables.set(
        getTableName(value),
        new Set(Object.values(getTableColumns(value)).map((c) => c.name)),
      );
  return tables;
}

const notAlias = new Set(
  'where on join set left right inner full cross natural lateral order group limit for returning union using and or select having window as from into values'.split(
    ' ',
  ),
);

/** Index of every character's parenthesis depth (strings and comments already blanked). */
function depths(text: string): number[] {
  const out: number[] = [];
  let depth = 0;
  for (const ch of text) {
    if (ch === ')') depth -= 1;
    out.push(depth);
    if (ch === '(') depth += 1;
  }
  return out;
}

/** A parenthesised part of the statement; `names`: the aliases bound in it (null: bound, columns unknown). */
type Group = {
  start: number;
  end: number;
  parent: Group | null;
  names: Map<string, Set<string> | null>;
};

function groups(text: string): Group[] {
  const root: Group = { start: 0, end: text.length, parent: null, names: new Map() };
  const all = [root];
  const stack = [root];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') {
      const g: Group = { start: i, end: text.length, parent: stack.at(-1)!, names: new Map() };
      all.push(g);
      stack.push(g);
    } else if (text[i] === ')' && stack.length > 1) stack.pop()!.end = i + 1;
  }
  return all;
}

/** The innermost group holding `at`. */
function groupAt(all: Group[], at: number): Group {
  let best = all[0]!;
  for (const g of all) if (g.start <= at && at < g.end && g.start >= best.start) best = g;
  return best;
}

/** Recordset fields `"workspaceId" uuid, seq int, …` (null: not a field list). */
function fieldList(text: string): Set<string> | null {
  const fields = text.split(',').map((f) => f.trim().match(/^("[^"]+"|[a-z_]\w*)\s+[a-z]/i)?.[1]);
  return fields.length > 0 && fields.every(Boolean)
    ? new Set(fields.map((f) => unquote(f!)))
    : null;
}

/** Splits `a = 1, b = coalesce(x, y)` at its top-level commas. */
function topLevelItems(text: string): string[] {
  const depth = depths(text);
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++)
    if (text[i] === ',' && depth[i] === 0) {
      items.push(text.slice(start, i));
      start = i + 1;
    }
  items.push(text.slice(start));
  return items.map((s) => s.trim()).filter(Boolean);
}

const unquote = (name: string) => name.replace(/^"(.*)"$/, '$1');

/**
 * Checks a rendered statement's column names against the schema: the columns of every
 * `insert into t (…)`, the assignments of every `update t a set …`, and every `a.column`
 * whose alias names a table (`from t a`, `join t a`, `update t a`) or a jsonb recordset
 * (`as a(field type, …)`) in the same CTE. What a statement names by hand — where a
 * renamed column would otherwise be found only by an integration test — is found here.
 * Returns how many names it checked (a check that checks nothing proves nothing) and the
 * names that are not there.
 */
export function checkStatementColumns(
  statement: string,
  tables = schemaColumns(),
): { checked: number; problems: string[] } {
  const text = statement.replace(/--[^\n]*/g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const problems: string[] = [];
  let checked = 0;
  const expect = (names: Set<string> | null | undefined, column: string, where: string) => {
    if (!names) return;
    checked += 1;
    if (!names.has(column)) problems.push(`${where}: no column "${column}"`);
  };
  const all = groups(text);
  const bind = (at: number, alias: string, names: Set<string> | null) => {
    if (!notAlias.has(alias.toLowerCase())) groupAt(all, at).names.set(alias, names);
  };
  // `as a(field type, …)`: a recordset's fields.
  const recordsets: Array<{ at: number; fields: Set<string> }> = [];
  for (const m of text.matchAll(/\bas\s+(\w+)\s*\(([^()]*)\)/gi)) {
    const fields = fieldList(m[2]!);
    if (!fields) continue;
    bind(m.index!, m[1]!, fields);
    recordsets.push({ at: m.index!, fields });
  }
  // The columns of a part that is only a row source: `(select * from <one recordset>)` has its
  // fields, `(select c.* from t c …)` has t's columns; any other part's columns are not known.
  const columnsOf = (part: Group): Set<string> | null => {
    const head = text.slice(part.start);
    if (/^\(\s*select\s+\*\s+from\b/i.test(head)) {
      const inner = recordsets.filter((r) => part.start < r.at && r.at < part.end);
      return inner.length === 1 ? inner[0]!.fields : null;
    }
    const star = head.match(/^\(\s*select\s+(\w+)\.\*\s+from\s+"?(\w+)"?\s+(\w+)\b/i);
    return star && star[1] === star[3] ? (tables.get(star[2]!) ?? null) : null;
  };
  // `name as (…)`: a CTE, whose columns are known when it is only a row source (columnsOf).
  const ctes = new Map<string, Set<string> | null>();
  for (const m of text.matchAll(/\b(\w+)\s+as\s+(?:materialized\s+)?(?=\()/gi)) {
    const body = all.find((g) => g.start === m.index! + m[0].length);
    if (body) ctes.set(m[1]!, columnsOf(body));
  }
  // `from t a`, `join t a`, `update t a`: a table's (or a CTE's) columns, under its alias and its name.
  for (const m of text.matchAll(
    /\b(?:from|join|(?<!\bfor\s+)update)\s+(?="?(\w+)"?(?:\s+(?:as\s+)?(\w+))?)/gi,
  )) {
    const columns = tables.get(m[1]!) ?? ctes.get(m[1]!) ?? null;
    if (tables.has(m[1]!) || ctes.has(m[1]!)) bind(m.index!, m[1]!, columns);
    if (m[2]) bind(m.index!, m[2], columns);
  }
  // `(select * from <recordset as k(…)>) k`: a subquery's alias has the subquery's columns.
  for (const m of text.matchAll(/\)\s*(?:as\s+)?([a-z_]\w*)\b(?!\s*\()/gi)) {
    const sub = all.find((g) => g.end === m.index! + 1);
    if (sub && !notAlias.has(m[1]!.toLowerCase())) bind(m.index! + 1, m[1]!, columnsOf(sub));
  }
  for (const m of text.matchAll(/\binsert\s+into\s+"?(\w+)"?\s*\(([^)]*)\)/gi))
    for (const column of m[2]!.split(','))
      expect(tables.get(m[1]!), unquote(column.trim()), `insert into ${m[1]}`);
  for (const m of text.matchAll(/\bupdate\s+"?(\w+)"?\s+\w+\s+set\b/gi)) {
    const rest = text.slice(m.index! + m[0].length);
    const depth = depths(rest);
    // The assignments end at the first top-level from / where / returning, or where their CTE closes.
    const stop =
      [...rest.matchAll(/\b(?:from|where|returning)\b|\)/gi)].find((e) =>
        e[0] === ')' ? depth[e.index!]! < 0 : depth[e.index!] === 0,
      )?.index ?? rest.length;
    for (const item of topLevelItems(rest.slice(0, stop)))
      expect(tables.get(m[1]!), unquote(item.split('=')[0]!.trim()), `update ${m[1]} set`);
  }
  // `a.column`: resolved like SQL does, in the innermost part that binds `a`, then outwards.
  for (const m of text.matchAll(/(?<![\w.":$])([a-z_]\w*)\.("\w+"|\w+)/gi)) {
    for (let g: Group | null = groupAt(all, m.index!); g; g = g.parent)
      if (g.names.has(m[1]!)) {
        expect(g.names.get(m[1]!), unquote(m[2]!), `${m[1]}.${m[2]}`);
        break;
      }
  }
  return { checked, problems };
}
