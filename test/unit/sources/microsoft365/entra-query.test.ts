import { needsAdvancedQuery } from '../../../../src/sources/microsoft365/entra-query';

/**
 * The rule, case by case, from "Advanced query capabilities on Microsoft Entra ID objects"
 * (https://learn.microsoft.com/graph/aad-advanced-queries) and its table of filter support.
 */
describe('needsAdvancedQuery', () => {
  it.each([
    [undefined, false],
    ['', false],
    ['accountEnabled eq true', false],
    ["department eq 'Sales' and accountEnabled eq true", false],
    ["startsWith(displayName,'A')", false],
    ["employeeId eq '00123'", false],
    ["startsWith(employeeId,'E')", false],
    ["country in ('NL','BE')", false],
    ["userType eq 'Member'", false],
    // The docs' own examples.
    ['accountEnabled ne true', true],
    ["endsWith(mail,'@outlook.com')", true],
    ["companyName ne null and NOT(companyName eq 'Microsoft')", true],
    ["NOT startsWith(displayName, 'Conf')", true],
    ['assignedLicenses/$count eq 0', true],
    // null values, and properties advanced even for eq.
    ['employeeId ne null', true],
    ['employeeId eq null', true],
    ["employeeId le 'E500'", true],
    ["mobilePhone eq '+31612345678'", true],
    ["preferredLanguage eq 'nl-NL'", true],
    ["companyName eq 'Contoso'", true],
    ['employeeHireDate ge 2026-01-01T00:00:00Z', true],
    ["employeeType eq 'Employee'", true],
    ["onPremisesExtensionAttributes/extensionAttribute1 eq 'HR'", true],
  ])('%p → %p', (filter, expected) => {
    expect(needsAdvancedQuery(filter)).toBe(expected);
  });

  it('is not fooled by operators inside string literals', () => {
    expect(needsAdvancedQuery("department eq 'not ne endsWith('")).toBe(false);
    expect(needsAdvancedQuery("jobTitle eq 'It''s not'")).toBe(false);
  });

  it('always holds for $search', () => {
    expect(needsAdvancedQuery(undefined, '"department:Sales"')).toBe(true);
    expect(needsAdvancedQuery('accountEnabled eq true', '"displayName:Ada"')).toBe(true);
    expect(needsAdvancedQuery(undefined, '  ')).toBe(false);
  });
});
