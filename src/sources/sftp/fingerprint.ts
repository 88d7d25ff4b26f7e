import { createHash } from 'node:crypto';

/**
 * The SHA256 fingerprint of an SSH public key blob (the wire format ssh2's hostVerifier
 * receives), written exactly as `ssh-keygen -lf` prints it: "SHA256:" and the unpadded
 * base64 of the digest.
 */
export function sshKeyFingerprint(publicKeyBlob: Buffer): string {
  const digest = createHash('sha256').update(publicKeyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * The comparable form of a fingerprint an admin pasted: the bare base64 without "SHA256:"
 * and without padding. Admins paste what their tool shows, so a whole `ssh-keygen -lf`
 * line ("256 SHA256:abc... comment (ED25519)") is accepted too. Empty means none was given,
 * which the session refuses.
 */
export function normalizeFingerprint(configured: string | undefined): string {
  const text = (configured ?? '').trim();
  if (text === '') return '';
  const token = text.split(/\s+/).find((part) => /^sha256:/i.test(part)) ?? text;
  return token.replace(/^sha256:/i, '').replace(/=+$/, '');
}

/** Base64 is case sensitive, so the comparison is exact once both are normalized. */
export function fingerprintsMatch(presented: string, configured: string): boolean {
  return normalizeFingerprint(presented) === normalizeFingerprint(configured);
}
