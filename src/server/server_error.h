/*
 * server_error.h - one API error: the HTTP status and the body fields of
 * {"error": {"code", "message", "field"}}. Filled by the request decoder,
 * the router and the handlers, turned into a response in one place.
 */
#ifndef SYMCHECK_SERVER_ERROR_H
#define SYMCHECK_SERVER_ERROR_H

#include <jansson.h>

typedef struct srv_error {
  unsigned status;   /* HTTP status, 4xx or 5xx */
  char code[40];     /* machine-readable, e.g. "invalid_json" */
  char message[384]; /* one sentence for a person */
  char field[96];    /* JSON path of the offending field, "" for none */
} srv_error;

/* Fills *err. The message is a printf format. Always returns -1, so a
   caller can write `return srv_error_set(...)`. */
__attribute__((format(printf, 5, 6))) int srv_error_set(srv_error *err, unsigned status,
                                                        const char *code, const char *field,
                                                        const char *format, ...);

/* The error body {"error": {"code", "message", "field"}} (field is null
   when empty). New reference; NULL only when out of memory. */
json_t *srv_error_json(const srv_error *err);

#endif /* SYMCHECK_SERVER_ERROR_H */
