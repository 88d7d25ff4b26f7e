import { createReadStream, statSync } from 'node:fs';
import { parse } from 'csv-parse';
import { checkCsv } from '../src';

/**
 * One measured run in its own process, so its peak RSS is its own:
 * `node bench-worker.js raw|check|check-out FILE` prints {rows, seconds, peakRssMb, rssSamplesMb}.
 */
async function main(mode: string, file: string): Promise<void> {
  const samples: number[] = [];
  const heap: number[] = [];
  const sampler = setInterval(() => {
    samples.push(process.memoryUsage.rss() / 2 ** 20);
    heap.push(process.memoryUsage().heapUsed / 2 ** 20);
  }, 100);
  const started = process.hrtime.bigint();
  const rows =
    mode === 'raw'
      ? await rawCsvParse(file)
      : await check(file, mode === 'check-out', mode !== 'check-one-thread');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `${JSON.stringify({ mode, rows, seconds, peakRssMb, rssSamplesMb: samples, heapSamplesMb: heap })}\n`,
  );
}

/** The baseline: csv-parse alone, streaming, one object per row keyed by the header. */
async function rawCsvParse(file: string): Promise<number> {
  let rows = 0;
  const parser = createReadStream(file).pipe(parse({ columns: true, relax_column_count: true }));
  for await (const record of parser) if (record) rows++;
  return rows;
}

/**
 * `check`: the report only, as `hr-sync check FILE`. `check-out`: every row handed on, as
 * with --valid-out and --errors-out or in the n8n node, which needs rows kept between passes.
 * `check-one-thread`: the report only without the phone thread, as on a one-core host.
 */
async function check(file: string, withRows: boolean, phoneThread = true): Promise<number> {
  let rows = 0;
  const count = () => {
    rows++;
  };
  // The size, as `hr-sync check` passes it: a large file starts the phone thread early.
  const report = await checkCsv(
    createReadStream(file),
    { sizeBytes: statSync(file).size, phoneThread },
    withRows ? { valid: count, rejected: count } : {},
  );
  return withRows ? rows : report.rows;
}

const [mode = 'check', file = ''] = process.argv.slice(2);
main(mode, file).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
