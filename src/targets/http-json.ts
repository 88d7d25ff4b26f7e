import type { HttpClient, HttpRequest, HttpResponse } from '../http/http-client';
import { RemoteError, isRetryableStatus, networkError, parseRetryAfter } from './remote-error';

/**
 * One call to a target: network failures and non-2xx answers become RemoteErrors that
 * name the target and the status, with the server's own explanation shortened.
 */
export async function callTarget(
  http: HttpClient,
  label: string,
  request: HttpRequest,
  accept: (status: number) => boolean = (status) => status >= 200 && status < 300,
): Promise<HttpResponse> {
  let response: HttpResponse;
  try {
    response = await http(request);
  } catch (error) {
    throw networkError(label, error);
  }
  if (accept(response.status)) return response;
  throw statusError(label, request, response);
}

export function statusError(
  label: string,
  request: HttpRequest,
  response: HttpResponse,
): RemoteError {
  const hint =
    response.status === 401 || response.status === 403
      ? ': the credential was refused; check the token or API key in the credential'
      : '';
  const detail = serverDetail(response.body);
  return new RemoteError(
    `${label} answered ${response.status} to ${request.method} ${pathOf(request.url)}${hint}`,
    {
      status: response.status,
      retryable: isRetryableStatus(response.status),
      ...(detail ? { detail } : {}),
      ...retryAfter(response),
    },
  );
}

function retryAfter(response: HttpResponse): { retryAfterMs?: number } {
  const ms = parseRetryAfter(response.headers['retry-after']);
  return ms === undefined ? {} : { retryAfterMs: ms };
}

/** The path alone: query strings may carry an API key. */
function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split('?')[0] ?? url;
  }
}

/** SCIM's `detail`, Graph's `error.message`, a REST API's `errors` or `message`, or the text itself, shortened. */
export function serverDetail(body: unknown): string | undefined {
  if (body === undefined || body === null || body === '') return undefined;
  if (typeof body === 'string') return shorten(body);
  if (Buffer.isBuffer(body)) return shorten(body.toString('utf8'));
  if (typeof body === 'object') {
    const record = body as Record<string, unknown>;
    const nested = nestedError(record.error);
    if (nested) return shorten(nested);
    for (const key of ['detail', 'message', 'error']) {
      if (typeof record[key] === 'string') return shorten(record[key] as string);
    }
    if (record.errors !== undefined) return shorten(JSON.stringify(record.errors));
  }
  return shorten(JSON.stringify(body));
}

/** Microsoft Graph's `{ error: { code, message } }` (https://learn.microsoft.com/graph/errors). */
function nestedError(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof message !== 'string') return undefined;
  return typeof code === 'string' ? `${code}: ${message}` : message;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 297)}...` : flat;
}
