import type { NextFunction, Request, Response } from 'express';

/**
 * Refuses an answer larger than `maxBytes` the way Graph's workbook APIs do: 413
 * payloadTooLarge with the inner code responsePayloadSizeLimitExceeded ("Error codes for
 * workbooks and charts APIs", https://learn.microsoft.com/graph/workbook-error-codes). Mount it
 * before the routes whose answers it caps.
 */
export function capPayload(maxBytes: number) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const send = res.send.bind(res);
    res.send = ((body?: unknown) => {
      const size =
        typeof body === 'string'
          ? Buffer.byteLength(body)
          : Buffer.isBuffer(body)
            ? body.length
            : body === undefined || body === null
              ? 0
              : Buffer.byteLength(JSON.stringify(body));
      if (size <= maxBytes) return send(body as string);
      res.status(413).type('application/json');
      return send(
        JSON.stringify({
          error: {
            code: 'payloadTooLarge',
            message: 'The request size exceeds the maximum limit.',
            innerError: {
              code: 'responsePayloadSizeLimitExceeded',
              message: 'The response payload size has exceeded the limit.',
            },
          },
        }),
      );
    }) as Response['send'];
    next();
  };
}
