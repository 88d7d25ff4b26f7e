/**
 * `npm run bench:n8n` (compiled by bench/n8n/tsconfig.json into .tmp/bench-n8n-build, as
 * the demo is): the full nightly pipeline in a real n8n (the package packed and
 * installed as a community package, `n8n execute` headless) against the real sshd and the
 * SCIM peer, with 10,000 and 100,000 employees of whom 1% changed since the last sync;
 * n8n's own start-up measured apart, and at 10,000 the same job built from n8n's own nodes
 * as the baseline, in the same run.
 *
 * Environment: BENCH_SIZES (default "10000,100000"), BENCH_SCIM_PAGE_SIZE (the server's
 * maximum page, default 200: what the pipeline's SCIM target asks for), BENCH_SCIM_BULK
 * (the server's Bulk maxOperations, default 0: no Bulk, one PATCH per user, as the baseline),
 * BENCH_N8N_MAX_OLD_SPACE_MB (cap n8n's V8 heap; default: node's own sizing),
 * BENCH_N8N_CONCURRENCY (User Upsert's Parallel Requests; default: the example's 4),
 * BENCH_N8N_SAVE_SUCCESS (`all`: save a successful run's data, n8n's default; see workflows.ts),
 * BENCH_N8N_MODE: `started` (default: an `n8n start` per measured run, each workflow run
 * through a Webhook trigger, see started.ts) or `execute` (one `n8n execute` per run, Manual
 * Trigger).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSshd, type SshdPeer } from '../../test/peers/sshd';
import { startScimServer, type ScimPeer } from '../../test/peers/scim-server';
import { isWriteCall, type RecordedCall } from '../../test/peers/http-peer';
import { createN8nInstance, type N8nInstance } from '../../test/e2e/n8n/n8n-instance';
import { packPackage } from '../../test/e2e/n8n/pack-package';
import { outputOf, runDataOf, runError } from '../../test/e2e/helpers/run-data';
import { csv, employees, scimUser, tonight, type Employee } from './employees';
import { executeMeasured, peakRssEnv, type Measured } from './measure';
import { speedUpScimPeer } from './scim-peer-speedups';
import { startN8n, type StartedN8n } from './started';
import { baseline, pipeline, trivial } from './workflows';
import { viaWebhook, type Workflow } from '../../test/e2e/helpers/workflows';
import { publishWorkflows } from '../../test/e2e/n8n/publish';
import { nightlyCredentials } from '../../test/peers/peer-credentials';

const SIZES = (process.env.BENCH_SIZES ?? '10000,100000').split(',').map(Number);
const BASELINE_SIZE = 10_000;
const PAGE_SIZE = Number(process.env.BENCH_SCIM_PAGE_SIZE ?? 200);
const BULK = Number(process.env.BENCH_SCIM_BULK ?? 0);
const N8N_HEAP_MB = Number(process.env.BENCH_N8N_MAX_OLD_SPACE_MB ?? 0) || undefined;
const MODE = process.env.BENCH_N8N_MODE ?? 'started';
if (MODE !== 'started' && MODE !== 'execute') {
  throw new Error(`BENCH_N8N_MODE must be "started" or "execute", not "${MODE}"`);
}
/** What the trivial workflow measures, by mode. */
const FIXED =
  MODE === 'started'
    ? 'fixed cost of a webhook run in a started n8n (Webhook -> No Operation)'
    : 'n8n start-up (Manual Trigger -> No Operation)';
