import { parseServiceAccountKey } from '../../../src/google/service-account-key';
import { serviceAccountTokens } from '../../../src/google/service-account-tokens';
import { GOOGLE_SCOPES } from '../../../src/google/scopes';
import { nodeHttpClient } from '../../../src/http/node-http-client';
import type { Sleep } from '../../../src/apply/retry';
import { googleAdminApi } from '../../../src/targets/google-workspace/admin-api';
import {
  GoogleWorkspaceDirectory,
  type GoogleWorkspaceDirectoryOptions,
} from '../../../src/targets/google-workspace/google-workspace-directory';
import {
  startGooglePeer,
  type GooglePeer,
  type GooglePeerOptions,
  type TestServiceAccount,
} from '../../peers/google';

export const ADMIN = 'admin@example.com';

/**
 * A clock the fakes, the pacer and the retries share; it moves only by sleeps, so a
 * throttled run takes no wall time.
 */
export function sharedClock(start = Date.now()) {
  const clock = { now: start, sleeps: 0 };
  const sleep: Sleep = async (ms) => {
    clock.sleeps += 1;
    clock.now += ms;
  };
  return { clock, now: () => clock.now, sleep };
}

export interface GoogleSetup {
  peer: GooglePeer;
  account: TestServiceAccount;
  directory(
    options: Partial<GoogleWorkspaceDirectoryOptions> & { queriesPerMinute?: number },
  ): GoogleWorkspaceDirectory;
}

export async function startGoogleSetup(
  peerOptions: GooglePeerOptions = {},
  clock: { now: () => number; sleep: Sleep } = { now: Date.now, sleep: async () => undefined },
): Promise<GoogleSetup> {
  const peer = await startGooglePeer({ now: clock.now, ...peerOptions });
  peer.addWorkspaceUser(ADMIN);
  const account = peer.addServiceAccount([
    GOOGLE_SCOPES.directoryUsers,
    GOOGLE_SCOPES.directoryUsersReadOnly,
    GOOGLE_SCOPES.sheetsReadOnly,
  ]);
  const http = nodeHttpClient();
  return {
    peer,
    account,
    directory: ({ queriesPerMinute, ...options }) => {
      const tokens = serviceAccountTokens(http, {
        key: parseServiceAccountKey(account.keyJson(peer.tokenUrl)),
        subject: ADMIN,
        now: clock.now,
      });
      const api = googleAdminApi(http, tokens, {
        rootUrl: peer.rootUrl,
        now: clock.now,
        sleep: clock.sleep,
        ...(queriesPerMinute ? { queriesPerMinute } : {}),
      });
      return new GoogleWorkspaceDirectory(api, {
        attributes: [],
        primaryEmailTemplate: '{firstName}.{lastName}@example.com',
        ...options,
      });
    },
  };
}
