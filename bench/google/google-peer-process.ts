/**
 * The fake Google (token endpoint, Sheets, Directory) in a process of its own, so that its
 * memory and its event loop are not the engine's: `node google-peer-process.js '<PeerConfig>'`,
 * driven over the IPC channel by google.bench.ts. It answers `stats` with what the fakes saw
 * (calls by answer, the busiest minute, the users it holds) and exits on `close`.
 */
import { GOOGLE_SCOPES } from '../../src/google/scopes';
import { startGooglePeer, type GooglePeer } from '../../test/peers/google';
import {
  ADMIN,
  SHEET_HEADER,
  externalIdOf,
  isChanged,
  sheetRowOf,
  workspaceUserOf,
} from './employees';
import { scaledTime } from './scaled-time';
import type { PeerConfig, PeerReply, PeerRequest, PeerStats } from './protocol';

const SPREADSHEET_ID = '1BenchHrSyncEmployeesSheet0000000000000000';

async function main(config: PeerConfig): Promise<void> {
  const time = scaledTime(config.timeScale);
  const peer = await startGooglePeer({
    directory: { queriesPerMinute: config.queriesPerMinute },
    sheetsReadsPerMinute: config.sheetsReadsPerMinute,
    now: time.now,
  });
  peer.addWorkspaceUser(ADMIN);
  const account = peer.addServiceAccount([
    GOOGLE_SCOPES.directoryUsers,
    GOOGLE_SCOPES.directoryUsersReadOnly,
    GOOGLE_SCOPES.sheetsReadOnly,
  ]);
  const seeding = Date.now();
  for (let start = 1; start <= config.seedUsers; start += 10_000) {
    const end = Math.min(config.seedUsers, start + 9_999);
    peer.directory.seed(
      Array.from({ length: end - start + 1 }, (_, i) => workspaceUserOf(start + i)),
    );
  }
  if (config.sheetRows > 0) {
    const rows = [
      SHEET_HEADER,
      ...Array.from({ length: config.sheetRows }, (_, i) => sheetRowOf(i + 1)),
    ];
    peer.sheets.put({
      id: SPREADSHEET_ID,
      sheets: [
        { title: 'Employees', rows, rowCount: rows.length, columnCount: SHEET_HEADER.length },
      ],
      sharedWith: [ADMIN, account.clientEmail],
    });
  }
  const minutes = sampleAccepted(peer, time.now, config.timeScale);
  reply({
    type: 'ready',
    credentials: {
      rootUrl: peer.rootUrl,
      keyJson: account.keyJson(peer.tokenUrl),
      subject: ADMIN,
      spreadsheetId: SPREADSHEET_ID,
    },
    seedMs: Date.now() - seeding,
  });
  process.on('message', (message: PeerRequest) => {
    if (message.type === 'stats')
      reply({ type: 'stats', stats: statsOf(peer, message, minutes.busiest()) });
    if (message.type === 'close') {
      minutes.stop();
      void peer.close().then(() => process.exit(0));
    }
  });
}

const accepted = (status: number) => status >= 200 && status < 300;
const throttledStatus = (status: number) => status === 429 || status === 403;

/**
 * The calls answered 2xx so far, sampled each second, so the busiest 60 s can be told: what
 * the client's pacing let through, whatever its average (a minute of the scaled clock; a
 * lower bound, as calls are counted between samples).
 */
function sampleAccepted(peer: GooglePeer, now: () => number, timeScale: number) {
  const samples: Array<[number, number]> = [];
  const count = () => peer.directory.calls.filter((call) => accepted(call.status)).length;
  const timer = setInterval(() => samples.push([now(), count()]), 1000 / timeScale);
  return {
    stop: () => clearInterval(timer),
    busiest: () => {
      samples.push([now(), count()]);
      let most = 0;
      let from = 0;
      for (let to = 0; to < samples.length; to += 1) {
        while (samples[to]![0] - samples[from]![0] > 60_000) from += 1;
        // Counted between two samples at most a minute apart: a late timer never widens it.
        most = Math.max(most, samples[to]![1] - samples[from]![1]);
      }
      return most;
    },
  };
}

function statsOf(
  peer: GooglePeer,
  { expected, retitled: retitledWanted }: Extract<PeerRequest, { type: 'stats' }>,
  busiestMinute: number,
): PeerStats {
  const byKind: Record<string, number> = {};
  let ok = 0;
  let throttled = 0;
  let refused = 0;
  for (const call of peer.directory.calls) {
    if (accepted(call.status)) {
      ok += 1;
      const kind = `${call.method} ${call.path.replace(/^\/admin\/directory\/v1/, '').replace(/^\/users\/[^/]+/, '/users/{id}')}`;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    } else if (throttledStatus(call.status)) throttled += 1;
    else refused += 1;
  }
  const users = peer.directory.users();
  const perExternalId = new Map<string, number>();
  let retitled = 0;
  let retitledWrongly = 0;
  for (const user of users) {
    const externalId = (user.externalIds as Array<{ value?: string }> | undefined)?.[0]?.value;
    if (externalId) perExternalId.set(externalId, (perExternalId.get(externalId) ?? 0) + 1);
    const title = (user.organizations as Array<{ title?: string }> | undefined)?.[0]?.title;
    const isRetitled = title?.startsWith('Senior ') ?? false;
    if (isRetitled) retitled += 1;
    const n = Number(externalId?.slice(1));
    if (isRetitled !== (retitledWanted && isChanged(n))) retitledWrongly += 1;
  }
  let missing = 0;
  for (let n = 1; n <= expected; n += 1) if (!perExternalId.has(externalIdOf(n))) missing += 1;
  const sheetsCalls = peer.sheets.calls;
  return {
    acceptedByKind: byKind,
    accepted: ok,
    throttled,
    refused,
    busiestMinute,
    sheetsCalls: sheetsCalls.length,
    sheetsThrottled: sheetsCalls.filter((call) => call.status === 429).length,
    users: users.length,
    missing,
    twice: [...perExternalId.values()].filter((count) => count > 1).length,
    retitled,
    retitledWrongly,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
}

function reply(message: PeerReply): void {
  process.send?.(message);
}

main(JSON.parse(process.argv[2] ?? '{}') as PeerConfig).catch((error) => {
  console.error(error);
  process.exit(1);
});
