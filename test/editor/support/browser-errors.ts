import type { BrowserContext, Page } from 'playwright-core';

/**
 * Console messages of n8n's own that are not about this package, each with why. Anything
 * else logged as an error, or thrown on a page, fails the test.
 */
const UNRELATED_NOISE: Array<{ text: RegExp; url: RegExp; why: string }> = [
  {
    text: /status of 401/,
    url: /\/rest\/login$/,
    why: 'the sign-in page asks whether a session exists; 401 is its "no"',
  },
  {
    text: /ERR_CERT_AUTHORITY_INVALID|ERR_NAME_NOT_RESOLVED|ERR_CONNECTION_REFUSED/,
    url: /^https:\/\/registry\.npmjs\.org\//,
    why: 'the editor looks the community package up on the npm registry, which this closed network does not let Chromium reach',
  },
  {
    text: /status of 404/,
    url: /\/schemas\/n8n-nodes-hr-sync\./,
    why: "the panel's schema preview asks for output schemas that community packages do not ship",
  },
];

export interface BrowserError {
  kind: 'console' | 'pageerror';
  text: string;
  url: string;
}

export interface BrowserErrors {
  /** The errors seen so far that no allow-list entry explains. */
  unexplained(): BrowserError[];
  all(): BrowserError[];
}

export function collectBrowserErrors(context: BrowserContext): BrowserErrors {
  const seen: BrowserError[] = [];
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error') {
        seen.push({ kind: 'console', text: message.text(), url: message.location().url });
      }
    });
    page.on('pageerror', (error) => {
      seen.push({ kind: 'pageerror', text: `${error.name}: ${error.message}`, url: page.url() });
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    all: () => [...seen],
    unexplained: () =>
      seen.filter(
        (error) =>
          !UNRELATED_NOISE.some(({ text, url }) => text.test(error.text) && url.test(error.url)),
      ),
  };
}
