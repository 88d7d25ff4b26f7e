/**
 * What one sync remembers between runs, in one place: the brakes' last snapshot size, the
 * ownership ledger (who this sync created, adopted or saw in its own snapshots), when it
 * archived whom (for the grace period, and so that only its own archives are reactivated or
 * deleted), and the approvals already spent. Plain data: a MemoryStore keeps it.
 */
export interface SyncMemoryState {
  /** Bumped on every save: a save against a revision that moved on is refused. */
  revision: number;
  updatedAt?: string;
  /** The snapshot size of the last run that archived (or could have). */
  lastSnapshotSize?: number;
  /** External ID → the day (YYYY-MM-DD) this sync first created, adopted or saw the user. */
  owned: Record<string, string>;
  /** External ID → the day this sync archived the user. Only these are reactivated or deleted. */
  archivedBySync: Record<string, string>;
  /** Approval codes already used: each lets its plan through once. */
  approvalsSpent: string[];
  /** External ID → fingerprint of what was last sent, for a target that cannot read it back. */
  sentFingerprints: Record<string, string>;
}

export function emptyMemory(): SyncMemoryState {
  return { revision: 0, owned: {}, archivedBySync: {}, approvalsSpent: [], sentFingerprints: {} };
}

/** Keeps one sync's memory. `save` refuses when someone saved since `load` (two runs at once). */
export interface MemoryStore {
  /** Names where the memory lives, for messages and the README (never a secret). */
  readonly location: string;
  load(): Promise<SyncMemoryState>;
  save(state: SyncMemoryState): Promise<SyncMemoryState>;
}

export class MemoryConflictError extends Error {
  constructor(location: string, expected: number, found: number) {
    super(
      `The sync's memory at ${location} was changed by another run meanwhile (revision ${found}, ` +
        `this run read ${expected}): nothing of this run was remembered. Do not run the same sync twice at once.`,
    );
    this.name = 'MemoryConflictError';
  }
}

/** Approvals kept: enough for years of nightly approvals, bounded so the file stays small. */
const MAX_APPROVALS = 200;

/** Parses what a store read, filling what an older or hand-edited file lacks. */
export function parseMemory(value: unknown): SyncMemoryState {
  const base = emptyMemory();
  if (!value || typeof value !== 'object') return base;
  const raw = value as Partial<Record<keyof SyncMemoryState, unknown>>;
  const record = (input: unknown): Record<string, string> => {
    const out: Record<string, string> = {};
    if (input && typeof input === 'object' && !Array.isArray(input)) {
      for (const [key, entry] of Object.entries(input)) {
        if (typeof entry === 'string') out[key] = entry;
      }
    }
    return out;
  };
  return {
    revision: typeof raw.revision === 'number' ? raw.revision : 0,
    ...(typeof raw.updatedAt === 'string' ? { updatedAt: raw.updatedAt } : {}),
    ...(typeof raw.lastSnapshotSize === 'number' ? { lastSnapshotSize: raw.lastSnapshotSize } : {}),
    owned: record(raw.owned),
    archivedBySync: record(raw.archivedBySync),
    approvalsSpent: Array.isArray(raw.approvalsSpent)
      ? raw.approvalsSpent.filter((code): code is string => typeof code === 'string')
      : [],
    sentFingerprints: record(raw.sentFingerprints),
  };
}

/** The approvals list with `code` added, oldest dropped past the bound. */
export function spendApproval(spent: readonly string[], code: string): string[] {
  return [...spent.filter((c) => c !== code), code].slice(-MAX_APPROVALS);
}
