/**
 * `npm run bench:google [-- --scale N] [-- --users N]`: the Google Sheets source and the
 * Google Workspace target against the fake Google (test/peers/google), each run in its own
 * pair of processes (see child-runs.ts).
 *
 * 1. 10,000 creates, paced by the client (googleAdminApi's queries per minute), against a
 *    fake Directory enforcing the same quota (403 userRateLimitExceeded beyond it), against
 *    the baseline of the same creates with pacing off: the fake throttles and the apply
 *    stage's retries (GOOGLE_RETRY, as the node sets them) do the work.
 * 2. A 100,000-row sheet read (readGoogleSheet), validated (checkItems, as CSV Parse &
 *    Validate checks HR Source's rows) and diffed with 1% changed against a Directory
 *    holding the 100,000 users: the real run (1,000 PATCHes) split into sheet read,
 *    validation, Directory read, plan and write, with the engine's peak RSS, against a dry
 *    run.
 *
 * The default is the documented quota, 2,400 queries per minute
 * (https://developers.google.com/workspace/admin/directory/v1/limits). `--scale N` is a
 * miniature of the same runs, for a quick check: a minute lasts 60/N s (see
 * scaled-time.ts: the pacer, the fakes' quotas and the retries' waits alike), and the
 * Directory quota, the creates and the users are divided by N, so the rate per real second
 * and the number of minutes stay the same. The Sheets quota stays 60 reads a minute: the
 * sheet, N times shorter, needs N times fewer reads.
 */
import { GOOGLE_RETRY } from '../../src/google/google-api';
import { describeCounts, fmt, option, seconds, verdict } from '../bench-format';
import { measure, type Measured } from './child-runs';
import { isChanged } from './employees';
import type { EngineResult } from './protocol';

const CREATES = 10_000;
const USERS = 100_000;
/** The Directory API's queries per minute per user, and the Sheets API's reads. */
const DIRECTORY_QUOTA = 2400;
const SHEETS_QUOTA = 60;
/** The target: the paced run sends at least this share of the quota. */
const MIN_SHARE_OF_QUOTA = 0.9;
/** "Pacing off": a quota the client's pacer never reaches. */
const UNPACED = 1_000_000_000;

/** Accepted Directory queries per minute of the run, in the (scaled) minutes the quota counts. */
function queryRate({ engine, peer }: Measured, scale: number): number {
  return peer.accepted / ((engine.wallMs * scale) / 60_000);
}

async function creates(scale: number): Promise<void> {
  const count = Math.round(CREATES / scale);
  const quota = Math.round(DIRECTORY_QUOTA / scale);
  console.log(
    `\n${fmt(count)} creates into the fake Directory enforcing ${fmt(quota)} queries per minute (403 userRateLimitExceeded beyond), ` +
      `apply retries ${GOOGLE_RETRY.maxAttempts} tries, backoff ${seconds(GOOGLE_RETRY.baseDelayMs / scale)} to ${seconds(GOOGLE_RETRY.maxDelayMs / scale)} with jitter, concurrency 4:`,
  );
  const runs: Array<[string, number]> = [
    ['paced (the client keeps to the quota)', quota],
    ['baseline: pacing off, retries', UNPACED],
  ];
  const results: Measured[] = [];
  for (const [label, queriesPerMinute] of runs) {
    const result = await measure(
      {
        queriesPerMinute: quota,
        sheetsReadsPerMinute: SHEETS_QUOTA,
        seedUsers: 0,
        sheetRows: 0,
        timeScale: scale,
      },
      { kind: 'creates', count, queriesPerMinute, retry: GOOGLE_RETRY, timeScale: scale },
      { users: count, retitled: false },
    );
    results.push(result);
    printCreates(label, result, quota, scale);
  }
  const paced = results[0]!;
  const achieved = queryRate(paced, scale);
  const exact = exactCreates(paced, count);
  console.log(
    `  targets: paced rate at least ${fmt(MIN_SHARE_OF_QUOTA * 100)}% of ${fmt(quota)} queries/min: ${fmt(achieved)} queries/min (${fmt((achieved / quota) * 100)}%), ${verdict(achieved >= MIN_SHARE_OF_QUOTA * quota)}; ` +
      `0 lost: ${fmt(paced.peer.missing)} lost, ${verdict(paced.peer.missing === 0)}; ` +
      `writes == changes exactly (${fmt(count)} creates accepted for ${fmt(count)} planned, none created twice, no write refused): ${verdict(exact)}; ` +
      `throttles received when paced: ${fmt(paced.peer.throttled)} (baseline: ${fmt(results[1]!.peer.throttled)})`,
  );
}

function exactCreates({ engine, peer }: Measured, count: number): boolean {
  return (
    engine.planned.create === count &&
    peer.acceptedByKind['POST /users'] === count &&
    peer.refused === 0 &&
    peer.users === count &&
    peer.missing === 0 &&
    peer.twice === 0
  );
}

