/*
 * json_schema.c - the small JSON Schema validator of json_schema.h.
 */
#define _POSIX_C_SOURCE 200809L
#include "json_schema.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

typedef struct validator {
  const json_t *root;
  char *error;
  size_t size;
} validator;

static bool S_valid(validator *v, const json_t *schema, const json_t *value, const char *at);

static bool S_fail(validator *v, const char *at, const char *what, const char *detail) {
  if (v->error[0] == '\0') {
    snprintf(v->error, v->size, "%s: %s%s%s", at[0] != '\0' ? at : "/", what,
             detail != NULL ? " " : "", detail != NULL ? detail : "");
  }
  return false;
}

/* The schema a local "$ref" ("#/definitions/Name") names, or NULL. */
static const json_t *S_resolve(const validator *v, const char *ref) {
  if (strncmp(ref, "#/", 2) != 0) {
    return NULL;
  }
  const json_t *node = v->root;
  char part[256];
  for (const char *p = ref + 2; node != NULL && *p != '\0';) {
    size_t n = strcspn(p, "/");
    if (n >= sizeof part) {
      return NULL;
    }
    memcpy(part, p, n);
    part[n] = '\0';
    node = json_object_get(node, part);
    p += n + (p[n] == '/');
  }
  return node;
}

static bool S_type_is(const char *type, const json_t *value) {
  if (strcmp(type, "string") == 0) {
    return json_is_string(value);
  }
  if (strcmp(type, "number") == 0) {
    return json_is_number(value);
  }
  if (strcmp(type, "integer") == 0) {
    return json_is_integer(value);
  }
  if (strcmp(type, "boolean") == 0) {
    return json_is_boolean(value);
  }
  if (strcmp(type, "object") == 0) {
    return json_is_object(value);
  }
  if (strcmp(type, "array") == 0) {
    return json_is_array(value);
  }
  return strcmp(type, "null") == 0 && json_is_null(value);
}

/* Appends `text` to out[*n] (bounded; the caller checks the size). */
static void S_put(char *out, size_t size, size_t *n, const char *text) {
  size_t length = strlen(text);
  if (*n + length < size) {
    memcpy(out + *n, text, length);
    *n += length;
    out[*n] = '\0';
  }
}

/* An ECMA pattern as a POSIX extended one: inside brackets, escapes
   become the characters they stand for (\- moves to the end, \S adds every
   printable and non-ASCII byte); outside them glibc reads the escapes. */
static bool S_posix_pattern(const char *ecma, char *out, size_t size) {
  size_t n = 0;
  out[0] = '\0';
  for (const char *p = ecma; *p != '\0'; p++) {
    if (*p != '[') {
      char one[2] = {*p, '\0'};
      if (*p == '\\' && p[1] != '\0') {
        char two[3] = {p[0], p[1], '\0'};
        S_put(out, size, &n, two);
        p++;
        continue;
      }
      S_put(out, size, &n, one);
      continue;
    }
    bool hyphen = false;
    S_put(out, size, &n, "[");
    for (p++; *p != '\0' && *p != ']'; p++) {
      char one[2] = {*p, '\0'};
      if (*p != '\\' || p[1] == '\0') {
        S_put(out, size, &n, one);
        continue;
      }
      p++;
      switch (*p) {
      case '-':
        hyphen = true;
        break;
      case 'r':
        S_put(out, size, &n, "\r");
        break;
      case 'n':
        S_put(out, size, &n, "\n");
        break;
      case 't':
        S_put(out, size, &n, "\t");
        break;
      case 's':
        S_put(out, size, &n, " \t\r\n\f\v");
        break;
      case 'S':
        S_put(out, size, &n, "!-~\x80-\xff");
        break;
      default:
        one[0] = *p;
        S_put(out, size, &n, one);
      }
    }
    if (*p == '\0') {
      return false;
    }
    S_put(out, size, &n, hyphen ? "-]" : "]");
  }
  return n + 1 < size;
}

static bool S_matches(const char *pattern, const char *text, bool *ok) {
  char posix[1024];
  regex_t re;
  *ok = S_posix_pattern(pattern, posix, sizeof posix) &&
        regcomp(&re, posix, REG_EXTENDED | REG_NOSUB) == 0;
  if (!*ok) {
    return false;
  }
  bool match = regexec(&re, text, 0, NULL, 0) == 0;
  regfree(&re);
  return match;
}

