/**
 * A URL fit for messages and logs: user name and password removed, every query value
 * masked (signed links and API keys travel there), the fragment dropped. Query names stay,
 * since they help an admin see which link it was.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not a URL we can parse: keep only what cannot hold a secret by the usual rules.
    return url.replace(/\/\/[^/?#]*@/, '//').replace(/[?#].*$/s, '');
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const names = [...parsed.searchParams.keys()];
  parsed.search = '';
  const query = names.map((name) => `${encodeURIComponent(name)}=***`).join('&');
  return query ? `${parsed.toString()}?${query}` : parsed.toString();
}
