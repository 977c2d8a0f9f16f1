// Stand-ins for next/headers' request-scoped cookies() and headers(), answered from
// sessionState (int tests call route handlers and server actions outside a Next request).
import { sessionState } from './session-state';

export const cookies = async () => ({
  get: (name: string) => (sessionState.cookies.has(name) ? { name, value: sessionState.cookies.get(name)! } : undefined),
  getAll: () => [...sessionState.cookies].map(([name, value]) => ({ name, value })),
  set: (name: string, value: string) => void sessionState.cookies.set(name, value),
  delete: (name: string) => void sessionState.cookies.delete(name),
});

export const headers = async () => new Headers(sessionState.headers);
