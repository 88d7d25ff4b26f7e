/**
 * `npm run bench:graph [-- --scale N] [-- --users N]`: the Entra ID target against a fake
 * Microsoft Graph that enforces Entra's write limit, each run in its own pair of processes
 * (see child-runs.ts).
 *
 * 1. 10,000 creates, paced by the client (GraphClient's WritePacer), against the baseline of
 *    the same creates with pacing off: the fake throttles and the apply stage's retries,
 *    honouring Retry-After, do the work.
 * 2. 100,000 users read and diffed with 1% changed: the real run (1,000 PATCHes) split into
 *    read, plan and write with the engine's peak RSS, against dry runs (read and plan only),
 *    with and without the managers expanded.
 *
 * `--scale N` is a miniature of the same runs, for a quick check: the limit's window, its
 * writes and the creates are divided by N (scale 10: 1,000 creates, 300 writes per 15 s, the
 * same 20 writes/s and the same number of windows), and so are the retry policy's times
 * and the users of part 2 (`--users` sets them). The default is the documented limit, 3,000
 * writes per 150 s. Part 2 always runs at the documented limit: its writes fit in one window.
 */
import { DEFAULT_RETRY, type RetryPolicy } from '../../src/apply/retry';
import { ENTRA_WRITE_LIMIT, type WriteLimit } from '../../src/graph/write-pacer';
import { describeCounts, fmt, option, seconds, verdict } from '../bench-format';
import { measure, type Measured } from './child-runs';
import { isChanged } from './employees';

const CREATES = 10_000;
const USERS = 100_000;
/** The target: the paced run writes at least this share of the limit's rate. */
const MIN_SHARE_OF_LIMIT = 0.9;
/** "Pacing off": a limit the pacer never reaches. Retry-After still holds writes back. */
const UNPACED: WriteLimit = { writes: 1_000_000_000, perMs: 1 };

const perSecond = (limit: WriteLimit) => limit.writes / (limit.perMs / 1000);

function scaledRetry(scale: number): RetryPolicy {
  return {
    maxAttempts: DEFAULT_RETRY.maxAttempts,
    baseDelayMs: DEFAULT_RETRY.baseDelayMs / scale,
    maxDelayMs: DEFAULT_RETRY.maxDelayMs / scale,
    maxRetryAfterMs: DEFAULT_RETRY.maxRetryAfterMs / scale,
  };
}

async function creates(scale: number): Promise<void> {
  const count = Math.round(CREATES / scale);
  const limit: WriteLimit = {
    writes: Math.round(ENTRA_WRITE_LIMIT.writes / scale),
    perMs: ENTRA_WRITE_LIMIT.perMs / scale,
  };
  const retry = scaledRetry(scale);
  const rate = perSecond(limit);
  console.log(
    `\n${fmt(count)} creates into the fake Graph enforcing ${fmt(limit.writes)} writes per ${seconds(limit.perMs)} (${fmt(rate, 1)} writes/s), ` +
      `retry policy ${retry.maxAttempts} tries, Retry-After waited up to ${seconds(retry.maxRetryAfterMs)}:`,
  );
  // The node's policy waits out a Retry-After of up to 120 s; a 429 right after a full
  // window says nearly 150. The third run waits out any, to show what retries alone reach.
  const patient: RetryPolicy = { ...retry, maxRetryAfterMs: limit.perMs + 30_000 / scale };
  const runs: Array<[string, WriteLimit, RetryPolicy]> = [
    ['paced (the client keeps to the limit)', limit, retry],
    ['baseline: pacing off, retries', UNPACED, retry],
    [`pacing off, Retry-After up to ${seconds(patient.maxRetryAfterMs)}`, UNPACED, patient],
  ];
  const results: Measured[] = [];
  for (const [label, writeLimit, policy] of runs) {
    const result = await measure(
      { writeLimit: limit, seedUsers: 0 },
      { count, changed: false, dryRun: false, linkManagers: false, writeLimit, retry: policy },
      false,
    );
    results.push(result);
    printCreates(label, result, rate);
  }
  const paced = results[0]!;
  const achieved = writeRate(paced);
  const exact = exactCreates(paced, count);
  console.log(
    `  targets: paced write rate at least ${fmt(MIN_SHARE_OF_LIMIT * 100)}% of ${fmt(rate, 1)} writes/s: ${fmt(achieved, 1)} writes/s (${fmt((achieved / rate) * 100)}%), ${verdict(achieved >= MIN_SHARE_OF_LIMIT * rate)}; ` +
      `writes == changes exactly (${fmt(count)} creates, no user lost, none created twice): ${verdict(exact)}; ` +
      `no write throttled when paced: ${fmt(paced.peer.writesThrottled)} answered 429, ${verdict(paced.peer.writesThrottled === 0)}`,
  );
}

function writeRate({ engine, peer }: Measured): number {
  return peer.writesAccepted / (engine.wallMs / 1000);
}

function exactCreates({ engine, peer }: Measured, count: number): boolean {
  return (
    engine.planned.create === count &&
    peer.writesAccepted === count &&
    peer.acceptedByKind['POST /users'] === count &&
    peer.users === count &&
    peer.missing === 0 &&
    peer.twice === 0
  );
}

