import { createHash, generateKeyPairSync } from 'node:crypto';

/**
 * A key pair standing in for a certificate uploaded to an app registration. Entra knows the
 * certificate by its SHA-1 thumbprint (of the DER certificate); with no certificate here, the
 * thumbprint is the SHA-1 of the public key's DER: the same 40 hex digits in form.
 */
export interface TestCertificate {
  privateKey: string;
  publicKey: string;
  thumbprint: string;
}

export function generateTestCertificate(): TestCertificate {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    thumbprint: createHash('sha1').update(der).digest('hex').toUpperCase(),
  };
}
