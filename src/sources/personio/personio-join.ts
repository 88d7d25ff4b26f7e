/**
 * The value of one joined field (see PERSONIO_FIELDS) for a person and their employment:
 * `undefined` when the answer left it out (Personio answers only "the allowed attributes
 * per API credentials": List Allowed Attributes in
 * https://github.com/personio/api-docs/blob/master/personio-personnel-data-api-oa3.yaml),
 * `null` or "" when empty.
 */
export function personioValue(
  person: Record<string, unknown>,
  employment: Record<string, unknown> | undefined,
  field: string,
): unknown {
  if (field.startsWith('custom_attributes.')) {
    return customAttribute(person.custom_attributes, field.slice('custom_attributes.'.length));
  }
  if (field.startsWith('employment.')) {
    if (!employment) return undefined;
    const path = field.slice('employment.'.length);
    if (path.startsWith('org_units.'))
      return orgUnit(employment.org_units, path.slice('org_units.'.length));
    return valueAt(employment, path);
  }
  return valueAt(person, field);
}

/** `a.b.c` in nested objects; undefined as soon as a step is missing. */
export function valueAt(source: unknown, path: string): unknown {
  let current: unknown = source;
  for (const step of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[step];
  }
  return current;
}

/** A custom attribute by its label (the name the admin sees) or by its ID. */
function customAttribute(list: unknown, name: string): unknown {
  if (!Array.isArray(list)) return undefined;
  const wanted = name.toLowerCase();
  for (const entry of list as Array<Record<string, unknown>>) {
    const id = typeof entry.id === 'string' ? entry.id.toLowerCase() : undefined;
    const label = typeof entry.label === 'string' ? entry.label.toLowerCase() : undefined;
    if (id === wanted || label === wanted) return entry.value ?? null;
  }
  return undefined;
}

function orgUnit(units: unknown, type: string): unknown {
  if (!Array.isArray(units)) return undefined;
  const unit = (units as Array<Record<string, unknown>>).find(
    (candidate) => String(candidate.type ?? '').toLowerCase() === type.toLowerCase(),
  );
  if (!unit) return null;
  return unit.name ?? unit.id ?? null;
}

/**
 * The employment that describes the person now: Personio lists "the most recent
 * employments appearing first" (get_v2-persons-person-id-employments), so the first one.
 */
export function currentEmployment(
  employments: ReadonlyArray<Record<string, unknown>>,
): Record<string, unknown> | undefined {
  return employments[0];
}

/** Dates come as dates or date-times; the record takes the day. */
export function dayOf(value: unknown): unknown {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value)) return value.slice(0, 10);
  return value;
}
