import type { GraphApi } from '../../graph/graph-api';
import { redactUrl } from '../redact-url';
import { SourceError } from '../source-error';
import { graphGet, isSuccess, readFailure } from './graph-failure';

/**
 * Where the workbook lives. App-only tokens have no /me, so a OneDrive is named by its user.
 * - `site`: a SharePoint site (`https://contoso.sharepoint.com/sites/HR`,
 *   `contoso.sharepoint.com:/sites/HR`, or a bare host name for the root site) and the
 *   file's path in the site's default document library (`HR/People.xlsx`).
 * - `user`: the OneDrive for Business of a user (UPN or object id) and the file's path.
 * - `share`: a sharing link or a file's full URL, as copied from SharePoint or OneDrive.
 */
export type WorkbookLocation =
  | { kind: 'site'; site: string; path: string }
  | { kind: 'user'; user: string; path: string }
  | { kind: 'share'; url: string };

/** The drive item all workbook calls go to, and what the summary tells people. */
export interface WorkbookItem {
  driveId: string;
  itemId: string;
  name: string;
  webUrl?: string;
}

export const FILE_PERMISSIONS = 'Files.Read.All or Sites.Read.All (application)';

interface DriveItemBody {
  id?: unknown;
  name?: unknown;
  webUrl?: unknown;
  folder?: unknown;
  parentReference?: { driveId?: unknown };
}

export async function resolveWorkbook(
  graph: GraphApi,
  location: WorkbookLocation,
): Promise<WorkbookItem> {
  const { path, shown } = await itemPath(graph, location);
  const response = await graphGet(graph, path, {
    $select: 'id,name,webUrl,file,folder,parentReference',
  });
  if (!isSuccess(response)) {
    if (response.status === 404) {
      throw new SourceError('not_found', `The workbook ${shown} was not found: check the path.`, {
        status: 404,
      });
    }
    throw readFailure(graph, response, `the workbook ${shown}`, FILE_PERMISSIONS);
  }
  const item = (response.body ?? {}) as DriveItemBody;
  const driveId = item.parentReference?.driveId;
  if (typeof item.id !== 'string' || typeof driveId !== 'string') {
    throw new SourceError('protocol', `${graph.label} answered for ${shown} without a drive item.`);
  }
  const name = typeof item.name === 'string' ? item.name : shown;
  if (item.folder !== undefined) {
    throw new SourceError('not_found', `${shown} is a folder, not an Excel workbook.`);
  }
  // The Excel API opens only Office Open XML workbooks (.xlsx, and .xlsm/.xlsb saved by Excel).
  // https://learn.microsoft.com/graph/api/resources/excel
  if (!/\.xls[xmb]$/i.test(name)) {
    throw new SourceError(
      'protocol',
      `${name} is not an Excel workbook (.xlsx): the Excel API in Microsoft Graph cannot read it.` +
        ' Save it as .xlsx, or read a CSV file with the HTTPS or SFTP source.',
    );
  }
  return {
    driveId,
    itemId: item.id,
    name,
    ...(typeof item.webUrl === 'string' ? { webUrl: item.webUrl } : {}),
  };
}

async function itemPath(
  graph: GraphApi,
  location: WorkbookLocation,
): Promise<{ path: string; shown: string }> {
  if (location.kind === 'share') {
    // https://learn.microsoft.com/graph/api/shares-get ("Encoding sharing URLs")
    return {
      path: `/shares/${encodeSharingUrl(location.url.trim())}/driveItem`,
      shown: redactUrl(location.url.trim()),
    };
  }
  const filePath = cleanFilePath(location.path);
  if (location.kind === 'user') {
    const user = location.user.trim();
    if (!user) throw new SourceError('not_found', 'No user given for the OneDrive workbook.');
    // https://learn.microsoft.com/graph/api/driveitem-get (GET /users/{id}/drive/root:/{path})
    return {
      path: `/users/${encodeURIComponent(user)}/drive/root:/${encodePath(filePath)}`,
      shown: `"${filePath}" in the OneDrive of ${user}`,
    };
  }
  const site = await resolveSite(graph, location.site);
  return {
    path: `/sites/${siteIdSegment(site.id)}/drive/root:/${encodePath(filePath)}`,
    shown: `"${filePath}" on the site ${site.shown}`,
  };
}

/** base64url of the UTF-8 URL, unpadded, after `u!`, as the shares page describes. */
export function encodeSharingUrl(url: string): string {
  return `u!${Buffer.from(url, 'utf8').toString('base64url')}`;
}

function cleanFilePath(path: string): string {
  const clean = path.trim().replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/+$/, '');
  if (!clean) throw new SourceError('not_found', 'No file path given for the workbook.');
  return clean;
}

/** A site id is `host,siteGuid,webGuid`; Graph's own links keep the commas as they are. */
function siteIdSegment(id: string): string {
  return encodeURIComponent(id).replace(/%2C/gi, ',');
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** `{hostname, sitePath}` from a site URL, `host:/sites/x`, `host/sites/x` or a bare host. */
export function parseSiteReference(site: string): { hostname: string; sitePath: string } {
  let text = site.trim();
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new SourceError('protocol', `"${redactUrl(text)}" is not a valid site URL.`);
    }
    text = `${url.hostname}${decodeURIComponent(url.pathname)}`;
  }
  const match = /^([^/:]+)(?::)?(\/.*)?$/.exec(text);
  if (!match || !match[1]) {
    throw new SourceError(
      'protocol',
      `"${site}" is not a SharePoint site: give its URL, e.g. https://contoso.sharepoint.com/sites/HR.`,
    );
  }
  // A link into a library (…/sites/HR/Shared Documents/…) still names the site in front.
  const parts = (match[2] ?? '').split('/').filter(Boolean);
  const sitePath =
    parts.length >= 2 && /^(sites|teams|personal)$/i.test(parts[0] ?? '')
      ? `/${parts[0]}/${parts[1]}`
      : parts.length > 0
        ? `/${parts.join('/')}`
        : '';
  return { hostname: match[1].toLowerCase(), sitePath };
}

async function resolveSite(graph: GraphApi, site: string): Promise<{ id: string; shown: string }> {
  const { hostname, sitePath } = parseSiteReference(site);
  const shown = `${hostname}${sitePath}`;
  // https://learn.microsoft.com/graph/api/site-getbypath (GET /sites/{hostname}:/{path}),
  // and GET /sites/{hostname} for the root site (https://learn.microsoft.com/graph/api/site-get).
  const path = sitePath
    ? `/sites/${encodeURIComponent(hostname)}:${encodePath(sitePath)}`
    : `/sites/${encodeURIComponent(hostname)}`;
  const response = await graphGet(graph, path, { $select: 'id,webUrl,displayName' });
  if (!isSuccess(response)) {
    if (response.status === 404) {
      throw new SourceError(
        'not_found',
        `The SharePoint site ${shown} was not found: check the site URL.`,
        { status: 404 },
      );
    }
    throw readFailure(graph, response, `the SharePoint site ${shown}`, FILE_PERMISSIONS);
  }
  const id = (response.body as { id?: unknown } | null)?.id;
  if (typeof id !== 'string') {
    throw new SourceError(
      'protocol',
      `${graph.label} answered for the site ${shown} without an id.`,
    );
  }
  return { id, shown };
}
