/*
 * temp_dir.c - a test's own folder under /tmp, and its removal with all
 * it holds (see temp_dir.h). One place for what the tests used to do each
 * in their own way (lists of known file names, `rm -rf` through a shell).
 */
#define _XOPEN_SOURCE 700
#include "temp_dir.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

bool temp_dir_make(char *out, size_t size, const char *name) {
  const char *tmp = getenv("TMPDIR"); /* as the library's eval --folds does */
  /* mkdtemp's template: it replaces the six X with a unique suffix */
  int n = snprintf(out, size, "%s/symcheck-%s-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp", name);
  return n > 0 && (size_t)n < size && mkdtemp(out) != NULL;
}

static int S_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
  (void)st;
  (void)flag;
  (void)ftw;
  return remove(path);
}

bool temp_dir_remove(const char *dir) {
  struct stat st;
  if (lstat(dir, &st) != 0) {
    return true;
  }
  return nftw(dir, S_remove_entry, 16, FTW_DEPTH | FTW_PHYS) == 0;
}
