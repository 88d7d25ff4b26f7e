import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { recordFromItem } from '../../../nodes/UserUpsert/records-from-items';

const item = (json: IDataObject): INodeExecutionData => ({ json });

describe('recordFromItem', () => {
  it('reads an item as CSV Parse & Validate writes it back into the canonical record', () => {
    const json: IDataObject = {
      externalId: 'E1001',
      firstName: 'Sanne',
      lastName: 'de Vries',
      email: 'sanne.devries@example.com',
      privateEmail: 'sanne@home.example',
      mobilePhone: '+31612345678',
      privateMobilePhone: '+31687654321',
      businessPhone: '+31201234567',
      country: 'NL',
      language: 'nl',
      department: 'Operations',
      jobTitle: 'Warehouse Lead',
      managerExternalId: 'E1000',
      startDate: '2021-03-01',
      endDate: '2026-12-31',
      archivedAt: '2027-01-01',
      tags: ['leadership', 'amsterdam'],
      custom: { Location: 'Amsterdam' },
    };
    expect(recordFromItem(item(json))).toEqual(json);
  });

  it('takes only canonical fields: line, warnings and other keys stay behind', () => {
    const record = recordFromItem(
      item({
        externalId: 'E1',
        firstName: 'Jan',
        line: 7,
        warnings: [{ code: 'phone_not_mobile', line: 7 }],
        errors: 'none',
        'First Name': 'Not this one',
        action: 'create',
      }),
    );
    expect(record).toEqual({ externalId: 'E1', firstName: 'Jan', custom: {} });
  });

  it('always gives a custom object, empty when the item has none', () => {
    expect(recordFromItem(item({}))).toEqual({ custom: {} });
  });

  it('leaves out fields that are null or missing', () => {
    expect(
      recordFromItem(item({ externalId: 'E1', email: null, department: undefined, tags: null })),
    ).toEqual({ externalId: 'E1', custom: {} });
  });

  it('writes numbers and booleans of canonical fields as text', () => {
    expect(
      recordFromItem(item({ externalId: 1001, managerExternalId: 7, jobTitle: true })),
    ).toEqual({ externalId: '1001', managerExternalId: '7', jobTitle: 'true', custom: {} });
  });

  it('takes tags from an array, each as text', () => {
    expect(recordFromItem(item({ tags: ['leadership', 'amsterdam'] })).tags).toEqual([
      'leadership',
      'amsterdam',
    ]);
    expect(recordFromItem(item({ tags: [2024, 'x'] })).tags).toEqual(['2024', 'x']);
    expect(recordFromItem(item({ tags: [] })).tags).toEqual([]);
  });

  it('splits tags from a string on , ; or |, trimmed and lower-cased, without empties', () => {
    expect(
      recordFromItem(item({ tags: ' Leadership , Amsterdam;Sales |  | Remote ' })).tags,
    ).toEqual(['leadership', 'amsterdam', 'sales', 'remote']);
    expect(recordFromItem(item({ tags: '' })).tags).toEqual([]);
  });

  // The canonical record's tags have no duplicates (see splitTags in src/mapping/to-record.ts):
  // a delimited string from another node must come out the same way a CSV cell does.
  it('drops duplicate tags from a string, as a CSV cell is read', () => {
    expect(recordFromItem(item({ tags: 'Sales, sales ,SALES;remote' })).tags).toEqual([
      'sales',
      'remote',
    ]);
  });

  it('copies the custom object with every value as text', () => {
    expect(
      recordFromItem(
        item({ custom: { Location: 'Utrecht', Store: 7, Remote: false, Note: null, Cost: 0 } }),
      ).custom,
    ).toEqual({ Location: 'Utrecht', Store: '7', Remote: 'false', Note: '', Cost: '0' });
  });

  it('ignores a custom value that is not an object', () => {
    expect(recordFromItem(item({ custom: 'Utrecht' })).custom).toEqual({});
    expect(recordFromItem(item({ custom: ['a', 'b'] })).custom).toEqual({});
    expect(recordFromItem(item({ custom: null })).custom).toEqual({});
  });

  it('does not share the custom object with the item', () => {
    const custom = { Location: 'Utrecht' };
    const record = recordFromItem(item({ custom }));
    record.custom.Location = 'Amsterdam';
    expect(custom.Location).toBe('Utrecht');
  });

  it('reads only the json of the item, not its binary or pairedItem', () => {
    const record = recordFromItem({
      json: { externalId: 'E1' },
      binary: { errors: { data: '', mimeType: 'text/csv' } },
      pairedItem: { item: 3 },
    });
    expect(record).toEqual({ externalId: 'E1', custom: {} });
  });
});
