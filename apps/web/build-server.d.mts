// Types of build-server.mjs (plain JavaScript, so start-server.mjs runs it without tsx).
/** Rebuilds dist/server.mjs when it is missing or stale; says why. Returns whether it built. */
export declare function ensureServerBuild(log?: (message: string) => void): Promise<boolean>;
