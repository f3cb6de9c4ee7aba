/*
 * json_writer.c - compact JSON text as jansson writes it (see the
 * header). Strings are escaped as jansson escapes them by default (quote,
 * backslash and control characters; "/" and non-ASCII left as they are),
 * reals are written as jansson writes them (%.17g, with ".0" added to a
 * whole number and the exponent's "+" and leading zeros removed).
 */
#include "json_writer.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "symcheck.h"

#define S_MAX_DEPTH 64

void json_writer_init(json_writer *w, size_t capacity) {
  w->length = 0;
  w->capacity = capacity > 0 ? capacity : 1;
  w->data = malloc(w->capacity);
  w->failed = w->data == NULL;
}

char *json_writer_finish(json_writer *w, size_t *length) {
  if (w->failed) {
    free(w->data);
    w->data = NULL;
    return NULL;
  }
  w->data[w->length] = '\0';
  if (length != NULL) {
    *length = w->length;
  }
  return w->data;
}

/* Grows the buffer for n more bytes and the final NUL. */
static bool S_grow(json_writer *w, size_t n) {
  if (n > (SIZE_MAX - w->capacity) / 2) {
    w->failed = true;
    return false;
  }
  size_t capacity = (w->capacity + n) * 2;
  char *grown = realloc(w->data, capacity);
  if (grown == NULL) {
    w->failed = true;
    return false;
  }
  w->data = grown;
  w->capacity = capacity;
  return true;
}

/* True when n more bytes (and the final NUL) fit, growing if need be.
   Most pieces are a few bytes: the common case is one comparison. */
static inline bool S_room(json_writer *w, size_t n) {
  if (w->failed) {
    return false;
  }
  return n < w->capacity - w->length || S_grow(w, n);
}

static inline void S_put(json_writer *w, const char *text, size_t length) {
  if (S_room(w, length)) {
    memcpy(w->data + w->length, text, length);
    w->length += length;
  }
}

static inline void S_byte(json_writer *w, char c) {
  if (S_room(w, 1)) {
    w->data[w->length++] = c;
  }
}

/* A comma when a value (or key) follows another value. */
static inline void S_separate(json_writer *w) {
  if (w->length > 0 && !w->failed) {
    char last = w->data[w->length - 1];
    if (last != '{' && last != '[' && last != ':') {
      S_byte(w, ',');
    }
  }
}

void json_writer_object(json_writer *w) {
  S_separate(w);
  S_byte(w, '{');
}

void json_writer_object_end(json_writer *w) {
  S_byte(w, '}');
}

void json_writer_array(json_writer *w) {
  S_separate(w);
  S_byte(w, '[');
}

void json_writer_array_end(json_writer *w) {
  S_byte(w, ']');
}

/* True for the bytes jansson escapes: control characters, '"' and '\'. */
static bool S_escaped(unsigned char c) {
  return c < 0x20 || c == '"' || c == '\\';
}

/* True when one of the 8 bytes at p needs escaping: a byte below 0x20,
   '"' or '\' (the usual "has a zero byte" test, on x and on x with the
   quote and the backslash turned into zeros). Strings are mostly long
   runs of plain text, and this checks a run 8 bytes at a time. */
static bool S_escaped_in_8(const char *p) {
  const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
  uint64_t x;
  memcpy(&x, p, sizeof x);
  uint64_t quote = x ^ (ones * (uint64_t)'"'), backslash = x ^ (ones * (uint64_t)'\\');
  uint64_t control = (x - ones * 0x20) & ~x;
  uint64_t zero_quote = (quote - ones) & ~quote;
  uint64_t zero_backslash = (backslash - ones) & ~backslash;
  return ((control | zero_quote | zero_backslash) & highs) != 0;
}

/* Writes the escape for c at out; returns the end. */
static char *S_escape(char *out, unsigned char c) {
  static const char hex[] = "0123456789ABCDEF";
  *out++ = '\\';
  switch (c) {
  case '"':
  case '\\':
    *out++ = (char)c;
    break;
  case '\b':
    *out++ = 'b';
    break;
  case '\f':
    *out++ = 'f';
    break;
  case '\n':
    *out++ = 'n';
    break;
  case '\r':
    *out++ = 'r';
    break;
  case '\t':
    *out++ = 't';
    break;
  default:
    memcpy(out, "u00", 3);
    out[3] = hex[c >> 4];
    out[4] = hex[c & 15];
    out += 5;
  }
  return out;
}

/* The string in quotes, escaped. Room for the worst case (every byte
   written as \u00XX) is made once, then runs of plain text are copied. */
