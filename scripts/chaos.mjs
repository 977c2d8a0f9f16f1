// `pnpm chaos`: the fault-injection run (not part of `pnpm test`). See chaos/run-chaos.ts.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const r = spawnSync('pnpm', ['exec', 'tsx', 'chaos/run-chaos.ts'], { cwd: root, stdio: 'inherit', env: process.env });
process.exit(r.status ?? 1);
