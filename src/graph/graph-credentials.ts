/**
 * What signs an app in to Microsoft Entra ID for Microsoft Graph: app-only, with a client
 * secret or a certificate (https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow).
 */
export interface GraphCredentials {
  /** The directory (tenant) ID, or a verified domain of the tenant. */
  tenantId: string;
  /** The application (client) ID. */
  clientId: string;
  /** The client secret's Value (not its ID). */
  clientSecret?: string;
  /** A certificate uploaded to the app registration: its private key signs a client assertion. */
  certificate?: {
    /** PEM (PKCS#8 or PKCS#1) of the RSA private key. */
    privateKey: string;
    /** The certificate's SHA-1 thumbprint in hex, as the Entra admin center shows it. */
    thumbprint: string;
  };
  /** The Graph version root. Default https://graph.microsoft.com/v1.0; national clouds differ. */
  graphBaseUrl?: string;
  /** The token endpoint. Default https://login.microsoftonline.com/{tenantId}/oauth2/v2.0/token. */
  tokenUrl?: string;
}

export const GLOBAL_GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';

export function graphBaseUrlOf(credentials: GraphCredentials): string {
  return (credentials.graphBaseUrl?.trim() || GLOBAL_GRAPH_BASE_URL).replace(/\/+$/, '');
}

export function tokenUrlOf(credentials: GraphCredentials): string {
  const given = credentials.tokenUrl?.trim();
  if (given) return given;
  const tenant = encodeURIComponent(credentials.tenantId.trim());
  return `https://login.microsoftonline.com/${tenant}/oauth2/v2.0/token`;
}

/**
 * The app-only scope is the resource's identifier with `/.default`: the origin of the Graph
 * root, so a national cloud's Graph (graph.microsoft.us, microsoftgraph.chinacloudapi.cn)
 * gets a token for itself.
 */
export function graphScopeOf(credentials: GraphCredentials): string {
  return `${new URL(graphBaseUrlOf(credentials)).origin}/.default`;
}
