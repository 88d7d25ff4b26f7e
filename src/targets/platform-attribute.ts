/**
 * An attribute a platform lets this sync write, as a field mapping names it (its path),
 * for the editor to list: read from the platform where it can say (SCIM /Schemas), else
 * from the target's own documented list.
 */
export interface PlatformAttribute {
  /** The path a field mapping writes, e.g. `name.givenName` or `emails[type eq "work"].value`. */
  path: string;
  /** What the platform or its documentation says of it, when it says anything. */
  description?: string;
}

/** One attribute per path, in the order first met. */
export function uniqueAttributes(attributes: readonly PlatformAttribute[]): PlatformAttribute[] {
  const seen = new Set<string>();
  return attributes.filter((attribute) => {
    if (seen.has(attribute.path)) return false;
    seen.add(attribute.path);
    return true;
  });
}
