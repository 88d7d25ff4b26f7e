import { createPrivateKey } from 'node:crypto';
import { GOOGLE_TOKEN_URL } from './scopes';

/** The parts of a service account's JSON key the sync uses. */
export interface ServiceAccountKey {
  clientEmail: string;
  /** PEM (PKCS#8), as the key file carries it. */
  privateKey: string;
  privateKeyId?: string;
  /** Where the key says its assertions are exchanged; Google's public endpoint by default. */
  tokenUri: string;
}

/** A key that cannot be used; the message names the problem, never the key. */
export class ServiceAccountKeyError extends Error {
  override name = 'ServiceAccountKeyError';
}

/**
 * Reads the JSON key downloaded from the Google Cloud console
 * (https://cloud.google.com/iam/docs/keys-create-delete): `type` service_account,
 * `client_email`, `private_key`, `private_key_id` and `token_uri`.
 */
export function parseServiceAccountKey(json: string | Record<string, unknown>): ServiceAccountKey {
  let key: Record<string, unknown>;
  if (typeof json === 'string') {
    try {
      key = JSON.parse(json) as Record<string, unknown>;
    } catch {
      throw new ServiceAccountKeyError(
        'The service account key is not valid JSON: paste the whole key file as downloaded from the Google Cloud console.',
      );
    }
  } else {
    key = json;
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) {
    throw new ServiceAccountKeyError('The service account key must be a JSON object.');
  }
  if (key.type !== undefined && key.type !== 'service_account') {
    throw new ServiceAccountKeyError(
      `The key is of type "${String(key.type)}", not "service_account": create a key for a service account.`,
    );
  }
  const clientEmail = typeof key.client_email === 'string' ? key.client_email.trim() : '';
  if (!clientEmail) {
    throw new ServiceAccountKeyError('The service account key has no client_email.');
  }
  const privateKey = typeof key.private_key === 'string' ? key.private_key : '';
  if (!privateKey.includes('PRIVATE KEY')) {
    throw new ServiceAccountKeyError(`The key of ${clientEmail} has no private_key in PEM form.`);
  }
  try {
    createPrivateKey(privateKey);
  } catch {
    // Node's own message may quote part of the key: say only what is wrong.
    throw new ServiceAccountKeyError(
      `The private_key of ${clientEmail} cannot be read as a PEM key.`,
    );
  }
  const tokenUri =
    typeof key.token_uri === 'string' && key.token_uri.trim()
      ? key.token_uri.trim()
      : GOOGLE_TOKEN_URL;
  return {
    clientEmail,
    privateKey,
    tokenUri,
    ...(typeof key.private_key_id === 'string' && key.private_key_id
      ? { privateKeyId: key.private_key_id }
      : {}),
  };
}
