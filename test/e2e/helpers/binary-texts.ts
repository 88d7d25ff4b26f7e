import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ItemJson } from './run-data';

/** How n8n 2.x marks a binary kept on disk instead of inline (its default binary data mode). */
const ON_DISK = 'filesystem-v2';

/**
 * Every binary of every node's output in the run, as text. n8n 2.41 keeps binaries on disk
 * (`filesystem` is its default mode; the in-memory one is gone): the run then carries
 * `data: "filesystem-v2"` and an id `filesystem-v2:<path>` below `<user folder>/.n8n/storage`,
 * so those are read from there; an inline binary is decoded from base64.
 */
export function binaryTexts(result: unknown, userFolder: string): string[] {
  const runData =
    (result as { data?: { resultData?: { runData?: Record<string, unknown[]> } } }).data?.resultData
      ?.runData ?? {};
  const texts: string[] = [];
  for (const runs of Object.values(runData)) {
    for (const run of runs as Array<{ data?: { main?: Array<ItemJson[] | null> } }>) {
      for (const items of run.data?.main ?? []) {
        for (const item of items ?? []) {
          for (const binary of Object.values(item.binary ?? {})) {
            if (binary.id?.startsWith(`${ON_DISK}:`)) {
              const path = binary.id.slice(ON_DISK.length + 1);
              texts.push(readFileSync(join(userFolder, '.n8n', 'storage', path), 'utf8'));
            } else if (binary.data) {
              texts.push(Buffer.from(binary.data, 'base64').toString('utf8'));
            }
          }
        }
      }
    }
  }
  return texts;
}
