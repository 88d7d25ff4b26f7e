import type {
  IDataObject,
  IExecuteFunctions,
  IHttpRequestOptions,
  ILoadOptionsFunctions,
} from 'n8n-workflow';
import type { HttpClient, HttpRequest, HttpResponse } from '../../src';

/** Adds a credential's secret to a request: the credential class's own `authenticate`. */
export type Authenticate = (options: IHttpRequestOptions) => Promise<IHttpRequestOptions>;

/**
 * The engine's HttpClient on n8n's own request helper, so n8n's proxy and TLS settings apply
 * and the credential's `authenticate` adds the secret: through n8n for a credential type,
 * or through the given function (which decrypted the credential once, where n8n decrypts
 * it and resolves its expressions on every request: half a millisecond each, 0.75 s over
 * a 100,000-user sync). Every status comes back as an answer (the engine decides what a
 * 429 or 500 means); a call that got no answer is rethrown as a bare error with the network
 * code only, so no request option (headers, query with an API key) can reach a message.
 */
export function n8nHttpClient(
  // The editor's list of platform attributes calls the platform too (ILoadOptionsFunctions).
  context: IExecuteFunctions | ILoadOptionsFunctions,
  auth: string | Authenticate | undefined,
  defaultTimeoutMs = 30_000,
): HttpClient {
  return async (request: HttpRequest): Promise<HttpResponse> => {
    const options: IHttpRequestOptions = {
      method: request.method,
      url: request.url,
      ...(request.query ? { qs: request.query as IDataObject } : {}),
      headers: { accept: 'application/json, */*', ...request.headers },
      ...(request.body !== undefined ? { body: request.body as IDataObject } : {}),
      json: request.responseType !== 'buffer',
      ...(request.responseType === 'buffer' ? { encoding: 'arraybuffer' as const } : {}),
      returnFullResponse: true,
      ignoreHttpStatusErrors: true,
      timeout: request.timeoutMs ?? defaultTimeoutMs,
    };
    let response: { body: unknown; headers: Record<string, unknown>; statusCode: number };
    try {
      if (typeof auth === 'string') {
        response = await context.helpers.httpRequestWithAuthentication.call(context, auth, options);
      } else {
        response = await context.helpers.httpRequest(auth ? await auth(options) : options);
      }
    } catch (error) {
      throw Object.assign(new Error('no answer'), { code: networkCode(error) });
    }
    const body = request.responseType === 'buffer' ? toBuffer(response.body) : response.body;
    return { status: response.statusCode, headers: lowerCase(response.headers), body };
  };
}

/** The first Node network code found on the error or its causes. */
function networkCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(code)) return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function toBuffer(body: unknown): Buffer {
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (typeof body === 'string') return Buffer.from(body);
  return Buffer.from(JSON.stringify(body ?? ''));
}

function lowerCase(headers: Record<string, unknown>): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value !== undefined && value !== null) result[name.toLowerCase()] = String(value);
  }
  return result;
}
