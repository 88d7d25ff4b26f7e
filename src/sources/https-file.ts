/**
 * Downloading an HR export from an HTTPS link (a file share, a report URL of the HR
 * system). The secret travels in the HttpClient (n8n's credential or the CLI's headers),
 * never in this module's messages: URLs are shown through `redactUrl`.
 */
import type { HttpClient, HttpResponse } from '../http/http-client';
import { downloadFileName } from './download-name';
import { redactUrl } from './redact-url';
import { SourceError } from './source-error';

export { redactUrl } from './redact-url';

export interface HttpsFile {
  fileName: string;
  /** The media type without parameters; application/octet-stream when the server says none. */
  mimeType: string;
  size: number;
  data: Buffer;
  /** The URL as it may be shown: see `redactUrl`. */
  url: string;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ECONNABORTED']);
const TLS_CODE = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|DEPTH_ZERO/;

export async function readHttpsFile(
  http: HttpClient,
  url: string,
  options: { timeoutMs?: number } = {},
): Promise<HttpsFile> {
  const shown = redactUrl(url);
  requireHttps(url, shown);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let response: HttpResponse;
  try {
    response = await http({ method: 'GET', url, responseType: 'buffer', timeoutMs });
  } catch (error) {
    throw networkError(error, shown, timeoutMs);
  }
  requireSuccess(response.status, shown);
  const data = toBuffer(response.body);
  return {
    fileName: downloadFileName(response.headers['content-disposition'], url),
    mimeType: mediaType(response.headers['content-type']),
    size: data.length,
    data,
    url: shown,
  };
}

/** Plain http would send the credential and the employees' data readable to anyone between. */
function requireHttps(url: string, shown: string): void {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    throw new SourceError('protocol', `"${shown}" is not a valid URL: check the file URL.`);
  }
  if (protocol === 'https:') return;
  throw new SourceError(
    'protocol',
    `${shown} does not use https: only https:// links are accepted, because the file holds ` +
      `personal data and the request carries a credential. Use the server's https address.`,
    { host: hostOf(shown) },
  );
}

function requireSuccess(status: number, shown: string): void {
  if (status >= 200 && status < 300) return;
  const details = { host: hostOf(shown), path: shown, status };
  if (status === 401 || status === 403) {
    throw new SourceError(
      'auth_failed',
      `${shown} answered ${status} (not allowed): check the HTTPS file credential.`,
      details,
    );
  }
  if (status === 404) {
    throw new SourceError(
      'not_found',
      `${shown} answered 404 (not found): check the file URL, and whether the export exists.`,
      details,
    );
  }
  throw new SourceError(
    'http_status',
    `${shown} answered HTTP ${status} instead of the file` +
      (status >= 500 ? ': the server has a problem; try again later.' : '.'),
    details,
  );
}

/** Only Node's error code is quoted: a library's message text could carry request details. */
function networkError(error: unknown, shown: string, timeoutMs: number): SourceError {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : undefined;
  const details = { host: hostOf(shown), path: shown };
  if (known && TIMEOUT_CODES.has(known)) {
    return new SourceError(
      'timeout',
      `${shown} did not answer within ${timeoutMs} ms: try again later, or check the URL.`,
      details,
    );
  }
  if (known && TLS_CODE.test(known)) {
    return new SourceError(
      'protocol',
      `The certificate of ${hostOf(shown)} is not trusted (${known}): check the URL, or ask ` +
        `the server's admin for a certificate from a trusted authority.`,
      details,
    );
  }
  if (known === 'EPROTO') {
    return new SourceError(
      'protocol',
      `The secure connection to ${hostOf(shown)} failed (${known}): check that the URL's host ` +
        `and port really serve https.`,
      details,
    );
  }
  return new SourceError(
    'unreachable',
    `Cannot reach ${shown}${known ? ` (${known})` : ''}: check the URL and that this machine ` +
      `may connect to that server.`,
    details,
  );
}

function hostOf(shown: string): string {
  try {
    return new URL(shown).host;
  } catch {
    return shown;
  }
}

function mediaType(contentType: string | undefined): string {
  const essence = contentType?.split(';')[0]?.trim().toLowerCase();
  return essence || 'application/octet-stream';
}

/** Clients built on other HTTP libraries may hand back bytes in another shape. */
function toBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body === undefined || body === null) return Buffer.alloc(0);
  return Buffer.from(JSON.stringify(body), 'utf8');
}
