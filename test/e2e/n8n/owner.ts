import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nServer } from './n8n-server';

export const OWNER = {
  email: 'owner@example.com',
  firstName: 'Ada',
  lastName: 'Admin',
  password: 'Owner-Pass-2026',
};

/**
 * Makes the owner account of a fresh started n8n, as its setup page does (which signs the
 * owner in), and gives the session cookie. The REST routes come up some seconds after
 * /healthz: until then the route is not found.
 */
export async function signUpOwner(server: N8nServer): Promise<string> {
  const deadline = Date.now() + 3 * 60_000;
  for (;;) {
    const setup = await fetch(`${server.base}/rest/owner/setup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(OWNER),
    });
    if (setup.status === 200) return (setup.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (setup.status !== 404 || Date.now() > deadline || server.exited()) {
      throw new Error(`owner setup: ${setup.status} ${await setup.text()}\n${server.tail()}`);
    }
    await sleep(500);
  }
}