function printCreates(label: string, result: Measured, quota: number, scale: number): void {
  const { engine, peer } = result;
  const achieved = queryRate(result, scale);
  console.log(
    `  ${label.padEnd(38)} ${seconds(engine.wallMs).padStart(8)}, ${fmt(achieved)} queries/min (${fmt((achieved / quota) * 100)}% of the quota; busiest minute at the fake ${fmt(peer.busiestMinute)}), ` +
      `${fmt(peer.acceptedByKind['POST /users'] ?? 0)} creates accepted for ${fmt(engine.planned.create ?? 0)} planned, ${fmt(peer.throttled)} answered 403/429` +
      (peer.refused > 0 ? `, ${fmt(peer.refused)} refused otherwise` : '') +
      `; users in the fake ${fmt(peer.users)}, ${fmt(peer.missing)} missing, ${fmt(peer.twice)} created twice; ` +
      `outcomes ${describeCounts(engine.outcomes)}; engine peak RSS ${fmt(engine.peakRssMb)} MB`,
  );
  printFailures(engine);
}

function printFailures(engine: EngineResult): void {
  for (const failure of engine.failures)
    console.log(`      ${fmt(failure.count)} failed: ${failure.reason}`);
}

async function readAndDiff(users: number, scale: number): Promise<void> {
  const changed = Array.from({ length: users }, (_, i) => isChanged(i + 1)).filter(Boolean).length;
  const quota = Math.round(DIRECTORY_QUOTA / scale);
  console.log(
    `\nA ${fmt(users)}-row sheet read, validated and diffed against ${fmt(users)} Workspace users, ${fmt(changed)} changed (job title), ` +
      `at ${fmt(quota)} Directory queries and ${fmt(SHEETS_QUOTA)} Sheets reads per minute; ` +
      `peak RSS of the engine's process (the fakes run in another):`,
  );
  const runs: Array<[string, boolean]> = [
    ['real run', false],
    ['baseline: dry run', true],
  ];
  const results: Measured[] = [];
  for (const [label, dryRun] of runs) {
    const result = await measure(
      {
        queriesPerMinute: quota,
        sheetsReadsPerMinute: SHEETS_QUOTA,
        seedUsers: users,
        sheetRows: users,
        timeScale: scale,
      },
      { kind: 'sheet', dryRun, queriesPerMinute: quota, retry: GOOGLE_RETRY, timeScale: scale },
      { users, retitled: !dryRun },
    );
    results.push(result);
    printDiff(label, result, dryRun);
  }
  const [real, dry] = results as [Measured, Measured];
  console.log(
    `  the write stage is ${fmt((real.engine.timings.writeMs / real.engine.wallMs) * 100)}% of the real run; the real run takes ${fmt(real.engine.wallMs / dry.engine.wallMs, 2)}x the dry run`,
  );
  const valid = results.every(
    ({ engine }) => engine.rows.read === users && engine.rows.valid === users,
  );
  const exact =
    real.engine.planned.update === changed &&
    real.engine.planned.unchanged === users - changed &&
    real.peer.acceptedByKind['PATCH /users/{id}'] === changed &&
    (real.peer.acceptedByKind['POST /users'] ?? 0) === 0 &&
    real.peer.retitled === changed &&
    real.peer.retitledWrongly === 0 &&
    real.peer.missing === 0 &&
    dry.peer.retitled === 0 &&
    Object.keys(dry.peer.acceptedByKind).every((kind) => kind.startsWith('GET '));
  console.log(
    `  targets: every row read and valid (${fmt(users)} rows): ${verdict(valid)}; ` +
      `writes == changes exactly (${fmt(changed)} PATCHes for ${fmt(changed)} changed users, each retitled in the fake, none other, nobody lost; the dry run writes nothing): ${verdict(exact)}`,
  );
}

function printDiff(label: string, { engine, peer }: Measured, dryRun: boolean): void {
  const { sheetMs, validateMs, readMs, planMs, writeMs } = engine.timings;
  const pages = peer.acceptedByKind['GET /users'] ?? 0;
  const write = dryRun
    ? ', no writes'
    : `, write ${seconds(writeMs)} (${fmt(peer.acceptedByKind['PATCH /users/{id}'] ?? 0)} PATCHes, ${fmt(peer.throttled)} answered 403/429)`;
  console.log(
    `  ${label.padEnd(18)} ${seconds(engine.wallMs).padStart(7)}: sheet read ${seconds(sheetMs)} (${fmt(peer.sheetsCalls)} Sheets calls, ${fmt(peer.sheetsThrottled)} answered 429), ` +
      `validate ${seconds(validateMs)} (${fmt(engine.rows.valid)} valid, ${fmt(engine.rows.invalid)} invalid), ` +
      `plan ${seconds(readMs + planMs)} (Directory read ${seconds(readMs)} in ${fmt(pages)} pages, diff ${seconds(planMs)})${write}; ` +
      `planned ${describeCounts(engine.planned)}; peak RSS ${fmt(engine.peakRssMb)} MB (${fmt(engine.rssBeforeMb)} MB at the start; the fakes' process: ${fmt(peer.peakRssMb)} MB)`,
  );
  printFailures(engine);
}

async function main(): Promise<void> {
  const scale = option('scale', 1);
  const users = option('users', Math.round(USERS / scale));
  console.log(
    scale === 1
      ? `npm run bench:google at the documented quota (scale 1): ${fmt(DIRECTORY_QUOTA)} Directory queries and ${fmt(SHEETS_QUOTA)} Sheets reads per minute per user`
      : `npm run bench:google at scale ${fmt(scale)}: a minute lasts ${fmt(60 / scale, 1)} s (pacer, fakes' quotas, retry waits), and the Directory quota, the creates and the users are divided by ${fmt(scale)} (the documented quota is ${fmt(DIRECTORY_QUOTA)} queries per minute)`,
  );
  await creates(scale);
  await readAndDiff(users, scale);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
