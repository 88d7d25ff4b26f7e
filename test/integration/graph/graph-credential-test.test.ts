import type { ICredentialTestFunctions } from 'n8n-workflow';
import {
  graphCredentialsFrom,
  hrSyncMicrosoftGraphTest,
} from '../../../nodes/shared/graph-credential-test';
import {
  generateTestCertificate,
  startGraphServer,
  type GraphPeer,
} from '../../peers/graph/graph-server';

describe('Microsoft Graph credential Test button', () => {
  const certificate = generateTestCertificate();
  let peer: GraphPeer;
  const test = (data: Record<string, string>) =>
    hrSyncMicrosoftGraphTest.call({} as ICredentialTestFunctions, {
      id: '1',
      name: 'graph',
      type: 'hrSyncMicrosoftGraphApi',
      data,
    });

  beforeAll(async () => {
    peer = await startGraphServer({
      certificate: { publicKey: certificate.publicKey, thumbprint: certificate.thumbprint },
    });
  });
  afterAll(() => peer.close());

  const base = () => ({
    tenantId: peer.tenantId,
    clientId: peer.clientId,
    graphBaseUrl: peer.graphBaseUrl,
    tokenUrl: peer.tokenUrl,
  });

  it('maps the fields, dropping empty URLs so the global cloud applies', () => {
    expect(
      graphCredentialsFrom({
        tenantId: ' t ',
        clientId: 'c',
        authentication: 'clientSecret',
        clientSecret: 's',
        graphBaseUrl: '',
        tokenUrl: '',
      }),
    ).toEqual({ tenantId: 't', clientId: 'c', clientSecret: 's' });
    expect(
      graphCredentialsFrom({
        tenantId: 't',
        clientId: 'c',
        authentication: 'certificate',
        certificatePrivateKey: 'PEM',
        certificateThumbprint: 'AB',
      }),
    ).toEqual({
      tenantId: 't',
      clientId: 'c',
      certificate: { privateKey: 'PEM', thumbprint: 'AB' },
    });
  });

  it('is OK with the right secret, and with the certificate', async () => {
    await expect(
      test({ ...base(), authentication: 'clientSecret', clientSecret: peer.clientSecret }),
    ).resolves.toMatchObject({ status: 'OK' });
    await expect(
      test({
        ...base(),
        authentication: 'certificate',
        certificatePrivateKey: certificate.privateKey,
        certificateThumbprint: certificate.thumbprint,
      }),
    ).resolves.toMatchObject({ status: 'OK' });
  });

  it('gives the AADSTS reason for a wrong secret, without the secret', async () => {
    const result = await test({
      ...base(),
      authentication: 'clientSecret',
      clientSecret: 'not-the-secret-42',
    });
    expect(result.status).toBe('Error');
    expect(result.message).toMatch(/AADSTS7000215/);
    expect(result.message).not.toContain('not-the-secret-42');
  });

  it('names a thumbprint that is not one', async () => {
    const result = await test({
      ...base(),
      authentication: 'certificate',
      certificatePrivateKey: certificate.privateKey,
      certificateThumbprint: 'xyz',
    });
    expect(result).toMatchObject({
      status: 'Error',
      message: expect.stringMatching(/40 hex digits/),
    });
  });
});
