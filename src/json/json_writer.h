/*
 * json_writer.h - compact JSON text written straight into a growing
 * buffer, byte for byte what jansson's json_dumps(..., JSON_COMPACT)
 * writes for the same document. json.c writes every document with it
 * (building a jansson tree first cost most of an interview step); the
 * json_t functions of symcheck.h parse that text.
 *
 * Commas come by themselves: a key or a value that follows another value
 * gets one. Errors (out of memory, nesting deeper than 64) stick: every
 * later call does nothing and json_writer_finish returns NULL.
 */
#ifndef SYMCHECK_JSON_WRITER_H
#define SYMCHECK_JSON_WRITER_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct json_writer {
  char *data;
  size_t length, capacity;
  bool failed;
} json_writer;

/* Starts an empty text with room for `capacity` bytes (it grows). */
void json_writer_init(json_writer *w, size_t capacity);
/* The text, NUL-terminated, which the caller frees with free(); *length
   gets its length when not NULL. NULL (and the buffer freed) on failure. */
char *json_writer_finish(json_writer *w, size_t *length);

void json_writer_object(json_writer *w); /* { */
void json_writer_object_end(json_writer *w);
void json_writer_array(json_writer *w); /* [ */
void json_writer_array_end(json_writer *w);
/* "key": inside an object; the value follows. */
void json_writer_key(json_writer *w, const char *key);
/* A string value; NULL writes null. */
void json_writer_string(json_writer *w, const char *text);
/* A real as jansson writes it (%.17g, ".0" on whole numbers, short
   exponent); not finite writes null, as a NULL json_real did. */
void json_writer_real(json_writer *w, double value);
void json_writer_integer(json_writer *w, long long value);
void json_writer_bool(json_writer *w, bool value);
void json_writer_null(json_writer *w);
/* Shorthands for "key": value. */
void json_writer_key_string(json_writer *w, const char *key, const char *text);
void json_writer_key_real(json_writer *w, const char *key, double value);
void json_writer_key_integer(json_writer *w, const char *key, long long value);
void json_writer_key_bool(json_writer *w, const char *key, bool value);
/* Any jansson value (fails beyond 64 levels of nesting). */
void json_writer_value(json_writer *w, const json_t *value);

#endif /* SYMCHECK_JSON_WRITER_H */
