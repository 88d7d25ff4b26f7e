import { randomInt } from 'node:crypto';

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
const SYMBOLS = '!#$%&*+-=?@^_~';
const ALL = LOWER + UPPER + DIGITS + SYMBOLS;

/**
 * A random first password (node:crypto), 24 characters with every class present: Google
 * takes 8 to 100 ASCII characters (the `password` field of
 * https://developers.google.com/workspace/admin/directory/reference/rest/v1/users). It is
 * sent once with `changePasswordAtNextLogin`, never kept, returned or logged: the admin
 * hands out a new one, or the user signs in through SSO.
 */
export function randomPassword(length = 24): string {
  const required = [LOWER, UPPER, DIGITS, SYMBOLS].map(pick);
  const rest = Array.from({ length: Math.max(0, length - required.length) }, () => pick(ALL));
  const chars = [...required, ...rest];
  for (let index = chars.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [chars[index], chars[other]] = [chars[other] as string, chars[index] as string];
  }
  return chars.join('');
}

function pick(alphabet: string): string {
  return alphabet[randomInt(alphabet.length)] as string;
}
