/**
 * `npm run bench:hr` (compiled by bench/hr/tsconfig.json into .tmp/bench-hr-build): N
 * employees read from each HR fake (BambooHR's employee dataset in pages of 500, Personio's
 * v2 persons in pages of 50 and one employments request per person, HiBob's unpaged people
 * search), validated and diffed in a real n8n (`n8n execute`, the package installed as a
 * community package) against the SCIM peer already holding all of them, 1% changed in HR.
 *
 * For each system: one run with nothing changed (it must write nothing: that checks the
 * seeded platform's shape), then tonight's run (the writes must equal the changed), then the
 * baseline on the same seeded platform: the rows HR Source handed on, served as one JSON
 * array and read by n8n's own HTTP Request node, then the same CSV Parse & Validate and
 * User Upsert. The source node's time (its executionTime in the run data) is compared with
 * the fake's own time serving it (see ServingMeter in test/peers/hr/hr-people.ts): the wall
 * time during which the fake had one of the reader's requests in hand, from its arrival to
 * the answer's last byte; target at most 2x, that is the reader's own time (n8n's HTTP
 * helper, parsing, mapping, the items) at most the fake's. For the readers that page one
 * request after the other that is the sum of the requests' times; for Personio's fan-out
 * (4 employment requests in flight) the log also gives what a client costing nothing
 * would have needed at that concurrency (each route's summed time / its most in flight).
 *
 * Environment: BENCH_HR_SIZE (default 100000), BENCH_HR_SYSTEMS (default
 * "bamboohr,personio,hibob"), BENCH_N8N_MAX_OLD_SPACE_MB (cap n8n's V8 heap).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { startBambooHr } from '../../test/peers/hr/bamboohr-server';
import { startPersonio } from '../../test/peers/hr/personio-server';
import { startHiBob } from '../../test/peers/hr/hibob-server';
import {
  ServingMeter,
  type HrPeerControls,
  type ServingStats,
} from '../../test/peers/hr/hr-people';
import { listenOnLoopback, isWriteCall } from '../../test/peers/http-peer';
import { startScimServer, type ScimPeer } from '../../test/peers/scim-server';
import { createN8nInstance, type N8nInstance } from '../../test/e2e/n8n/n8n-instance';
import { packPackage } from '../../test/e2e/n8n/pack-package';
import { outputOf, runDataOf, runError } from '../../test/e2e/helpers/run-data';
import { executeMeasured, peakRssEnv, type Measured } from '../n8n/measure';
import { speedUpScimPeer } from '../n8n/scim-peer-speedups';
import { fmt } from '../bench-format';
import { changeTonight, externalIdFor, hrPeople, scimUser, type HrSystem } from './people';
import {
  BASELINE_NODE,
  CREDENTIALS,
  SOURCE_NODE,
  UPSERT_NODE,
  VALIDATE_NODE,
  baseline,
  hrPipeline,
  trivial,
} from './workflows';

const SIZE = Number(process.env.BENCH_HR_SIZE ?? 100_000);
const SYSTEMS = (process.env.BENCH_HR_SYSTEMS ?? 'bamboohr,personio,hibob')
  .split(',')
  .map((name) => name.trim()) as HrSystem[];
const N8N_HEAP_MB = Number(process.env.BENCH_N8N_MAX_OLD_SPACE_MB ?? 0) || undefined;
const SCIM_PAGE_SIZE = 200;
const TARGET_RATIO = 2;
const TRIVIAL_RUNS = 3;
const LABEL: Record<HrSystem, string> = {
  bamboohr: 'BambooHR',
  personio: 'Personio',
  hibob: 'HiBob',
};

for (const system of SYSTEMS) {
  if (!(system in LABEL)) throw new Error(`BENCH_HR_SYSTEMS: unknown system "${system}"`);
}
if (!Number.isInteger(SIZE) || SIZE < 100) throw new Error('BENCH_HR_SIZE must be 100 or more');

const started = Date.now();
const s = (ms: number) => `${fmt(ms / 1000, 2)} s`;
const mb = (value: number | undefined) => (value === undefined ? 'n/a' : `${fmt(value)} MB`);
const log = (line: string) => console.log(`[bench:hr ${s(Date.now() - started)}] ${line}`);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

interface NodeRun {
  ms: number;
  items: number;
  start: number;
}

/** Each node's executionTime, output items and start, from the run data n8n printed. */
function nodeRuns(result: unknown): Map<string, NodeRun> {
  const runData = runDataOf(result);
  const runs = new Map<string, NodeRun>();
  for (const [node, [first]] of Object.entries(runData)) {
    if (!first) continue;
    runs.set(node, {
      ms: first.executionTime ?? 0,
      items: (first.data?.main ?? []).reduce((n, out) => n + (out?.length ?? 0), 0),
      start: first.startTime ?? 0,
    });
  }
  return runs;
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

interface Writes {
  made: number;
  failed: number;
}

function writesSince(scim: ScimPeer, from: number): Writes {
  const writes = { made: 0, failed: 0 };
  for (const call of scim.calls.slice(from).filter(isWriteCall)) {
    if (call.status >= 200 && call.status < 300) writes.made += 1;
    else writes.failed += 1;
  }
  return writes;
}

/** Every user the platform holds has tonight's job title from HR, and none is missing. */
function assertPlatformHolds(
  scim: ScimPeer,
  system: HrSystem,
  titles: string[],
  what: string,
): void {
  const byExternalId = new Map(scim.users().map((user) => [user.externalId, user]));
  let wrong = 0;
  let first = '';
  titles.forEach((title, index) => {
    const id = externalIdFor(system, index + 1);
    const user = byExternalId.get(id);
    if (user?.title === title && user.active !== false) return;
    wrong += 1;
    first ||= `${id}: ${user ? `title "${user.title}"` : 'missing'}, HR "${title}"`;
  });
  if (wrong > 0 || byExternalId.size !== titles.length) {
    throw new Error(
      `${what}: the platform does not hold HR's data: ${wrong} users differ (first ${first}); ` +
        `${byExternalId.size} users for ${titles.length} employees`,
    );
  }
}

interface Measurement {
  run: Measured;
  nodes: Map<string, NodeRun>;
  serving: ServingStats;
  writes: Writes;
}

interface SystemResult {
  system: HrSystem;
  changed: number;
  unchanged: Measurement;
  tonight: Measurement;
  baseline: Measurement;
}

/** The peak of the polled VmRSS up to the end of the last node (before n8n prints the run). */
function rssBeforePrinting(m: Measurement): number | undefined {
  const end = Math.max(...[...m.nodes.values()].map((node) => node.start + node.ms));
  const within = m.run.rssSamples.filter((sample) => sample.at <= end).map((x) => x.rssKb);
  return within.length ? Math.max(...within) / 1024 : undefined;
}

function describe(label: string, m: Measurement, sourceNode: string, startupMs: number): void {
  const source = m.nodes.get(sourceNode);
  const validate = m.nodes.get(VALIDATE_NODE);
  const upsert = m.nodes.get(UPSERT_NODE);
  const sv = m.serving;
  log(
    `${label}: wall ${s(m.run.ms)} (work ${s(m.run.ms - startupMs)}), peak RSS ${mb(m.run.peakRssMb)} ` +
      `(${m.run.peakRssFrom}; polled up to the last node's end ${mb(rssBeforePrinting(m))}), ` +
      `writes ${fmt(m.writes.made)} (${fmt(m.writes.failed)} failed)`,
  );
  if (sourceNode === BASELINE_NODE) {
    log(
      `    ${sourceNode.padEnd(22)} ${s(source?.ms ?? NaN).padStart(9)}  ${fmt(source?.items ?? 0)} items ` +
        `(one answer of ${fmt(sv.bytes / 2 ** 20, 1)} MB, served in ${s(sv.ms)})`,
    );
  } else {
    log(
      `    ${sourceNode.padEnd(22)} ${s(source?.ms ?? NaN).padStart(9)}  ${fmt(source?.items ?? 0)} items; ` +
        `the fake serving ${s(sv.busyMs)} of it (${fmt(sv.requests)} requests, ${fmt(sv.bytes / 2 ** 20, 1)} MB; ` +
        `summed per request ${s(sv.ms)}, an ideal client at the same concurrency ${s(sv.servingMs)}): ` +
        `ratio ${fmt((source?.ms ?? NaN) / sv.busyMs, 2)}x`,
    );
  }
  for (const [route, entry] of Object.entries(sv.byRoute)) {
    log(
      `        ${route}: ${fmt(entry.requests)} requests, ${s(entry.ms)} summed, ` +
        `${fmt(entry.bytes / 2 ** 20, 1)} MB, up to ${entry.maxInFlight} in flight`,
    );
  }
  log(
    `    ${VALIDATE_NODE.padEnd(22)} ${s(validate?.ms ?? NaN).padStart(9)}  ${fmt(validate?.items ?? 0)} items`,
  );
  log(
    `    ${UPSERT_NODE.padEnd(22)} ${s(upsert?.ms ?? NaN).padStart(9)}  ${fmt(upsert?.items ?? 0)} items`,
  );
}

async function main(): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'hr-sync-bench-hr-'));
  const rssDir = join(scratch, 'rss');
  await mkdir(rssDir);
  const closers: Array<() => Promise<void>> = [];
  let n8n: N8nInstance | undefined;
  try {
    log(`${fmt(SIZE)} employees per system; ${cpus().length} CPUs; starting the fakes`);
    const [bamboo, personio, hibob, scim] = await Promise.all([
      startBambooHr(),
      startPersonio(),
      startHiBob(),
      startScimServer({ bulkMaxOperations: 0, pageSizeMax: SCIM_PAGE_SIZE }),
    ]);
    closers.push(bamboo.close, personio.close, hibob.close, scim.close);
    speedUpScimPeer();
    const fakes: Record<HrSystem, HrPeerControls> = { bamboohr: bamboo, personio, hibob };

    // The baseline's rows: one JSON array, prepared before the run, served as bytes.
    const rowsMeter = new ServingMeter();
    let rowsBody = Buffer.from('[]');
    const rowsApp = express();
    rowsApp.use(rowsMeter.middleware);
    rowsApp.get('/rows', (_req, res) => {
      res.type('application/json').send(rowsBody);
    });
    const rowsServer = await listenOnLoopback(rowsApp);
    closers.push(rowsServer.close);

    log('packing the package; creating the n8n instance');
    const n8nEnv = peakRssEnv(rssDir, N8N_HEAP_MB);
    n8n = await createN8nInstance({
      packageTgz: await packPackage(),
      env: n8nEnv,
      // Personio's reader makes one request per person: 100,000 and more of them.
      executeTimeoutMs: 20 * 60_000,
    });
    await n8n.importCredentials([
      {
        ...CREDENTIALS.bamboohr,
        data: {
          companyDomain: bamboo.companyDomain,
          apiKey: bamboo.apiKey,
          baseUrl: bamboo.baseUrl,
        },
      },
      {
        ...CREDENTIALS.personio,
        data: {
          clientId: personio.clientId,
          clientSecret: personio.clientSecret,
          baseUrl: personio.url,
        },
      },
      {
        ...CREDENTIALS.hibob,
        data: {
          serviceUserId: hibob.serviceUserId,
          token: hibob.token,
          environment: 'custom',
          baseUrl: hibob.url,
        },
      },
      { ...CREDENTIALS.scim, data: { baseUrl: scim.url, token: scim.token } },
    ]);
    const startup = trivial('benchHrTrivial');
    await n8n.importWorkflow(startup);
    for (const system of SYSTEMS) {
      await n8n.importWorkflow(hrPipeline(system, `benchHr-${system}`));
      await n8n.importWorkflow(
        baseline(system, `benchHrBaseline-${system}`, `${rowsServer.origin}/rows`),
      );
    }
    const run = async (id: string) => executeMeasured(n8n!, id, rssDir);

    await run(startup.id); // warms the disk cache
    const startups: Measured[] = [];
    for (let i = 0; i < TRIVIAL_RUNS; i++) {
      const one = await run(startup.id);
      assertSucceeded(one, 'the start-up workflow');
      startups.push(one);
    }
    const startupMs = median(startups.map((one) => one.ms));
    log(
      `n8n start-up (Manual Trigger -> No Operation): ${startups.map((one) => s(one.ms)).join(', ')}; ` +
        `median ${s(startupMs)}`,
    );

    const results: SystemResult[] = [];
    for (const system of SYSTEMS) {
      const label = LABEL[system];
      const fake = fakes[system];
      const people = hrPeople(system, SIZE);
      fake.people = people;
      // Last night's sync left HR's employees as they were before tonight's changes.
      const seed = () => {
        scim.reset();
        scim.seed(
          hrPeople(system, SIZE).map((person, index) => scimUser(system, person, index + 1)),
        );
      };
      const measure = async (
        id: string,
        meter: { resetServing(): void; serving(): ServingStats },
        what: string,
      ): Promise<Measurement> => {
        fake.calls.length = 0;
        meter.resetServing();
        const from = scim.calls.length;
        const one = await run(id);
        assertSucceeded(one, what);
        return {
          run: one,
          nodes: nodeRuns(one.result),
          serving: meter.serving(),
          writes: writesSince(scim, from),
        };
      };

      seed();
      log(`${label}: ${fmt(SIZE)} employees, nothing changed (must write nothing)`);
      const unchanged = await measure(`benchHr-${system}`, fake, `${label} unchanged`);
      if (unchanged.writes.made + unchanged.writes.failed > 0) {
        const first = outputOf(unchanged.run.result, UPSERT_NODE).find(
          (item) => item.json.action !== 'unchanged',
        )?.json;
        throw new Error(
          `${label}: a run with nothing changed made ${unchanged.writes.made + unchanged.writes.failed} ` +
            `writes: the seeded users are not shaped as User Upsert writes them. First: ${JSON.stringify(first)}`,
        );
      }
      assertItems(unchanged, SOURCE_NODE, `${label} unchanged`);
      describe(`${label} unchanged`, unchanged, SOURCE_NODE, startupMs);

      const changed = changeTonight(people).size;
      const titles = people.map((person) => person.jobTitle);
      log(`${label}: tonight, ${fmt(changed)} job titles changed`);
      const tonight = await measure(`benchHr-${system}`, fake, `${label} tonight`);
      assertItems(tonight, SOURCE_NODE, `${label} tonight`);
      assertWrites(tonight, changed, `${label} tonight`);
      assertPlatformHolds(scim, system, titles, `${label} tonight`);
      describe(`${label} tonight`, tonight, SOURCE_NODE, startupMs);

      log(
        `${label}: baseline, the same rows read by n8n's HTTP Request node, the platform seeded again`,
      );
      rowsBody = Buffer.from(
        JSON.stringify(outputOf(tonight.run.result, SOURCE_NODE).map((item) => item.json)),
      );
      tonight.run.result = undefined; // the run's JSON is large; its figures are kept
      unchanged.run.result = undefined;
      seed();
      const meter = { resetServing: () => rowsMeter.reset(), serving: () => rowsMeter.stats() };
      const base = await measure(`benchHrBaseline-${system}`, meter, `${label} baseline`);
      assertItems(base, BASELINE_NODE, `${label} baseline`);
      assertWrites(base, changed, `${label} baseline`);
      assertPlatformHolds(scim, system, titles, `${label} baseline`);
      base.run.result = undefined;
      describe(`${label} baseline`, base, BASELINE_NODE, startupMs);
      rowsBody = Buffer.from('[]');
      fake.people = [];
      results.push({ system, changed, unchanged, tonight, baseline: base });
    }
    summarize(results, startupMs);
  } finally {
    await n8n?.remove().catch(() => undefined);
    await Promise.allSettled(closers.map((close) => close()));
    await rm(scratch, { recursive: true, force: true });
  }
}

