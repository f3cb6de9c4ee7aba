/*
 * template.c - the template renderer of template.h: each file is split
 * once, at load, into tokens (text, variables, sections, partials) whose
 * sections are matched then, and whose HTML comments are dropped (they
 * stay in the files, for whoever edits them); rendering walks the tokens
 * over a stack of JSON scopes. Escaping is the default: only {{{name}}}
 * writes raw text.
 */
#define _POSIX_C_SOURCE 200809L

#include "template.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deepest nesting of sections and partials rendered; deeper is skipped. */
#define S_MAX_DEPTH 48
#define S_MAX_TEMPLATES 64
#define S_MAX_FILE (256 * 1024)

typedef enum S_kind { S_TEXT, S_VARIABLE, S_RAW, S_SECTION, S_INVERTED, S_CLOSE, S_PARTIAL } S_kind;

typedef struct S_token {
  S_kind kind;
  const char *text; /* S_TEXT: points into the source */
  size_t length;
  char *name;   /* other kinds: the tag's name, owned */
  size_t close; /* sections: index of the matching close token */
} S_token;

typedef struct S_template {
  char *name;
  char *source;
  S_token *tokens;
  size_t count;
} S_template;

struct template_set {
  S_template items[S_MAX_TEMPLATES];
  size_t count;
};

typedef struct S_buffer {
  char *data;
  size_t length, capacity;
  bool failed;
} S_buffer;

static void S_append(S_buffer *b, const char *text, size_t length) {
  if (b->failed) {
    return;
  }
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 4096;
    while (capacity < b->length + length + 1) {
      capacity *= 2;
    }
    char *data = realloc(b->data, capacity);
    if (data == NULL) {
      b->failed = true;
      return;
    }
    b->data = data;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, text, length);
  b->length += length;
  b->data[b->length] = '\0';
}

static void S_append_escaped(S_buffer *b, const char *text) {
  for (const char *p = text; *p != '\0'; p++) {
    switch (*p) {
    case '&':
      S_append(b, "&amp;", 5);
      break;
    case '<':
      S_append(b, "&lt;", 4);
      break;
    case '>':
      S_append(b, "&gt;", 4);
      break;
    case '"':
      S_append(b, "&quot;", 6);
      break;
    case '\'':
      S_append(b, "&#39;", 5);
      break;
    default:
      S_append(b, p, 1);
    }
  }
}

