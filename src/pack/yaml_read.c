/*
 * yaml_read.c - typed reading of YAML nodes for the pack loader.
 *
 * Files are parsed into the compact tree of yaml_tree.h. Positions are
 * kept only for scalars, so a collection's line is taken from its first
 * scalar, and errors about a field point at the
 * line of the field's key. Every reader reports a missing required field or
 * a value of the wrong type through loader_error, naming `path.key`.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

char *yaml_slurp(const char *path, size_t *length) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) {
    return NULL;
  }
  size_t size = 0, capacity = 4096;
  char *text = malloc(capacity + 1);
  while (text != NULL) {
    size += fread(text + size, 1, capacity - size, fp);
    if (size < capacity) {
      break;
    }
    char *bigger = realloc(text, capacity * 2 + 1);
    if (bigger == NULL) {
      free(text);
      text = NULL;
      break;
    }
    text = bigger;
    capacity *= 2;
  }
  bool failed = ferror(fp) != 0;
  fclose(fp);
  if (text == NULL || failed) {
    free(text);
    return NULL;
  }
  text[size] = '\0';
  *length = size;
  return text;
}

/* Length of the UTF-8 sequence starting at `p` (at most `left` bytes), or
   0 when it is not well-formed (RFC 3629: no overlongs, no surrogates). */
static size_t S_utf8_length(const unsigned char *p, size_t left) {
  if (p[0] < 0x80) {
    return 1;
  }
  size_t n = p[0] >= 0xC2 && p[0] <= 0xDF   ? 2
             : p[0] >= 0xE0 && p[0] <= 0xEF ? 3
             : p[0] >= 0xF0 && p[0] <= 0xF4 ? 4
                                            : 0;
  if (n == 0 || n > left) {
    return 0;
  }
  for (size_t i = 1; i < n; i++) {
    if ((p[i] & 0xC0) != 0x80) {
      return 0;
    }
  }
  bool overlong = (p[0] == 0xE0 && p[1] < 0xA0) || (p[0] == 0xF0 && p[1] < 0x90);
  bool out_of_range = (p[0] == 0xED && p[1] >= 0xA0) || (p[0] == 0xF4 && p[1] >= 0x90);
  return overlong || out_of_range ? 0 : n;
}

/* Refuses text the pack format never needs and libfyaml 0.8 handles badly
   (some malformed directives and byte sequences make it loop forever):
   bytes that are not UTF-8, control characters other than tab and line
   breaks, and `%` directives. Returns false after reporting the line. */
static bool S_check_text(loader *ld, const char *text, size_t length) {
  const unsigned char *p = (const unsigned char *)text;
  int line = 1;
  for (size_t i = 0; i < length;) {
    if ((i == 0 || p[i - 1] == '\n') && p[i] == '%') {
      loader_error(ld, line, "", "YAML directives (lines starting with %%) are not used in packs");
      return false;
    }
    size_t n = S_utf8_length(p + i, length - i);
    if (n == 0) {
      loader_error(ld, line, "", "the text is not valid UTF-8 (byte 0x%02X)", p[i]);
      return false;
    }
    if (n == 1 && (p[i] < 0x20 || p[i] == 0x7F) && p[i] != '\t' && p[i] != '\n' && p[i] != '\r') {
      loader_error(ld, line, "", "control character 0x%02X is not allowed in a pack", p[i]);
      return false;
    }
    line += p[i] == '\n';
    i += n;
  }
  return true;
}

ynode *yaml_read_file(loader *ld, const char *dir, const char *name) {
  return yaml_read_file_items(ld, dir, name, NULL, NULL);
}

