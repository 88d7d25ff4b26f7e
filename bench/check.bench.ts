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

function run(mode: 'raw' | 'check', file: string, nodeFlags: string[] = []): Run {
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

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const file = await generate(100_000);

  const raw: Run[] = [];
  const check: Run[] = [];
  for (let i = 0; i < REPEATS; i++) {
    raw.push(run('raw', file));
    check.push(run('check', file));
  }
  const rawSeconds = median(raw.map((r) => r.seconds));
  const checkSeconds = median(check.map((r) => r.seconds));
  console.log(`\n100,000 rows, median of ${REPEATS} runs each:`);
  console.log(
    `  raw csv-parse (objects): ${fmt(rawSeconds, 2)} s, ${fmt(100_000 / rawSeconds)} rows/s, peak RSS ${fmt(median(raw.map((r) => r.peakRssMb)))} MB`,
  );
  console.log(
    `  hr-sync check:           ${fmt(checkSeconds, 2)} s, ${fmt(100_000 / checkSeconds)} rows/s, peak RSS ${fmt(median(check.map((r) => r.peakRssMb)))} MB`,
  );
  console.log(
    `  check / raw time: ${fmt(checkSeconds / rawSeconds, 2)}x (target: within 2x; at least 25,000 rows/s)`,
  );

  const big = await generate(1_000_000);
  const million = run('check', big);
  console.log(
    `\n1,000,000 rows, hr-sync check: ${fmt(million.seconds, 2)} s, ${fmt(1_000_000 / million.seconds)} rows/s`,
  );
  console.log(
    `  peak RSS with node's default heap sizing: ${fmt(million.peakRssMb)} MB (100,000 rows: ${fmt(median(check.map((r) => r.peakRssMb)))} MB)`,
  );
  printTimeline(million);
  // V8 lets the heap grow lazily while memory is plentiful; a heap cap shows the live set.
  const capped = run('check', big, [`--max-old-space-size=${HEAP_CAP_MB}`]);
  console.log(
    `  peak RSS with --max-old-space-size=${HEAP_CAP_MB}: ${fmt(capped.peakRssMb)} MB, ${fmt(capped.seconds, 2)} s (target: under 300 MB)`,
  );
  printTimeline(capped);
}

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
