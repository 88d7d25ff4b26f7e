import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeEmployeeFile } from './generate-employees';

/**
 * `npm run bench`: times `check` against raw csv-parse on the same seeded file, each run in
 * its own process, and shows that memory stays flat from 100,000 to 1,000,000 rows.
 */
interface Run {
  mode: string;
  rows: number;
  seconds: number;
  peakRssMb: number;
  rssSamplesMb: number[];
}

const OUT = join(__dirname, '..', '..', 'bench', 'out');
const WORKER = join(__dirname, 'bench-worker.js');
const REPEATS = 3;
const HEAP_CAP_MB = 200;
/** The targets, checked against what this run measured. */
const MAX_TIMES_RAW = 2;
const MIN_ROWS_PER_SECOND = 25_000;
const MAX_PEAK_RSS_MB = 300;

function run(mode: Mode, file: string, nodeFlags: string[] = []): Run {
  const output = execFileSync(process.execPath, [...nodeFlags, WORKER, mode, file], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  return JSON.parse(output.trim().split('\n').pop() ?? '{}') as Run;
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function generate(rows: number): Promise<string> {
  const file = join(OUT, `employees-${rows}.csv`);
  await writeEmployeeFile(file, { rows, seed: 42, badRowEvery: 1000 });
  console.log(
    `generated ${file}: ${fmt(rows)} rows, 16 columns, ${fmt(statSync(file).size / 2 ** 20, 1)} MiB`,
  );
  return file;
}

type Mode = 'raw' | 'check' | 'check-out' | 'check-one-thread';
const LABEL: Record<Mode, string> = {
  raw: 'raw csv-parse (objects)',
  check: 'check, report only',
  'check-out': 'check, rows handed on',
  // What a one-core host gets: the 2x target rests on the phone thread's second core.
  'check-one-thread': 'check, report, one thread',
};

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const file = await generate(100_000);

  const runs: Record<Mode, Run[]> = { raw: [], check: [], 'check-out': [], 'check-one-thread': [] };
  for (let i = 0; i < REPEATS; i++) {
    for (const mode of Object.keys(runs) as Mode[]) runs[mode].push(run(mode, file));
  }
  const seconds = (mode: Mode) => median(runs[mode].map((r) => r.seconds));
  console.log(`\n100,000 rows, median of ${REPEATS} runs each (each run in its own process):`);
  for (const mode of Object.keys(runs) as Mode[]) {
    const ratio = mode === 'raw' ? '' : `, ${fmt(seconds(mode) / seconds('raw'), 2)}x raw`;
    console.log(
      `  ${LABEL[mode].padEnd(26)} ${fmt(seconds(mode), 2)} s, ${fmt(100_000 / seconds(mode))} rows/s, peak RSS ${fmt(median(runs[mode].map((r) => r.peakRssMb)))} MB${ratio}`,
    );
  }
  const ratio = seconds('check') / seconds('raw');
  const slowest = 100_000 / Math.max(seconds('check'), seconds('check-out'));
  console.log(
    `  targets: check (report only) within ${MAX_TIMES_RAW}x of raw csv-parse: ${fmt(ratio, 2)}x, ${verdict(ratio <= MAX_TIMES_RAW)}; at least ${fmt(MIN_ROWS_PER_SECOND)} rows/s: ${fmt(slowest)} rows/s at the slowest, ${verdict(slowest >= MIN_ROWS_PER_SECOND)}`,
  );

  const big = await generate(1_000_000);
  console.log(`\n1,000,000 rows (target: peak RSS under ${MAX_PEAK_RSS_MB} MB):`);
  for (const mode of ['check', 'check-out'] as const) {
    const million = run(mode, big);
    console.log(
      `  ${LABEL[mode].padEnd(26)} ${fmt(million.seconds, 2)} s, ${fmt(1_000_000 / million.seconds)} rows/s, peak RSS ${fmt(million.peakRssMb)} MB with node's default heap sizing: ${verdict(million.peakRssMb < MAX_PEAK_RSS_MB)}`,
    );
    printTimeline(million);
  }
  // V8 lets the heap grow lazily while memory is plentiful; a heap cap shows the live set.
  const capped = run('check-out', big, [`--max-old-space-size=${HEAP_CAP_MB}`]);
  console.log(
    `  ${LABEL['check-out'].padEnd(26)} ${fmt(capped.seconds, 2)} s, peak RSS ${fmt(capped.peakRssMb)} MB with --max-old-space-size=${HEAP_CAP_MB}`,
  );
  printTimeline(capped);
}

const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

function printTimeline(result: Run): void {
  const samples = result.rssSamplesMb;
  const step = Math.max(1, Math.floor(samples.length / 10));
  const timeline = samples.filter((_, i) => i % step === 0).map((s) => fmt(s));
  console.log(`    RSS over the run (MB, ten samples): ${timeline.join(' ')}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
