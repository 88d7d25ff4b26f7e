/**
 * `n8n execute` through the e2e harness, measured: the harness's wall time, the n8n
 * process's peak RSS, and how busy this process (the SCIM peer) was meanwhile.
 *
 * Peak RSS comes from peak-rss-preload.js, which the instance loads into every n8n
 * process through NODE_OPTIONS: the `execute` process writes its getrusage maximum as it
 * exits. /proc/<pid>/status VmHWM, polled while it runs, is the fallback (it can miss a
 * peak in the last poll interval).
 */
import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { N8nInstance } from '../../test/e2e/n8n/n8n-instance';
import { repoRoot } from '../../test/support/repo-root';

/** Plain JavaScript, loaded from the source tree: the bench itself runs compiled elsewhere. */
export const PRELOAD = join(repoRoot(), 'bench', 'n8n', 'peak-rss-preload.js');
const POLL_MS = 100;

export interface RssSample {
  /** Epoch ms, the clock of n8n's node start times. */
  at: number;
  rssKb: number;
}

export interface Measured {
  exitCode: number;
  /** The IRun n8n printed, parsed; undefined when it printed none. */
  result: unknown;
  /** Wall time of the `n8n execute` process, start-up included (the harness's `ms`). */
  ms: number;
  peakRssMb: number | undefined;
  peakRssFrom:
    'getrusage at exit' | '/proc VmHWM polled' | 'VmHWM after clear_refs' | 'not measured';
  /** Event-loop time this process spent meanwhile: the SCIM peer answering n8n. */
  peerBusyMs: number;
  /** Started mode: the n8n process's RSS as the run began (what earlier runs left behind). */
  rssAtStartMb?: number;
  /** VmRSS of the n8n process every POLL_MS while it ran. */
  rssSamples: RssSample[];
  stdoutMb: number;
  /** When n8n printed no run: the start and end of what it printed instead. */
  stdoutEnds: string;
  stderrTail: string;
}

/**
 * The environment createN8nInstance needs for the peak RSS of `execute` runs; with
 * `maxOldSpaceMb`, n8n's V8 heap is capped too (to tell live data from garbage V8 keeps).
 */
export function peakRssEnv(rssDir: string, maxOldSpaceMb?: number): Record<string, string> {
  const cap = maxOldSpaceMb ? ` --max-old-space-size=${maxOldSpaceMb}` : '';
  return { NODE_OPTIONS: `--require ${PRELOAD}${cap}`, HR_SYNC_BENCH_RSS_DIR: rssDir };
}

export async function executeMeasured(
  n8n: N8nInstance,
  workflowId: string,
  rssDir: string,
): Promise<Measured> {
  await clear(rssDir);
  const poller = pollPeakRss(`--id=${workflowId}`);
  const elu = performance.eventLoopUtilization();
  try {
    const run = await n8n.execute(workflowId);
    const busy = performance.eventLoopUtilization(elu);
    const atExit = await peakFromPreload(rssDir, `--id=${workflowId}`);
    const polled = poller.peakKb();
    return {
      exitCode: run.exitCode,
      result: run.result,
      ms: run.ms,
      peakRssMb: kbToMb(atExit ?? polled),
      peakRssFrom:
        atExit !== undefined
          ? 'getrusage at exit'
          : polled !== undefined
            ? '/proc VmHWM polled'
            : 'not measured',
      peerBusyMs: busy.active,
      rssSamples: poller.samples,
      stdoutMb: Buffer.byteLength(run.stdout) / 2 ** 20,
      stdoutEnds:
        run.result === undefined
          ? `${run.stdout.slice(0, 1500)}\n[...]\n${run.stdout.slice(-1500)}`
          : '',
      stderrTail: run.stderr.trim().split('\n').slice(-15).join('\n'),
    };
  } finally {
    poller.stop();
  }
}

function kbToMb(kb: number | undefined): number | undefined {
  return kb === undefined ? undefined : kb / 1024;
}

async function clear(dir: string): Promise<void> {
  for (const name of await readdir(dir)) await rm(join(dir, name), { force: true });
}

async function peakFromPreload(dir: string, idArgument: string): Promise<number | undefined> {
  let peak: number | undefined;
  for (const name of await readdir(dir)) {
    const report = JSON.parse(await readFile(join(dir, name), 'utf8')) as {
      argv: string[];
      maxRssKb: number;
    };
    if (report.argv.includes(idArgument)) peak = Math.max(peak ?? 0, report.maxRssKb);
  }
  return peak;
}

/**
 * Finds the process whose command line has `execute` and the workflow's id, then polls its
 * VmHWM (peak) and VmRSS (now, for the timeline) until stopped.
 */
function pollPeakRss(idArgument: string): {
  peakKb(): number | undefined;
  samples: RssSample[];
  stop(): void;
} {
  let peak: number | undefined;
  let stopped = false;
  let pid: number | undefined;
  const samples: RssSample[] = [];
  const seen = new Set<number>();
  const find = async (): Promise<number | undefined> => {
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      const candidate = Number(entry);
      if (!Number.isInteger(candidate) || seen.has(candidate)) continue;
      const argv = (await readFile(`/proc/${candidate}/cmdline`, 'utf8').catch(() => '')).split(
        '\0',
      );
      // A process caught between fork and exec still shows its parent's command line.
      if (argv.length > 1) seen.add(candidate);
      if (argv.includes('execute') && argv.includes(idArgument)) return candidate;
    }
    return undefined;
  };
  const poll = async (): Promise<void> => {
    pid ??= await find();
    if (pid === undefined) return;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
    if (hwm) peak = Math.max(peak ?? 0, Number(hwm));
    if (rss) samples.push({ at: Date.now(), rssKb: Number(rss) });
  };
  const loop = async (): Promise<void> => {
    while (!stopped) {
      await poll();
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  };
  void loop();
  return {
    peakKb: () => peak,
    samples,
    stop: () => {
      stopped = true;
    },
  };
}