const TRIVIAL_RUNS = 3;
const TARGET_RATIO = 10;
const TARGET_WALL_S = 60;
const TARGET_RSS_MB = 1536;

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const seconds = (ms: number) => `${fmt(ms / 1000, 2)} s`;
const megabytes = (mb: number | undefined) => (mb === undefined ? 'n/a' : `${fmt(mb)} MB`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
const log = (line: string) => console.log(`[bench:n8n ${seconds(Date.now() - started)}] ${line}`);
const started = Date.now();

interface Row {
  size: number;
  unchanged: Measured;
  pipeline: Measured;
  writes: Writes;
  baseline?: { run: Measured; writes: Writes } | { skipped: string };
}

interface Writes {
  made: number;
  failed: number;
  requests: number;
}

/** Writes per user, as the SCIM server saw them: a Bulk request counts its operations. */
function writesIn(calls: RecordedCall[]): Writes {
  const writes = { made: 0, failed: 0, requests: 0 };
  for (const call of calls.filter(isWriteCall)) {
    writes.requests += 1;
    if (call.path === '/Bulk') {
      // Each operation has its own status inside the response; the bench does not inject
      // failures, so a Bulk request that succeeded counts all its operations.
      const operations = (call.body as { Operations?: unknown[] } | undefined)?.Operations ?? [];
      if (call.status < 300) writes.made += operations.length;
      else writes.failed += operations.length;
      continue;
    }
    if (call.status >= 200 && call.status < 300) writes.made += 1;
    else writes.failed += 1;
  }
  return writes;
}

/** Every user in the store carries tonight's job title, and nothing was created or archived. */
function assertStoreMatches(scim: ScimPeer, file: readonly Employee[], what: string): void {
  const byId = new Map(scim.users().map((user) => [user.externalId, user]));
  const wrong = file.filter((e) => {
    const user = byId.get(e.id);
    return !user || user.title !== e.title || user.active === false;
  });
  if (wrong.length > 0 || byId.size !== file.length) {
    throw new Error(
      `${what}: the SCIM server does not hold tonight's file: ${wrong.length} users differ ` +
        `(first: ${wrong[0]?.id}), ${byId.size} users for ${file.length} rows`,
    );
  }
}

function assertSucceeded(run: Measured, what: string): void {
  const error = run.result === undefined ? { message: 'n8n printed no run' } : runError(run.result);
  if (run.exitCode !== 0 || error) {
    throw new Error(
      `${what} failed (exit ${run.exitCode}): ${error?.message ?? ''}\n` +
        `stdout (${fmt(run.stdoutMb, 1)} MB): ${run.stdoutEnds}\nstderr: ${run.stderrTail}`,
    );
  }
}

interface NodeTiming {
  node: string;
  start: number;
  ms: number;
  items: number;
  /** The node's share of the run's JSON as `n8n execute --rawOutput` prints it. */
  jsonMb: number;
}

/** Each node's own executionTime and output items, in the order the nodes ran. */
function nodeTimings(result: unknown): NodeTiming[] {
  const runData = runDataOf(result);
  return Object.entries(runData)
    .map(([node, runs]) => ({
      node,
      start: Math.min(...runs.map((r) => r.startTime ?? 0)),
      ms: runs.reduce((sum, r) => sum + (r.executionTime ?? 0), 0),
      items: runs.reduce(
        (sum, r) => sum + (r.data?.main ?? []).reduce((n, out) => n + (out?.length ?? 0), 0),
        0,
      ),
      jsonMb: Buffer.byteLength(JSON.stringify(runs, null, 2)) / 2 ** 20,
    }))
    .sort((a, b) => a.start - b.start);
}

function describeRun(label: string, run: Measured, startupMs: number): void {
  const timings = nodeTimings(run.result);
  if (timings.length === 0) {
    // A started n8n answers the webhook with the last node's first item, not the run.
    const rss = run.rssSamples.map((s) => s.rssKb);
    log(
      `${label}: wall ${seconds(run.ms)}, work ${seconds(run.ms - startupMs)}, peak RSS ` +
        `${megabytes(run.peakRssMb)} (${run.peakRssFrom}; RSS as the run began ` +
        `${megabytes(run.rssAtStartMb)}), RSS polled up to ` +
        `${rss.length ? megabytes(Math.max(...rss) / 1024) : '-'}, SCIM peer busy ` +
        `${seconds(run.peerBusyMs)}, response ${fmt(run.stdoutMb * 1024, 1)} KB`,
    );
    return;
  }
  const inNodes = timings.reduce((sum, t) => sum + t.ms, 0);
  log(
    `${label}: wall ${seconds(run.ms)}, work ${seconds(run.ms - startupMs)}, peak RSS ` +
      `${megabytes(run.peakRssMb)} (${run.peakRssFrom}), nodes ${seconds(inNodes)}, ` +
      `SCIM peer busy ${seconds(run.peerBusyMs)}, run JSON printed ${fmt(run.stdoutMb, 1)} MB`,
  );
  // The n8n process's RSS (polled) while each node ran, and after the last one: saving the
  // execution and printing the run's JSON.
  const rssBetween = (from: number, to: number) => {
    const within = run.rssSamples.filter((s) => s.at >= from && s.at <= to).map((s) => s.rssKb);
    return within.length ? megabytes(Math.max(...within) / 1024) : '-';
  };
  for (const t of timings) {
    log(
      `    ${t.node.padEnd(24)} ${seconds(t.ms).padStart(9)}  ${fmt(t.items).padStart(7)} items` +
        `  ${fmt(t.jsonMb, 1).padStart(6)} MB of the run's JSON` +
        `  RSS up to ${rssBetween(t.start, t.start + t.ms)}`,
    );
  }
  const lastEnd = Math.max(...timings.map((t) => t.start + t.ms));
  const firstStart = Math.min(...timings.map((t) => t.start));
  log(
    `    before the first node (start-up): RSS up to ${rssBetween(0, firstStart)}; ` +
      `after the last node (saving the execution, printing the run): ` +
      `${seconds((run.rssSamples.at(-1)?.at ?? lastEnd) - lastEnd)}, RSS up to ${rssBetween(lastEnd, Infinity)}`,
  );
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'hr-sync-bench-n8n-'));
  const rssDir = join(scratch, 'rss');
  await mkdir(rssDir);
  let sshd: SshdPeer | undefined;
  let scim: ScimPeer | undefined;
  let n8n: N8nInstance | undefined;
  let startedN8n: StartedN8n | undefined;
  try {
    log('starting sshd and the SCIM peer; packing the package');
    [sshd, scim] = await Promise.all([
      startSshd({ passwordAuth: true }),
      startScimServer({ bulkMaxOperations: BULK, pageSizeMax: PAGE_SIZE }),
    ]);
    speedUpScimPeer();
    const packageTgz = await packPackage();
    log('creating the n8n instance (installs the packed package as a community package)');
    const n8nEnv = peakRssEnv(rssDir, N8N_HEAP_MB);
    n8n = await createN8nInstance({ packageTgz, env: n8nEnv });
    await n8n.importCredentials([
      {
        id: 'benchBaselineSftp',
        name: 'Baseline SFTP',
        type: 'sftp',
        data: {
          host: sshd.host,
          port: sshd.port,
          username: sshd.username,
          password: sshd.password,
        },
      },
      ...nightlyCredentials(sshd, scim),
    ]);

    // Every workflow is imported up front: a started n8n activates them only as it starts.
    const startupWorkflow = trivial('benchTrivial');
    const pipelines = new Map(
      SIZES.map((size) => [size, pipeline(`benchPipeline${size}`, `bench/${size}`)]),
    );
    const baselineRemotePath = `baseline/employees-${BASELINE_SIZE}.csv`;
    const baselineWorkflow = baseline(
      `benchBaseline${BASELINE_SIZE}`,
      baselineRemotePath,
      scim,
      PAGE_SIZE,
    );
    const all = [startupWorkflow, ...pipelines.values(), baselineWorkflow];
    const webhookPath = (workflow: Workflow) => `bench-${workflow.id}`;
    let runWorkflow: (workflow: Workflow) => Promise<Measured>;
    if (MODE === 'started') {
      for (const workflow of all)
        await n8n.importWorkflow(viaWebhook(workflow, webhookPath(workflow)));
      await publishWorkflows(
        n8n,
        all.map((w) => w.id),
        n8nEnv,
      );
      log('starting n8n (`n8n start`), the workflows published with Webhook triggers');
      const t0 = Date.now();
      startedN8n = await startN8n(n8n, n8nEnv);
      log(
        `n8n started (pid ${startedN8n.pid}): /healthz/readiness 200 after ${seconds(Date.now() - t0)}`,
      );
      const trivialPath = webhookPath(startupWorkflow);
      // The trivial runs share the first n8n; every other run gets an n8n of its own, started
      // and warmed by one trivial run, so its peak RSS is its own and not what an earlier,
      // bigger run left in V8's heap (at 100,000 that was 250-600 MB).
      let first = true;
      runWorkflow = async (workflow) => {
        if (workflow === startupWorkflow) return startedN8n!.run(trivialPath);
        if (!first) {
          await startedN8n?.stop();
          startedN8n = undefined;
          startedN8n = await startN8n(n8n!, n8nEnv);
          await startedN8n.run(trivialPath);
        }
        first = false;
        return startedN8n!.run(webhookPath(workflow));
      };
    } else {
      for (const workflow of all) await n8n.importWorkflow(workflow);
      runWorkflow = (workflow) => executeMeasured(n8n!, workflow.id, rssDir);
    }

    await runWorkflow(startupWorkflow); // warm the disk cache (and wait for activation)
    const startups: Measured[] = [];
    for (let i = 0; i < TRIVIAL_RUNS; i++) {
      const run = await runWorkflow(startupWorkflow);
      assertSucceeded(run, 'the start-up workflow');
      startups.push(run);
    }
    const startupMs = median(startups.map((r) => r.ms));
    const startupRss = median(startups.map((r) => r.peakRssMb ?? 0));
    log(
      `${FIXED}: ${startups.map((r) => seconds(r.ms)).join(', ')}; ` +
        `median ${seconds(startupMs)}, peak RSS ${megabytes(startupRss)}`,
    );

    const rows: Row[] = [];
    for (const size of SIZES) {
      const all = employees(size);
      const { file, changed } = tonight(all);
      const seed = () => {
        scim!.reset();
        scim!.seed(all.map(scimUser));
      };
      seed();
      const folder = `bench/${size}`;
      const workflow = pipelines.get(size)!;

      log(`${fmt(size)}: an unchanged file first (must write nothing: checks the seeded shape)`);
      await sshd.put(`${folder}/employees.csv`, csv(all));
      let from = scim.calls.length;
      const unchanged = await runWorkflow(workflow);
      assertSucceeded(unchanged, `the pipeline on an unchanged file of ${size}`);
      const unchangedWrites = writesIn(scim.calls.slice(from));
      if (unchangedWrites.requests > 0) {
        const upsert = MODE === 'execute' ? outputOf(unchanged.result, 'User Upsert') : [];
        const first =
          upsert.find((item) => item.json.action !== 'unchanged')?.json ??
          '(not known in started mode)';
        throw new Error(
          `an unchanged file made ${unchangedWrites.requests} write requests: the seeded users ` +
            `are not shaped as the pipeline writes them. First planned change: ${JSON.stringify(first)}`,
        );
      }
      describeRun(`${fmt(size)} unchanged`, unchanged, startupMs);

      log(`${fmt(size)}: tonight's file, ${fmt(changed.size)} job titles changed`);
      await sshd.put(`${folder}/employees.csv`, csv(file));
      from = scim.calls.length;
      const run = await runWorkflow(workflow);
      assertSucceeded(run, `the pipeline at ${size}`);
      const writes = writesIn(scim.calls.slice(from));
      assertStoreMatches(scim, file, `the pipeline at ${size}`);
      describeRun(`${fmt(size)} pipeline`, run, startupMs);
      const row: Row = { size, unchanged, pipeline: run, writes };

      if (size === BASELINE_SIZE) {
        log(`${fmt(size)}: the baseline from n8n's own nodes on the same seeded users and file`);
        seed();
        await sshd.put(baselineRemotePath, csv(file));
        from = scim.calls.length;
        const baseRun = await runWorkflow(baselineWorkflow);
        assertSucceeded(baseRun, `the baseline at ${size}`);
        const baseWrites = writesIn(scim.calls.slice(from));
        assertStoreMatches(scim, file, `the baseline at ${size}`);
        describeRun(`${fmt(size)} baseline`, baseRun, startupMs);
        row.baseline = { run: baseRun, writes: baseWrites };
      } else {
        row.baseline = {
          skipped:
            'skipped: Compare Datasets matches every row against every user (O(N x M)); ' +
            'per /work/shared/N8N.md it does not finish within 15 minutes at 100,000',
        };
      }
      rows.push(row);
    }
    printTable(rows, startupMs, startupRss, n8n.version);
  } finally {
    await startedN8n?.stop().catch(() => undefined);
    await Promise.allSettled([n8n?.remove(), sshd?.stop(), scim?.close()]);
    await rm(scratch, { recursive: true, force: true });
  }
  log(`done in ${seconds(Date.now() - started)}`);
}

