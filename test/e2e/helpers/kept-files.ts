import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Every file below `folder` (an n8n user folder: its database, binary storage, logs) but the
 * installed packages, as text, for a test that no secret is kept anywhere.
 */
export function keptFiles(folder: string): Array<{ path: string; text: string }> {
  const files: Array<{ path: string; text: string }> = [];
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') files.push(...keptFiles(path));
    } else if (entry.isFile() && statSync(path).size < 64 * 1024 * 1024) {
      files.push({ path, text: readFileSync(path).toString('latin1') });
    }
  }
  return files;
}
