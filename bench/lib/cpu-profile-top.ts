// `pnpm exec tsx bench/lib/cpu-profile-top.ts <file.cpuprofile> [n]`: where the time went —
// self time by function and by package, from a `node --cpu-prof` profile.
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] };
const prof = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const n = Number(process.argv[3] ?? 25);
const self = new Map<number, number>();
prof.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);
const byFn = new Map<string, number>();
const byPkg = new Map<string, number>();
for (const node of prof.nodes) {
  const us = self.get(node.id) ?? 0;
  const url = node.callFrame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/(?:\.pnpm\/)?((?:@[^/]+\/)?[^/@]+)/.exec(url)?.[1] ?? (url.includes('/packages/') ? url.split('/packages/')[1]!.split('/')[0]! : url ? url.split('/').slice(-2).join('/') : `(${node.callFrame.functionName || 'native'})`);
  const key = `${node.callFrame.functionName || '(anon)'} ${url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber}`;
  byFn.set(key, (byFn.get(key) ?? 0) + us);
  byPkg.set(pkg, (byPkg.get(pkg) ?? 0) + us);
}
const show = (m: Map<string, number>) =>
  [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${(v / 1000).toFixed(0).padStart(6)} ms  ${k}`).join('\n');
console.log(`total sampled ${(total / 1e6).toFixed(1)} s\n-- by package --\n${show(byPkg)}\n-- by function --\n${show(byFn)}`);
