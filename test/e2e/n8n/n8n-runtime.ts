import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { runChecked } from './run-command';
import { repoRoot } from '../../support/repo-root';

const REPO_ROOT = repoRoot();
const INSTALL_SCRIPT = join(REPO_ROOT, 'test', 'e2e', 'setup', 'install-n8n.sh');

/** Where the pinned n8n and the Node 24 it needs live (see test/e2e/setup/install-n8n.sh). */
export interface N8nRuntime {
  version: string;
  /** The n8n CLI script; run it with `node` from nodeBin. */
  n8nBin: string;
  /** Node 24's bin folder: first on PATH for n8n and for npm installing into n8n's folders. */
  nodeBin: string;
}

let located: Promise<N8nRuntime> | undefined;

/**
 * Runs the install script, which only prints the folder when the install is done (and
 * installs first otherwise: ~9 min). Once per test process.
 */
export function locateN8nRuntime(): Promise<N8nRuntime> {
  located ??= locate();
  return located;
}

async function locate(): Promise<N8nRuntime> {
  const { stdout } = await runChecked('bash', [INSTALL_SCRIPT], { timeoutMs: 20 * 60_000 });
  const folder = stdout.trim().split('\n').pop() ?? '';
  // The script keeps Node 24 beside the n8n folder, in node-<version> (its NODE24_VERSION).
  const nodeVersion = process.env.NODE24_VERSION ?? '24.21.0';
  const nodeBin = join(dirname(folder), `node-${nodeVersion}`, 'node_modules', 'node', 'bin');
  const n8nBin = join(folder, 'node_modules', 'n8n', 'bin', 'n8n');
  for (const path of [join(nodeBin, 'node'), n8nBin]) {
    if (!existsSync(path)) throw new Error(`n8n runtime incomplete: ${path} is missing`);
  }
  const manifest = JSON.parse(
    await readFile(join(folder, 'node_modules', 'n8n', 'package.json'), 'utf8'),
  ) as { version: string };
  return { version: manifest.version, n8nBin, nodeBin };
}

/** A port nothing listens on right now (n8n's task broker defaults to 5679, which a running n8n holds). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
