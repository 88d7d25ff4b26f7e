/** Delimiters the sniffer chooses among, in order of preference on a tie. */
export const DELIMITER_CANDIDATES = [',', ';', '\t', '|'] as const;

const SAMPLE_LINES = 20;

/**
 * Guesses the delimiter from the first lines of text: the candidate that splits the header
 * into the most columns and splits the following lines the same way. Quoted text is skipped,
 * so a `;` inside "Smith; John" does not vote.
 */
export function sniffDelimiter(sample: string): string {
  const lines = splitLogicalLines(sample, SAMPLE_LINES);
  let best: string = DELIMITER_CANDIDATES[0];
  let bestScore = -1;
  for (const candidate of DELIMITER_CANDIDATES) {
    const counts = lines.map((line) => countOutsideQuotes(line, candidate));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((count) => count === headerCount).length;
    // Consistency across lines first, then more columns.
    const score = (consistent / counts.length) * 1000 + headerCount;
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Lines of the sample, joining newlines inside quotes; the last, maybe cut, line is dropped. */
function splitLogicalLines(sample: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < sample.length && lines.length < max; i++) {
    const char = sample[i];
    if (char === '"') inQuotes = !inQuotes;
    else if (char === '\n' && !inQuotes) {
      const line = sample.slice(start, i).replace(/\r$/, '');
      if (line.trim() !== '') lines.push(line);
      start = i + 1;
    }
  }
  if (lines.length === 0 && sample.trim() !== '') lines.push(sample.replace(/\r?\n?$/, ''));
  return lines;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let count = 0;
  let inQuotes = false;
  for (const char of line) {
    if (char === '"') inQuotes = !inQuotes;
    else if (char === delimiter && !inQuotes) count++;
  }
  return count;
}

export function describeDelimiter(delimiter: string): string {
  return delimiter === '\t' ? 'tab' : delimiter;
}
