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

export const PRELOAD = join(__dirname, 'peak-rss-preload.js');
const POLL_MS = 200;

export interface Measured {
  exitCode: number;
  /** The IRun n8n printed, parsed; undefined when it printed none. */
  result: unknown;
  /** Wall time of the `n8n execute` process, start-up included (the harness's `ms`). */
  ms: number;
  peakRssMb: number | undefined;
  peakRssFrom: 'getrusage at exit' | '/proc VmHWM polled' | 'not measured';
  /** Event-loop time this process spent meanwhile: the SCIM peer answering n8n. */
  peerBusyMs: number;
  stdoutMb: number;
  stderrTail: string;
}

/** The environment createN8nInstance needs for the peak RSS of `execute` runs. */
export function peakRssEnv(rssDir: string): Record<string, string> {
  return { NODE_OPTIONS: `--require ${PRELOAD}`, HR_SYNC_BENCH_RSS_DIR: rssDir };
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
      stdoutMb: Buffer.byteLength(run.stdout) / 2 ** 20,
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

/** Polls VmHWM of every process whose command line has `execute` and the workflow's id. */
function pollPeakRss(idArgument: string): { peakKb(): number | undefined; stop(): void } {
  let peak: number | undefined;
  let stopped = false;
  const known = new Map<number, boolean>();
  const poll = async (): Promise<void> => {
    for (const entry of await readdir('/proc').catch(() => [] as string[])) {
      const pid = Number(entry);
      if (!Number.isInteger(pid)) continue;
      let matches = known.get(pid);
      if (matches === undefined) {
        const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
        const argv = cmdline.split('\0');
        matches = argv.includes('execute') && argv.includes(idArgument);
        known.set(pid, matches);
      }
      if (!matches) continue;
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
      if (hwm) peak = Math.max(peak ?? 0, Number(hwm));
    }
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
    stop: () => {
      stopped = true;
    },
  };
}
