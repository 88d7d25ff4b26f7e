import type { HttpClient, HttpRequest } from '../../../../src/http/http-client';
import { hrTransport } from '../../../../src/sources/hr-systems';
import { PersonioToken } from '../../../../src/sources/personio';

const credentials = { clientId: 'client-4711', clientSecret: 'secret-0xdeadbeef' };

it('masks the client ID and secret in an error, even where the server repeats them', async () => {
  // A token endpoint that quotes what it was sent back into its error.
  const echo: HttpClient = async (request: HttpRequest) => ({
    status: 401,
    headers: { 'content-type': 'application/json' },
    body: { error: 'invalid_client', message: `unknown client ${String(request.body)}` },
  });
  const token = new PersonioToken(
    hrTransport(echo, 'Personio'),
    'https://api.personio.de',
    credentials,
    'v2',
  );
  const failure = token.get();
  await expect(failure).rejects.toMatchObject({ status: 401 });
  await failure.catch((error: { message: string; detail?: string }) => {
    const text = `${error.message} ${error.detail ?? ''}`;
    expect(text).toContain('***');
    expect(text).not.toContain(credentials.clientSecret);
    expect(text).not.toContain(credentials.clientId);
  });
});

it('keeps the token until shortly before it expires, then fetches a new one', async () => {
  let issued = 0;
  const server: HttpClient = async () => {
    issued += 1;
    return { status: 200, headers: {}, body: { access_token: `papi-${issued}`, expires_in: 3600 } };
  };
  let now = 0;
  const token = new PersonioToken(
    hrTransport(server, 'Personio'),
    'https://x',
    credentials,
    'v2',
    () => now,
  );
  expect(await token.get()).toBe('papi-1');
  now = 3_500_000;
  expect(await token.get()).toBe('papi-1');
  now = 3_560_000;
  expect(await token.get()).toBe('papi-2');
  token.invalidate('papi-1');
  expect(await token.get()).toBe('papi-2');
  token.invalidate('papi-2');
  expect(await token.get()).toBe('papi-3');
});
