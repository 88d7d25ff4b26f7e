/** What the child-process benchmarks (bench/graph, bench/google) read from argv and print. */

/** `--name N` from the command line, a number of 1 or more; `fallback` without it. */
export function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isFinite(value) || value < 1) throw new Error(`--${name} needs a number >= 1`);
  return value;
}

export const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const verdict = (met: boolean) => (met ? 'met' : 'NOT met');
export const seconds = (ms: number) => `${fmt(ms / 1000, 1)} s`;

/** `{ unchanged: 99000, update: 1000 }` as "99,000 unchanged, 1,000 update". */
export function describeCounts(counts: Record<string, number>): string {
  return Object.entries(counts)
    .map(([key, count]) => `${fmt(count)} ${key}`)
    .join(', ');
}
