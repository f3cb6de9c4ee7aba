/*
 * pack_variant.h - a test's copy of a pack with one piece of one file
 * changed, loaded, so a loader test can show the exact text that breaks a
 * rule and check the error names its file, line and field.
 */
#ifndef SYMCHECK_TEST_PACK_VARIANT_H
#define SYMCHECK_TEST_PACK_VARIANT_H

#include <stddef.h>

#include "symcheck.h"

typedef struct pack_variant {
  char dir[64];
  symcheck_diagnostics diagnostics;
  symcheck_pack *pack; /* NULL when the copy did not load */
  const char *const *files;
  size_t file_count;
} pack_variant;

/* Copies `files` (paths relative to `source`, sub-folders made as needed)
   into a temporary folder, replacing the one occurrence of `old` by `new`
   in `file` (unless file is NULL), and loads the copy into v. Fails the
   test (cmocka) when a file cannot be read or written or `old` is not
   there exactly once. Remove it with pack_variant_remove. */
void pack_variant_load(pack_variant *v, const char *source, const char *const *files,
                       size_t file_count, const char *file, const char *old, const char *new);
/* Frees the pack and its diagnostics and removes the folder. */
void pack_variant_remove(pack_variant *v);
/* 1-based line of the first occurrence of `needle` in the copy's `file`;
   fails the test when it is not there. */
int pack_variant_line_of(const pack_variant *v, const char *file, const char *needle);
/* Prints each diagnostic as "file:line: field: message" (cmocka's print). */
void pack_variant_print(const symcheck_diagnostics *diagnostics);
/* Writes text to path; fails the test when it cannot. */
void pack_variant_write(const char *path, const char *text);
/* A whole file (at most 1 MiB), NUL-terminated; the caller frees it. */
char *pack_variant_read(const char *path);

#endif
