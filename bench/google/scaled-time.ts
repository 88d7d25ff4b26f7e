/**
 * Time for `--scale N`: the quotas are per minute, in Google's API and so in the client's
 * pacer and the fakes, so a miniature run makes a minute last 60/N seconds instead. The
 * clock runs N times fast and sleeps last 1/N of what they ask, in both processes; at
 * scale 1 both are the real ones.
 */
import type { Sleep } from '../../src/apply/retry';

export function scaledTime(scale: number): { now: () => number; sleep: Sleep } {
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * scale,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / scale)),
  };
}
