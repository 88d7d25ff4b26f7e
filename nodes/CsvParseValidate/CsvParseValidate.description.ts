import type { INodeProperties } from 'n8n-workflow';
import { CANONICAL_FIELDS } from '../../src';

const fieldOptions = CANONICAL_FIELDS.map((field) => ({ name: field, value: field }));

export const csvParseValidateProperties: INodeProperties[] = [
  {
    displayName: 'Input',
    name: 'inputType',
    type: 'options',
    options: [
      {
        name: 'CSV File (Binary)',
        value: 'binary',
        description:
          'A file from HR Source, Read/Write File, an e-mail attachment or a form upload',
      },
      {
        name: 'Rows as Items',
        value: 'items',
        description: 'One item per employee, from a spreadsheet or an API node',
      },
    ],
    default: 'binary',
  },
  {
    displayName: 'Input Binary Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    required: true,
    description: 'The binary field that holds the CSV file',
    displayOptions: { show: { inputType: ['binary'] } },
  },
  {
    displayName: 'Required Fields',
    name: 'requiredFields',
    type: 'string',
    default: 'externalId, firstName, lastName, country, language, email|mobilePhone',
    description:
      'Fields every employee must have, separated by commas; "email|mobilePhone" means at least one of the two',
  },
  {
    displayName: 'Default Country',
    name: 'defaultCountry',
    type: 'string',
    default: '',
    placeholder: 'NL',
    description:
      'ISO country code used for phone numbers written without +country code when the row has no country',
  },
  {
    displayName: 'Column Mapping',
    name: 'columnMapping',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    default: {},
    placeholder: 'Add Column',
    description:
      'Only for columns whose names are not recognised: "Employee ID", "E-mail", "Mobile Phone" and about 200 other spellings are known already',
    options: [
      {
        displayName: 'Column',
        name: 'columns',
        values: [
          { displayName: 'Column Name in the File', name: 'column', type: 'string', default: '' },
          {
            displayName: 'Field',
            name: 'field',
            type: 'options',
            options: [
              ...fieldOptions,
              { name: 'Custom Field (Keep Under Its Own Name)', value: '__custom' },
              { name: 'Ignore This Column', value: '__ignore' },
            ],
            // The linter cannot see into the spread list, where 'externalId' is.
            // eslint-disable-next-line n8n-nodes-base/node-param-default-wrong-for-options
            default: 'externalId',
          },
        ],
      },
    ],
  },
  {
    displayName: 'Value Rules',
    name: 'valueRules',
    type: 'fixedCollection',
    typeOptions: { multipleValues: true },
    default: {},
    placeholder: 'Add Rule',
    description:
      'Translate HR codes into the values the platform shows, e.g. department 102 → Supply Chain',
    options: [
      {
        displayName: 'Rule',
        name: 'rules',
        values: [
          {
            displayName: 'Field',
            name: 'field',
            type: 'options',
            options: fieldOptions,
            default: 'department',
          },
          { displayName: 'Value in HR', name: 'from', type: 'string', default: '' },
          { displayName: 'Value in the Platform', name: 'to', type: 'string', default: '' },
        ],
      },
    ],
  },
  {
    displayName: 'Options',
    name: 'options',
    type: 'collection',
    placeholder: 'Add Option',
    default: {},
    options: [
      {
        displayName: 'Column Names (File Without Header)',
        name: 'columnNames',
        type: 'string',
        default: '',
        placeholder: 'external_id,first_name,last_name,email',
        description:
          'Set this when the first line is already an employee; names separated by commas',
      },
      {
        displayName: 'Delimiter',
        name: 'delimiter',
        type: 'options',
        options: [
          { name: 'Comma (,)', value: ',' },
          { name: 'Detect', value: 'auto' },
          { name: 'Pipe (|)', value: '|' },
          { name: 'Semicolon (;)', value: ';' },
          { name: 'Tab', value: '\t' },
        ],
        default: 'auto',
      },
      {
        displayName: 'Encoding',
        name: 'encoding',
        type: 'options',
        options: [
          { name: 'Detect', value: 'auto' },
          { name: 'UTF-16 BE', value: 'utf-16be' },
          { name: 'UTF-16 LE', value: 'utf-16le' },
          { name: 'UTF-8', value: 'utf-8' },
          { name: 'Windows-1252 (Latin-1)', value: 'windows-1252' },
        ],
        default: 'auto',
      },
      {
        displayName: 'Errors CSV File Name',
        name: 'errorsFileName',
        type: 'string',
        default: 'errors.csv',
      },
      {
        displayName: 'Mapping (JSON)',
        name: 'mappingJson',
        type: 'json',
        default: '{}',
        description:
          'A whole mapping, as for hr-sync check --mapping: columns, values, required, defaultCountry, severity. The fields above are applied on top.',
      },
    ],
  },
];
