import {
  fingerprintsMatch,
  normalizeFingerprint,
  sshKeyFingerprint,
} from '../../../src/sources/sftp/fingerprint';

/** Public keys made with ssh-keygen, and what `ssh-keygen -lf` printed for them. */
const ED25519 = {
  line: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJF8VSbh23T7s3YCgp15KbpiRBNRXDRUV7nmvyan7pAy fixture',
  printed: '256 SHA256:va8/7OQmL9vNbO7Lu9GO4Tm2OgI7tbyrDx195NyDe1A fixture (ED25519)',
};
const RSA = {
  line:
    'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQDBW2S8OblF7cC56vAKJUJJrda5/JJM5WhqO6kYz5w38JMMis+RIQRbeC' +
    'psQkp+U/Ag2/RJvKmwMVYLO2EcygGfEGnMo8tYnraFVZRaeuKPiCjyxrOOzXl4zc/S/2gFGoot8iagVrVOBUNG5fVNr2yj' +
    'RnVWK3mkq07oRRl830WoVNAzySBQbNkV+JjUoEe/gkZi144VNJ+jsHsiKOvDmGz4tC0k5BFWTTyndNT5NkI8RQ53zyYpkm' +
    'Elg/R6w0vIzrCGY5+k0GG+x2STNclKkPEOwy1w7JH7Nqxg4SWIUCl+G0iskCSLpI9dWyOJ602oPlzTmbcCPcDnQduGbH20' +
    '4OQt fixture',
  printed: '2048 SHA256:AlVuqjRy2oAmxl5TeCP/NOApv5jqzBHBaMulvNoO6lQ fixture (RSA)',
};

const blobOf = (line: string) => Buffer.from(line.split(' ')[1]!, 'base64');
const printedFingerprint = (printed: string) => printed.split(' ')[1]!;

describe('sshKeyFingerprint', () => {
  it.each([
    ['ed25519', ED25519],
    ['rsa', RSA],
  ])('matches ssh-keygen -lf for an %s key', (_kind, key) => {
    expect(sshKeyFingerprint(blobOf(key.line))).toBe(printedFingerprint(key.printed));
  });

  it('has no base64 padding, like OpenSSH', () => {
    expect(sshKeyFingerprint(Buffer.from('any blob'))).not.toMatch(/=$/);
  });
});

describe('normalizeFingerprint', () => {
  const bare = 'va8/7OQmL9vNbO7Lu9GO4Tm2OgI7tbyrDx195NyDe1A';

  it.each([
    ['with the SHA256: prefix', `SHA256:${bare}`],
    ['bare base64', bare],
    ['with padding', `${bare}=`],
    ['with a lower-case prefix and spaces around', `  sha256:${bare}  `],
    ['as the whole ssh-keygen -lf line', ED25519.printed],
  ])('accepts a fingerprint %s', (_form, pasted) => {
    expect(normalizeFingerprint(pasted)).toBe(bare);
  });

  it('gives empty for an empty or absent fingerprint (none given, which the session refuses)', () => {
    expect(normalizeFingerprint('')).toBe('');
    expect(normalizeFingerprint('   ')).toBe('');
    expect(normalizeFingerprint(undefined)).toBe('');
  });
});

describe('fingerprintsMatch', () => {
  it('matches the same key written two ways', () => {
    expect(
      fingerprintsMatch(
        printedFingerprint(ED25519.printed),
        'va8/7OQmL9vNbO7Lu9GO4Tm2OgI7tbyrDx195NyDe1A=',
      ),
    ).toBe(true);
  });

  it('is case sensitive, because base64 is', () => {
    const fingerprint = printedFingerprint(ED25519.printed);
    expect(fingerprintsMatch(fingerprint, fingerprint.toLowerCase())).toBe(false);
  });

  it('does not match another key', () => {
    expect(
      fingerprintsMatch(printedFingerprint(ED25519.printed), printedFingerprint(RSA.printed)),
    ).toBe(false);
  });
});
