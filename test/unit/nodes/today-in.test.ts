import type { IExecuteFunctions } from 'n8n-workflow';
import { todayIn } from '../../../nodes/shared/sync-memory';

const inZone = (timeZone: string) =>
  ({ getTimezone: () => timeZone }) as unknown as IExecuteFunctions;

describe("todayIn: the day in the workflow's time zone", () => {
  // 01:30 in Amsterdam on the 15th is still the 14th in UTC: an end date of the 14th has passed there.
  const night = new Date('2024-06-14T23:30:00Z');

  it('gives the local day, not the UTC one', () => {
    expect(todayIn(inZone('Europe/Amsterdam'), night)).toBe('2024-06-15');
    expect(todayIn(inZone('UTC'), night)).toBe('2024-06-14');
    expect(todayIn(inZone('America/New_York'), night)).toBe('2024-06-14');
  });

  it('falls back to UTC for a time zone the runtime does not know', () => {
    expect(todayIn(inZone('Nowhere/Atlantis'), night)).toBe('2024-06-14');
  });
});
