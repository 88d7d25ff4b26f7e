import type { ICredentialTestFunctions, ICredentialsDecrypted } from 'n8n-workflow';
import {
  hrSyncGoogleOAuth2Test,
  hrSyncGoogleServiceAccountTest,
} from '../../../nodes/shared/google-credential-test';
import { startGooglePeer, type GooglePeer } from '../../peers/google';

const WRITE = 'https://www.googleapis.com/auth/admin.directory.user';
const READ = 'https://www.googleapis.com/auth/admin.directory.user.readonly';

/** The Test buttons of the two Google credentials, against the fake token endpoint and Directory. */
describe('Google credential tests', () => {
  let peer: GooglePeer;
  const context = {} as ICredentialTestFunctions;
  const credential = (type: string, data: Record<string, unknown>): ICredentialsDecrypted =>
    ({ id: '1', name: 'Google', type, data }) as ICredentialsDecrypted;

  beforeAll(async () => {
    peer = await startGooglePeer();
    peer.addWorkspaceUser('admin@example.com');
  });
  afterAll(() => peer.close());

  const serviceAccount = (scopes: string[], delegatedUser = 'admin@example.com') => {
    const account = peer.addServiceAccount(scopes);
    return credential('hrSyncGoogleServiceAccountApi', {
      serviceAccountKey: account.keyJson(peer.tokenUrl),
      delegatedUser,
      adminApiUrl: peer.rootUrl,
    });
  };

  it('reads the first user page with the write scope', async () => {
    const result = await hrSyncGoogleServiceAccountTest.call(context, serviceAccount([WRITE]));
    expect(result).toEqual({
      status: 'OK',
      message: expect.stringMatching(
        /acting as admin@example.com can read and write the Workspace users/,
      ),
    });
    expect(peer.directory.calls.at(-1)!.query).toMatchObject({
      customer: 'my_customer',
      maxResults: '1',
    });
  });

  it('says when delegation allows reading only', async () => {
    const result = await hrSyncGoogleServiceAccountTest.call(context, serviceAccount([READ]));
    expect(result.status).toBe('OK');
    expect(result.message).toMatch(/can read the Workspace users, but not write them/);
  });

  it('fails with where to authorise the scopes when delegation allows nothing', async () => {
    const result = await hrSyncGoogleServiceAccountTest.call(context, serviceAccount([]));
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/unauthorized_client.*domain-wide delegation/);
  });

  it('for a Sheets-only account, fetches a token and names the address to share the sheet with', async () => {
    const account = peer.addServiceAccount();
    const result = await hrSyncGoogleServiceAccountTest.call(
      context,
      credential('hrSyncGoogleServiceAccountApi', {
        serviceAccountKey: account.keyJson(peer.tokenUrl),
      }),
    );
    expect(result).toEqual({
      status: 'OK',
      message: expect.stringContaining(`Share the HR sheet with ${account.clientEmail}`),
    });
  });

  it('refuses a key that is not one, without repeating it', async () => {
    const result = await hrSyncGoogleServiceAccountTest.call(
      context,
      credential('hrSyncGoogleServiceAccountApi', {
        serviceAccountKey: '{"private_key": "-----BEGIN',
      }),
    );
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/not valid JSON/);
    expect(result.message).not.toContain('BEGIN');
  });

  it('tests an OAuth2 sign-in by refreshing it and reading the first user page', async () => {
    peer.addRefreshGrant({
      clientId: 'cid',
      clientSecret: 'csecret',
      refreshToken: 'rt',
      subject: 'admin@example.com',
      scopes: [WRITE],
    });
    const data = {
      clientId: 'cid',
      clientSecret: 'csecret',
      accessTokenUrl: peer.tokenUrl,
      scope: WRITE,
      adminApiUrl: peer.rootUrl,
      oauthTokenData: { refresh_token: 'rt' },
    };
    expect(
      await hrSyncGoogleOAuth2Test.call(context, credential('hrSyncGoogleOAuth2Api', data)),
    ).toMatchObject({ status: 'OK' });
    const notConnected = await hrSyncGoogleOAuth2Test.call(
      context,
      credential('hrSyncGoogleOAuth2Api', { ...data, oauthTokenData: {} }),
    );
    expect(notConnected).toEqual({
      status: 'Error',
      message: 'Connect the credential first (Sign in with Google).',
    });
    const revoked = await hrSyncGoogleOAuth2Test.call(
      context,
      credential('hrSyncGoogleOAuth2Api', { ...data, oauthTokenData: { refresh_token: 'old' } }),
    );
    expect(revoked.status).toBe('Error');
    expect(revoked.message).toMatch(/connect the OAuth2 credential again/);
    expect(revoked.message).not.toMatch(/csecret|\bold\b/);
  });
});
