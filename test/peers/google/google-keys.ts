import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A service account's JSON key as the Cloud console hands it out, with its public half. */
export interface TestServiceAccount {
  clientEmail: string;
  clientId: string;
  privateKeyPem: string;
  publicKey: KeyObject;
  /** The key file's JSON, pointing `token_uri` at the given endpoint. */
  keyJson(tokenUri: string): string;
}

let counter = 0;

/** A fresh RSA key pair for a made-up service account (https://cloud.google.com/iam/docs/keys-create-delete). */
export function makeServiceAccount(name = 'hr-sync'): TestServiceAccount {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  counter += 1;
  const clientEmail = `${name}-${counter}@hr-sync-test.iam.gserviceaccount.com`;
  const clientId = String(100000000000000000000 + counter);
  return {
    clientEmail,
    clientId,
    privateKeyPem,
    publicKey,
    keyJson: (tokenUri) =>
      JSON.stringify({
        type: 'service_account',
        project_id: 'hr-sync-test',
        private_key_id: `key-${counter}`,
        private_key: privateKeyPem,
        client_email: clientEmail,
        client_id: clientId,
        auth_uri: 'https://accounts.google.com/o/oauth2/auth',
        token_uri: tokenUri,
      }),
  };
}
