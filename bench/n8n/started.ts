/**
 * BENCH_N8N_MODE=started: an `n8n start` already running when a workflow is run through its
 * Webhook trigger (responseMode lastNode: the POST returns when the run has ended). Nothing
 * is printed per run, and n8n's start-up is not part of the run (pipeline.bench.ts starts
 * one n8n per measured run).
 *
 * The workflows are imported and published (publishWorkflows, test/e2e/n8n/publish.ts) before
 * the start, as n8n only activates them as it starts. Peak RSS is the `n8n start` process's VmHWM, reset
 * before each run through /proc/<pid>/clear_refs (5) and read after the response: nodes run
 * in that process (the task runner child only serves Code nodes, which the bench has none of).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { N8nInstance } from '../../test/e2e/n8n/n8n-instance';
import { setTimeout as sleep } from 'node:timers/promises';
import { startN8nServer } from '../../test/e2e/n8n/n8n-server';
import type { Measured, RssSample } from './measure';

const START_TIMEOUT_MS = 3 * 60_000;
const RUN_TIMEOUT_MS = 10 * 60_000;
const POLL_MS = 100;

export interface StartedN8n {
  pid: number;
  /** POSTs to the workflow's production webhook and measures the run. */
  run(webhookPath: string): Promise<Measured>;
  /** SIGTERM, and waits for the exit (SIGKILL after 30 s). */
  stop(): Promise<void>;
}

export async function startN8n(
  n8n: N8nInstance,
  extraEnv: Record<string, string>,
): Promise<StartedN8n> {
  const server = await startN8nServer(n8n, extraEnv);
  const { base, tail, stop } = server;
  const pid = server.pid;
  return {
    pid,
    stop,
    run: async (webhookPath) => {
      // Activation can trail readiness: a 404 means the webhook is not registered yet.
      const deadline = Date.now() + START_TIMEOUT_MS;
      for (;;) {
        await writeFile(`/proc/${pid}/clear_refs`, '5');
        const atStartKb = await vmHwmKb(pid); // VmHWM = VmRSS right after the reset
        const poller = pollRss(pid);
        const elu = performance.eventLoopUtilization();
        const t0 = performance.now();
        let status = 0;
        let body = '';
        let contentType = '';
        try {
          const response = await fetch(`${base}/webhook/${webhookPath}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
            signal: AbortSignal.timeout(RUN_TIMEOUT_MS),
          });
          status = response.status;
          contentType = response.headers.get('content-type') ?? '';
          body = await response.text();
        } finally {
          poller.stop();
        }
        const ms = performance.now() - t0;
        const busy = performance.eventLoopUtilization(elu);
        const hwmKb = await vmHwmKb(pid);
        // Not ready yet: the webhook not registered (404), or n8n still migrating, which it
        // answers with "200 n8n is starting up. Please wait" (abstract-server.js).
        const notReady =
          status === 404 || (status === 200 && body.startsWith('n8n is starting up'));
        if (notReady && Date.now() < deadline && !server.exited()) {
          await sleep(500);
          continue;
        }
        let result: unknown;
        try {
          result = JSON.parse(body);
        } catch {
          result = undefined;
        }
        return {
          exitCode: status === 200 ? 0 : status,
          result,
          ms,
          peakRssMb: hwmKb === undefined ? undefined : hwmKb / 1024,
          peakRssFrom: hwmKb === undefined ? 'not measured' : 'VmHWM after clear_refs',
          peerBusyMs: busy.active,
          rssAtStartMb: atStartKb === undefined ? undefined : atStartKb / 1024,
          rssSamples: poller.samples,
          stdoutMb: Buffer.byteLength(body) / 2 ** 20,
          // What n8n answered instead of the last node's item: the only evidence of a run
          // that came back empty, so it is kept whenever the body is not the expected JSON.
          stdoutEnds:
            status === 200 && result !== undefined
              ? ''
              : `HTTP ${status} (${contentType || 'no content-type'}, ${body.length} characters): ${body.slice(0, 3000)}`,
          stderrTail: tail(),
        };
      }
    },
  };
}

async function vmHwmKb(pid: number): Promise<number | undefined> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const hwm = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
  return hwm ? Number(hwm) : undefined;
}

/** VmRSS of the n8n process every POLL_MS, for the log's timeline. */
function pollRss(pid: number): { samples: RssSample[]; stop(): void } {
  const samples: RssSample[] = [];
  let stopped = false;
  void (async () => {
    while (!stopped) {
      const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
      const rss = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      if (rss) samples.push({ at: Date.now(), rssKb: Number(rss) });
      await sleep(POLL_MS);
    }
  })();
  return {
    samples,
    stop: () => {
      stopped = true;
    },
  };
}
