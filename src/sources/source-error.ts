/**
 * A source that could not deliver its file. The code is stable and machine readable; the
 * message is for the admin who set the workflow up: it names the host (and port) or the
 * path and says what to do. Nothing here ever carries a password, private key,
 * passphrase or token: messages are written from the facts we know, and any text taken
 * from a library error goes through `scrubSecrets` first.
 */
export type SourceErrorCode =
  | 'auth_failed'
  | 'host_key_mismatch'
  | 'not_found'
  | 'unreachable'
  | 'timeout'
  | 'no_match'
  | 'unstable'
  | 'http_status'
  | 'protocol'
  /** A sheet's header row that cannot name the columns: empty or duplicate names. */
  | 'bad_header';

export interface SourceErrorDetails {
  host?: string;
  path?: string;
  /** The HTTP status, for `http_status`, `auth_failed` and `not_found` from HTTPS. */
  status?: number;
}

export class SourceError extends Error {
  readonly host?: string;
  readonly path?: string;
  readonly status?: number;

  constructor(
    readonly code: SourceErrorCode,
    message: string,
    details: SourceErrorDetails = {},
  ) {
    super(message);
    this.name = 'SourceError';
    if (details.host !== undefined) this.host = details.host;
    if (details.path !== undefined) this.path = details.path;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** Masks every non-empty secret in a text taken from elsewhere (a library's message). */
export function scrubSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let clean = text;
  for (const secret of secrets) {
    if (secret) clean = clean.split(secret).join('***');
  }
  return clean;
}
