import type { INodeProperties } from 'n8n-workflow';
import { microsoft365Properties } from './sources/microsoft365';
import { hrSystemProperties, hrSystemSourceOptions } from './sources/hr-systems';
import { googleSheetsProperties } from './sources/google-sheets';

/**
 * The "source" choice is the node's first question; later sources (Google Sheets,
 * Microsoft 365, BambooHR, Personio, HiBob) are further options here, each with its own
 * credential and fields shown only for it.
 */
export const hrSourceProperties: INodeProperties[] = [
  {
    displayName: 'Source',
    name: 'source',
    type: 'options',
    noDataExpression: true,
    options: [
      { name: 'SFTP File', value: 'sftp', description: 'The nightly export on an SFTP server' },
      { name: 'HTTPS File', value: 'https', description: 'An export published at an HTTPS link' },
      {
        name: 'Microsoft 365',
        value: 'microsoft365',
        description: 'An Excel workbook on SharePoint or OneDrive, or the Entra ID users',
      },
      ...hrSystemSourceOptions,
      {
        name: 'Google Sheets',
        value: 'googleSheets',
        description: 'A sheet of a Google spreadsheet',
      },
    ],
    default: 'sftp',
  },
  ...microsoft365Properties,
  ...hrSystemProperties,
  ...googleSheetsProperties,
  {
    displayName: 'Operation',
    name: 'operation',
    type: 'options',
    noDataExpression: true,
    displayOptions: { show: { source: ['sftp'] } },
    options: [
      { name: 'Read File', value: 'read', action: 'Read the export file' },
      {
        name: 'Move File to Processed Folder',
        value: 'moveProcessed',
        action: 'Move the export file to a processed folder',
        description:
          'Put this at the end of the workflow, so the file is moved only after a successful run',
      },
    ],
    default: 'read',
  },
  {
    displayName: 'Which File',
    name: 'fileSelection',
    type: 'options',
    displayOptions: { show: { source: ['sftp'], operation: ['read'] } },
    options: [
      { name: 'This Path', value: 'path' },
      { name: 'Newest File Matching a Pattern', value: 'pattern' },
    ],
    default: 'path',
  },
  {
    displayName: 'File Path',
    name: 'path',
    type: 'string',
    default: '',
    required: true,
    placeholder: '/exports/employees.csv',
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['path'] } },
  },
  {
    displayName: 'Folder',
    name: 'folder',
    type: 'string',
    default: '/',
    required: true,
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['pattern'] } },
  },
  {
    displayName: 'File Name Pattern',
    name: 'pattern',
    type: 'string',
    default: 'employees_*.csv',
    description: 'Use * for any text and ? for one character; the newest matching file is read',
    displayOptions: { show: { source: ['sftp'], operation: ['read'], fileSelection: ['pattern'] } },
  },
  {
    displayName: 'Wait Until the File Size Is Stable (Seconds)',
    name: 'stableSeconds',
    type: 'number',
    default: 0,
    description:
      'When HR may still be uploading: check the size, wait this long, check again; 0 reads at once',
    displayOptions: { show: { source: ['sftp'], operation: ['read'] } },
  },
  {
    displayName: 'File Path',
    name: 'processedPath',
    type: 'string',
    default: '={{ $("HR Source").first().json.path }}',
    required: true,
    description:
      'The file that was read; by default the path the HR Source node named "HR Source" read',
    displayOptions: { show: { source: ['sftp'], operation: ['moveProcessed'] } },
  },
  {
    displayName: 'Processed Folder',
    name: 'processedFolder',
    type: 'string',
    default: '/processed',
    required: true,
    description: 'Created when missing; a file of the same name there is never overwritten',
    displayOptions: { show: { source: ['sftp'], operation: ['moveProcessed'] } },
  },
  {
    displayName: 'URL',
    name: 'url',
    type: 'string',
    default: '',
    required: true,
    placeholder: 'https://hr.example.com/exports/employees.csv',
    displayOptions: { show: { source: ['https'] } },
  },
  {
    displayName: 'Authentication',
    name: 'authentication',
    type: 'options',
    options: [
      { name: 'None', value: 'none' },
      { name: 'HTTPS File Credential', value: 'credential' },
    ],
    default: 'credential',
    displayOptions: { show: { source: ['https'] } },
  },
  {
    displayName: 'Put Output File in Field',
    name: 'binaryPropertyName',
    type: 'string',
    default: 'data',
    required: true,
    displayOptions: {
      hide: {
        operation: ['moveProcessed'],
        source: ['microsoft365', 'bamboohr', 'personio', 'hibob', 'googleSheets'],
      },
    },
  },
];
