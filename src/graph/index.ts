/** Microsoft Graph for the Microsoft 365 sources and the Entra ID target. */
export type { GraphApi, GraphBatchRequest, GraphBatchResponse, GraphRequest } from './graph-api';
export {
  GLOBAL_GRAPH_BASE_URL,
  graphBaseUrlOf,
  graphScopeOf,
  tokenUrlOf,
  type GraphCredentials,
} from './graph-credentials';
export { GRAPH_BATCH_MAX, GraphClient, type GraphClientOptions } from './graph-client';
export { GraphSignInError, graphErrorOf, graphStatusError } from './graph-error';
export { buildClientAssertion, thumbprintToX5t } from './graph-assertion';
export { GraphTokenSource, TOKEN_REFRESH_MARGIN_MS } from './graph-token';
export { ENTRA_WRITE_LIMIT, WritePacer, type WriteLimit } from './write-pacer';
export { testGraphConnection } from './test-graph-connection';
