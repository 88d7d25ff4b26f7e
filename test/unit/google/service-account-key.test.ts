import { createVerify } from 'node:crypto';
import {
  parseServiceAccountKey,
  ServiceAccountKeyError,
} from '../../../src/google/service-account-key';
import { signAssertion } from '../../../src/google/jwt-assertion';
import { TEST_PRIVATE_KEY, TEST_PUBLIC_KEY, keyJson } from './google-test-key';

describe('parseServiceAccountKey', () => {
  it('reads the key file: e-mail, key, key id and token_uri', () => {
    const key = parseServiceAccountKey(keyJson({ token_uri: 'https://tokens.example/token' }));
    expect(key).toEqual({
      clientEmail: 'sync@project.iam.gserviceaccount.com',
      privateKey: TEST_PRIVATE_KEY,
      privateKeyId: 'kid-1',
      tokenUri: 'https://tokens.example/token',
    });
  });

  it("uses Google's public token endpoint when the key names none", () => {
    expect(parseServiceAccountKey(keyJson({ token_uri: undefined })).tokenUri).toBe(
      'https://oauth2.googleapis.com/token',
    );
  });

  it.each([
    ['not JSON', '{"private_key": "-----BEGIN PRIVATE KEY-----\nabc', /not valid JSON/],
    ['another type', keyJson({ type: 'authorized_user' }), /not "service_account"/],
    ['no e-mail', keyJson({ client_email: '' }), /no client_email/],
    [
      'a broken key',
      keyJson({ private_key: '-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n' }),
      /cannot be read/,
    ],
  ])('refuses %s without quoting the key', (_, json, message) => {
    let error: unknown;
    try {
      parseServiceAccountKey(json);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ServiceAccountKeyError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toMatch(/PRIVATE KEY|AAAA|abc/);
  });
});

describe('signAssertion', () => {
  it('signs an RS256 JWT with iss, sub, scope, aud, iat and exp an hour later', () => {
    const key = parseServiceAccountKey(keyJson());
    const jwt = signAssertion(key, {
      scopes: ['scope.a', 'scope.b'],
      subject: 'admin@example.com',
      audience: 'https://oauth2.googleapis.com/token',
      issuedAt: 1_800_000_000,
    });
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      kid: 'kid-1',
    });
    expect(JSON.parse(Buffer.from(payload, 'base64url').toString())).toEqual({
      iss: 'sync@project.iam.gserviceaccount.com',
      sub: 'admin@example.com',
      scope: 'scope.a scope.b',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_800_000_000,
      exp: 1_800_003_600,
    });
    const valid = createVerify('RSA-SHA256')
      .update(`${header}.${payload}`)
      .verify(TEST_PUBLIC_KEY, Buffer.from(signature, 'base64url'));
    expect(valid).toBe(true);
  });

  it('leaves sub out when the service account acts as itself', () => {
    const jwt = signAssertion(parseServiceAccountKey(keyJson()), {
      scopes: ['s'],
      audience: 'a',
      issuedAt: 1,
    });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString()) as object;
    expect(payload).not.toHaveProperty('sub');
  });
});
