// Jest assertions for the e2e suites; kept out of helpers/, which the n8n benchmark compiles without jest.
import type { N8nExecution } from '../n8n/n8n-instance';
import { binaryTexts } from '../helpers/binary-texts';
import { keptFiles } from '../helpers/kept-files';

/**
 * Asserts that no secret (a key, a token, a generated password) is in what n8n printed (the
 * run's data: every node's items), in any node's binaries (the report's HTML and CSV, where
 * a password's "&" would show escaped), or in any file n8n keeps in its user folder (its
 * database, its binary storage). `reportHolds`: a text the binaries must contain, so that
 * the search cannot pass for want of a report.
 */
export function expectNoSecretsIn(
  execution: N8nExecution,
  userFolder: string,
  secrets: readonly string[],
  reportHolds?: string,
): void {
  const binaries = binaryTexts(execution.result, userFolder);
  if (reportHolds !== undefined) {
    expect(binaries.some((text) => text.includes(reportHolds))).toBe(true);
  }
  const printed = [
    execution.stdout,
    execution.stderr,
    JSON.stringify(execution.result),
    ...binaries,
  ].join('\n');
  const kept = keptFiles(userFolder);
  for (const secret of secrets.filter((text) => text !== '')) {
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain(secret.replace(/&/g, '&amp;'));
    expect(kept.filter((file) => file.text.includes(secret)).map((file) => file.path)).toEqual([]);
  }
}
