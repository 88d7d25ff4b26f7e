import { generateKeyPairSync } from 'node:crypto';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** One RSA key for the unit tests, made once per file that imports it. */
export const TEST_PRIVATE_KEY = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const TEST_PUBLIC_KEY = publicKey;

export function keyJson(overrides: Record<string, unknown> = {}): string {
  return JSON.stringify({
    type: 'service_account',
    client_email: 'sync@project.iam.gserviceaccount.com',
    private_key_id: 'kid-1',
    private_key: TEST_PRIVATE_KEY,
    token_uri: 'https://oauth2.googleapis.com/token',
    ...overrides,
  });
}