ynode *yaml_read_file_items(loader *ld, const char *dir, const char *name, ytree_item_fn item,
                            void *ctx) {
  char path[4096];
  ld->file = name;
  snprintf(path, sizeof path, "%s/%s", dir, name);
  size_t length = 0;
  char *text = yaml_slurp(path, &length);
  if (text == NULL) {
    loader_error(ld, 0, "", "the file is missing or cannot be read");
    return NULL;
  }
  ynode *root = NULL;
  if (S_check_text(ld, text, length)) {
    ytree_error error;
    root = ytree_parse_items(&ld->trees, text, length, YAML_MAX_DEPTH, &error, item, ctx);
    if (root == NULL) {
      loader_error(ld, error.line, "", "%s", error.message);
    }
  }
  free(text);
  return root;
}

int yaml_line(ynode *node) {
  if (node == NULL) {
    return 0;
  }
  switch (ynode_get_type(node)) {
  case YNODE_SCALAR:
    return (int)node->line;
  case YNODE_SEQUENCE: {
    void *iter = NULL;
    return yaml_line(ynode_sequence_iterate(node, &iter));
  }
  case YNODE_MAPPING: {
    void *iter = NULL;
    ynode_pair *pair = ynode_mapping_iterate(node, &iter);
    return pair != NULL ? yaml_line(ynode_pair_key(pair)) : 0;
  }
  }
  return 0;
}

static ynode_pair *S_pair(ynode *map, const char *key) {
  if (map == NULL || !ynode_is_mapping(map)) {
    return NULL;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    if (yaml_scalar_is(ynode_pair_key(pair), key)) {
      return pair;
    }
  }
  return NULL;
}

int yaml_key_line(ynode *map, const char *key) {
  ynode_pair *pair = S_pair(map, key);
  int line = pair != NULL ? yaml_line(ynode_pair_key(pair)) : 0;
  return line != 0 ? line : yaml_line(map);
}

ynode *yaml_get(ynode *map, const char *key) {
  ynode_pair *pair = S_pair(map, key);
  return pair != NULL ? ynode_pair_value(pair) : NULL;
}

bool yaml_is_null(ynode *node) {
  if (node == NULL) {
    return true;
  }
  if (!ynode_is_scalar(node) || !node->plain) {
    return false;
  }
  return yaml_scalar_is(node, "") || yaml_scalar_is(node, "~") || yaml_scalar_is(node, "null") ||
         yaml_scalar_is(node, "Null") || yaml_scalar_is(node, "NULL");
}

const char *yaml_scalar_text(ynode *node) {
  size_t length = 0;
  return ynode_get_scalar(node, &length);
}

const char *yaml_text_of(loader *ld, ynode *node) {
  if (node == NULL || !ynode_is_scalar(node)) {
    return NULL;
  }
  size_t length = 0;
  const char *text = ynode_get_scalar(node, &length);
  char *copy = arena_alloc(loader_arena(ld), length + 1);
  if (copy == NULL) {
    loader_out_of_memory(ld);
    return NULL;
  }
  if (length > 0) {
    memcpy(copy, text, length);
  }
  return copy;
}

bool yaml_scalar_is(ynode *node, const char *text) {
  if (node == NULL || !ynode_is_scalar(node)) {
    return false;
  }
  size_t length = 0;
  const char *scalar = ynode_get_scalar(node, &length);
  return length == strlen(text) && (length == 0 || memcmp(scalar, text, length) == 0);
}

bool yaml_number_of(ynode *node, double *out) {
  if (node == NULL || !ynode_is_scalar(node)) {
    return false;
  }
  size_t length = 0;
  const char *scalar = ynode_get_scalar(node, &length);
  char buf[64];
  if (length == 0 || length >= sizeof buf) {
    return false;
  }
  memcpy(buf, scalar, length);
  buf[length] = '\0';
  char *end = NULL;
  errno = 0;
  double value = strtod(buf, &end);
  if (errno != 0 || end != buf + length || !isfinite(value) || isspace((unsigned char)buf[0])) {
    return false;
  }
  *out = value;
  return true;
}

