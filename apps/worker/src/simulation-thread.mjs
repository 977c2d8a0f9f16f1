// The simulation thread's entry (simulation-runner.ts): the thread itself is TypeScript, and a
// worker thread does not get the process's tsx loader — not from `tsx src/main.ts`, nor from
// `--import tsx` in its execArgv (Node 20: ERR_UNKNOWN_FILE_EXTENSION), nor under vitest. So it
// registers tsx's hooks itself, then loads the thread — and ends it when the simulation has
// ended: the hooks' message port (and the stop listener) would keep it alive for a minute.
import { register } from 'tsx/esm/api';

register();
await import('./simulation-thread.ts');
process.exit(0);
