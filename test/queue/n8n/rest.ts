import { createRequire } from 'node:module';
import { setTimeout as sleep } from 'node:timers/promises';
import { locateN8nRuntime } from '../../e2e/n8n/n8n-runtime';
import type { N8nServer } from '../../e2e/n8n/n8n-server';

/** n8n's REST API as its editor uses it, signed in with the owner's session cookie. */
export interface N8nRest {
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** A binary of an execution, by the id its run data carries (`database:...` in queue mode). */
  binary(id: string): Promise<string>;
  /** An execution with its run data parsed (n8n stores and sends it as flatted JSON). */
  execution(id: string): Promise<SavedExecution>;
}

export interface SavedExecution {
  id: string;
  mode: string;
  status: string;
  /** The IRun as `n8n execute --rawOutput` prints it, so the run-data helpers read it. */
  run: { data: unknown };
}

export function n8nRest(server: N8nServer, cookie: string): N8nRest {
  const call = async (method: string, path: string, body?: unknown): Promise<Response> => {
    // A route not found yet (n8n still starting) is tried again.
    const deadline = Date.now() + 60_000;
    for (;;) {
      const response = await fetch(`${server.base}/rest${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.status === 200) return response;
      if (response.status !== 404 || Date.now() > deadline) {
        const text = await response.text();
        throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 500)}`);
      }
      await sleep(1000);
    }
  };
  const json = async <T>(method: string, path: string, body?: unknown) =>
    ((await (await call(method, path, body)).json()) as { data: T }).data;
  return {
    json,
    binary: async (id) =>
      (await call('GET', `/binary-data?id=${encodeURIComponent(id)}&action=download`)).text(),
    execution: async (id) => {
      const saved = await json<{ id: string; mode: string; status: string; data: string }>(
        'GET',
        `/executions/${id}`,
      );
      const { parse } = await flatted();
      return {
        id: saved.id,
        mode: saved.mode,
        status: saved.status,
        run: { data: parse(saved.data) },
      };
    },
  };
}

/** n8n's own copy of `flatted`, the format of its saved run data (not a dependency of ours). */
async function flatted(): Promise<{ parse(text: string): unknown }> {
  const runtime = await locateN8nRuntime();
  return createRequire(runtime.n8nBin)('flatted') as { parse(text: string): unknown };
}
