import { badRequest, graphError, type GraphAnswer } from './graph-errors';
import type { GraphCall } from './graph-users';

/**
 * `POST /$batch` ("Combine multiple HTTP requests using JSON batching",
 * https://learn.microsoft.com/graph/json-batching): `{requests: [{id, method, url, headers?,
 * body?}]}`, at most 20, each `url` relative to the version root; the answer is a 200 whose
 * `responses` hold each request's own status, headers and body, matched by `id` and "not
 * necessarily in the order of the requests" (this fake answers in reverse order, so a client
 * that does not match by id is caught). A request over the limit of 20, or a malformed one,
 * fails the whole batch with 400.
 */
export const BATCH_MAX = 20;

interface InnerRequest {
  id: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface BatchAnswer extends GraphAnswer {
  id: string;
}

export async function answerBatch(
  body: unknown,
  answerOne: (id: string, call: GraphCall) => Promise<GraphAnswer>,
): Promise<GraphAnswer> {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) {
    return badRequest('Invalid batch payload format.', 'BadRequest').answer();
  }
  if (requests.length > BATCH_MAX) {
    return graphError(400, 'BadRequest', `Limit of ${BATCH_MAX} requests per batch exceeded.`);
  }
  const ids = new Set<string>();
  for (const request of requests as InnerRequest[]) {
    if (typeof request?.id !== 'string' || request.id === '' || ids.has(request.id)) {
      return graphError(400, 'BadRequest', 'Each request in a batch needs a unique id.');
    }
    if (
      typeof request.method !== 'string' ||
      typeof request.url !== 'string' ||
      /^[a-z]+:\/\//i.test(request.url)
    ) {
      return graphError(
        400,
        'BadRequest',
        `Invalid request ${request.id}: it needs a method and a url relative to the version root.`,
      );
    }
    ids.add(request.id);
  }
  const responses: BatchAnswer[] = [];
  for (const request of requests as InnerRequest[]) {
    const target = new URL(
      request.url.startsWith('/') ? request.url : `/${request.url}`,
      'http://batch.invalid',
    );
    const headers = lowerCased(request.headers);
    if (request.body !== undefined && headers['content-type'] === undefined) {
      // "If a body is included with the request, the headers object must contain a value for
      // Content-Type" (https://learn.microsoft.com/graph/json-batching#creating-a-batch-request).
      const refused = graphError(
        400,
        'BadRequest',
        'Content-Type header is required for a request with a body.',
      );
      responses.push({ id: request.id, ...refused, headers: refused.headers ?? {} });
      continue;
    }
    const answer = await answerOne(request.id, {
      method: request.method.toUpperCase(),
      path: target.pathname,
      query: target.searchParams,
      header: (name) => headers[name.toLowerCase()],
      body: request.body,
    });
    responses.push({ id: request.id, ...answer, headers: answer.headers ?? {} });
  }
  return {
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: { responses: responses.reverse() },
  };
}

function lowerCased(headers: Record<string, string> | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {}))
    result[name.toLowerCase()] = String(value);
  return result;
}
