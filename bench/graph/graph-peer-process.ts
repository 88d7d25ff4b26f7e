/**
 * The fake Microsoft Graph in a process of its own, so that its memory and its event loop
 * are not the engine's: `node graph-peer-process.js '{"writeLimit":…,"seedUsers":N}'`,
 * driven over the IPC channel by graph.bench.ts. It answers `stats` with what the fake saw
 * (writes by answer, pages read, the users it holds) and exits on `close`.
 */
import { startGraphServer, type GraphPeer } from '../../test/peers/graph/graph-server';
import { entraUserOf, externalIdOf, isChanged } from './employees';
import type { PeerConfig, PeerReply, PeerRequest, PeerStats } from './protocol';

async function main(config: PeerConfig): Promise<void> {
  const peer = await startGraphServer({ writeLimit: config.writeLimit });
  const seeding = Date.now();
  for (let start = 1; start <= config.seedUsers; start += 10_000) {
    const end = Math.min(config.seedUsers, start + 9_999);
    peer.seed(Array.from({ length: end - start + 1 }, (_, i) => entraUserOf(start + i)));
  }
  reply({
    type: 'ready',
    credentials: peer.credentials,
    seeded: config.seedUsers,
    seedMs: Date.now() - seeding,
  });
  process.on('message', (message: PeerRequest) => {
    if (message.type === 'stats') reply({ type: 'stats', stats: statsOf(peer, message) });
    if (message.type === 'close') void peer.close().then(() => process.exit(0));
  });
}

function statsOf(
  peer: GraphPeer,
  { expected, retitled: retitledWanted }: Extract<PeerRequest, { type: 'stats' }>,
): PeerStats {
  const writes = peer.writeCalls();
  const byKind: Record<string, number> = {};
  let accepted = 0;
  let throttled = 0;
  let refused = 0;
  for (const write of writes) {
    if (write.status >= 200 && write.status < 300) {
      accepted += 1;
      const kind = `${write.method} ${write.path.replace(/^\/users\/[^/]+/, '/users/{id}')}`;
      byKind[kind] = (byKind[kind] ?? 0) + 1;
    } else if (write.status === 429) throttled += 1;
    else refused += 1;
  }
  const reads = peer.calls.filter((call) => call.method === 'GET' && call.path === '/users');
  const users = peer.users();
  const perEmployeeId = new Map<string, number>();
  let retitled = 0;
  let retitledWrongly = 0;
  for (const user of users) {
    if (user.employeeId)
      perEmployeeId.set(user.employeeId, (perEmployeeId.get(user.employeeId) ?? 0) + 1);
    const isRetitled = user.jobTitle?.startsWith('Senior ') ?? false;
    if (isRetitled) retitled += 1;
    // The employee's number is in its employeeId: E000100 is n = 100.
    const n = Number(user.employeeId?.slice(1));
    if (isRetitled !== (retitledWanted && isChanged(n))) retitledWrongly += 1;
  }
  let missing = 0;
  for (let n = 1; n <= expected; n += 1) {
    if (!perEmployeeId.has(externalIdOf(n))) missing += 1;
  }
  const twice = [...perEmployeeId.values()].filter((count) => count > 1).length;
  return {
    writesAccepted: accepted,
    writesThrottled: throttled,
    writesRefused: refused,
    acceptedByKind: byKind,
    pageReads: reads.length,
    pageReadsExpanded: reads.filter((call) => call.query.$expand !== undefined).length,
    users: users.length,
    missing,
    twice,
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
