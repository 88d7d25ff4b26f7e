export { GOOGLE_ADMIN_ROOT, GOOGLE_SCOPES, GOOGLE_SHEETS_ROOT, GOOGLE_TOKEN_URL } from './scopes';
export {
  ServiceAccountKeyError,
  parseServiceAccountKey,
  type ServiceAccountKey,
} from './service-account-key';
export { signAssertion, type AssertionClaims } from './jwt-assertion';
export type { Clock, GoogleTokenSource } from './token-source';
export { serviceAccountTokens, type ServiceAccountTokenOptions } from './service-account-tokens';
export { oauth2Tokens, type OAuth2TokenOptions } from './oauth2-tokens';
export { SlidingWindowPacer, UNPACED, type Pacer } from './pacer';
export { googleError, googleErrorInfo, isThrottling, type GoogleErrorInfo } from './google-error';
export { GOOGLE_RETRY, GoogleApi, type GoogleApiOptions, type GoogleRequest } from './google-api';
export { testGoogleCredential, type GoogleCredentialCheck } from './test-google-credential';
