import type { PlatformAttribute } from '../platform-attribute';
import { EXTENSION_ATTRIBUTES } from './entra-attributes';

/**
 * The Microsoft Graph user properties a mapping may write: those the "Update user" page
 * lists as updatable (https://learn.microsoft.com/graph/api/user-update#request-body) that
 * hold HR data, without the ones the Entra target sets itself (accountEnabled, employeeId,
 * userPrincipalName, mailNickname, passwordProfile, manager: see entra-attributes.ts) and
 * the 15 on-premises extension attributes. Graph has no schema endpoint for the user
 * resource's own properties, so the list is the documentation's.
 */
const GRAPH_USER_PROPERTIES: readonly (readonly [string, string])[] = [
  ['givenName', 'The given name (first name)'],
  ['surname', 'The family name (last name)'],
  ['displayName', 'The name shown in the address book; cannot be cleared'],
  ['mail', 'The SMTP address'],
  ['otherMails', 'Additional e-mail addresses'],
  ['jobTitle', 'The job title'],
  ['department', 'The department'],
  ['companyName', 'The company the user works for'],
  ['officeLocation', 'The office location'],
  ['employeeType', 'Employee, Contractor, Consultant, Vendor…'],
  ['employeeHireDate', 'The hire date'],
  ['employeeLeaveDateTime', 'The leave date; writing it needs User-LifeCycleInfo.ReadWrite.All'],
  ['mobilePhone', 'The primary mobile phone number'],
  ['businessPhones', 'The business phone number (one only)'],
  ['faxNumber', 'The fax number'],
  ['streetAddress', 'The street address of the place of business'],
  ['city', 'The city'],
  ['state', 'The state or province'],
  ['postalCode', 'The postal code'],
  ['country', 'The country or region'],
  ['usageLocation', 'Two-letter country code for licences; set from the country on create'],
  ['preferredLanguage', 'ISO 639-1 language, e.g. en-US'],
];

export const ENTRA_USER_ATTRIBUTES: readonly PlatformAttribute[] = [
  ...GRAPH_USER_PROPERTIES.map(([path, description]) => ({ path, description })),
  ...Array.from({ length: 15 }, (_, index) => ({
    path: `${EXTENSION_ATTRIBUTES}.extensionAttribute${index + 1}`,
    description: `On-premises extension attribute ${index + 1}`,
  })),
];
