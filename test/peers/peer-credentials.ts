import type { GraphPeer } from './graph/graph-server';
import type { RestPeer } from './rest-platform';
import type { ScimPeer } from './scim-server';
import type { SshdPeer } from './sshd';

/** The HR Sync SFTP credential's fields for the sshd peer, logging in with its password. */
export function sftpCredentialData(sshd: SshdPeer, overrides: Record<string, unknown> = {}) {
  return {
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    authMethod: 'password',
    password: sshd.password,
    hostKeyFingerprint: sshd.hostKeyFingerprint,
    ...overrides,
  };
}

/** The two credentials the nightly example names, pointed at the local peers. */
export function nightlyCredentials(sshd: SshdPeer, scim: ScimPeer) {
  return [
    {
      id: 'hrSyncSftpNightly',
      name: 'HR export SFTP',
      type: 'hrSyncSftpApi',
      data: sftpCredentialData(sshd),
    },
    {
      id: 'hrSyncScimPlatform',
      name: 'Employee platform (SCIM)',
      type: 'hrSyncScimApi',
      data: { baseUrl: scim.url, token: scim.token },
    },
  ];
}

/** The HR Sync REST Platform API credential's fields for the REST peer (key in the query). */
export function restCredentialData(rest: RestPeer) {
  return {
    baseUrl: rest.url,
    apiKey: rest.apiKey,
    apiKeyLocation: 'query',
    apiKeyName: 'api_key',
    testPath: '/users.json',
  };
}

/** The HR Sync Microsoft Entra ID / Graph API credential's fields for the fake Graph (a client secret). */
export function graphCredentialData(graph: GraphPeer) {
  return {
    tenantId: graph.tenantId,
    clientId: graph.clientId,
    authentication: 'clientSecret',
    clientSecret: graph.clientSecret,
    graphBaseUrl: graph.graphBaseUrl,
    tokenUrl: graph.tokenUrl,
  };
}
