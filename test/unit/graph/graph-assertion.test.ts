import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { buildClientAssertion, thumbprintToX5t } from '../../../src/graph/graph-assertion';

describe('buildClientAssertion', () => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const thumbprint = createHash('sha1').update('a certificate').digest('hex').toUpperCase();
  const tokenUrl = 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/token';
  const now = Date.UTC(2026, 11, 2, 12, 0, 0);

  const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));

  it('is an RS256 JWT with x5t, aud, iss = sub = client ID, jti, nbf and exp, signed by the key', () => {
    const jwt = buildClientAssertion({
      clientId: 'app-1',
      tokenUrl,
      privateKey: pem,
      thumbprint,
      now,
    });
    const [header, claims, signature] = jwt.split('.') as [string, string, string];
    expect(decode(header)).toEqual({
      alg: 'RS256',
      typ: 'JWT',
      x5t: Buffer.from(thumbprint, 'hex').toString('base64url'),
    });
    expect(decode(claims)).toEqual({
      aud: tokenUrl,
      iss: 'app-1',
      sub: 'app-1',
      jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      nbf: now / 1000,
      iat: now / 1000,
      exp: now / 1000 + 600,
    });
    const signed = verify(
      'RSA-SHA256',
      Buffer.from(`${header}.${claims}`),
      publicKey,
      Buffer.from(signature, 'base64url'),
    );
    expect(signed).toBe(true);
  });

  it('gives every assertion its own jti', () => {
    const jti = () =>
      decode(
        buildClientAssertion({ clientId: 'a', tokenUrl, privateKey: pem, thumbprint, now }).split(
          '.',
        )[1] as string,
      ).jti;
    expect(jti()).not.toBe(jti());
  });

  it('takes the thumbprint with colons or spaces, and refuses one that is not 40 hex digits', () => {
    const spaced = thumbprint.match(/../g)?.join(':') ?? '';
    expect(thumbprintToX5t(spaced)).toBe(thumbprintToX5t(thumbprint.toLowerCase()));
    expect(() => thumbprintToX5t('abc')).toThrow(/40 hex digits/);
  });

  it('says the key is unreadable without quoting it', () => {
    const broken = pem.replace(/[A-Za-z0-9+/]{20}/, 'notbase64-notbase64-');
    let message = '';
    try {
      buildClientAssertion({ clientId: 'a', tokenUrl, privateKey: broken, thumbprint, now });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe('The certificate private key is not a readable PEM private key');
  });
});
