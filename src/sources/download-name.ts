/** The name for a downloaded file when neither the server nor the URL offers one. */
export const FALLBACK_FILE_NAME = 'download.csv';

/**
 * The file name the server suggests in Content-Disposition (the RFC 6266 `filename*`
 * form wins over plain `filename`), else the URL path's last segment, else a fallback.
 * Only the last path segment is kept, so a name can never point into another folder.
 */
export function downloadFileName(contentDisposition: string | undefined, url: string): string {
  return (
    safeName(fromContentDisposition(contentDisposition)) ??
    safeName(fromUrlPath(url)) ??
    FALLBACK_FILE_NAME
  );
}

function fromContentDisposition(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended?.[2]) {
    const decoded = decodeOrUndefined(extended[2].trim());
    if (decoded) return decoded;
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1');
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare?.[1];
}

function fromUrlPath(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split('/').pop();
    return segment ? decodeOrUndefined(segment) : undefined;
  } catch {
    return undefined;
  }
}

function decodeOrUndefined(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Control characters would garble a file name in n8n's UI and on disk. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/g;

function safeName(name: string | undefined): string | undefined {
  const cleaned = name?.split(/[/\\]/).pop()?.replace(CONTROL_CHARACTERS, '').trim();
  return cleaned && cleaned !== '.' && cleaned !== '..' ? cleaned : undefined;
}
