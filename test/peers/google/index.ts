export { startGooglePeer, type GooglePeer, type GooglePeerOptions } from './google-peer';
export type { DirectoryControls, DirectoryFaultRule, DirectoryOptions } from './directory-server';
export type { FakeUser } from './directory-store';
export type {
  FakeCell,
  FakeSheet,
  FakeSpreadsheet,
  SheetsControls,
  SheetsFaultRule,
} from './sheets-server';
export { makeServiceAccount, type TestServiceAccount } from './google-keys';
export type { IssuedToken } from './google-tokens';
