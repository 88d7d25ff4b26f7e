import type { IHttpRequestOptions } from 'n8n-workflow';
import { HrSyncRestPlatformApi } from '../../../credentials/HrSyncRestPlatformApi.credentials';
import { HrSyncScimApi } from '../../../credentials/HrSyncScimApi.credentials';

/** What the platform nodes apply to every request, with the credential decrypted once. */
describe('the platform credentials add their secret to a request', () => {
  const request = (): IHttpRequestOptions => ({
    url: 'https://platform.example/Users',
    headers: { accept: 'application/json' },
    qs: { count: 200 },
  });

  it('SCIM: a bearer token in the Authorization header, the rest of the request kept', async () => {
    const original = request();
    const sent = await new HrSyncScimApi().authenticate({ token: 's3cret' }, original);
    expect(sent).toEqual({
      ...request(),
      headers: { accept: 'application/json', Authorization: 'Bearer s3cret' },
    });
    expect(original).toEqual(request());
  });

  it('REST: the API key in the named header, or in the query string', async () => {
    const api = new HrSyncRestPlatformApi();
    const inHeader = await api.authenticate(
      { apiKey: 'k3y', apiKeyLocation: 'header', apiKeyName: 'X-Api-Key' },
      request(),
    );
    expect(inHeader.headers).toEqual({ accept: 'application/json', 'X-Api-Key': 'k3y' });
    expect(inHeader.qs).toEqual({ count: 200 });
    const inQuery = await api.authenticate({ apiKey: 'k3y', apiKeyLocation: 'query' }, request());
    expect(inQuery.qs).toEqual({ count: 200, api_key: 'k3y' });
    expect(inQuery.headers).toEqual({ accept: 'application/json' });
  });
});
