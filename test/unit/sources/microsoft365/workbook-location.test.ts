import {
  encodeSharingUrl,
  parseSiteReference,
} from '../../../../src/sources/microsoft365/workbook-location';

describe('encodeSharingUrl', () => {
  it('follows the steps of "Encoding sharing URLs" (https://learn.microsoft.com/graph/api/shares-get)', () => {
    const url = 'https://onedrive.live.com/redir?resid=1231244193912!12&authKey=1201919!12921!1';
    const base64 = Buffer.from(url, 'utf8').toString('base64');
    const expected = `u!${base64.replace(/=+$/, '').replace(/\//g, '_').replace(/\+/g, '-')}`;
    expect(encodeSharingUrl(url)).toBe(expected);
    expect(encodeSharingUrl(url)).not.toMatch(/[=+/]/);
  });

  it('encodes non-ASCII as UTF-8', () => {
    const url = 'https://contoso.sharepoint.com/sites/HR/Shared Documents/Personeel é.xlsx';
    expect(Buffer.from(encodeSharingUrl(url).slice(2), 'base64url').toString('utf8')).toBe(url);
  });
});

describe('parseSiteReference', () => {
  it.each([
    ['https://contoso.sharepoint.com/sites/HR', 'contoso.sharepoint.com', '/sites/HR'],
    ['https://Contoso.SharePoint.com/sites/HR/', 'contoso.sharepoint.com', '/sites/HR'],
    [
      'https://contoso.sharepoint.com/sites/HR/Shared%20Documents/Forms/AllItems.aspx',
      'contoso.sharepoint.com',
      '/sites/HR',
    ],
    [
      'https://contoso.sharepoint.com/teams/People%20Ops',
      'contoso.sharepoint.com',
      '/teams/People Ops',
    ],
    ['contoso.sharepoint.com:/sites/HR', 'contoso.sharepoint.com', '/sites/HR'],
    ['contoso.sharepoint.com/sites/HR', 'contoso.sharepoint.com', '/sites/HR'],
    ['contoso.sharepoint.com', 'contoso.sharepoint.com', ''],
    ['https://contoso.sharepoint.com/', 'contoso.sharepoint.com', ''],
  ])('%s', (site, hostname, sitePath) => {
    expect(parseSiteReference(site)).toEqual({ hostname, sitePath });
  });

  it('refuses what names no host', () => {
    expect(() => parseSiteReference('/sites/HR')).toThrow('is not a SharePoint site');
  });
});
