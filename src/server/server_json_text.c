/*
 * server_json_text.c - compact JSON text from a jansson value (see the
 * header). Strings are escaped as jansson escapes them by default (quote,
 * backslash and control characters; "/" and non-ASCII left as they are),
 * reals are written as jansson writes them (%.17g, with ".0" added to a
 * whole number and the exponent's "+" and leading zeros removed).
 */
#define _POSIX_C_SOURCE 200809L
#include "server_json_text.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define S_MAX_DEPTH 64

typedef struct S_buf {
  char *data;
  size_t length, capacity;
  bool failed;
} S_buf;

static void S_put(S_buf *b, const char *text, size_t length) {
  if (b->failed) {
    return;
  }
  if (b->length + length + 1 > b->capacity) {
    size_t capacity = (b->capacity + length + 1) * 2;
    char *grown = realloc(b->data, capacity);
    if (grown == NULL) {
      b->failed = true;
      return;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->length, text, length);
  b->length += length;
}

static void S_string(S_buf *b, const char *text, size_t length) {
  static const char hex[] = "0123456789ABCDEF";
  S_put(b, "\"", 1);
  size_t start = 0;
  for (size_t i = 0; i < length; i++) {
    unsigned char c = (unsigned char)text[i];
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    S_put(b, text + start, i - start);
    start = i + 1;
    switch (c) {
    case '"':
      S_put(b, "\\\"", 2);
      break;
    case '\\':
      S_put(b, "\\\\", 2);
      break;
    case '\b':
      S_put(b, "\\b", 2);
      break;
    case '\f':
      S_put(b, "\\f", 2);
      break;
    case '\n':
      S_put(b, "\\n", 2);
      break;
    case '\r':
      S_put(b, "\\r", 2);
      break;
    case '\t':
      S_put(b, "\\t", 2);
      break;
    default: {
      char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
      S_put(b, u, 6);
    }
    }
  }
  S_put(b, text + start, length - start);
  S_put(b, "\"", 1);
}

static void S_real(S_buf *b, double value) {
  char text[64];
  int n = snprintf(text, sizeof text, "%.17g", value);
  if (n < 0 || (size_t)n >= sizeof text - 3) {
    b->failed = true;
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
  S_put(b, text, (size_t)n);
}

static void S_value(S_buf *b, const json_t *v, int depth);

static void S_object(S_buf *b, const json_t *v, int depth) {
  const char *key;
  json_t *item;
  bool first = true;
  S_put(b, "{", 1);
  json_object_foreach((json_t *)v, key, item) {
    if (!first) {
      S_put(b, ",", 1);
    }
    first = false;
    S_string(b, key, strlen(key));
    S_put(b, ":", 1);
    S_value(b, item, depth + 1);
  }
  S_put(b, "}", 1);
}

static void S_array(S_buf *b, const json_t *v, int depth) {
  S_put(b, "[", 1);
  for (size_t i = 0; i < json_array_size(v); i++) {
    if (i > 0) {
      S_put(b, ",", 1);
    }
    S_value(b, json_array_get(v, i), depth + 1);
  }
  S_put(b, "]", 1);
}

static void S_value(S_buf *b, const json_t *v, int depth) {
  char number[32];
  if (depth > S_MAX_DEPTH) {
    b->failed = true;
    return;
  }
  switch (json_typeof(v)) {
  case JSON_OBJECT:
    S_object(b, v, depth);
    break;
  case JSON_ARRAY:
    S_array(b, v, depth);
    break;
  case JSON_STRING:
    S_string(b, json_string_value(v), json_string_length(v));
    break;
  case JSON_INTEGER:
    S_put(b, number,
          (size_t)snprintf(number, sizeof number, "%" JSON_INTEGER_FORMAT, json_integer_value(v)));
    break;
  case JSON_REAL:
    S_real(b, json_real_value(v));
    break;
  case JSON_TRUE:
    S_put(b, "true", 4);
    break;
  case JSON_FALSE:
    S_put(b, "false", 5);
    break;
  case JSON_NULL:
    S_put(b, "null", 4);
    break;
  }
}

char *srv_json_text(const json_t *value, size_t *length) {
  S_buf b = {malloc(32768), 0, 32768, false};
  if (b.data == NULL) {
    return NULL;
  }
  S_value(&b, value, 0);
  S_put(&b, "", 0);
  if (b.failed) {
    free(b.data);
    return NULL;
  }
  b.data[b.length] = '\0';
  if (length != NULL) {
    *length = b.length;
  }
  return b.data;
}