static void S_string(json_writer *w, const char *text, size_t length) {
  if (length > (SIZE_MAX - 2) / 6) {
    w->failed = true;
    return;
  }
  if (!S_room(w, length * 6 + 2)) {
    return;
  }
  char *out = w->data + w->length;
  *out++ = '"';
  size_t start = 0, i = 0;
  while (i < length) {
    if (i + 8 <= length && !S_escaped_in_8(text + i)) {
      i += 8;
      continue;
    }
    if (S_escaped((unsigned char)text[i])) {
      memcpy(out, text + start, i - start);
      out = S_escape(out + (i - start), (unsigned char)text[i]);
      start = i + 1;
    }
    i++;
  }
  memcpy(out, text + start, length - start);
  out += length - start;
  *out++ = '"';
  w->length = (size_t)(out - w->data);
}

void json_writer_key(json_writer *w, const char *key) {
  S_separate(w);
  S_string(w, key, strlen(key));
  S_byte(w, ':');
}

void json_writer_string(json_writer *w, const char *text) {
  if (text == NULL) {
    json_writer_null(w);
    return;
  }
  S_separate(w);
  S_string(w, text, strlen(text));
}

void json_writer_real(json_writer *w, double value) {
  if (!isfinite(value)) {
    json_writer_null(w);
    return;
  }
  char text[64];
  int n = snprintf(text, sizeof text, "%.17g", value);
  if (n < 0 || (size_t)n >= sizeof text - 3) {
    w->failed = true;
    return;
  }
  if (strchr(text, '.') == NULL && strchr(text, 'e') == NULL) {
    memcpy(text + n, ".0", 3);
    n += 2;
  }
  char *e = strchr(text, 'e');
  if (e != NULL) {
    char *start = e + 1, *end = e + 2;
    if (*start == '-') {
      start++;
    }
    while (*end == '0') {
      end++;
    }
    if (end != start) {
      memmove(start, end, strlen(end) + 1);
      n = (int)strlen(text);
    }
  }
  S_separate(w);
  S_put(w, text, (size_t)n);
}

void json_writer_integer(json_writer *w, long long value) {
  char text[32];
  int n = snprintf(text, sizeof text, "%lld", value);
  S_separate(w);
  S_put(w, text, (size_t)n);
}

void json_writer_bool(json_writer *w, bool value) {
  S_separate(w);
  S_put(w, value ? "true" : "false", value ? 4 : 5);
}

void json_writer_null(json_writer *w) {
  S_separate(w);
  S_put(w, "null", 4);
}

void json_writer_key_string(json_writer *w, const char *key, const char *text) {
  json_writer_key(w, key);
  json_writer_string(w, text);
}

void json_writer_key_real(json_writer *w, const char *key, double value) {
  json_writer_key(w, key);
  json_writer_real(w, value);
}

void json_writer_key_integer(json_writer *w, const char *key, long long value) {
  json_writer_key(w, key);
  json_writer_integer(w, value);
}

void json_writer_key_bool(json_writer *w, const char *key, bool value) {
  json_writer_key(w, key);
  json_writer_bool(w, value);
}

static void S_value(json_writer *w, const json_t *v, int depth) {
  if (depth > S_MAX_DEPTH) {
    w->failed = true;
    return;
  }
  const char *key;
  json_t *item;
  size_t i;
  switch (json_typeof(v)) {
  case JSON_OBJECT:
    json_writer_object(w);
    json_object_foreach((json_t *)v, key, item) {
      json_writer_key(w, key);
      S_value(w, item, depth + 1);
    }
    json_writer_object_end(w);
    break;
  case JSON_ARRAY:
    json_writer_array(w);
    json_array_foreach(v, i, item) {
      S_value(w, item, depth + 1);
    }
    json_writer_array_end(w);
    break;
  case JSON_STRING:
    S_separate(w);
    S_string(w, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER:
    json_writer_integer(w, (long long)json_integer_value(v));
    break;
  case JSON_REAL:
    json_writer_real(w, json_real_value(v));
    break;
  case JSON_TRUE:
  case JSON_FALSE:
    json_writer_bool(w, json_is_true(v));
    break;
  case JSON_NULL:
    json_writer_null(w);
    break;
  }
}

void json_writer_value(json_writer *w, const json_t *value) {
  S_value(w, value, 0);
}

char *symcheck_json_text(const json_t *value, size_t *length) {
  json_writer w;
  json_writer_init(&w, 4096);
  json_writer_value(&w, value);
  return json_writer_finish(&w, length);
}
