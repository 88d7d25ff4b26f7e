import type { BrowserContext, Page } from 'playwright-core';

/**
 * Console messages of n8n's own that are not about this package, each with why. Anything
 * else logged as an error, or thrown on a page, fails the test.
 */
const UNRELATED_NOISE: Array<{ pattern: RegExp; why: string }> = [];

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
      seen.filter((error) => !UNRELATED_NOISE.some(({ pattern }) => pattern.test(error.text))),
  };
}