function printTable(rows: Row[], startupMs: number, startupRss: number, version: string): void {
  const lines: string[] = [];
  lines.push('');
  lines.push(
    `n8n ${version} (mode ${MODE}: ${MODE === 'started' ? 'an `n8n start` of its own per measured run, each run a POST to its Webhook trigger' : 'one `n8n execute` per run'}), ${cpus().length} cores; SCIM peer: pages of ${PAGE_SIZE}, ` +
      `${BULK > 0 ? `Bulk up to ${BULK} operations` : 'no Bulk (one PATCH per user)'}; 1% of employees changed (job title)` +
      (N8N_HEAP_MB ? `; n8n run with --max-old-space-size=${N8N_HEAP_MB}` : ''),
  );
  lines.push(
    `${FIXED}, median of ${TRIVIAL_RUNS}: ${seconds(startupMs)}, ` +
      `peak RSS ${megabytes(startupRss)}; work time = wall time - that`,
  );
  lines.push('');
  const header = [
    'size',
    'pipeline wall',
    'work time',
    'peak RSS',
    'writes',
    'baseline work time',
    'ratio',
  ];
  const table: string[][] = [header];
  for (const row of rows) {
    const work = row.pipeline.ms - startupMs;
    const base = row.baseline && 'run' in row.baseline ? row.baseline : undefined;
    const baseWork = base ? base.run.ms - startupMs : undefined;
    table.push([
      fmt(row.size),
      seconds(row.pipeline.ms),
      seconds(work),
      megabytes(row.pipeline.peakRssMb),
      `${fmt(row.writes.made)}${row.writes.failed ? ` (+${row.writes.failed} failed)` : ''}`,
      baseWork === undefined
        ? 'skipped'
        : `${seconds(baseWork)} (wall ${seconds(base!.run.ms)}, ${fmt(base!.writes.made)} writes)`,
      baseWork === undefined ? '-' : `${fmt(baseWork / work, 1)}x`,
    ]);
  }
  const widths = header.map((_, c) => Math.max(...table.map((r) => r[c]!.length)));
  for (const r of table) lines.push(r.map((cell, c) => cell.padEnd(widths[c]!)).join('  '));
  for (const row of rows) {
    if (row.baseline && 'skipped' in row.baseline)
      lines.push(`baseline at ${fmt(row.size)}: ${row.baseline.skipped}`);
  }
  lines.push('');
  lines.push('targets:');
  const atBase = rows.find((r) => r.size === BASELINE_SIZE);
  if (atBase?.baseline && 'run' in atBase.baseline) {
    const ratio = (atBase.baseline.run.ms - startupMs) / (atBase.pipeline.ms - startupMs);
    lines.push(
      `  at least ${TARGET_RATIO}x less work time than the built-in pipeline at 10,000: ` +
        `${fmt(ratio, 1)}x: ${ratio >= TARGET_RATIO ? 'met' : 'NOT MET'}`,
    );
  }
  const big = rows.find((r) => r.size === 100_000);
  if (big) {
    const wall = big.pipeline.ms / 1000;
    const rss = big.pipeline.peakRssMb ?? Infinity;
    lines.push(
      `  100,000 with 1% changed within ${TARGET_WALL_S} s wall time: ${fmt(wall, 2)} s: ` +
        `${wall <= TARGET_WALL_S ? 'met' : 'NOT MET'}`,
    );
    lines.push(
      `  100,000 under 1.5 GB peak RSS: ${megabytes(big.pipeline.peakRssMb)}: ` +
        `${rss < TARGET_RSS_MB ? 'met' : 'NOT MET'}`,
    );
  }
  for (const row of rows) {
    const expected = Math.round(row.size / 100);
    lines.push(
      `  writes at ${fmt(row.size)} equal 1% of N (${fmt(expected)}): ${fmt(row.writes.made)}: ` +
        `${row.writes.made === expected && row.writes.failed === 0 ? 'yes' : 'NO'}`,
    );
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