function printCreates(label: string, result: Measured, rate: number): void {
  const { engine, peer } = result;
  const achieved = writeRate(result);
  console.log(
    `  ${label.padEnd(38)} ${seconds(engine.wallMs).padStart(8)}, ${fmt(achieved, 1)} writes/s (${fmt((achieved / rate) * 100)}% of the limit), ` +
      `${fmt(peer.writesAccepted)} writes for ${fmt(engine.planned.create ?? 0)} creates, ${fmt(peer.writesThrottled)} answered 429` +
      (peer.writesRefused > 0 ? `, ${fmt(peer.writesRefused)} refused otherwise` : '') +
      `; users in the fake ${fmt(peer.users)}, ${fmt(peer.missing)} lost, ${fmt(peer.twice)} created twice; ` +
      `outcomes ${describeCounts(engine.outcomes)}; engine peak RSS ${fmt(engine.peakRssMb)} MB`,
  );
  for (const failure of engine.failures) {
    const waits = failure.retryAfterSeconds
      ? ` (told to wait ${fmt(failure.retryAfterSeconds[0])}-${fmt(failure.retryAfterSeconds[1])} s)`
      : '';
    console.log(`      ${fmt(failure.count)} failed${waits}: ${failure.reason}`);
  }
}

async function readAndDiff(users: number): Promise<void> {
  const changed = Array.from({ length: users }, (_, i) => isChanged(i + 1)).filter(Boolean).length;
  console.log(
    `\n${fmt(users)} users read and diffed, ${fmt(changed)} changed (job title), at the documented limit; ` +
      `peak RSS of the engine's process (the fake Graph runs in another):`,
  );
  const runs: Array<[string, { dryRun: boolean; linkManagers: boolean }]> = [
    ['real run, managers linked (node default)', { dryRun: false, linkManagers: true }],
    ['baseline: dry run, managers linked', { dryRun: true, linkManagers: true }],
    ['dry run, managers not linked', { dryRun: true, linkManagers: false }],
  ];
  const results: Measured[] = [];
  for (const [label, settings] of runs) {
    const result = await measure(
      { writeLimit: ENTRA_WRITE_LIMIT, seedUsers: users },
      {
        count: users,
        changed: true,
        ...settings,
        writeLimit: ENTRA_WRITE_LIMIT,
        retry: DEFAULT_RETRY,
      },
      !settings.dryRun,
    );
    results.push(result);
    printDiff(label, result, settings.dryRun);
  }
  const [real, dry] = results as [Measured, Measured, Measured];
  const share = real.engine.timings.writeMs / real.engine.wallMs;
  console.log(
    `  the write stage is ${fmt(share * 100)}% of the real run; the real run takes ${fmt(real.engine.wallMs / dry.engine.wallMs, 2)}x the dry run`,
  );
  const exact =
    real.engine.planned.update === changed &&
    real.peer.writesAccepted === changed &&
    real.peer.acceptedByKind['PATCH /users/{id}'] === changed &&
    real.peer.retitled === changed &&
    real.peer.retitledWrongly === 0 &&
    dry.peer.writesAccepted === 0;
  console.log(
    `  targets: writes == changes exactly (${fmt(changed)} PATCHes for ${fmt(changed)} changed users, each retitled in the fake, none other; the dry run writes nothing): ${verdict(exact)}`,
  );
}

function printDiff(label: string, { engine, peer }: Measured, dryRun: boolean): void {
  const { readMs, planMs, writeMs } = engine.timings;
  const expanded = peer.pageReadsExpanded > 0 ? ', $expand=manager' : '';
  const write = dryRun
    ? ', no writes'
    : `, write ${seconds(writeMs)} (${fmt(peer.writesAccepted)} writes, ${fmt(peer.writesThrottled)} answered 429)`;
  console.log(
    `  ${label.padEnd(42)} ${seconds(engine.wallMs).padStart(7)}: read ${seconds(readMs)} (${fmt(peer.pageReads)} pages${expanded}), plan ${seconds(planMs)}${write}; ` +
      `planned ${describeCounts(engine.planned)}; peak RSS ${fmt(engine.peakRssMb)} MB (${fmt(engine.rssBeforeMb)} MB before the read, records built; the fake's process: ${fmt(peer.peakRssMb)} MB)`,
  );
}

async function main(): Promise<void> {
  const scale = option('scale', 1);
  const users = option('users', Math.round(USERS / scale));
  console.log(
    scale === 1
      ? `npm run bench:graph at the documented limit (scale 1): ${fmt(ENTRA_WRITE_LIMIT.writes)} writes per ${seconds(ENTRA_WRITE_LIMIT.perMs)}`
      : `npm run bench:graph at scale ${fmt(scale)}: the write limit's window and writes, the creates, the retry policy's times and the users divided by ${fmt(scale)} (the documented limit is ${fmt(ENTRA_WRITE_LIMIT.writes)} writes per ${seconds(ENTRA_WRITE_LIMIT.perMs)})`,
  );
  await creates(scale);
  await readAndDiff(users);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
