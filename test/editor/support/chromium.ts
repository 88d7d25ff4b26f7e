import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { collectBrowserErrors, type BrowserErrors } from './browser-errors';

/** Debian's package (test/setup/install-chromium.sh); playwright-core brings no browser. */
const CHROMIUM = '/usr/bin/chromium';

const ARGS = [
  '--headless',
  // Root in a container has no user namespace for Chromium's sandbox.
  '--no-sandbox',
  '--disable-gpu',
  // Without these Chromium dials Google's services on start, and the closed network
  // refuses each connection with an error in the log.
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const VIEWPORT = { width: 1280, height: 800 };

export interface EditorBrowser {
  context: BrowserContext;
  page: Page;
  errors: BrowserErrors;
  close(): Promise<void>;
}

/** A Chromium with an empty profile of its own, one page, and its errors collected. */
export async function launchChromium(): Promise<EditorBrowser> {
  const profile = await mkdtemp(join(tmpdir(), 'hr-sync-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      args: ARGS,
      viewport: VIEWPORT,
      // The editor's clipboard buttons ask for it; a prompt would never be answered.
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = collectBrowserErrors(context);
    return {
      context,
      page,
      errors,
      close: async () => {
        await context.close().catch(() => undefined);
        await rm(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}
