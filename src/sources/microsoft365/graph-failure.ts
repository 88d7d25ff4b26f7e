import type { GraphApi, GraphRequest } from '../../graph/graph-api';
import type { HttpResponse } from '../../http/http-client';
import { SourceError } from '../source-error';

/**
 * Microsoft Graph's error body, `{"error": {"code", "message", "innerError": {"code"}}}`:
 * https://learn.microsoft.com/graph/errors and, for workbooks,
 * https://learn.microsoft.com/graph/workbook-error-handling. Its message is written for
 * developers and never holds our token, so a shortened copy may go into ours.
 */
export interface GraphErrorInfo {
  codes: string[];
  message?: string;
}

export function graphError(body: unknown): GraphErrorInfo {
  const codes: string[] = [];
  let message: string | undefined;
  let node = (body as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  for (let depth = 0; node && typeof node === 'object' && depth < 5; depth++) {
    if (typeof node.code === 'string') codes.push(node.code);
    if (message === undefined && typeof node.message === 'string') message = node.message;
    node = (node.innerError ?? node.innererror) as Record<string, unknown> | undefined;
  }
  return message === undefined ? { codes } : { codes, message: shorten(message) };
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 200 ? `${flat.slice(0, 197)}...` : flat;
}

/** One GET; a call that got no answer becomes a SourceError naming the service, not a URL. */
export async function graphGet(
  graph: GraphApi,
  path: string,
  query?: GraphRequest['query'],
  headers?: GraphRequest['headers'],
): Promise<HttpResponse> {
  try {
    return await graph.request({
      method: 'GET',
      path,
      ...(query ? { query } : {}),
      ...(headers ? { headers } : {}),
    });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new SourceError(
      'unreachable',
      `${graph.label} did not answer${typeof code === 'string' ? ` (${code})` : ''}: try again later.`,
    );
  }
}

export function isSuccess(response: HttpResponse): boolean {
  return response.status >= 200 && response.status < 300;
}

/**
 * A refused or failed read of `what` ("the worksheet \"Staff\" in People.xlsx"), as the admin
 * needs it: what was asked, what Graph said, what to do. 404 is left to the caller, who
 * knows what was missing.
 */
export function readFailure(
  graph: GraphApi,
  response: HttpResponse,
  what: string,
  permissions: string,
): SourceError {
  const { codes, message } = graphError(response.body);
  const said = [codes[0], message].filter(Boolean).join(': ');
  const tail = said ? ` (${said})` : '';
  if (response.status === 401 || response.status === 403) {
    return new SourceError(
      'auth_failed',
      `${graph.label} refused to read ${what} (HTTP ${response.status})${tail}: the app` +
        ` registration needs ${permissions} with admin consent.`,
      { status: response.status },
    );
  }
  if (response.status === 404) {
    return new SourceError('not_found', `${what} was not found${tail}.`, { status: 404 });
  }
  return new SourceError(
    'http_status',
    `${graph.label} answered HTTP ${response.status} when reading ${what}${tail}` +
      (response.status >= 500 || response.status === 429 ? ': try again later.' : '.'),
    { status: response.status },
  );
}
