import type { IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { archiveMissingUsersProperties } from '../../../nodes/ArchiveMissingUsers/ArchiveMissingUsers.description';
import { mappingsFrom } from '../../../nodes/UserUpsert/mappings-from-parameters';
import {
  attributeFieldId,
  attributePathOf,
  getPlatformAttributes,
} from '../../../nodes/UserUpsert/platform-attribute-fields';
import { DEFAULT_BRAKES } from '../../../src/plan/brakes';
import { ENTRA_DEFAULT_MAPPINGS } from '../../../src/targets/entra/entra-default-mappings';
import { GOOGLE_WORKSPACE_USER_ATTRIBUTES } from '../../../src/targets/google-workspace/google-attribute-list';

const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** The editor's resource mapper, for the targets that need no call to list their attributes. */
function loadOptions(target: string): ILoadOptionsFunctions {
  return {
    getNodeParameter: (name: string) => (name === 'target' ? target : undefined),
    getCredentials: () => Promise.reject(new Error('no credential expected')),
  } as unknown as ILoadOptionsFunctions;
}

function execute(parameters: Record<string, unknown>): IExecuteFunctions {
  return {
    getNodeParameter: (name: string, _item: number, fallback?: unknown) =>
      name in parameters ? parameters[name] : fallback,
  } as unknown as IExecuteFunctions;
}

describe('the resource mapper of platform attributes', () => {
  it("lists Entra's properties, its standard fields pre-filled and the others one Add away", async () => {
    const { fields } = await getPlatformAttributes.call(loadOptions('entra'));
    const byPath = new Map(fields.map((field) => [field.displayName, field]));
    expect(byPath.get('jobTitle')).toMatchObject({
      defaultValue: 'jobTitle',
      removed: false,
      type: 'options',
    });
    expect(byPath.get('companyName')).toMatchObject({ removed: true });
    expect(byPath.get('companyName')).not.toHaveProperty('defaultValue');
    const prefilled = fields.filter((field) => !field.removed).map((field) => field.displayName);
    expect(prefilled.sort()).toEqual(ENTRA_DEFAULT_MAPPINGS.map((m) => m.attribute).sort());
    // The HR fields to choose from; the external ID is the key, never a mapped value.
    const options = byPath.get('jobTitle')!.options!.map((option) => option.value);
    expect(options).toEqual(expect.arrayContaining(['email', 'department', 'endDate', 'tags']));
    expect(options).not.toContain('externalId');
  });

  it('gives Google Workspace rows ids that n8n cannot cut short, and reads them back', async () => {
    const { fields } = await getPlatformAttributes.call(loadOptions('googleWorkspace'));
    expect(fields.map((field) => field.displayName)).toEqual(
      GOOGLE_WORKSPACE_USER_ATTRIBUTES.map((attribute) => attribute.path),
    );
    for (const field of fields) {
      expect(field.id).not.toMatch(/["\].[]/);
      expect(attributePathOf(field.id)).toBe(field.displayName);
    }
    expect(attributeFieldId(`${ENTERPRISE}:department`)).not.toContain('.');
  });
});

describe('mappingsFrom with picked platform attributes', () => {
  const picked = (value: Record<string, string | null>, extra: Record<string, unknown> = {}) =>
    execute({
      mappingMode: 'platform',
      platformAttributes: {
        mappingMode: 'defineBelow',
        value: Object.fromEntries(
          Object.entries(value).map(([path, field]) => [attributeFieldId(path), field]),
        ),
      },
      ...extra,
    });

  it('maps each filled row, keeping the standard strength of a standard pair', () => {
    const mappings = mappingsFrom(
      picked({
        userName: 'email',
        'emails[type eq "home"].value': 'privateEmail',
        title: 'department',
        nickName: null,
        displayName: ' ',
        [`${ENTERPRISE}:costCenter`]: 'custom.Kostenplaats',
      }),
      'scim',
    );
    expect(mappings).toEqual([
      { field: 'email', attribute: 'userName', strength: 'always' },
      { field: 'privateEmail', attribute: 'emails[type eq "home"].value', strength: 'onCreate' },
      { field: 'department', attribute: 'title', strength: 'always' },
      { field: 'custom.Kostenplaats', attribute: `${ENTERPRISE}:costCenter`, strength: 'always' },
    ]);
  });

  it('downgrades protected fields to "only when creating"', () => {
    const mappings = mappingsFrom(
      picked({ mobilePhone: 'mobilePhone' }, { protectedFields: ['mobilePhone'] }),
      'entra',
    );
    expect(mappings).toEqual([
      { field: 'mobilePhone', attribute: 'mobilePhone', strength: 'onCreate' },
    ]);
  });

  it('refuses a value that is not an HR field, and a mapping with no row filled', () => {
    expect(() => mappingsFrom(picked({ title: 'Job Title' }), 'scim')).toThrow(
      /"Job Title" is not a field of the employee record/,
    );
    expect(() => mappingsFrom(picked({ title: null }), 'scim')).toThrow(
      /No platform attribute has an HR field/,
    );
    expect(() => mappingsFrom(execute({ mappingMode: 'platform' }), 'scim')).toThrow(
      /No platform attribute has an HR field/,
    );
  });
});

describe('Archive Missing Users shows the brakes in force', () => {
  it("pre-fills the brake limits with the engine's own defaults", () => {
    const brakes = archiveMissingUsersProperties.find((property) => property.name === 'brakes')!;
    expect(brakes.default).toEqual(DEFAULT_BRAKES);
    for (const [name, value] of Object.entries(DEFAULT_BRAKES)) {
      expect(brakes.options!.find((option) => option.name === name)).toMatchObject({
        default: value,
      });
    }
  });
});
