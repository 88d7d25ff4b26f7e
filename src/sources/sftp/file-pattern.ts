/**
 * File name patterns as admins know them from file managers: `*` is any run of
 * characters, `?` one character, everything else literal. Matching ignores case, since
 * HR systems and Windows-based SFTP servers are not consistent about it (EMPLOYEES_1.CSV).
 * Like a shell, a pattern only matches a hidden name (".employees.csv.part", a partial
 * upload) when it starts with a dot itself.
 */
export function fileNameMatcher(pattern: string): (fileName: string) => boolean {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : escapeRegExp(char)))
    .join('');
  const regex = new RegExp(`^${source}$`, 'is');
  const matchesHidden = pattern.startsWith('.');
  return (fileName) => (matchesHidden || !fileName.startsWith('.')) && regex.test(fileName);
}

function escapeRegExp(char: string): string {
  return /[\\^$.|+()[\]{}]/.test(char) ? `\\${char}` : char;
}

export interface Candidate {
  fileName: string;
  /** Seconds since the epoch, as SFTP reports it. */
  mtime: number;
}

/** The newest candidate; among equally new ones the last by name, so dated names decide. */
export function newest<T extends Candidate>(candidates: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const candidate of candidates) {
    if (
      !best ||
      candidate.mtime > best.mtime ||
      (candidate.mtime === best.mtime && candidate.fileName > best.fileName)
    ) {
      best = candidate;
    }
  }
  return best;
}
