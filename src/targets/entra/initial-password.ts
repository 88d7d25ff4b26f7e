import { randomInt } from 'node:crypto';

/**
 * A first password for a new account, which its owner must change at the first sign-in.
 * Entra's default policy asks for 8 to 256 characters and three of lower case, upper case,
 * digits and symbols
 * (https://learn.microsoft.com/entra/identity/authentication/concept-sspr-policy#microsoft-entra-password-policies);
 * this one has all four and 20 characters, drawn with node:crypto. The sync never shows
 * it (not in an outcome, an error or a report): the admin's onboarding gives the employee
 * the first sign-in (a password reset or a Temporary Access Pass).
 */
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
/** Symbols from the policy's list; none that is special in JSON, a URL or a shell. */
const SYMBOLS = '!#$%*+-=?@^_~';
const CLASSES = [LOWER, UPPER, DIGITS, SYMBOLS];
const ALL = CLASSES.join('');

export const INITIAL_PASSWORD_LENGTH = 20;

export function initialPassword(length = INITIAL_PASSWORD_LENGTH): string {
  const chars = CLASSES.map(pick);
  while (chars.length < Math.max(length, CLASSES.length)) chars.push(pick(ALL));
  // Fisher-Yates, so the classes' fixed first places do not show.
  for (let i = chars.length - 1; i > 0; i -= 1) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

function pick(from: string): string {
  return from[randomInt(from.length)]!;
}
