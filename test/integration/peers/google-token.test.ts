import { startGooglePeer, type GooglePeer, type TestServiceAccount } from '../../peers/google';
import { DIRECTORY_SCOPE, postAssertion, postForm } from './google-peer-helpers';

/**
 * The fake token endpoint follows
 * https://developers.google.com/identity/protocols/oauth2/service-account#httprest (the
 * JWT-bearer grant of RFC 7523) and
 * https://developers.google.com/identity/protocols/oauth2/web-server#offline (refresh).
 */
describe('fake Google token endpoint', () => {
  let peer: GooglePeer;
  let account: TestServiceAccount;

  beforeAll(async () => {
    peer = await startGooglePeer();
    account = peer.addServiceAccount([DIRECTORY_SCOPE]);
    peer.addWorkspaceUser('admin@example.com');
  });
  afterAll(() => peer.close());

  it('issues a bearer token for an assertion signed with the account key', async () => {
    const { status, body } = await postAssertion(peer, account, {
      scopes: [DIRECTORY_SCOPE],
      subject: 'admin@example.com',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(String(body.access_token)).toMatch(/^ya29\./);
    expect(peer.tokens.issuedTokens().at(-1)).toMatchObject({
      issuer: account.clientEmail,
      subject: 'admin@example.com',
      scopes: [DIRECTORY_SCOPE],
    });
  });

  it('refuses an assertion signed with another key: invalid_grant "Invalid JWT Signature."', async () => {
    const stranger = peer.addServiceAccount([DIRECTORY_SCOPE]);
    // Sign with the stranger's key but claim to be `account`.
    peer.tokens.serviceAccounts.set(
      stranger.clientEmail,
      peer.tokens.serviceAccounts.get(account.clientEmail)!,
    );
    const { status, body } = await postAssertion(peer, stranger, { scopes: [DIRECTORY_SCOPE] });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  });

  it('refuses an aud other than the token endpoint, and an expired assertion', async () => {
    const wrongAud = await postAssertion(peer, account, {
      scopes: [DIRECTORY_SCOPE],
      audience: 'https://oauth2.googleapis.com/token',
    });
    expect(wrongAud.status).toBe(400);
    const old = await postAssertion(peer, account, {
      scopes: [DIRECTORY_SCOPE],
      issuedAt: Math.floor(Date.now() / 1000) - 7200,
    });
    expect(old.status).toBe(400);
    expect(old.body.error).toBe('invalid_grant');
  });

  it('refuses scopes domain-wide delegation did not authorise: 401 unauthorized_client', async () => {
    const { status, body } = await postAssertion(peer, account, {
      scopes: ['https://www.googleapis.com/auth/admin.directory.group'],
      subject: 'admin@example.com',
    });
    expect(status).toBe(401);
    expect(body.error).toBe('unauthorized_client');
  });

  it('refuses to impersonate a user who does not exist: invalid_grant', async () => {
    const { status, body } = await postAssertion(peer, account, {
      scopes: [DIRECTORY_SCOPE],
      subject: 'nobody@example.com',
    });
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'invalid_grant', error_description: 'Invalid email or User ID' });
  });

  it('refreshes an OAuth2 sign-in, and refuses a revoked refresh token', async () => {
    peer.addRefreshGrant({
      clientId: 'client-1',
      clientSecret: 'secret-1',
      refreshToken: 'refresh-1',
      subject: 'admin@example.com',
      scopes: [DIRECTORY_SCOPE],
    });
    const ok = await postForm(peer.tokenUrl, {
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: 'secret-1',
      refresh_token: 'refresh-1',
    });
    expect(ok.status).toBe(200);
    const revoked = await postForm(peer.tokenUrl, {
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: 'secret-1',
      refresh_token: 'old',
    });
    expect(revoked).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' },
    });
    const wrongClient = await postForm(peer.tokenUrl, {
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: 'wrong',
      refresh_token: 'refresh-1',
    });
    expect(wrongClient.status).toBe(401);
    expect(wrongClient.body.error).toBe('invalid_client');
  });
});