static void S_error(char *err, size_t size, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void S_error(char *err, size_t size, const char *format, ...) {
  if (err == NULL || size == 0) {
    return;
  }
  va_list args;
  va_start(args, format);
  vsnprintf(err, size, format, args);
  va_end(args);
}

static int S_line_of(const char *source, const char *at) {
  int line = 1;
  for (const char *p = source; p < at; p++) {
    line += *p == '\n';
  }
  return line;
}

static bool S_valid_name(const char *name, size_t length) {
  if (length == 0) {
    return false;
  }
  for (size_t i = 0; i < length; i++) {
    char c = name[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.';
    if (!ok) {
      return false;
    }
  }
  return true;
}

static void S_template_clear(S_template *t) {
  for (size_t i = 0; i < t->count; i++) {
    free(t->tokens[i].name);
  }
  free(t->tokens);
  free(t->source);
  free(t->name);
  memset(t, 0, sizeof *t);
}

/* Adds a token; false when out of memory. */
static bool S_push(S_template *t, size_t *capacity, S_token token) {
  if (t->count == *capacity) {
    size_t grown = *capacity ? *capacity * 2 : 64;
    S_token *tokens = realloc(t->tokens, grown * sizeof *tokens);
    if (tokens == NULL) {
      free(token.name);
      return false;
    }
    t->tokens = tokens;
    *capacity = grown;
  }
  t->tokens[t->count++] = token;
  return true;
}

/* Reads the tag starting at `open` ("{{"); fills the token and returns the
   position after it, or NULL with err set. */
static const char *S_read_tag(const S_template *t, const char *open, S_token *token, char *err,
                              size_t err_size) {
  bool raw = open[2] == '{';
  const char *start = open + (raw ? 3 : 2);
  const char *end = strstr(start, raw ? "}}}" : "}}");
  int line = S_line_of(t->source, open);
  if (end == NULL) {
    S_error(err, err_size, "%s.html:%d: a tag is not closed", t->name, line);
    return NULL;
  }
  token->kind = raw ? S_RAW : S_VARIABLE;
  if (!raw) {
    const char *kinds = "#^/>";
    const char *k = *start != '\0' ? strchr(kinds, *start) : NULL;
    if (k != NULL) {
      static const S_kind S_kinds[] = {S_SECTION, S_INVERTED, S_CLOSE, S_PARTIAL};
      token->kind = S_kinds[k - kinds];
      start++;
    }
  }
  while (start < end && *start == ' ') {
    start++;
  }
  const char *last = end;
  while (last > start && last[-1] == ' ') {
    last--;
  }
  size_t length = (size_t)(last - start);
  if (!S_valid_name(start, length)) {
    S_error(err, err_size, "%s.html:%d: the tag name \"%.*s\" is not a valid name", t->name, line,
            (int)length, start);
    return NULL;
  }
  token->name = strndup(start, length);
  if (token->name == NULL) {
    S_error(err, err_size, "out of memory");
    return NULL;
  }
  return end + (raw ? 3 : 2);
}

/* Matches a close token against the open section on top of `stack`. */
static bool S_match_close(S_template *t, size_t *stack, size_t *depth, const char *at, char *err,
                          size_t err_size) {
  S_token *close = &t->tokens[t->count - 1];
  int line = S_line_of(t->source, at);
  if (*depth == 0) {
    S_error(err, err_size, "%s.html:%d: {{/%s}} closes no section", t->name, line, close->name);
    return false;
  }
  S_token *open = &t->tokens[stack[*depth - 1]];
  if (strcmp(open->name, close->name) != 0) {
    S_error(err, err_size, "%s.html:%d: {{/%s}} closes {{#%s}}", t->name, line, close->name,
            open->name);
    return false;
  }
  open->close = t->count - 1;
  (*depth)--;
  return true;
}

/* Where the text starting at p ends: at the next tag ("{{") or HTML
   comment ("<!--"), whichever comes first, or at the end. */
static const char *S_text_end(const char *p) {
  const char *open = strstr(p, "{{"), *comment = strstr(p, "<!--");
  if (comment != NULL && (open == NULL || comment < open)) {
    return comment;
  }
  return open != NULL ? open : p + strlen(p);
}

/* Skips the HTML comment at `at` (a note for whoever edits the template,
   not for the reader) with the line break after it when it filled whole
   lines; NULL with err when it is never closed. */
static const char *S_skip_comment(const S_template *t, const char *at, char *err, size_t err_size) {
  const char *end = strstr(at + 4, "-->");
  if (end == NULL) {
    S_error(err, err_size, "%s.html:%d: a comment (<!--) is not closed", t->name,
            S_line_of(t->source, at));
    return NULL;
  }
  end += 3;
  bool line_start = at == t->source || at[-1] == '\n';
  return line_start && *end == '\n' ? end + 1 : end;
}

/* Splits t->source into tokens, leaving its HTML comments out. */
static bool S_compile(S_template *t, char *err, size_t err_size) {
  size_t capacity = 0, stack[S_MAX_DEPTH], depth = 0;
  const char *p = t->source;
  while (*p != '\0') {
    const char *open = S_text_end(p);
    if (open > p && !S_push(t, &capacity, (S_token){S_TEXT, p, (size_t)(open - p), NULL, 0})) {
      S_error(err, err_size, "out of memory");
      return false;
    }
    if (*open == '\0') {
      break;
    }
    if (*open == '<') {
      if ((p = S_skip_comment(t, open, err, err_size)) == NULL) {
        return false;
      }
      continue;
    }
    S_token token = {0};
    p = S_read_tag(t, open, &token, err, err_size);
    if (p == NULL) {
      return false;
    }
    if (!S_push(t, &capacity, token)) {
      S_error(err, err_size, "out of memory");
      return false;
    }
    if (token.kind == S_SECTION || token.kind == S_INVERTED) {
      if (depth == S_MAX_DEPTH) {
        S_error(err, err_size, "%s.html:%d: sections nested too deeply", t->name,
                S_line_of(t->source, open));
        return false;
      }
      stack[depth++] = t->count - 1;
    } else if (token.kind == S_CLOSE && !S_match_close(t, stack, &depth, open, err, err_size)) {
      return false;
    }
  }
  if (depth > 0) {
    const S_token *open = &t->tokens[stack[depth - 1]];
    S_error(err, err_size, "%s.html: {{#%s}} is never closed", t->name, open->name);
    return false;
  }
  return true;
}

static const S_template *S_find(const template_set *set, const char *name) {
  for (size_t i = 0; i < set->count; i++) {
    if (strcmp(set->items[i].name, name) == 0) {
      return &set->items[i];
    }
  }
  return NULL;
}

int template_set_has(const template_set *set, const char *name) {
  return S_find(set, name) != NULL;
}

/* Adds a template taking ownership of name and source (freed on error). */
static bool S_add(template_set *set, char *name, char *source, char *err, size_t err_size) {
  if (set->count == S_MAX_TEMPLATES) {
    S_error(err, err_size, "more than %d templates", S_MAX_TEMPLATES);
    free(name);
    free(source);
    return false;
  }
  S_template *t = &set->items[set->count++];
  t->name = name;
  t->source = source;
  if (name == NULL || source == NULL) {
    S_error(err, err_size, "out of memory");
    return false;
  }
  return S_compile(t, err, err_size);
}

/* Every partial must name a template of the set. */
static bool S_check_partials(const template_set *set, char *err, size_t err_size) {
  for (size_t i = 0; i < set->count; i++) {
    const S_template *t = &set->items[i];
    for (size_t k = 0; k < t->count; k++) {
      if (t->tokens[k].kind == S_PARTIAL && S_find(set, t->tokens[k].name) == NULL) {
        S_error(err, err_size, "%s.html: {{>%s}} names no template", t->name, t->tokens[k].name);
        return false;
      }
    }
  }
  return true;
}

void template_set_free(template_set *set) {
  if (set == NULL) {
    return;
  }
  for (size_t i = 0; i < set->count; i++) {
    S_template_clear(&set->items[i]);
  }
  free(set);
}

template_set *template_set_from_text(const char *name, const char *text, char *err,
                                     size_t err_size) {
  template_set *set = calloc(1, sizeof *set);
  if (set == NULL) {
    S_error(err, err_size, "out of memory");
    return NULL;
  }
  if (!S_add(set, strdup(name), strdup(text), err, err_size) ||
      !S_check_partials(set, err, err_size)) {
    template_set_free(set);
    return NULL;
  }
  return set;
}

/* Reads a whole file; NULL with err on failure. */
static char *S_read_file(const char *path, char *err, size_t err_size) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    S_error(err, err_size, "%s: cannot be opened", path);
    return NULL;
  }
  char *text = malloc(S_MAX_FILE + 1);
  size_t n = text != NULL ? fread(text, 1, S_MAX_FILE + 1, f) : 0;
  fclose(f);
  if (text == NULL || n > S_MAX_FILE) {
    S_error(err, err_size, "%s: %s", path, text == NULL ? "out of memory" : "larger than 256 KiB");
    free(text);
    return NULL;
  }
  text[n] = '\0';
  return text;
}

