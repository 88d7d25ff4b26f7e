/** The REST platform credential's Test against the Springest-shaped peer, which has no list. */
import { nodeHttpClient } from '../../../src/http/node-http-client';
import { testRestPlatform } from '../../../src/targets/rest/test-connection';
import { startRestPlatform, type RestPeer } from '../../peers/rest-platform';

let rest: RestPeer;
beforeAll(async () => {
  rest = await startRestPlatform({ apiKeyIn: 'query' });
});
afterAll(() => rest?.close());

const probe = (key: string) =>
  testRestPlatform(nodeHttpClient({ query: { api_key: key } }), {
    baseUrl: rest.url,
    path: '/users.json',
    externalIdParam: 'external_id',
  });

it('accepts the right key, though the platform has no user with the probe ID (404)', async () => {
  await expect(probe(rest.apiKey)).resolves.toEqual({
    ok: true,
    message: `${rest.url}/users.json accepted the API key`,
  });
});

it('refuses a wrong key, without repeating it', async () => {
  const result = await probe('wrong-key-81f3');
  expect(result.ok).toBe(false);
  expect(result.message).toMatch(/refused the API key \(HTTP 40[13]\)/);
  expect(result.message).not.toContain('wrong-key-81f3');
});

it('says so when the platform cannot be reached', async () => {
  const result = await testRestPlatform(nodeHttpClient({ timeoutMs: 2000 }), {
    baseUrl: 'http://127.0.0.1:9',
    path: '/users.json',
    externalIdParam: 'external_id',
  });
  expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/^Could not reach/) });
});
