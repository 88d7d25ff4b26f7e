import type { INodeProperties } from 'n8n-workflow';
import { googleWorkspaceProperties } from '../shared/google-platform';
import {
  requestOptionsProperty,
  restSettingsProperty,
  targetProperty,
} from '../shared/platform-properties';

export const archiveMissingUsersProperties: INodeProperties[] = [
  targetProperty,
  ...googleWorkspaceProperties,
  {
    displayName:
      "Archives the users this sync manages who are not in tonight's full export. A row that failed validation still counts as present. Users created by hand (without an external ID) are never touched.",
    name: 'intro',
    type: 'notice',
    default: '',
  },
  {
    displayName: 'Validation Node',
    name: 'validationNode',
    type: 'string',
    default: 'CSV Parse & Validate',
    required: true,
    description:
      'The name of the CSV Parse & Validate node whose rows (valid and rejected) are the full snapshot of who is employed',
  },
  {
    displayName: 'Dry Run',
    name: 'dryRun',
    type: 'boolean',
    default: false,
    description: 'Whether to only show who would be archived or deleted, without writing anything',
  },
  {
    displayName: 'Only External IDs Starting With',
    name: 'externalIdPrefix',
    type: 'string',
    default: '',
    placeholder: 'HR-',
    description: 'Leave empty to manage every user with an external ID',
  },
  {
    displayName: 'Delete After a Grace Period',
    name: 'deleteAfterGrace',
    type: 'boolean',
    default: false,
    description: 'Whether to delete users who have been archived for the number of days below',
  },
  {
    displayName: 'Grace Period (Days)',
    name: 'graceDays',
    type: 'number',
    typeOptions: { minValue: 1 },
    default: 30,
    description:
      'Counted from the day this node archived the user; a user who comes back before is reactivated by User Upsert',
    displayOptions: { show: { deleteAfterGrace: [true] } },
  },
  {
    displayName: 'Safety Brakes',
    name: 'brakes',
    type: 'collection',
    placeholder: 'Change a Brake',
    // The limits in force, shown with their values on a new node rather than hidden
    // behind the button (the engine's DEFAULT_BRAKES; a unit test keeps them equal).
    default: { maxPercentage: 10, maxShrinkPercentage: 20 },
    description:
      'In force on every run, with the limits shown. A tripped brake archives nobody and stops with a message saying why.',
    options: [
      {
        displayName: 'Approve Plan',
        name: 'approvalCode',
        type: 'string',
        default: '',
        placeholder: 'e.g. 3F9C-12D8',
        description:
          "After a brake stopped a run you checked: the plan's code from the brake's message. Exactly that plan (the same people archived and deleted) then passes, once; any other plan is still stopped.",
      },
      {
        displayName: 'Max Archives (Count)',
        name: 'maxCount',
        type: 'number',
        default: 0,
        description:
          'Most users archived and deleted in one run, together; 0 means no count limit (the percentage still applies)',
      },
      {
        displayName: 'Max Archives and Deletes (% of Managed Users)',
        name: 'maxPercentage',
        type: 'number',
        typeOptions: { minValue: 0, maxValue: 100 },
        default: 10,
      },
      {
        displayName: 'Max Shrink of the Export (%)',
        name: 'maxShrinkPercentage',
        type: 'number',
        typeOptions: { minValue: 0, maxValue: 100 },
        default: 20,
        description:
          "A file this much smaller than the last successful run's is taken as truncated",
      },
    ],
  },
  restSettingsProperty,
  requestOptionsProperty([
    {
      displayName: 'Read the Platform Again',
      name: 'readAgain',
      type: 'boolean',
      default: false,
      description:
        'Whether to read every user from the platform even when a User Upsert on the same platform and credential ran earlier in this execution. Off: its users are taken as it left them, which saves a full read.',
    },
  ]),
];
