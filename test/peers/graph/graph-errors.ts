import { randomUUID } from 'node:crypto';

/** What a route answers: the fake's handlers return this, for a top-level call and for a $batch's inner one alike. */
export interface GraphAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/**
 * Graph's error resource: `{ error: { code, message, innerError } }` ("Microsoft Graph error
 * responses and resource types", https://learn.microsoft.com/graph/errors).
 */
export function graphError(
  status: number,
  code: string,
  message: string,
  headers?: Record<string, string>,
): GraphAnswer {
  return {
    status,
    ...(headers ? { headers } : {}),
    body: {
      error: {
        code,
        message,
        innerError: { date: new Date().toISOString(), 'request-id': randomUUID() },
      },
    },
  };
}

/** Thrown by the store and the query parser; the routes turn it into a graphError. */
export class GraphFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }

  answer(): GraphAnswer {
    return graphError(this.status, this.code, this.message);
  }
}

/** "Resource '…' does not exist…": Graph's 404 for a directory object (https://learn.microsoft.com/graph/errors). */
export function notFound(key: string): GraphFault {
  return new GraphFault(
    404,
    'Request_ResourceNotFound',
    `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`,
  );
}

export function badRequest(message: string, code = 'Request_BadRequest'): GraphFault {
  return new GraphFault(400, code, message);
}