void yaml_path_key(char *out, size_t size, const char *parent, const char *key) {
  if (parent == NULL || parent[0] == '\0') {
    snprintf(out, size, "%s", key);
  } else {
    snprintf(out, size, "%s.%s", parent, key);
  }
}

void yaml_path_item(char *out, size_t size, const char *parent, const char *item) {
  snprintf(out, size, "%s[%s]", parent, item);
}

/* The value of map[key], reporting a missing required field at its key
   (when written with no value) or else at the start of the mapping. */
static ynode *S_field(loader *ld, ynode *map, const char *path, const char *key, bool required,
                      char *field, size_t field_size) {
  yaml_path_key(field, field_size, path, key);
  ynode *value = yaml_get(map, key);
  if (yaml_is_null(value)) {
    if (required) {
      loader_error(ld, yaml_key_line(map, key), field, "is required");
    }
    return NULL;
  }
  return value;
}

/* Line for an error about a field's value: the value's, else the key's. */
static int S_value_line(ynode *map, const char *key, ynode *value) {
  int line = yaml_line(value);
  return line != 0 ? line : yaml_key_line(map, key);
}

const char *yaml_read_text(loader *ld, ynode *map, const char *path, const char *key,
                           bool required) {
  char field[128];
  ynode *value = S_field(ld, map, path, key, required, field, sizeof field);
  if (value == NULL) {
    return NULL;
  }
  if (!ynode_is_scalar(value)) {
    loader_error(ld, S_value_line(map, key, value), field, "must be text");
    return NULL;
  }
  return yaml_text_of(ld, value);
}

const char *yaml_read_child_text(loader *ld, ynode *map, const char *path, const char *key,
                                 const char *example) {
  const char *text = yaml_read_text(ld, map, path, key, false);
  if (text == NULL || strstr(text, "{child}") != NULL) {
    return text;
  }
  char field[160];
  yaml_path_key(field, sizeof field, path, key);
  loader_error(ld, yaml_key_line(map, key), field,
               "must contain {child} (it becomes \"your child\" or \"your baby\"), e.g. \"%s\"",
               example);
  return NULL;
}

static bool S_is_id(const char *text, bool slug) {
  if (text[0] == '\0') {
    return false;
  }
  for (const char *p = text; *p != '\0'; p++) {
    bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == (slug ? '-' : '_');
    if (!ok) {
      return false;
    }
  }
  return true;
}

const char *yaml_read_id(loader *ld, ynode *map, const char *path, const char *key, bool slug) {
  const char *text = yaml_read_text(ld, map, path, key, true);
  if (text != NULL && !S_is_id(text, slug)) {
    char field[128];
    yaml_path_key(field, sizeof field, path, key);
    loader_error(ld, yaml_key_line(map, key), field, "\"%s\" is not a valid id: use only %s", text,
                 slug ? "a-z, 0-9 and -" : "a-z, 0-9 and _");
    return NULL;
  }
  return text;
}

bool yaml_read_number(loader *ld, ynode *map, const char *path, const char *key, bool required,
                      double *out) {
  char field[128];
  ynode *value = S_field(ld, map, path, key, required, field, sizeof field);
  if (value == NULL) {
    return false;
  }
  if (!yaml_number_of(value, out)) {
    loader_error(ld, S_value_line(map, key, value), field, "must be a number");
    return false;
  }
  return true;
}

bool yaml_read_flag(loader *ld, ynode *map, const char *path, const char *key, bool absent,
                    const char *hint) {
  ynode *value = yaml_get(map, key);
  if (value == NULL) {
    return absent;
  }
  if (yaml_scalar_is(value, "true") || yaml_scalar_is(value, "false")) {
    return yaml_scalar_is(value, "true");
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, key);
  loader_error(ld, S_value_line(map, key, value), field, "must be true or false%s", hint);
  return absent;
}

