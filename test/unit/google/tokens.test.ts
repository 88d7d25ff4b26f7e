import { oauth2Tokens } from '../../../src/google/oauth2-tokens';
import { parseServiceAccountKey } from '../../../src/google/service-account-key';
import { serviceAccountTokens } from '../../../src/google/service-account-tokens';
import { RemoteError } from '../../../src/targets/remote-error';
import { fakeHttp } from '../targets/fake-http';
import { TEST_PRIVATE_KEY, keyJson } from './google-test-key';

const SCOPE = 'https://www.googleapis.com/auth/admin.directory.user';

function formOf(body: unknown): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(String(body)));
}

describe('serviceAccountTokens', () => {
  it("posts the JWT-bearer grant, form-encoded, to the key's token_uri", async () => {
    const { http, requests } = fakeHttp(() => ({
      status: 200,
      body: { access_token: 'ya29.one', expires_in: 3600 },
    }));
    const key = parseServiceAccountKey(keyJson({ token_uri: 'http://127.0.0.1:1/token' }));
    const tokens = serviceAccountTokens(http, {
      key,
      subject: 'admin@example.com',
      now: () => 1_000_000,
    });
    expect(await tokens.accessToken([SCOPE])).toBe('ya29.one');
    expect(requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://127.0.0.1:1/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const form = formOf(requests[0]!.body);
    expect(form.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const claims = JSON.parse(
      Buffer.from(form.assertion!.split('.')[1]!, 'base64url').toString(),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: 'admin@example.com',
      aud: 'http://127.0.0.1:1/token',
      scope: SCOPE,
      iat: 1000,
    });
    expect(tokens.identity).toBe(
      'the service account sync@project.iam.gserviceaccount.com acting as admin@example.com',
    );
  });

  it('lets the credential override the token URL (a proxy, a private endpoint)', async () => {
    const { http, requests } = fakeHttp(() => ({
      status: 200,
      body: { access_token: 't', expires_in: 3600 },
    }));
    const tokens = serviceAccountTokens(http, {
      key: parseServiceAccountKey(keyJson()),
      tokenUrl: 'https://proxy.example/token',
    });
    await tokens.accessToken([SCOPE]);
    expect(requests[0]!.url).toBe('https://proxy.example/token');
  });

  it('keeps a token until a minute before it expires, shares one request, and forgets a refused one', async () => {
    let now = 0;
    let issued = 0;
    const { http, requests } = fakeHttp(() => ({
      status: 200,
      body: { access_token: `t${++issued}`, expires_in: 3600 },
    }));
    const tokens = serviceAccountTokens(http, {
      key: parseServiceAccountKey(keyJson()),
      now: () => now,
    });
    expect(await Promise.all([tokens.accessToken([SCOPE]), tokens.accessToken([SCOPE])])).toEqual([
      't1',
      't1',
    ]);
    now = 3_539_000;
    expect(await tokens.accessToken([SCOPE])).toBe('t1');
    now = 3_541_000;
    expect(await tokens.accessToken([SCOPE])).toBe('t2');
    tokens.invalidate('t2');
    expect(await tokens.accessToken([SCOPE])).toBe('t3');
    expect(requests).toHaveLength(3);
  });

  it('turns unauthorized_client into a refused credential that says where to authorise the scopes', async () => {
    const { http } = fakeHttp(() => ({
      status: 401,
      body: {
        error: 'unauthorized_client',
        error_description: 'Client is unauthorized to retrieve access tokens using this method.',
      },
    }));
    const tokens = serviceAccountTokens(http, {
      key: parseServiceAccountKey(keyJson()),
      subject: 'admin@example.com',
    });
    const error = (await tokens
      .accessToken([SCOPE])
      .catch((caught: unknown) => caught)) as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.refusesCredential).toBe(true);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/domain-wide delegation/);
    expect(error.message).toContain(SCOPE);
    expect(error.message).not.toContain(TEST_PRIVATE_KEY.slice(40, 80));
  });

  it('makes a 5xx of the token endpoint retryable, and no answer a network error', async () => {
    const busy = serviceAccountTokens(fakeHttp(() => ({ status: 503, body: 'busy' })).http, {
      key: parseServiceAccountKey(keyJson()),
    });
    await expect(busy.accessToken([SCOPE])).rejects.toMatchObject({ status: 503, retryable: true });
    const down = serviceAccountTokens(
      fakeHttp(() => Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })).http,
      { key: parseServiceAccountKey(keyJson()) },
    );
    await expect(down.accessToken([SCOPE])).rejects.toMatchObject({
      code: 'ECONNREFUSED',
      retryable: true,
    });
  });
});

describe('oauth2Tokens', () => {
  it('refreshes with client id, secret and refresh token, and uses a token at hand first', async () => {
    const { http, requests } = fakeHttp(() => ({
      status: 200,
      body: { access_token: 'fresh', expires_in: 3600 },
    }));
    let now = 0;
    const tokens = oauth2Tokens(http, {
      clientId: 'id',
      clientSecret: 'secret',
      refreshToken: 'refresh',
      accessToken: 'kept',
      expiresAtMs: 600_000,
      now: () => now,
    });
    expect(await tokens.accessToken([SCOPE])).toBe('kept');
    now = 560_000;
    expect(await tokens.accessToken([SCOPE])).toBe('fresh');
    expect(formOf(requests[0]!.body)).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'refresh',
      client_id: 'id',
      client_secret: 'secret',
    });
    expect(requests[0]!.url).toBe('https://oauth2.googleapis.com/token');
  });

  it('says to reconnect when the refresh token was revoked, without the secrets', async () => {
    const { http } = fakeHttp(() => ({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    }));
    const tokens = oauth2Tokens(http, {
      clientId: 'id',
      clientSecret: 'the-secret',
      refreshToken: 'the-refresh',
    });
    const error = (await tokens.accessToken([]).catch((caught: unknown) => caught)) as RemoteError;
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/connect the OAuth2 credential again/);
    expect(`${error.message} ${error.detail}`).not.toMatch(/the-secret|the-refresh/);
  });
});
