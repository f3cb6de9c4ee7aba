/*
 * server_json_text.h - writes a jansson value as compact JSON text, byte
 * for byte what json_dumps(value, JSON_COMPACT) gives, several times
 * faster: jansson 2.14 allocates and formats a loop-check key for every
 * object and array it writes, which was most of the time of an interview
 * answer. The documents themselves still come only from the library.
 */
#ifndef SYMCHECK_SERVER_JSON_TEXT_H
#define SYMCHECK_SERVER_JSON_TEXT_H

#include <jansson.h>
#include <stddef.h>

/* The text (NUL-terminated; *length set when not NULL), which the caller
   frees with free(); NULL when out of memory or the value nests deeper
   than 64 levels. */
char *srv_json_text(const json_t *value, size_t *length);

#endif /* SYMCHECK_SERVER_JSON_TEXT_H */