static bool S_valid_object(validator *v, const json_t *schema, const json_t *value,
                           const char *at) {
  const json_t *properties = json_object_get(schema, "properties");
  const json_t *required = json_object_get(schema, "required");
  size_t i;
  const json_t *name;
  json_array_foreach(required, i, name) {
    if (json_object_get(value, json_string_value(name)) == NULL) {
      return S_fail(v, at, "misses the required property", json_string_value(name));
    }
  }
  const json_t *extra = json_object_get(schema, "additionalProperties");
  const char *key;
  const json_t *member;
  json_object_foreach((json_t *)value, key, member) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", at, key);
    const json_t *sub = json_object_get(properties, key);
    if (sub == NULL && json_is_false(extra)) {
      return S_fail(v, at, "has a property the schema does not allow:", key);
    }
    if (sub == NULL && json_is_object(extra)) {
      sub = extra;
    }
    if (sub != NULL && !S_valid(v, sub, member, path)) {
      return false;
    }
  }
  return true;
}

static bool S_valid_array(validator *v, const json_t *schema, const json_t *value, const char *at) {
  const json_t *items = json_object_get(schema, "items");
  if (items == NULL) {
    return true;
  }
  size_t i;
  const json_t *item;
  json_array_foreach(value, i, item) {
    char path[512];
    snprintf(path, sizeof path, "%s/%zu", at, i);
    if (!S_valid(v, items, item, path)) {
      return false;
    }
  }
  return true;
}

static bool S_valid_one_of(validator *v, const json_t *list, const json_t *value, const char *at) {
  size_t matched = 0, i;
  const json_t *option;
  char first[512] = "";
  json_array_foreach(list, i, option) {
    validator trial = {v->root, (char[512]){0}, 512};
    if (S_valid(&trial, option, value, at)) {
      matched++;
    } else if (first[0] == '\0') {
      snprintf(first, sizeof first, "%s", trial.error);
    }
  }
  if (matched == 1) {
    return true;
  }
  return S_fail(v, at,
                matched == 0 ? "matches none of oneOf; the first says:"
                             : "matches more "
                               "than one of oneOf",
                matched == 0 ? first : NULL);
}

static bool S_valid_scalar(validator *v, const json_t *schema, const json_t *value,
                           const char *at) {
  const json_t *constant = json_object_get(schema, "const");
  if (constant != NULL && !json_equal((json_t *)constant, (json_t *)value)) {
    return S_fail(v, at, "is not the constant", json_string_value(constant));
  }
  const json_t *choices = json_object_get(schema, "enum");
  if (choices != NULL) {
    bool found = false;
    size_t i;
    const json_t *choice;
    json_array_foreach(choices, i, choice) {
      found = found || json_equal((json_t *)choice, (json_t *)value);
    }
    if (!found) {
      return S_fail(v, at, "is not one of the enumerated values", json_string_value(value));
    }
  }
  const char *pattern = json_string_value(json_object_get(schema, "pattern"));
  if (pattern != NULL && json_is_string(value)) {
    bool ok = true;
    if (!S_matches(pattern, json_string_value(value), &ok)) {
      return S_fail(v, at,
                    ok ? "does not match the pattern"
                       : "has a pattern this validator "
                         "cannot read:",
                    pattern);
    }
  }
  return true;
}

static bool S_valid(validator *v, const json_t *schema, const json_t *value, const char *at) {
  const char *ref = json_string_value(json_object_get(schema, "$ref"));
  if (ref != NULL) {
    const json_t *target = S_resolve(v, ref);
    if (target == NULL) {
      return S_fail(v, at, "names an unknown $ref", ref);
    }
    return S_valid(v, target, value, at); /* siblings of $ref are ignored */
  }
  const char *type = json_string_value(json_object_get(schema, "type"));
  if (type != NULL && !S_type_is(type, value)) {
    return S_fail(v, at, "is not of type", type);
  }
  const json_t *one_of = json_object_get(schema, "oneOf");
  if (one_of != NULL && !S_valid_one_of(v, one_of, value, at)) {
    return false;
  }
  if (!S_valid_scalar(v, schema, value, at)) {
    return false;
  }
  if (json_is_object(value) && !S_valid_object(v, schema, value, at)) {
    return false;
  }
  return !json_is_array(value) || S_valid_array(v, schema, value, at);
}

bool json_schema_valid(const json_t *schema, const json_t *instance, char *error, size_t size) {
  validator v = {schema, error, size};
  error[0] = '\0';
  return S_valid(&v, schema, instance, "");
}
