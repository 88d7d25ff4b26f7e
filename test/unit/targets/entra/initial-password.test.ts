import { initialPassword } from '../../../../src/targets/entra/initial-password';

// Entra's default policy: 8 to 256 characters from A-Z a-z 0-9 and its symbol list, three of
// the four kinds (https://learn.microsoft.com/entra/identity/authentication/concept-sspr-policy).
const POLICY_SYMBOLS = '@#$%^&*-_!+=[]{}|\\:\',.?/`~"();<> ';

describe('initialPassword', () => {
  const samples = Array.from({ length: 500 }, () => initialPassword());

  it('is at least 16 characters with lower, upper, digit and symbol, every time', () => {
    for (const password of samples) {
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect([...password].some((char) => POLICY_SYMBOLS.includes(char))).toBe(true);
    }
  });

  it('uses only characters the policy allows', () => {
    for (const password of samples) {
      for (const char of password)
        expect(/[A-Za-z0-9]/.test(char) || POLICY_SYMBOLS.includes(char)).toBe(true);
    }
  });

  it('is not repeated', () => {
    expect(new Set(samples).size).toBe(samples.length);
  });
});
