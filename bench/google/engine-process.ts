/**
 * The engine's side of one measured run, in a process of its own so that its peak RSS is
 * the engine's alone: `node engine-process.js '<EngineConfig as JSON>'`, then a `run`
 * message with the fakes' address and key (over IPC, never on the command line). Creates:
 * builds the records and runs upsertUsers through GoogleWorkspaceDirectory. Sheet: reads
 * the sheet with readGoogleSheet, validates its rows with checkItems (as CSV Parse &
 * Validate does with HR Source's rows), then upsertUsers. Sends back an EngineResult.
 */
import type { UserOutcome } from '../../src/apply/outcome';
import type { RetryPolicy } from '../../src/apply/retry';
import { upsertUsers } from '../../src/apply/upsert-users';
import { checkItems } from '../../src/check/check-items';
import { parseServiceAccountKey } from '../../src/google/service-account-key';
import { serviceAccountTokens } from '../../src/google/service-account-tokens';
import { nodeHttpClient } from '../../src/http/node-http-client';
import type { EmployeeRecord } from '../../src/record/fields';
import { readGoogleSheet } from '../../src/sources/google-sheets/read-google-sheet';
import { googleSheetsApi } from '../../src/sources/google-sheets/sheets-api';
import {
  GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
  GoogleWorkspaceDirectory,
  googleAdminApi,
} from '../../src/targets/google-workspace';
import { PRIMARY_EMAIL_TEMPLATE, recordOf } from './employees';
import { scaledTime } from './scaled-time';
import { runOnParentsMessage } from '../child-runs';
import type { EngineConfig, EngineRequest, EngineResult, PeerCredentials } from './protocol';

const config = JSON.parse(process.argv[2] ?? '{}') as EngineConfig;
const http = nodeHttpClient();
const time = scaledTime(config.timeScale);

function tokensOf(credentials: PeerCredentials) {
  return serviceAccountTokens(http, {
    key: parseServiceAccountKey(credentials.keyJson),
    subject: credentials.subject,
  });
}

/** As the User Upsert node builds it (nodes/shared/google-platform.ts), default settings. */
function directoryOf(
  credentials: PeerCredentials,
  options: { dryRun: boolean; queriesPerMinute: number },
): GoogleWorkspaceDirectory {
  const api = googleAdminApi(http, tokensOf(credentials), {
    rootUrl: credentials.rootUrl,
    now: time.now,
    sleep: time.sleep,
    write: !options.dryRun,
    queriesPerMinute: options.queriesPerMinute,
  });
  return new GoogleWorkspaceDirectory(api, {
    attributes: GOOGLE_WORKSPACE_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
    primaryEmailTemplate: PRIMARY_EMAIL_TEMPLATE,
  });
}

/** The sheet as HR Source reads it, then its rows as CSV Parse & Validate checks them. */
async function readAndValidate(credentials: PeerCredentials) {
  const started = performance.now();
  const sheets = googleSheetsApi(http, tokensOf(credentials), {
    rootUrl: credentials.rootUrl,
    now: time.now,
    sleep: time.sleep,
  });
  const { rows } = await readGoogleSheet(sheets, {
    spreadsheet: credentials.spreadsheetId,
    sheet: 'Employees',
  });
  const read = performance.now();
  const records: EmployeeRecord[] = [];
  const report = await checkItems(
    rows,
    { defaultCountry: 'NL' },
    {
      valid: (row) => {
        records.push(row.record);
      },
    },
  );
  return {
    records,
    sheetMs: read - started,
    validateMs: performance.now() - read,
    rows: { read: rows.length, valid: report.valid, invalid: report.invalid },
  };
}

async function run(config: EngineConfig, credentials: PeerCredentials): Promise<EngineResult> {
  const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
  const started = performance.now();
  const dryRun = config.kind === 'sheet' && config.dryRun;
  const input =
    config.kind === 'creates'
      ? {
          records: Array.from({ length: config.count }, (_, i) => recordOf(i + 1)),
          sheetMs: 0,
          validateMs: 0,
          rows: { read: 0, valid: config.count, invalid: 0 },
        }
      : await readAndValidate(credentials);
  const result = await upsertUsers({
    records: input.records,
    directory: directoryOf(credentials, { dryRun, queriesPerMinute: config.queriesPerMinute }),
    plan: {
      mappings: GOOGLE_WORKSPACE_DEFAULT_MAPPINGS,
      emptySourceValue: 'leave',
      matchByEmail: false,
      today: '2026-12-02',
      reactivate: { archivedBySync: new Set() },
    },
    dryRun,
    retry: config.retry satisfies RetryPolicy,
    sleep: time.sleep,
  });
  const wallMs = performance.now() - started;
  return {
    type: 'result',
    wallMs,
    timings: {
      sheetMs: input.sheetMs,
      validateMs: input.validateMs,
      ...result.timings,
    },
    rows: input.rows,
    planned: countBy(result.plan.actions, (action) => action.kind),
    outcomes: countBy(result.outcomes, (outcome) => outcome.status),
    failures: failuresOf(result.outcomes),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/** Failed outcomes grouped by reason, with the employee's ID taken out. */
function failuresOf(outcomes: readonly UserOutcome[]): EngineResult['failures'] {
  const groups = new Map<string, number>();
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') continue;
    const reason = (outcome.reason ?? '(no reason)').replace(/\bE\d{6}\b/g, 'E…').slice(0, 300);
    groups.set(reason, (groups.get(reason) ?? 0) + 1);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([reason, count]) => ({ reason, count }));
}

runOnParentsMessage((credentials: EngineRequest['credentials']) => run(config, credentials));
