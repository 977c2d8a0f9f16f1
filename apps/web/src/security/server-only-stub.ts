// `server-only` throws outside React Server Components; under vitest the route handlers and
// server actions run in plain Node, which is exactly what it would guard against in a bundle.
export {};
