import type { HttpResponse } from '../http/http-client';
import { serverDetail } from '../targets/http-json';
import { RemoteError, isRetryableStatus, parseRetryAfter } from '../targets/remote-error';
import { scrubSecrets } from '../sources/source-error';

/**
 * What each AADSTS code a client-credentials sign-in commonly fails with means to the admin
 * (https://learn.microsoft.com/entra/identity-platform/reference-error-codes).
 */
const AADSTS_HINTS: Record<number, string> = {
  7000215:
    'the client secret is wrong; enter the secret\'s "Value" (not its "Secret ID") from Certificates & secrets',
  7000222: 'the client secret has expired; create a new one under Certificates & secrets',
  7000218: 'the request carried neither a client secret nor a certificate assertion',
  90002: "no such tenant; check the tenant ID, and that the token URL is for the tenant's cloud",
  900023: 'the tenant ID is not a valid tenant ID or domain',
  700016:
    'no application with this client ID in the tenant; check the client ID, and that the app is registered in (or consented to by) this tenant',
  700027:
    'the certificate assertion failed signature validation; the thumbprint and private key must belong to a certificate uploaded to the app registration',
  700024: "the certificate assertion is outside its valid time range; check this machine's clock",
  70011: 'the requested scope is not valid for this cloud; check the Graph base URL',
  700023: "the certificate assertion's audience is not this token endpoint",
};

/** The sign-in failed: the message names the app, the AADSTS code and what to check. */
export class GraphSignInError extends RemoteError {
  readonly aadstsCode: number | undefined;

  constructor(
    message: string,
    options: ConstructorParameters<typeof RemoteError>[1] & { aadstsCode?: number },
  ) {
    super(message, options);
    this.name = 'GraphSignInError';
    this.aadstsCode = options.aadstsCode;
  }

  /**
   * A refused sign-in (wrong secret, unknown tenant or app: 400 or 401 from the token
   * endpoint) refuses the credential itself: nothing else in the run can get through.
   */
  override get refusesCredential(): boolean {
    return !this.retryable;
  }

  override get isAuthFailure(): boolean {
    return !this.retryable;
  }
}

/**
 * The token endpoint's error (`{error, error_description, error_codes}`) as a GraphSignInError.
 * Written from the code; the endpoint's own first line goes to `detail` with every secret
 * we hold masked, although Entra does not echo them.
 */
export function signInError(
  clientId: string,
  response: HttpResponse,
  secrets: ReadonlyArray<string | undefined>,
): GraphSignInError {
  const body = (
    typeof response.body === 'object' && response.body !== null ? response.body : {}
  ) as {
    error?: unknown;
    error_description?: unknown;
    error_codes?: unknown;
  };
  const description = typeof body.error_description === 'string' ? body.error_description : '';
  const code = aadstsCode(body.error_codes, description);
  const reason =
    (code !== undefined ? AADSTS_HINTS[code] : undefined) ??
    (typeof body.error === 'string'
      ? `it answered ${body.error}`
      : `it answered HTTP ${response.status}`);
  const named = code !== undefined ? ` (AADSTS${code})` : '';
  const firstLine = description.split(/\r?\n/)[0]?.trim();
  const detail = firstLine ? scrubSecrets(firstLine, secrets).slice(0, 300) : undefined;
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  return new GraphSignInError(
    `Microsoft Entra ID refused the sign-in of app ${clientId}${named}: ${reason}`,
    {
      status: response.status,
      retryable: isRetryableStatus(response.status),
      ...(detail ? { detail } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      ...(code !== undefined ? { aadstsCode: code } : {}),
    },
  );
}

function aadstsCode(codes: unknown, description: string): number | undefined {
  if (Array.isArray(codes) && typeof codes[0] === 'number') return codes[0];
  const match = /AADSTS(\d+)/.exec(description);
  return match ? Number(match[1]) : undefined;
}

/** Graph's `{ error: { code, message } }`, as `code: message`. */
export function graphErrorOf(body: unknown): { code?: string; message?: string } {
  const error = (body as { error?: unknown } | null | undefined)?.error;
  if (typeof error !== 'object' || error === null) return {};
  const { code, message } = error as { code?: unknown; message?: unknown };
  return {
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof message === 'string' ? { message } : {}),
  };
}

/**
 * A Graph answer that is not 2xx, as a RemoteError: the status, the method and path (never the
 * query, nor the token), Graph's error code, and for 401/403 what the admin should check.
 */
export function graphStatusError(
  label: string,
  method: string,
  url: string,
  response: HttpResponse,
): RemoteError {
  const { code } = graphErrorOf(response.body);
  const hint =
    response.status === 403
      ? ': the app lacks a Microsoft Graph application permission for this (reading users needs User.Read.All, writing them User.ReadWrite.All), granted with admin consent'
      : response.status === 401
        ? ": Microsoft Graph refused the app's token"
        : '';
  const detail = serverDetail(response.body);
  const retryAfterMs = parseRetryAfter(response.headers['retry-after']);
  return new RemoteError(
    `${label} answered ${response.status}${code ? ` ${code}` : ''} to ${method} ${pathOf(url)}${hint}`,
    {
      status: response.status,
      retryable: isRetryableStatus(response.status),
      ...(detail ? { detail } : {}),
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    },
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}
