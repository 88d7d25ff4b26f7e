/** What google.bench.ts and its two child processes (the fake Google, the engine) say to each other. */
import type { RetryPolicy } from '../../src/apply/retry';

export interface PeerConfig {
  /** The Directory API's queries per minute per user; more get 403 userRateLimitExceeded. */
  queriesPerMinute: number;
  /** The Sheets API's reads per minute per user; more get 429. */
  sheetsReadsPerMinute: number;
  /** Workspace users to hold before the run: employees 1..N as last night's sync left them. */
  seedUsers: number;
  /** Rows of tonight's sheet (0: no sheet). */
  sheetRows: number;
  /** The fakes' minute lasts 60 / timeScale seconds (see scaled-time.ts). */
  timeScale: number;
}

/** How the engine reaches the fakes: sent over IPC, never on a command line or printed. */
export interface PeerCredentials {
  rootUrl: string;
  keyJson: string;
  subject: string;
  spreadsheetId: string;
}

export type PeerRequest =
  { type: 'stats'; expected: number; retitled: boolean } | { type: 'close' };

export type PeerReply =
  | { type: 'ready'; credentials: PeerCredentials; seedMs: number }
  | { type: 'stats'; stats: PeerStats };

export interface PeerStats {
  /** Directory calls answered 2xx, by method and path, e.g. `POST /users`: 10000. */
  acceptedByKind: Record<string, number>;
  /** Directory calls answered 2xx. */
  accepted: number;
  /** Directory calls refused for the quota: 403 userRateLimitExceeded or 429. */
  throttled: number;
  /** Directory calls answered with any other error. */
  refused: number;
  /** The most Directory calls answered 2xx in any minute (of the scaled clock, sampled 60 times a minute; a lower bound). */
  busiestMinute: number;
  /** Sheets calls (spreadsheets.get and values.batchGet) and those answered 429. */
  sheetsCalls: number;
  sheetsThrottled: number;
  users: number;
  /** Employees 1..expected with no user carrying their external ID. */
  missing: number;
  /** External IDs more than one user carries. */
  twice: number;
  /** Users whose job title starts with "Senior ". */
  retitled: number;
  /** Users retitled that should not be, or not retitled that should be. */
  retitledWrongly: number;
  peakRssMb: number;
}

export type EngineConfig = { timeScale: number } & (
  | {
      kind: 'creates';
      /** Employees 1..count, none in Workspace yet. */
      count: number;
      /** The client's pacing: queries per minute. */
      queriesPerMinute: number;
      retry: RetryPolicy;
    }
  | {
      kind: 'sheet';
      dryRun: boolean;
      queriesPerMinute: number;
      retry: RetryPolicy;
    }
);

export type EngineRequest = { type: 'run'; credentials: PeerCredentials };

export interface EngineResult {
  type: 'result';
  wallMs: number;
  /** Sheet read, validation, Directory read, plan, write (the first two 0 for creates). */
  timings: {
    sheetMs: number;
    validateMs: number;
    readMs: number;
    planMs: number;
    writeMs: number;
  };
  rows: { read: number; valid: number; invalid: number };
  /** Planned actions by kind: create, update, unchanged, … */
  planned: Record<string, number>;
  /** Outcomes by status: succeeded, failed, unchanged, planned, … */
  outcomes: Record<string, number>;
  /** The reasons of failed outcomes, each with how many had it (first five). */
  failures: Array<{ reason: string; count: number }>;
  /** Peak RSS of the engine's process (getrusage), and its RSS once loaded. */
  peakRssMb: number;
  rssBeforeMb: number;
}
