import type { Locator, Page } from 'playwright-core';
import { OWNER } from '../../e2e/n8n/owner';
import type { InPage } from './in-page';

/**
 * What an admin does in n8n 2.41's editor, by the data-test-id attributes n8n's own
 * end-to-end tests use: stable across its restyles, unlike class names.
 */
const byTestId = (id: string) => `[data-test-id="${id}"]`;

export async function signIn(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/signin`);
  await page.locator('input[name="emailOrLdapLoginId"]').fill(OWNER.email);
  await page.locator('input[name="password"]').fill(OWNER.password);
  await page.locator(byTestId('form-submit-button')).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/signin'));
}

/** A new workflow that starts with "Trigger manually", so later nodes are offered as steps. */
export async function newWorkflow(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/workflow/new`);
  await page.locator(byTestId('canvas-plus-button')).click();
  await page
    .locator(byTestId('node-creator-node-item'))
    .filter({ hasText: 'Trigger manually' })
    .click();
  await page.locator(byTestId('canvas-node')).first().waitFor();
}

export interface FoundNode {
  /** The icon's address and whether it decoded, as the nodes panel showed it. */
  iconSrc: string;
  iconWidth: number;
}

/**
 * Searches the nodes panel for `search`, picks `name`, and adds it: through `action` for a
 * node that lists actions (HR Source's operations), else "Add to workflow". Its panel opens.
 */
export async function addNode(
  page: Page,
  search: string,
  name: string,
  action?: string,
): Promise<FoundNode> {
  await page.locator(byTestId('node-creator-plus-button')).click();
  await page.locator(byTestId('node-creator-search-bar')).fill(search);
  const item = page.locator(byTestId('item-iterator-item')).filter({ hasText: name }).first();
  const icon = item.locator('img').first();
  await icon.waitFor();
  const found = await icon.evaluate(
    async (img: { decode(): Promise<void>; src: string; naturalWidth: number }) => {
      await img.decode().catch(() => undefined);
      return { iconSrc: img.src, iconWidth: img.naturalWidth };
    },
  );
  await item.click();
  const creator = page.locator(byTestId('node-creator'));
  if (action) await creator.getByText(action, { exact: true }).click();
  else await creator.getByRole('button', { name: 'Add to workflow' }).click();
  await ndv(page).waitFor();
  return found;
}

/** Lays the canvas out so that no node covers another. */
export async function tidyUp(page: Page): Promise<void> {
  await page.locator(byTestId('tidy-up-button')).click();
}

export const ndv = (page: Page): Locator => page.locator(byTestId('ndv'));

export async function closeNdv(page: Page): Promise<void> {
  await page.locator(byTestId('ndv-close-button')).click();
  await ndv(page).waitFor({ state: 'hidden' });
}

/** The labels of the parameters the node's panel shows now, in order. */
export async function parameterLabels(page: Page): Promise<string[]> {
  const labels = ndv(page).locator(`${byTestId('node-parameters')} ${byTestId('input-label')}`);
  return (await labels.allInnerTexts()).map((text) =>
    text
      .split('\n')[0]!
      .replace(/\s*\*$/, '')
      .trim(),
  );
}

/** The panel's visible text matching `text` (notices are plain text in n8n's panel). */
export function panelText(page: Page, text: string): Locator {
  return ndv(page).getByText(text).filter({ visible: true });
}

/** Picks `option` in an `options` parameter of the panel (or of a modal, by `scope`). */
export async function chooseOption(
  scope: Locator,
  parameter: string,
  option: string,
): Promise<void> {
  await scope
    .locator(`${byTestId(`parameter-input-${parameter}`)} input`)
    .first()
    .click();
  const page = scope.page();
  // An option's item holds its name and, when it has one, its description.
  await page
    .locator('.el-select-dropdown__item:visible')
    .filter({ has: page.getByText(option, { exact: true }) })
    .first()
    .click();
}

export async function toggleSwitch(page: Page, parameter: string): Promise<void> {
  await ndv(page)
    .locator(`${byTestId(`parameter-input-${parameter}`)} .el-switch`)
    .click();
}

/** Opens a node of the canvas by its name (after tidyUp: nodes added one by one overlap). */
export async function openNode(page: Page, name: string): Promise<void> {
  await page.locator(`${byTestId('canvas-node')}[data-node-name="${name}"]`).dblclick();
  await ndv(page).waitFor();
}

/** n8n keeps the personal setting "Theme" in localStorage; the editor reads it on load. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate(
    (value) => (globalThis as unknown as InPage).localStorage.setItem('N8N_THEME', value),
    theme,
  );
  await page.reload();
  await page.locator(byTestId('canvas-node')).first().waitFor();
}

/** Each canvas node's icon: its address and whether it decoded. */
export async function canvasIcons(page: Page): Promise<Array<{ src: string; width: number }>> {
  const icons = page.locator(`${byTestId('canvas-node')} img`);
  return icons.evaluateAll(async (images) =>
    Promise.all(
      (images as Array<{ decode(): Promise<void>; src: string; naturalWidth: number }>).map(
        async (img) => {
          await img.decode().catch(() => undefined);
          return { src: img.src, width: img.naturalWidth };
        },
      ),
    ),
  );
}
