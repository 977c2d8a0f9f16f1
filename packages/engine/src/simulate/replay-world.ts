import type { Availability, Candidate, Pool, PoolKey, Snapshot } from '../interpreter/snapshot';
import type { SimMember, SimTeam } from './simulation-input';

/**
 * The replay's view of the workspace at the virtual clock: who is online, how many open
 * conversations each member holds, where each round-robin rotation stands. Pools are built
 * from it exactly as the adapter builds them from Postgres (load-batch-pools.ts): members in
 * joining order, open counts, capacity, the pool's cursor.
 */
export class ReplayWorld {
  readonly availability = new Map<string, Availability>();
  readonly openCounts = new Map<string, number>();
  private readonly cursors = new Map<PoolKey, string | null>();
  /**
   * Each member's candidate entry and each pool as last built, dropped when what they show
   * changes. Every run step used to rebuild its pools member by member (20 objects a
   * decision, most of them unchanged since the last); the engine never mutates a pool it is
   * given (apply-effects copies), so an unchanged one is handed out again.
   */
  private readonly candidates = new Map<string, Candidate>();
  private readonly builtPools = new Map<PoolKey, Pool>();
  readonly membersById: Map<string, SimMember>;
  readonly teamsById: Map<string, SimTeam>;
  /** Pools a member belongs to (the workspace's and their teams'): what an availability wake drains. */
  readonly poolsOf = new Map<string, PoolKey[]>();
  readonly teams: Snapshot['teams'];
  private readonly memberIds: readonly string[];
  private usersCache: Snapshot['users'] | null = null;

  constructor(
    private readonly members: readonly SimMember[],
    teams: readonly SimTeam[],
    initialOpenCounts: Record<string, number>,
  ) {
    this.membersById = new Map(members.map((m) => [m.id, m]));
    this.memberIds = members.map((m) => m.id);
    this.teamsById = new Map(teams.map((t) => [t.id, t]));
    this.teams = Object.fromEntries(teams.map((t) => [t.id, { id: t.id, name: t.name }]));
    for (const m of members) {
      this.availability.set(m.id, m.availability);
      this.openCounts.set(m.id, initialOpenCounts[m.id] ?? 0);
      this.poolsOf.set(m.id, ['workspace']);
    }
    for (const t of teams) for (const id of t.memberIds) this.poolsOf.get(id)?.push(`team:${t.id}`);
  }

  setAvailability(userId: string, availability: Availability): Availability | undefined {
    const before = this.availability.get(userId);
    if (before === undefined) return undefined;
    this.availability.set(userId, availability);
    this.usersCache = null;
    if (before !== availability) this.changed(userId);
    return before;
  }

  adjustOpen(userId: string | null, delta: number): void {
    if (userId === null || !this.openCounts.has(userId)) return;
    const before = this.openCounts.get(userId)!;
    const after = Math.max(0, before + delta);
    this.openCounts.set(userId, after);
    if (after !== before) this.changed(userId);
  }

  /** A rotation moved (what the batch writes to the pool's cursor row). */
  setCursor(key: PoolKey, userId: string | null): void {
    if ((this.cursors.get(key) ?? null) === userId) return;
    this.cursors.set(key, userId);
    this.builtPools.delete(key);
  }

  private changed(userId: string): void {
    this.candidates.delete(userId);
    this.builtPools.delete(`user:${userId}`);
    for (const key of this.poolsOf.get(userId) ?? []) this.builtPools.delete(key);
  }

  private candidate(id: string): Candidate | null {
    let c = this.candidates.get(id);
    if (!c) {
      const m = this.membersById.get(id);
      if (!m) return null;
      c = { userId: id, name: m.name, availability: this.availability.get(id)!, openCount: this.openCounts.get(id) ?? 0, capacity: m.capacity, inPool: true };
      this.candidates.set(id, c);
    }
    return c;
  }

  users(): Snapshot['users'] {
    if (!this.usersCache) {
      this.usersCache = {};
      for (const m of this.members)
        this.usersCache[m.id] = { id: m.id, name: m.name, availability: this.availability.get(m.id)!, skills: m.skills };
    }
    return this.usersCache;
  }

  pool(key: PoolKey): Pool {
    const built = this.builtPools.get(key);
    if (built) return built;
    let ids: readonly string[];
    if (key === 'workspace') ids = this.memberIds;
    else if (key.startsWith('team:')) ids = this.teamsById.get(key.slice('team:'.length))?.memberIds ?? [];
    else ids = [key.slice('user:'.length)];
    const candidates: Candidate[] = [];
    for (const id of ids) {
      const c = this.candidate(id);
      if (c) candidates.push(c);
    }
    const pool: Pool = { key, candidates, cursorUserId: key.startsWith('user:') ? null : (this.cursors.get(key) ?? null) };
    this.builtPools.set(key, pool);
    return pool;
  }
}
