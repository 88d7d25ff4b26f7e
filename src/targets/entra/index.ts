export { EntraDirectory, type EntraDirectoryOptions } from './entra-directory';
export { ENTRA_DEFAULT_MAPPINGS } from './entra-default-mappings';
export { EntraAttributeError } from './entra-attributes';
export { PrincipalNameTemplateError } from './user-principal-name';
export { ENTRA_USER_ATTRIBUTES } from './entra-attribute-list';