static bool S_is_template_file(const char *name) {
  size_t length = strlen(name);
  return length > 5 && name[0] != '.' && strcmp(name + length - 5, ".html") == 0;
}

template_set *template_set_load(const char *dir, char *err, size_t err_size) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    S_error(err, err_size, "%s: the templates folder cannot be opened", dir);
    return NULL;
  }
  template_set *set = calloc(1, sizeof *set);
  bool ok = set != NULL;
  for (struct dirent *e = ok ? readdir(d) : NULL; ok && e != NULL; e = readdir(d)) {
    if (!S_is_template_file(e->d_name)) {
      continue;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    char *source = S_read_file(path, err, err_size);
    ok = source != NULL &&
         S_add(set, strndup(e->d_name, strlen(e->d_name) - 5), source, err, err_size);
  }
  closedir(d);
  if (!ok || !S_check_partials(set, err, err_size)) {
    if (set == NULL) {
      S_error(err, err_size, "out of memory");
    }
    template_set_free(set);
    return NULL;
  }
  return set;
}

/* ---- rendering ---- */

typedef struct S_scopes {
  const json_t *items[S_MAX_DEPTH];
  size_t count;
} S_scopes;

static const json_t *S_lookup(const S_scopes *scopes, const char *name) {
  if (strcmp(name, ".") == 0) {
    return scopes->count > 0 ? scopes->items[scopes->count - 1] : NULL;
  }
  const char *dot = strchr(name, '.');
  size_t first = dot != NULL ? (size_t)(dot - name) : strlen(name);
  char key[128];
  if (first >= sizeof key) {
    return NULL;
  }
  memcpy(key, name, first);
  key[first] = '\0';
  const json_t *value = NULL;
  for (size_t i = scopes->count; i-- > 0 && value == NULL;) {
    value = json_is_object(scopes->items[i]) ? json_object_get(scopes->items[i], key) : NULL;
  }
  while (value != NULL && dot != NULL) {
    const char *segment = dot + 1;
    dot = strchr(segment, '.');
    size_t length = dot != NULL ? (size_t)(dot - segment) : strlen(segment);
    if (length >= sizeof key || !json_is_object(value)) {
      return NULL;
    }
    memcpy(key, segment, length);
    key[length] = '\0';
    value = json_object_get(value, key);
  }
  return value;
}

