// Types of build.mjs (plain JavaScript, so start.mjs runs it without tsx).
export declare const WORKER_DIR: string;
export declare const DIST: string;
export declare const MANIFEST: string;
export declare const THREAD_ENTRIES: Record<'simulation-thread' | 'version-replay-thread', string>;
export type BundledFile = { name: string; contents: Uint8Array };
export declare function bundleWorkerEntries(entries: Record<string, string>): Promise<{ files: BundledFile[]; inputs: string[]; externals: string[] }>;
export declare function writeFilesAtomically(dir: string, files: BundledFile[]): void;
export type BuildManifest = { builder: string; inputs: Record<string, string>; externals: string[] };
export declare function buildWorker(): Promise<BuildManifest>;
/** Why dist/ (or the build whose manifest is `manifestFile`) cannot be run as it is, or null when it is current. */
export declare function staleReason(manifestFile?: string): string | null;
export declare function ensureWorkerBuild(log?: (message: string) => void): Promise<boolean>;
