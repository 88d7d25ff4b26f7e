import { join } from 'node:path';
import type { N8nInstance } from './n8n-instance';
import { locateN8nRuntime } from './n8n-runtime';
import { instanceEnvironment } from './n8n-server';
import { runCommand } from './run-command';

const PUBLISH_TIMEOUT_MS = 3 * 60_000;

/**
 * `n8n publish:workflow --id=ID` for each: active from the next `n8n start` on (n8n only
 * activates workflows, and registers their production webhooks, as it starts).
 */
export async function publishWorkflows(
  n8n: N8nInstance,
  ids: string[],
  extraEnv: Record<string, string>,
): Promise<void> {
  const runtime = await locateN8nRuntime();
  const env = await instanceEnvironment(n8n, extraEnv);
  for (const id of ids) {
    const result = await runCommand(
      join(runtime.nodeBin, 'node'),
      [runtime.n8nBin, 'publish:workflow', `--id=${id}`],
      { cwd: n8n.userFolder, env, timeoutMs: PUBLISH_TIMEOUT_MS },
    );
    if (result.exitCode !== 0 || /Error updating database/.test(result.stdout + result.stderr)) {
      throw new Error(
        `n8n publish:workflow --id=${id} failed (exit ${result.exitCode}):\n` +
          `${result.stdout}\n${result.stderr}`.trim(),
      );
    }
  }
}
