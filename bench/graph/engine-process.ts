/**
 * The engine's side of one measured run, in a process of its own so that its peak RSS is
 * the engine's alone: `node engine-process.js '<EngineConfig as JSON>'`, then a `run`
 * message with the fake's credentials (over IPC, never on the command line). Builds the
 * records, runs upsertUsers through EntraDirectory on a GraphClient with nodeHttpClient,
 * and sends back an EngineResult.
 */
import { upsertUsers } from '../../src/apply/upsert-users';
import type { UserOutcome } from '../../src/apply/outcome';
import { GraphClient } from '../../src/graph/graph-client';
import type { GraphCredentials } from '../../src/graph/graph-credentials';
import { nodeHttpClient } from '../../src/http/node-http-client';
import { ENTRA_DEFAULT_MAPPINGS, EntraDirectory } from '../../src/targets/entra';
import { UPN_TEMPLATE, recordOf } from './employees';
import { runOnParentsMessage } from '../child-runs';
import type { EngineConfig, EngineRequest, EngineResult } from './protocol';

async function run(config: EngineConfig, credentials: GraphCredentials): Promise<EngineResult> {
  const records = Array.from({ length: config.count }, (_, i) =>
    recordOf(i + 1, { changed: config.changed, withManager: config.linkManagers }),
  );
  const graph = new GraphClient(nodeHttpClient(), credentials, {
    writeLimit: config.writeLimit,
    retry: config.retry,
  });
  // As the User Upsert node builds it (nodes/shared/entra-platform.ts), matching on employeeId only.
  const directory = new EntraDirectory(graph, {
    attributes: ENTRA_DEFAULT_MAPPINGS.map((mapping) => mapping.attribute),
    userPrincipalNameTemplate: UPN_TEMPLATE,
    matchFallback: 'none',
    readManagers: config.linkManagers,
  });
  const rssBeforeMb = process.memoryUsage.rss() / 2 ** 20;
  const started = performance.now();
  const result = await upsertUsers({
    records,
    directory,
    plan: {
      mappings: ENTRA_DEFAULT_MAPPINGS,
      emptySourceValue: 'leave',
      matchByEmail: false,
      today: '2026-12-02',
      reactivate: { archivedBySync: new Set() },
    },
    dryRun: config.dryRun,
    linkManagers: config.linkManagers,
    retry: config.retry,
  });
  const wallMs = performance.now() - started;
  return {
    type: 'result',
    wallMs,
    timings: result.timings,
    planned: countBy(result.plan.actions, (action) => action.kind),
    outcomes: countBy(result.outcomes, (outcome) => outcome.status),
    failures: failuresOf(result.outcomes),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    rssBeforeMb,
    stopped: result.stopped !== undefined,
  };
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

/**
 * Failed outcomes grouped by reason, with the employee's ID and the seconds to wait taken
 * out; the Retry-After seconds the group was told are kept as a range.
 */
function failuresOf(outcomes: readonly UserOutcome[]): EngineResult['failures'] {
  const groups = new Map<string, { count: number; waits: number[] }>();
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') continue;
    const text = outcome.reason ?? '(no reason)';
    const reason = text
      .replace(/\bE\d{6}\b/g, 'E…')
      .replace(/after \d+ seconds/g, 'after … seconds')
      .slice(0, 300);
    const group = groups.get(reason) ?? { count: 0, waits: [] };
    group.count += 1;
    const wait = /after (\d+) seconds/.exec(text)?.[1];
    if (wait) group.waits.push(Number(wait));
    groups.set(reason, group);
  }
  return [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count)
    .slice(0, 5)
    .map(([reason, { count, waits }]) => ({
      reason,
      count,
      ...(waits.length > 0
        ? { retryAfterSeconds: [Math.min(...waits), Math.max(...waits)] as [number, number] }
        : {}),
    }));
}

const config = JSON.parse(process.argv[2] ?? '{}') as EngineConfig;
runOnParentsMessage((credentials: EngineRequest['credentials']) => run(config, credentials));
