/**
 * `n8n execute --rawOutput` prints its log lines first (task broker, license SDK, the
 * nodes' own console output) and then the run (an IRun) as `JSON.stringify(run, null, 2)`.
 * On a failed run n8n logs the same JSON after "Execution was NOT successful" and exits 1.
 * Pretty-printed at indent 2, the run opens with a line that is exactly `{` and closes
 * with the next line that is exactly `}`: nothing nested can produce either. The last
 * such block is taken, so a node that logs a pretty-printed object first cannot pass for
 * the run.
 */
export function parseRawOutput(stdout: string): unknown {
  const lines = stdout.split('\n').map((line) => line.trimEnd());
  for (let start = lines.length - 1; start >= 0; start -= 1) {
    if (lines[start] !== '{') continue;
    const end = lines.indexOf('}', start + 1);
    if (end === -1) continue;
    const parsed = tryParse(lines.slice(start, end + 1).join('\n'));
    if (parsed !== undefined) return parsed;
  }
  // Not what 2.41 prints, but a one-line object is cheap to accept.
  const oneLine = lines.find((line) => line.startsWith('{') && line.endsWith('}'));
  return oneLine === undefined ? undefined : tryParse(oneLine);
}

function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
