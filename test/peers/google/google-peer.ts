import express from 'express';
import { listenOnLoopback, recordCalls, type RecordedCall } from '../http-peer';
import { directoryRouter, type DirectoryControls, type DirectoryOptions } from './directory-server';
import { makeServiceAccount, type TestServiceAccount } from './google-keys';
import { TokenAuthority, type RefreshGrant } from './google-tokens';
import { sheetsRouter, type SheetsControls } from './sheets-server';

export interface GooglePeerOptions {
  directory?: DirectoryOptions;
  /** Sheets reads per minute per user; more get 429. Default: no limit. */
  sheetsReadsPerMinute?: number;
  /** The fakes' clock (token expiry, quotas). */
  now?: () => number;
}

/** The fake Google: a token endpoint, Sheets v4 and the Directory API on one loopback origin. */
export interface GooglePeer {
  /** The API root both APIs live under, as a credential's "API URL" names it. */
  rootUrl: string;
  tokenUrl: string;
  tokens: TokenAuthority;
  tokenCalls: RecordedCall[];
  sheets: SheetsControls;
  directory: DirectoryControls;
  /** A service account the endpoint knows, with the scopes domain-wide delegation grants it. */
  addServiceAccount(delegatedScopes?: readonly string[]): TestServiceAccount;
  addRefreshGrant(grant: RefreshGrant): void;
  /** A Workspace user who may be impersonated (an admin). */
  addWorkspaceUser(email: string): void;
  close(): Promise<void>;
}

export async function startGooglePeer(options: GooglePeerOptions = {}): Promise<GooglePeer> {
  const now = options.now ?? Date.now;
  const tokens = new TokenAuthority(now);
  const tokenCalls: RecordedCall[] = [];
  const sheets = sheetsRouter(tokens, {
    ...(options.sheetsReadsPerMinute !== undefined
      ? { readsPerMinute: options.sheetsReadsPerMinute }
      : {}),
    now,
  });
  const directory = directoryRouter(tokens, { now, ...options.directory });
  const app = express();
  app.post(
    '/token',
    recordCalls(tokenCalls, ''),
    express.urlencoded({ extended: false }),
    (req, res) => tokens.handle(req, res),
  );
  app.use('/v4', sheets.router);
  app.use('/admin/directory/v1', directory.router);
  const listening = await listenOnLoopback(app);
  tokens.tokenUrl = `${listening.origin}/token`;
  return {
    rootUrl: `${listening.origin}/`,
    tokenUrl: tokens.tokenUrl,
    tokens,
    tokenCalls,
    sheets: sheets.controls,
    directory: directory.controls,
    addServiceAccount: (delegatedScopes = []) => {
      const account = makeServiceAccount();
      tokens.serviceAccounts.set(account.clientEmail, {
        publicKey: account.publicKey,
        delegatedScopes,
      });
      return account;
    },
    addRefreshGrant: (grant) => tokens.refreshGrants.push(grant),
    addWorkspaceUser: (email) => tokens.users.add(email.toLowerCase()),
    close: () => listening.close(),
  };
}
