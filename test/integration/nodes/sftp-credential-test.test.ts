/**
 * The SFTP credential's Test button runs HR Source's `hrSyncSftpConnectionTest`; here it is
 * called directly against the real sshd peer (it uses nothing of n8n's context).
 */
import type { ICredentialTestFunctions, ICredentialsDecrypted, INodeType } from 'n8n-workflow';
import { HrSource } from '../../../nodes/HrSource/HrSource.node';
import { startSshd, type SshdPeer } from '../../peers/sshd';
import { sftpCredentialData } from '../../peers/peer-credentials';

jest.setTimeout(60_000);

let sshd: SshdPeer;
beforeAll(async () => {
  sshd = await startSshd({ passwordAuth: true });
});
afterAll(async () => {
  await sshd?.stop();
});

async function testCredential(data: Record<string, unknown>) {
  const credential = {
    id: 'c1',
    name: 'SFTP',
    type: 'hrSyncSftpApi',
    data,
  } as ICredentialsDecrypted;
  // n8n finds the test on the node's versions, newest first (credentials-tester.service.js).
  const v1 = new HrSource().nodeVersions[1] as INodeType;
  return v1.methods!.credentialTest!.hrSyncSftpConnectionTest!.call(
    {} as ICredentialTestFunctions,
    credential,
  );
}

function passwordCredential(overrides: Record<string, unknown> = {}) {
  return sftpCredentialData(sshd, overrides);
}

describe('SFTP credential Test button (real sshd on loopback)', () => {
  it('passes with the right password and host key, naming the fingerprint that matched', async () => {
    await expect(testCredential(passwordCredential())).resolves.toEqual({
      status: 'OK',
      message: `Connected, and the server's host key matches ${sshd.hostKeyFingerprint}`,
    });
  });

  it.each([
    ['empty', ''],
    ['missing', undefined],
  ])(
    'fails when the host key fingerprint is %s, showing the one the server presented',
    async (_form, fingerprint) => {
      const result = await testCredential(passwordCredential({ hostKeyFingerprint: fingerprint }));
      expect(result.status).toBe('Error');
      expect(result.message).toContain(sshd.hostKeyFingerprint);
      expect(result.message).not.toMatch(/\bmatches\b/);
      expect(result.message).not.toContain(sshd.password);
    },
  );

  it('passes with an encrypted private key and its passphrase', async () => {
    const result = await testCredential(
      passwordCredential({
        authMethod: 'privateKey',
        password: '',
        privateKey: sshd.encryptedPrivateKey,
        passphrase: sshd.passphrase,
      }),
    );
    expect(result.status).toBe('OK');
  });

  it('fails on a wrong password with a message that names the host and not the password', async () => {
    const wrong = 'wrong-password-7d2c';
    const result = await testCredential(passwordCredential({ password: wrong }));
    expect(result.status).toBe('Error');
    expect(result.message).toContain(sshd.host);
    expect(result.message).not.toContain(wrong);
  });

  it('fails on a host key mismatch, naming the fingerprint the server presented', async () => {
    const result = await testCredential(
      passwordCredential({
        hostKeyFingerprint: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      }),
    );
    expect(result.status).toBe('Error');
    expect(result.message).toContain(sshd.hostKeyFingerprint.replace(/=+$/, ''));
    expect(result.message).not.toMatch(/\bmatches\b/);
  });
});
