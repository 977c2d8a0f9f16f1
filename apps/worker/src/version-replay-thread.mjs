// Entry of a thread that replays one version of a simulation (replay-versions-in-parallel.ts);
// TypeScript through tsx, as simulation-thread.mjs explains.
import { register } from 'tsx/esm/api';

register();
await import('./version-replay-thread.ts');
process.exit(0);
