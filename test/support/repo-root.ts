import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository's root, found by walking up to this package's package.json: the same
 * code runs from its source (jest) and compiled elsewhere (the demo), at other depths.
 */
export function repoRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'n8n-nodes-hr-sync'
    ) {
      return dir;
    }
    if (dirname(dir) === dir) throw new Error(`no n8n-nodes-hr-sync package.json above ${from}`);
  }
}
