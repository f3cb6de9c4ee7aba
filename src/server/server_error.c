/*
 * server_error.c - filling a srv_error and turning it into the one error
 * body every failing route answers with.
 */
#define _POSIX_C_SOURCE 200809L
#include "server_error.h"

#include <stdarg.h>
#include <stdio.h>

int srv_error_set(srv_error *err, unsigned status, const char *code, const char *field,
                  const char *format, ...) {
  if (err == NULL) {
    return -1;
  }
  err->status = status;
  snprintf(err->code, sizeof err->code, "%s", code);
  snprintf(err->field, sizeof err->field, "%s", field != NULL ? field : "");
  va_list args;
  va_start(args, format);
  vsnprintf(err->message, sizeof err->message, format, args);
  va_end(args);
  return -1;
}

json_t *srv_error_json(const srv_error *err) {
  json_t *field = err->field[0] != '\0' ? json_string(err->field) : json_null();
  return json_pack("{s:{s:s, s:s, s:o}}", "error", "code", err->code, "message", err->message,
                   "field", field);
}
