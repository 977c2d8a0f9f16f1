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
  readonly cursors = new Map<PoolKey, string | null>();
  readonly membersById: Map<string, SimMember>;
  readonly teamsById: Map<string, SimTeam>;
  /** Pools a member belongs to (the workspace's and their teams'): what an availability wake drains. */
  readonly poolsOf = new Map<string, PoolKey[]>();
  readonly teams: Snapshot['teams'];
  private usersCache: Snapshot['users'] | null = null;

  constructor(
    private readonly members: readonly SimMember[],
    teams: readonly SimTeam[],
    initialOpenCounts: Record<string, number>,
  ) {
    this.membersById = new Map(members.map((m) => [m.id, m]));
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
    return before;
  }

  adjustOpen(userId: string | null, delta: number): void {
    if (userId === null || !this.openCounts.has(userId)) return;
    this.openCounts.set(userId, Math.max(0, this.openCounts.get(userId)! + delta));
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
    let ids: readonly string[];
    if (key === 'workspace') ids = this.members.map((m) => m.id);
    else if (key.startsWith('team:')) ids = this.teamsById.get(key.slice('team:'.length))?.memberIds ?? [];
    else ids = [key.slice('user:'.length)];
    const candidates: Candidate[] = [];
    for (const id of ids) {
      const m = this.membersById.get(id);
      if (!m) continue;
      candidates.push({
        userId: id,
        name: m.name,
        availability: this.availability.get(id)!,
        openCount: this.openCounts.get(id) ?? 0,
        capacity: m.capacity,
        inPool: true,
      });
    }
    return { key, candidates, cursorUserId: key.startsWith('user:') ? null : (this.cursors.get(key) ?? null) };
  }
}
