// Finds every API route file and every server action module in apps/web, so the security
// tests can refuse to pass while one exists that their tables do not cover.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const webSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.next')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(full);
  }
  return out;
}

const rel = (f: string) => path.relative(webSrc, f).split(path.sep).join('/');

/** `app/api/v1/runs/[id]/route.ts`, … */
export function routeFiles(): string[] {
  return walk(path.join(webSrc, 'app'))
    .filter((f) => path.basename(f) === 'route.ts')
    .map(rel)
    .sort();
}

/** Files whose first statement is the 'use server' directive. */
export function serverActionFiles(): string[] {
  return walk(webSrc)
    .filter((f) => /^\s*(\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*['"]use server['"]/.test(readFileSync(f, 'utf8')))
    .map(rel)
    .sort();
}

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

export async function importWeb(relPath: string): Promise<Record<string, unknown>> {
  return (await import(/* @vite-ignore */ path.join(webSrc, relPath))) as Record<string, unknown>;
}
