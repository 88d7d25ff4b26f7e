import { serverDetail } from '../http-json';
import { RemoteError, isRetryableStatus, parseRetryAfter } from '../remote-error';

type Json = Record<string, unknown>;

/** Graph's own words: `error.code` and `error.message` (https://learn.microsoft.com/graph/errors). */
export function graphDetail(body: unknown): string | undefined {
  const error = (body as Json | undefined)?.error as Json | undefined;
  if (error && typeof error === 'object') {
    const code = typeof error.code === 'string' ? error.code : undefined;
    const message = typeof error.message === 'string' ? error.message : undefined;
    const text = [code, message].filter(Boolean).join(': ');
    if (text) return serverDetail(text);
  }
  return serverDetail(body);
}

/**
 * Whether a create was refused because the sign-in name (or the address made from it) is
 * taken: Graph answers 400 "Another object with the same value for property
 * userPrincipalName already exists." (or proxyAddresses, for the mail alias), with an
 * ObjectConflict detail; a recently deleted user keeps the name for 30 days
 * (https://learn.microsoft.com/troubleshoot/azure/active-directory/troubleshoot-user-creation-deletion-issues).
 */
export function isNameTaken(status: number, body: unknown): boolean {
  if (status !== 400) return false;
  const error = (body as Json | undefined)?.error as Json | undefined;
  const message = typeof error?.message === 'string' ? error.message : '';
  const details = Array.isArray(error?.details) ? (error.details as Json[]) : [];
  const conflictOn = (property: string): boolean =>
    (/already exists/i.test(message) && message.includes(property)) ||
    details.some((detail) => detail.code === 'ObjectConflict' && detail.target === property);
  return conflictOn('userPrincipalName') || conflictOn('proxyAddresses');
}

/** A non-2xx answer as a RemoteError that names the target, the call and the employee. */
export function answerError(
  what: string,
  status: number,
  headers: Record<string, string>,
  body: unknown,
  secret: Secrets,
): RemoteError {
  const detail = graphDetail(body);
  const retryAfterMs = parseRetryAfter(headers['retry-after']);
  const hint =
    status === 401 || status === 403
      ? ': the app registration was refused or lacks the permission (User.ReadWrite.All)'
      : '';
  return new RemoteError(scrub(`${what} was answered ${status}${hint}`, secret), {
    status,
    retryable: isRetryableStatus(status),
    ...(detail ? { detail: scrub(detail, secret) } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** The passwords a call carried: one, several (a batch), or none. */
export type Secrets = string | readonly string[] | undefined;

function secretList(secrets: Secrets): string[] {
  if (secrets === undefined) return [];
  return (typeof secrets === 'string' ? [secrets] : [...secrets]).filter((secret) => secret !== '');
}

/** Text with the secrets we sent masked, should Graph or a proxy have echoed our body. */
export function scrub(text: string, secrets: Secrets): string {
  return secretList(secrets).reduce((masked, secret) => masked.split(secret).join('***'), text);
}

/** The same error, with the secret masked in its message and detail (other errors as they are). */
export function scrubError(error: unknown, secret: Secrets): unknown {
  if (!(error instanceof Error)) return error;
  const text = `${error.message}\n${error instanceof RemoteError ? (error.detail ?? '') : ''}`;
  if (scrub(text, secret) === text) return error;
  if (!(error instanceof RemoteError)) return new Error(scrub(error.message, secret));
  return new RemoteError(scrub(error.message, secret), {
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.detail !== undefined ? { detail: scrub(error.detail, secret) } : {}),
    ...(error.code !== undefined ? { code: error.code } : {}),
  });
}
