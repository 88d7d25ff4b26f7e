/**
 * n8n's editor in Chromium, as an admin meets the package: signs in on the real sign-in
 * page, finds each node in the nodes panel, switches its main choices, tests each
 * credential against the real peers, looks at the icons in both themes and at the Sync
 * Report's e-mail, and leaves no error in the browser's console.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/repo-root';
import { launchChromium, type EditorBrowser } from './support/chromium';
import { startEditorN8n, type EditorN8n } from './support/editor-n8n';
import {
  addNode,
  chooseOption,
  closeNdv,
  ndv,
  newWorkflow,
  notices,
  parameterLabels,
  signIn,
  toggleSwitch,
} from './support/editor-page';
import {
  closeModal,
  credentialLabels,
  fillCredential,
  modeChoices,
  newCredentialFromPanel,
  saveAndTest,
} from './support/credential-modal';

jest.setTimeout(20 * 60_000);

const SCREENSHOTS = join(repoRoot(), 'docs', 'screenshots');
const WRONG = 'wrong-secret-7d21c9';

/** The five nodes by what an admin types into the search and the name the panel lists. */
const NODES: Array<{ search: string; name: string; icon: string; action?: string }> = [
  { search: 'HR Source', name: 'HR Source', icon: 'hrSource', action: 'Read the export file' },
  { search: 'CSV Parse', name: 'CSV Parse & Validate', icon: 'csvParseValidate' },
  { search: 'User Upsert', name: 'User Upsert by External ID', icon: 'userUpsert' },
  { search: 'Archive Missing', name: 'Archive Missing Users', icon: 'archiveMissingUsers' },
  { search: 'Sync Report', name: 'Sync Report', icon: 'syncReport' },
];

let env: EditorN8n;
let browser: EditorBrowser;
let page: Page;

beforeAll(async () => {
  env = await startEditorN8n();
  browser = await launchChromium();
  page = browser.page;
  mkdirSync(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
  await env?.stop();
});

describe('an admin in n8n 2.41 editor', () => {
  it('signs in as the owner on the sign-in page', async () => {
    await signIn(page, env.server.base);
    expect(new URL(page.url()).pathname).toMatch(/^\/home/);
  });

  it('finds each of the five nodes by searching the nodes panel, with its icon, and adds it', async () => {
    await newWorkflow(page, env.server.base);
    for (const node of NODES) {
      const found = await addNode(page, node.search, node.name, node.action);
      expect(found.iconSrc).toContain(`/${node.icon}.svg`);
      expect(found.iconWidth).toBeGreaterThan(0);
      await closeNdv(page);
    }
    for (const node of NODES) {
      await expect(canvasNodeNamed(page, node.name)).resolves.toBe(true);
    }
  });
});

async function canvasNodeNamed(page: Page, name: string): Promise<boolean> {
  const short = name === 'User Upsert by External ID' ? 'User Upsert' : name;
  return page
    .locator('[data-test-id="canvas-node"]')
    .filter({ hasText: short })
    .first()
    .isVisible();
}