static bool S_truthy(const json_t *value) {
  if (value == NULL || json_is_null(value) || json_is_false(value)) {
    return false;
  }
  if (json_is_string(value)) {
    return json_string_length(value) > 0;
  }
  if (json_is_array(value)) {
    return json_array_size(value) > 0;
  }
  return true;
}

static void S_append_value(S_buffer *b, const json_t *value, bool raw) {
  char number[64];
  const char *text = "";
  if (json_is_string(value)) {
    text = json_string_value(value);
  } else if (json_is_integer(value)) {
    snprintf(number, sizeof number, "%lld", (long long)json_integer_value(value));
    text = number;
  } else if (json_is_real(value)) {
    snprintf(number, sizeof number, "%g", json_real_value(value));
    text = number;
  } else if (json_is_true(value)) {
    text = "true";
  }
  if (raw) {
    S_append(b, text, strlen(text));
  } else {
    S_append_escaped(b, text);
  }
}

static void S_render_range(const template_set *set, const S_template *t, size_t from, size_t to,
                           S_scopes *scopes, S_buffer *b);

/* Renders a section body once with `scope` pushed. */
static void S_render_scoped(const template_set *set, const S_template *t, size_t from, size_t to,
                            S_scopes *scopes, const json_t *scope, S_buffer *b) {
  if (scopes->count == S_MAX_DEPTH) {
    return;
  }
  scopes->items[scopes->count++] = scope;
  S_render_range(set, t, from, to, scopes, b);
  scopes->count--;
}

static void S_render_section(const template_set *set, const S_template *t, size_t at,
                             S_scopes *scopes, S_buffer *b) {
  const S_token *token = &t->tokens[at];
  const json_t *value = S_lookup(scopes, token->name);
  bool truthy = S_truthy(value);
  if (token->kind == S_INVERTED) {
    if (!truthy) {
      S_render_range(set, t, at + 1, token->close, scopes, b);
    }
    return;
  }
  if (!truthy) {
    return;
  }
  if (json_is_array(value)) {
    for (size_t i = 0; i < json_array_size(value); i++) {
      S_render_scoped(set, t, at + 1, token->close, scopes, json_array_get(value, i), b);
    }
  } else {
    S_render_scoped(set, t, at + 1, token->close, scopes, value, b);
  }
}

static void S_render_range(const template_set *set, const S_template *t, size_t from, size_t to,
                           S_scopes *scopes, S_buffer *b) {
  for (size_t i = from; i < to && !b->failed; i++) {
    const S_token *token = &t->tokens[i];
    switch (token->kind) {
    case S_TEXT:
      S_append(b, token->text, token->length);
      break;
    case S_VARIABLE:
    case S_RAW:
      S_append_value(b, S_lookup(scopes, token->name), token->kind == S_RAW);
      break;
    case S_SECTION:
    case S_INVERTED:
      S_render_section(set, t, i, scopes, b);
      i = token->close;
      break;
    case S_PARTIAL:
      S_render_scoped(set, S_find(set, token->name), 0, S_find(set, token->name)->count, scopes,
                      scopes->count > 0 ? scopes->items[scopes->count - 1] : NULL, b);
      break;
    case S_CLOSE:
      break;
    }
  }
}

char *template_render(const template_set *set, const char *name, const json_t *data) {
  const S_template *t = S_find(set, name);
  if (t == NULL) {
    return NULL;
  }
  json_t *empty = data == NULL ? json_object() : NULL;
  S_scopes scopes = {.items = {data != NULL ? data : empty}, .count = 1};
  S_buffer b = {0};
  S_append(&b, "", 0);
  S_render_range(set, t, 0, t->count, &scopes, &b);
  json_decref(empty);
  if (b.failed) {
    free(b.data);
    return NULL;
  }
  return b.data;
}
