/*
 * error.h - filling a symcheck_error, the one way every part of the
 * library reports what went wrong (file, line, field, message).
 */
#ifndef SYMCHECK_ERROR_H
#define SYMCHECK_ERROR_H

#include <stdarg.h>

#include "symcheck.h"

/* Clears *err and fills it; file and field may be NULL (empty). Does
   nothing when err is NULL, so callers may pass the caller's NULL on. */
void error_set(symcheck_error *err, const char *file, int line, const char *field,
               const char *format, ...) __attribute__((format(printf, 5, 6)));
void error_vset(symcheck_error *err, const char *file, int line, const char *field,
                const char *format, va_list args) __attribute__((format(printf, 5, 0)));

#endif
