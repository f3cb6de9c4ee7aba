/*
 * json_schema.h - a JSON Schema validator for the tests, for the keywords
 * the FHIR R4 JSON schema uses (tests/data/fhir): $ref (local, "#/..."),
 * oneOf, properties, required, enum, const, pattern, type, items and
 * additionalProperties. Other keywords (description, discriminator, ...)
 * are ignored, as JSON Schema says for annotations. Patterns are ECMA
 * regular expressions; the FHIR ones are translated to POSIX extended
 * ones (glibc, which knows \s and \S outside brackets).
 */
#ifndef SYMCHECK_TEST_JSON_SCHEMA_H
#define SYMCHECK_TEST_JSON_SCHEMA_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* Validates `instance` against `schema` (whose "#/definitions/..." the
   $refs name). Returns true when it is valid; otherwise false, with the
   first error found (a JSON pointer and what is wrong) in `error`. */
bool json_schema_valid(const json_t *schema, const json_t *instance, char *error, size_t size);

#endif
