import type { Locator, Page } from 'playwright-core';
import { chooseOption, ndv } from './editor-page';

const byTestId = (id: string) => `[data-test-id="${id}"]`;

export const credentialModal = (page: Page): Locator =>
  page.locator(byTestId('editCredential-modal'));

/**
 * "Create new credential" from the node's panel. n8n shows the choice the node's credentials
 * depend on (Platform, Source) not among the parameters but as this dialog's mode menu.
 */
export async function newCredentialFromPanel(page: Page, mode?: string): Promise<Locator> {
  await ndv(page).locator(byTestId('node-credentials-select')).click();
  await page.locator(byTestId('node-credentials-select-item-new')).click();
  const modal = credentialModal(page);
  await modal.waitFor();
  if (mode) await chooseMode(modal, mode);
  return modal;
}

/** Which of `modes` the dialog's mode menu offers. */
export async function modeChoices(modal: Locator, modes: string[]): Promise<string[]> {
  const page = modal.page();
  await modal.locator(byTestId('credential-mode-dropdown-trigger')).click();
  const offered: string[] = [];
  for (const mode of modes) {
    const item = page.getByText(mode, { exact: true }).filter({ visible: true });
    if ((await item.count()) > 0) offered.push(mode);
  }
  // Escape would close the dialog and the node's panel with the menu.
  await modal.locator(byTestId('credential-mode-dropdown-trigger')).click();
  return offered;
}

export async function chooseMode(modal: Locator, mode: string): Promise<void> {
  await modal.locator(byTestId('credential-mode-dropdown-trigger')).click();
  // The menu opens outside the dialog; its item is the last visible text of that name.
  await modal.page().getByText(mode, { exact: true }).filter({ visible: true }).last().click();
}

/** The labels of the fields the dialog shows now. */
export async function credentialLabels(modal: Locator): Promise<string[]> {
  const forms = modal.locator(byTestId('credential-connection-parameter'));
  return (await forms.allInnerTexts()).map((text) =>
    text
      .split('\n')[0]!
      .replace(/\s*\*$/, '')
      .trim(),
  );
}

/** Types each value into its field; `{ option }` picks it in an options field. */
export async function fillCredential(
  modal: Locator,
  fields: Record<string, string | number | { option: string }>,
): Promise<void> {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === 'object') {
      await chooseOption(modal, name, value.option);
      continue;
    }
    const input = modal
      .locator(`${byTestId(`parameter-input-${name}`)}`)
      .locator('input, textarea');
    await input.first().fill(String(value));
  }
}

export interface TestResult {
  ok: boolean;
  /** A failure's banner and its details, as shown above the fields. */
  text: string;
}

/**
 * Save, which tests the credential. Opened from a node's panel, the dialog closes once the
 * test passed (the panel then names the new credential) and stays open with its banner
 * when it failed.
 */
export async function saveAndTest(modal: Locator): Promise<TestResult> {
  await modal.locator(byTestId('credential-save-button')).click();
  const failure = modal.getByText(/Couldn.t connect with these settings/).filter({ visible: true });
  const passed = modal.waitFor({ state: 'hidden', timeout: 60_000 }).then(() => 'passed' as const);
  const failed = failure.waitFor({ timeout: 60_000 }).then(() => 'failed' as const);
  const outcome = await Promise.race([passed, failed]);
  // The loser's wait is left to time out on its own; keep it from failing the test then.
  void passed.catch(() => undefined);
  void failed.catch(() => undefined);
  if (outcome === 'passed') return { ok: true, text: '' };
  const details = modal.getByText('More details');
  if (await details.isVisible()) await details.click();
  // An input's value is no text: the secret typed in is not in it.
  const config = modal.locator(byTestId('node-credentials-config-container'));
  return { ok: false, text: await config.innerText() };
}

export async function closeModal(modal: Locator): Promise<void> {
  // Its own button: Escape would close the node's panel under it too.
  if (!(await modal.isVisible())) return;
  await modal.getByRole('button', { name: 'Close this dialog' }).click();
  await modal.waitFor({ state: 'hidden' });
}