function assertItems(m: Measurement, node: string, what: string): void {
  const items = m.nodes.get(node)?.items ?? 0;
  const valid = m.nodes.get(VALIDATE_NODE)?.items ?? 0;
  if (items !== SIZE || valid !== SIZE) {
    throw new Error(
      `${what}: ${node} handed on ${items} items and ${VALIDATE_NODE} ${valid}, not ${SIZE}`,
    );
  }
}

function assertWrites(m: Measurement, changed: number, what: string): void {
  if (m.writes.made !== changed || m.writes.failed !== 0) {
    throw new Error(
      `${what}: ${m.writes.made} writes (${m.writes.failed} failed) for ${changed} changed employees`,
    );
  }
}

function summarize(results: SystemResult[], startupMs: number): void {
  const lines = [
    '',
    `Summary: ${fmt(SIZE)} employees per system, 1% changed; n8n execute, start-up ${s(startupMs)} ` +
      `(in each wall); ${cpus().length} CPUs`,
    'system     run        wall      peak RSS   source/read   fake busy   ratio  ideal client  validate    upsert   writes',
  ];
  const row = (name: string, kind: string, m: Measurement, node: string) => {
    const source = m.nodes.get(node)?.ms ?? NaN;
    const ratio = node === SOURCE_NODE ? `${fmt(source / m.serving.busyMs, 2)}x` : '-';
    return (
      `${name.padEnd(10)} ${kind.padEnd(10)} ${s(m.run.ms).padStart(8)}  ${mb(m.run.peakRssMb).padStart(9)}` +
      `   ${s(source).padStart(9)}   ${s(m.serving.busyMs).padStart(9)}  ${ratio.padStart(6)}` +
      `  ${s(m.serving.servingMs).padStart(11)}` +
      `  ${s(m.nodes.get(VALIDATE_NODE)?.ms ?? NaN).padStart(8)}  ${s(m.nodes.get(UPSERT_NODE)?.ms ?? NaN).padStart(8)}` +
      `   ${fmt(m.writes.made).padStart(6)}`
    );
  };
  for (const r of results) {
    lines.push(row(LABEL[r.system], 'unchanged', r.unchanged, SOURCE_NODE));
    lines.push(row('', 'tonight', r.tonight, SOURCE_NODE));
    lines.push(row('', 'baseline', r.baseline, BASELINE_NODE));
  }
  lines.push(
    '',
    `Targets: the source node within ${TARGET_RATIO}x of the time the fake spent serving it ` +
      '(wall time with one of its requests in hand); ' +
      'writes equal to the changed (checked: the bench fails otherwise)',
  );
  for (const r of results) {
    const ratios = [r.unchanged, r.tonight].map(
      (m) => (m.nodes.get(SOURCE_NODE)?.ms ?? NaN) / m.serving.busyMs,
    );
    const worst = Math.max(...ratios);
    const source = r.tonight.nodes.get(SOURCE_NODE)?.ms ?? NaN;
    const read = r.baseline.nodes.get(BASELINE_NODE)?.ms ?? NaN;
    lines.push(
      `  ${LABEL[r.system].padEnd(9)} ${ratios.map((x) => `${fmt(x, 2)}x`).join(' and ')} ` +
        `(unchanged, tonight): ${worst <= TARGET_RATIO ? 'PASS' : 'FAIL'}; HR Source ${s(source)} ` +
        `against ${s(read)} for n8n's HTTP Request node reading the same rows in one answer; ` +
        `writes ${fmt(r.tonight.writes.made)} for ${fmt(r.changed)} changed (baseline ${fmt(r.baseline.writes.made)})`,
    );
  }
  console.log(lines.join('\n'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
