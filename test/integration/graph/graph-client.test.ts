import { randomUUID } from 'node:crypto';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { GraphClient, testGraphConnection, type GraphBatchRequest } from '../../../src/graph';
import {
  generateTestCertificate,
  startGraphServer,
  type GraphPeer,
} from '../../peers/graph/graph-server';

const FAST_RETRY = { maxAttempts: 4, baseDelayMs: 1, maxDelayMs: 5, maxRetryAfterMs: 5_000 };

/**
 * A clock whose sleeps are recorded and skipped: time jumps by what was slept, so nothing
 * waits for real and `now` stays consistent with `sleep` (the pacer reads both).
 */
function skippingClock() {
  const waits: number[] = [];
  let skipped = 0;
  return {
    waits,
    now: () => Date.now() + skipped,
    sleep: async (ms: number) => {
      waits.push(ms);
      skipped += ms;
    },
  };
}

function create(nickname: string, id = nickname): GraphBatchRequest {
  return {
    id,
    method: 'POST',
    url: '/users',
    body: {
      accountEnabled: true,
      displayName: nickname,
      mailNickname: nickname,
      userPrincipalName: `${nickname}@contoso.com`,
      passwordProfile: { password: `Pw-${randomUUID()}` },
    },
  };
}

describe('GraphClient against the fake Microsoft Graph', () => {
  const certificate = generateTestCertificate();
  let peer: GraphPeer;

  beforeAll(async () => {
    peer = await startGraphServer({
      certificate: { publicKey: certificate.publicKey, thumbprint: certificate.thumbprint },
    });
  });
  afterEach(() => peer.reset());
  afterAll(() => peer.close());

  it('signs in with the secret, reads every page, and never sends the secret to Graph', async () => {
    peer.seed(
      Array.from({ length: 230 }, (_, i) => ({ mailNickname: `u${i}`, employeeId: `E${i}` })),
    );
    const graph = new GraphClient(nodeHttpClient(), peer.credentials);
    const ids: string[] = [];
    for await (const page of graph.pages<{ id: string; employeeId: string }>(
      '/users',
      {
        $select: 'id,employeeId',
        $filter: 'employeeId ne null',
        $count: 'true',
        $top: 100,
      },
      { ConsistencyLevel: 'eventual' },
    )) {
      ids.push(...page.map((user) => user.employeeId));
    }
    expect(ids).toHaveLength(230);
    expect(peer.calls.map((call) => call.query.$skiptoken === undefined)).toEqual([
      true,
      false,
      false,
    ]);
    expect(peer.tokenCalls).toEqual([{ grant: 'client_secret', status: 200 }]);
    expect(JSON.stringify(peer.calls)).not.toContain(peer.clientSecret);
  });

  it('signs in with a certificate assertion', async () => {
    const graph = new GraphClient(nodeHttpClient(), {
      tenantId: peer.tenantId,
      clientId: peer.clientId,
      certificate: { privateKey: certificate.privateKey, thumbprint: certificate.thumbprint },
      graphBaseUrl: peer.graphBaseUrl,
      tokenUrl: peer.tokenUrl,
    });
    await expect(graph.getJson('/users', { $top: 1 })).resolves.toMatchObject({ value: [] });
    expect(peer.tokenCalls).toEqual([{ grant: 'client_assertion', status: 200 }]);
  });

  it('explains a wrong secret with its AADSTS code, without the secret', async () => {
    const wrong = `wrong-${randomUUID()}`;
    const graph = new GraphClient(nodeHttpClient(), { ...peer.credentials, clientSecret: wrong });
    const result = await testGraphConnection(graph);
    expect(result.ok).toBe(false);
    expect(result.message).toMatch(/AADSTS7000215\): the client secret is wrong/);
    expect(result.message).not.toContain(wrong);
  });

  it('tests the connection: OK with the permission, the permission named without it', async () => {
    const graph = new GraphClient(nodeHttpClient(), peer.credentials);
    await expect(testGraphConnection(graph)).resolves.toMatchObject({
      ok: true,
      message: expect.stringMatching(/can read users/),
    });
    peer.setPermissions([]);
    try {
      const denied = await testGraphConnection(graph);
      expect(denied).toMatchObject({
        ok: false,
        message: expect.stringMatching(/grant the application permission User\.Read\.All/),
      });
    } finally {
      peer.setPermissions(['User.ReadWrite.All']);
    }
    const tenant = await testGraphConnection(
      new GraphClient(nodeHttpClient(), {
        ...peer.credentials,
        tokenUrl: peer.tokenUrl.replace(peer.tenantId, 'nobody'),
      }),
    );
    expect(tenant.message).toMatch(/AADSTS90002\): no such tenant/);
  });

  it('renews an expired token once, transparently', async () => {
    const graph = new GraphClient(nodeHttpClient(), peer.credentials);
    await graph.getJson('/users');
    peer.expireTokens();
    await expect(graph.getJson('/users')).resolves.toMatchObject({ value: [] });
    expect(peer.tokenCalls).toHaveLength(2);
    expect(peer.calls.map((call) => call.status)).toEqual([200, 401, 200]);
  });

  it('retries a read answered 503, honouring Retry-After', async () => {
    const { waits, now, sleep } = skippingClock();
    const graph = new GraphClient(nodeHttpClient(), peer.credentials, {
      retry: FAST_RETRY,
      now,
      sleep,
    });
    peer.failNext({ status: 503, times: 2, method: 'GET', path: '/users', retryAfterSeconds: 3 });
    await expect(graph.getJson('/users')).resolves.toMatchObject({ value: [] });
    expect(waits).toEqual([3000, 3000]);
  });

  it('batches writes; a 429 inside comes back as that request’s own answer, and holds the next write back', async () => {
    const { waits, now, sleep } = skippingClock();
    const graph = new GraphClient(nodeHttpClient(), peer.credentials, { now, sleep });
    peer.failNext({
      status: 429,
      times: 1,
      inBatch: true,
      method: 'POST',
      path: '/users',
      retryAfterSeconds: 4,
    });
    const answers = await graph.batch([create('ann'), create('ben'), create('cat')]);
    expect(answers.map((answer) => [answer.id, answer.status])).toEqual([
      ['ann', 429],
      ['ben', 201],
      ['cat', 201],
    ]);
    expect(answers[0]?.headers['retry-after']).toBe('4');
    expect(peer.writeCalls()).toHaveLength(3);
    await graph.request({
      method: 'PATCH',
      path: `/users/ben@contoso.com`,
      body: { jobTitle: 'Cook' },
    });
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(3000);
    expect(waits[0]).toBeLessThanOrEqual(4000);
    expect(peer.users().find((user) => user.mailNickname === 'ben')?.jobTitle).toBe('Cook');
  });
});

describe('GraphClient pacing against the fake write quota', () => {
  it('sends 200 writes in batches within a 40-per-second quota and is never throttled', async () => {
    // A small quota so that a real clock proves it in seconds; the same counting as 3,000 per 150 s.
    const limit = { writes: 40, perMs: 1000 };
    const peer = await startGraphServer({ writeLimit: limit });
    try {
      const graph = new GraphClient(nodeHttpClient(), peer.credentials, { writeLimit: limit });
      const batches = Array.from({ length: 10 }, (_, b) =>
        Array.from({ length: 20 }, (_, i) => create(`user${b * 20 + i}`, String(i))),
      );
      const answers = (await Promise.all(batches.map((batch) => graph.batch(batch)))).flat();
      expect(answers.filter((answer) => answer.status !== 201)).toEqual([]);
      expect(peer.users()).toHaveLength(200);
      expect(peer.writeCalls()).toHaveLength(200);
    } finally {
      await peer.close();
    }
  });
});
