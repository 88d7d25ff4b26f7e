import * as http from 'node:http';
import * as https from 'node:https';
import { urlWithQuery, type HttpClient, type HttpRequest, type HttpResponse } from './http-client';

export interface NodeHttpClientOptions {
  /** Headers added to every request (for example the credential's Authorization). */
  headers?: Record<string, string>;
  /** Query parameters added to every request (for example an API key). */
  query?: Record<string, string>;
  /** Extra trusted CA certificates in PEM, for a platform with its own CA. */
  ca?: string | Buffer;
  timeoutMs?: number;
}

/** An HttpClient on Node's own http/https modules, for the CLI and the tests. */
export function nodeHttpClient(options: NodeHttpClientOptions = {}): HttpClient {
  return (request) => send(request, options);
}

function send(request: HttpRequest, options: NodeHttpClientOptions): Promise<HttpResponse> {
  const target = new URL(urlWithQuery(request.url, { ...options.query, ...request.query }));
  const hasBody = request.body !== undefined;
  // A text body for another media type (a form-encoded token request) goes as it is.
  const contentType = request.headers?.['content-type'] ?? 'application/json';
  const raw = typeof request.body === 'string' && !/json/i.test(contentType);
  const payload = hasBody
    ? Buffer.from(raw ? (request.body as string) : JSON.stringify(request.body))
    : undefined;
  const headers: Record<string, string> = {
    accept: 'application/json, */*',
    ...options.headers,
    ...request.headers,
  };
  if (payload) {
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(payload.length);
  }
  const transport = target.protocol === 'https:' ? https : http;
  const timeoutMs = request.timeoutMs ?? options.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const req = transport.request(
      target,
      { method: request.method, headers, ...(options.ca ? { ca: options.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const raw = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: flattenHeaders(res.headers),
            body:
              request.responseType === 'buffer' ? raw : parseBody(raw, res.headers['content-type']),
          });
        });
      },
    );
    req.setTimeout(timeoutMs, () => {
      req.destroy(
        Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }),
      );
    });
    req.on('error', reject);
    req.end(payload);
  });
}

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined)
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseBody(raw: Buffer, contentType: string | undefined): unknown {
  const text = raw.toString('utf8');
  if (text.length === 0) return undefined;
  if (contentType && /json/i.test(contentType)) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}
