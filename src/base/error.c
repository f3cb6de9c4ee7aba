/*
 * error.c - filling a symcheck_error. See error.h.
 */
#include "error.h"

#include <stdio.h>
#include <string.h>

void error_vset(symcheck_error *err, const char *file, int line, const char *field,
                const char *format, va_list args) {
  if (err == NULL) {
    return;
  }
  memset(err, 0, sizeof *err);
  snprintf(err->file, sizeof err->file, "%s", file != NULL ? file : "");
  err->line = line;
  snprintf(err->field, sizeof err->field, "%s", field != NULL ? field : "");
  vsnprintf(err->message, sizeof err->message, format, args);
}

void error_set(symcheck_error *err, const char *file, int line, const char *field,
               const char *format, ...) {
  va_list args;
  va_start(args, format);
  error_vset(err, file, line, field, format, args);
  va_end(args);
}
