import { redactUrl } from '../../../src/sources/https-file';

describe('redactUrl', () => {
  it('removes the user name and password', () => {
    expect(redactUrl('https://hr:s3cret@files.example.com/export.csv')).toBe(
      'https://files.example.com/export.csv',
    );
  });

  it('masks every query value but keeps the names', () => {
    expect(redactUrl('https://files.example.com/export.csv?token=abc123&sig=xyz&day=1')).toBe(
      'https://files.example.com/export.csv?token=***&sig=***&day=***',
    );
  });

  it('drops the fragment', () => {
    expect(redactUrl('https://files.example.com/e.csv#access_token=abc')).toBe(
      'https://files.example.com/e.csv',
    );
  });

  it('keeps a URL without secrets as it is', () => {
    expect(redactUrl('https://files.example.com:8443/hr/employees.csv')).toBe(
      'https://files.example.com:8443/hr/employees.csv',
    );
  });

  it('strips userinfo and query from text that is not a parseable URL', () => {
    const redacted = redactUrl('https://hr:s3cret@exa mple.com:99999/e.csv?token=abc123');
    expect(redacted).not.toContain('s3cret');
    expect(redacted).not.toContain('abc123');
  });

  it('never lets a secret from any part of the URL through', () => {
    const secret = 'TOPSECRET';
    const urls = [
      `https://${secret}@h.example/x`,
      `https://u:${secret}@h.example/x`,
      `https://h.example/x?k=${secret}`,
      `https://h.example/x?a=1&k=${secret}&b=2`,
      `https://h.example/x#${secret}`,
      `http://u:${secret}@h.example/x?k=${secret}`,
    ];
    for (const url of urls) expect(redactUrl(url)).not.toContain(secret);
  });
});
