import { NodeApiError, type INode, type JsonObject } from 'n8n-workflow';

/**
 * A NodeApiError that keeps the engine's message. n8n swaps messages that mention a network
 * code (ECONNREFUSED, ETIMEDOUT, ...) for a generic "perhaps it is offline", which would
 * lose the host, the path and what to do; the engine's messages already hold those, and
 * never a secret.
 */
export function remoteNodeError(
  node: INode,
  message: string,
  options: { description?: string; httpCode?: number; itemIndex?: number } = {},
): NodeApiError {
  const error = new NodeApiError(node, { message } as JsonObject, {
    message,
    ...(options.description ? { description: options.description } : {}),
    ...(options.httpCode !== undefined ? { httpCode: String(options.httpCode) } : {}),
    ...(options.itemIndex !== undefined ? { itemIndex: options.itemIndex } : {}),
  });
  error.message = message;
  return error;
}
