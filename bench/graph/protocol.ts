/** What graph.bench.ts and its two child processes (the fake Graph, the engine) say to each other. */
import type { RetryPolicy } from '../../src/apply/retry';
import type { GraphCredentials } from '../../src/graph/graph-credentials';
import type { WriteLimit } from '../../src/graph/write-pacer';

export interface PeerConfig {
  /** The limit the fake enforces. */
  writeLimit: WriteLimit;
  /** Entra users to hold before the run: employees 1..N as last night's sync left them. */
  seedUsers: number;
}

export type PeerRequest =
  { type: 'stats'; expected: number; retitled: boolean } | { type: 'close' };

export type PeerReply =
  | { type: 'ready'; credentials: GraphCredentials; seeded: number; seedMs: number }
  | { type: 'stats'; stats: PeerStats };

export interface PeerStats {
  /** Writes (inner $batch requests included) the fake carried out: answered 2xx. */
  writesAccepted: number;
  /** Writes the fake refused for the write limit: 429. */
  writesThrottled: number;
  /** Writes answered with any other error. */
  writesRefused: number;
  /** Accepted writes by method and path, e.g. `POST /users`: 10000. */
  acceptedByKind: Record<string, number>;
  /** GET /users calls: the pages of the users' list. */
  pageReads: number;
  /** Of those, the ones with $expand (managers). */
  pageReadsExpanded: number;
  users: number;
  /** Employees 1..expected with no user carrying their employeeId. */
  missing: number;
  /** employeeIds more than one user carries. */
  twice: number;
  /** Users whose job title starts with "Senior ". */
  retitled: number;
  /** Users retitled that should not be, or not retitled that should be. */
  retitledWrongly: number;
  peakRssMb: number;
}

export interface EngineConfig {
  /** Employees 1..count as HR sends them tonight. */
  count: number;
  /** The 1% with a new job title (see employees.ts). */
  changed: boolean;
  dryRun: boolean;
  /** Link managers (the node's default): the read expands each user's manager. */
  linkManagers: boolean;
  /** The client's write pacing. */
  writeLimit: WriteLimit;
  retry: RetryPolicy;
}

export type EngineRequest = { type: 'run'; credentials: GraphCredentials };

export interface EngineResult {
  type: 'result';
  wallMs: number;
  timings: { readMs: number; planMs: number; writeMs: number };
  /** Planned actions by kind: create, update, unchanged, … */
  planned: Record<string, number>;
  /** Outcomes by status: succeeded, failed, unchanged, planned, … */
  outcomes: Record<string, number>;
  /** The reasons of failed outcomes, each with how many had it (first five). */
  failures: Array<{ reason: string; count: number; retryAfterSeconds?: [number, number] }>;
  /** Peak RSS of the engine's process (getrusage), and its RSS once loaded with the records built. */
  peakRssMb: number;
  rssBeforeMb: number;
  /** The platform refused the credential midway (upsertUsers' `stopped`). */
  stopped: boolean;
}
