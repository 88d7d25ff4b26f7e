import { ENTERPRISE_USER, startScimServer } from '../../peers/scim-server';
import { PATCH_OP, newUser, scim } from './scim-client';
it('explore', async () => {
  const peer = await startScimServer();
  const created = await scim(peer, 'POST', '/Users', { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'x@y.z', externalId: 'E1' });
  const id = created.body.id;
  for (const op of [
    { op: 'add', path: 'emails[type eq "work"].value', value: 'a@b.c' },
    { op: 'replace', path: 'emails[type eq "work"].value', value: 'c@b.c' },
    { op: 'replace', path: 'addresses[type eq "work"].country', value: 'NL' },
    { op: 'add', path: 'addresses[type eq "work"].country', value: 'NL' },
    { op: 'replace', path: `${ENTERPRISE_USER}:manager.value`, value: 'm2' },
    { op: 'add', path: `${ENTERPRISE_USER}:manager`, value: { value: 'm3' } },
    { op: 'replace', path: `${ENTERPRISE_USER}:employeeNumber`, value: 'E1' },
    { op: 'replace', path: 'phoneNumbers[type eq "mobile"].value', value: '+31' },
    { op: 'add', path: 'phoneNumbers', value: [{ type: 'mobile', value: '+32' }] },
    { op: 'remove', path: 'emails[type eq "home"]' },
    { op: 'replace', path: 'userName', value: 'X@Y.z' },
    { op: 'replace', path: 'preferredLanguage', value: 'nl' },
    { op: 'replace', value: { [`${ENTERPRISE_USER}:department`]: 'D' } },
    { op: 'remove', path: 'title' },
  ]) {
    const r = await scim(peer, 'PATCH', `/Users/${id}`, { schemas: [PATCH_OP], Operations: [op] });
    console.log(JSON.stringify(op), '=>', r.status, JSON.stringify(r.body).slice(0, 400));
  }
  console.log(JSON.stringify(peer.users()));
  await peer.close();
  void newUser;
});