bool yaml_read_int(loader *ld, ynode *map, const char *path, const char *key, bool required,
                   int min, int max, int *out) {
  double number = 0.0;
  if (!yaml_read_number(ld, map, path, key, required, &number)) {
    return false;
  }
  if (number != floor(number) || number < min || number > max) {
    char field[128];
    yaml_path_key(field, sizeof field, path, key);
    loader_error(ld, yaml_key_line(map, key), field, "%g must be a whole number from %d to %d",
                 number, min, max);
    return false;
  }
  *out = (int)number;
  return true;
}

int yaml_read_enum(loader *ld, ynode *map, const char *path, const char *key, bool required,
                   const char *const *names, size_t count) {
  char field[128];
  ynode *value = S_field(ld, map, path, key, required, field, sizeof field);
  if (value == NULL) {
    return -1;
  }
  for (size_t i = 0; i < count; i++) {
    if (yaml_scalar_is(value, names[i])) {
      return (int)i;
    }
  }
  char allowed[256] = "";
  size_t used = 0;
  for (size_t i = 0; i < count && used < sizeof allowed; i++) {
    int n = snprintf(allowed + used, sizeof allowed - used, "%s%s", i > 0 ? ", " : "", names[i]);
    used += n > 0 ? (size_t)n : 0;
  }
  const char *text = yaml_scalar_text(value);
  loader_error(ld, S_value_line(map, key, value), field, "\"%s\" is not one of: %s",
               text != NULL ? text : "(not text)", allowed);
  return -1;
}

static ynode *S_read_collection(loader *ld, ynode *map, const char *path, const char *key,
                                bool required, ynode_type type) {
  char field[128];
  ynode *value = S_field(ld, map, path, key, required, field, sizeof field);
  if (value == NULL) {
    return NULL;
  }
  if (ynode_get_type(value) != type) {
    loader_error(ld, S_value_line(map, key, value), field, "must be %s",
                 type == YNODE_SEQUENCE ? "a list" : "a mapping of keys to values");
    return NULL;
  }
  return value;
}

ynode *yaml_read_list(loader *ld, ynode *map, const char *path, const char *key, bool required) {
  return S_read_collection(ld, map, path, key, required, YNODE_SEQUENCE);
}

ynode *yaml_read_map(loader *ld, ynode *map, const char *path, const char *key, bool required) {
  return S_read_collection(ld, map, path, key, required, YNODE_MAPPING);
}

bool yaml_expect_map(loader *ld, ynode *node, const char *path) {
  if (node != NULL && ynode_is_mapping(node)) {
    return true;
  }
  loader_error(ld, yaml_line(node), path, "must be a mapping of fields (key: value)");
  return false;
}

static bool S_allowed(const char *key, const char *const *allowed) {
  for (size_t i = 0; allowed[i] != NULL; i++) {
    if (strcmp(key, allowed[i]) == 0) {
      return true;
    }
  }
  return false;
}

void yaml_check_fields(loader *ld, ynode *map, const char *path, const char *const *allowed) {
  if (map == NULL || !ynode_is_mapping(map)) {
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    ynode *key_node = ynode_pair_key(pair);
    const char *key = yaml_scalar_text(key_node);
    if (key == NULL || S_allowed(key, allowed)) {
      continue;
    }
    char names[512];
    size_t used = 0;
    names[0] = '\0';
    for (size_t i = 0; allowed[i] != NULL && used < sizeof names; i++) {
      used +=
          (size_t)snprintf(names + used, sizeof names - used, "%s%s", i ? ", " : "", allowed[i]);
    }
    char field[128];
    yaml_path_key(field, sizeof field, path, key);
    loader_error(ld, yaml_line(key_node), field, "unknown field; allowed here: %s", names);
  }
}

size_t yaml_length(ynode *list) {
  if (list == NULL || !ynode_is_sequence(list)) {
    return 0;
  }
  int n = ynode_sequence_item_count(list);
  return n > 0 ? (size_t)n : 0;
}
