/*
 * temp_dir.c - a test's own folder (or single file) under $TMPDIR or /tmp,
 * and the folder's removal with all it holds (see temp_dir.h). One place
 * for what the tests used to do each in their own way (templates under
 * /tmp, lists of known file names, `rm -rf` through a shell).
 */
#define _XOPEN_SOURCE 700
#include "temp_dir.h"

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

/* Writes the path pattern $TMPDIR/symcheck-NAME-XXXXXX into out. The six
   X are not a placeholder left to fill: mkdtemp and mkstemp require them
   and replace them with a unique suffix. False when it does not fit. */
static bool S_template(char *out, size_t size, const char *name) {
  const char *tmp = getenv("TMPDIR"); /* as the library's eval --folds does */
  int n = snprintf(out, size, "%s/symcheck-%s-XXXXXX", tmp != NULL && tmp[0] ? tmp : "/tmp", name);
  return n > 0 && (size_t)n < size;
}

bool temp_dir_make(char *out, size_t size, const char *name) {
  return S_template(out, size, name) && mkdtemp(out) != NULL;
}

bool temp_file_make(char *out, size_t size, const char *name, const char *text) {
  if (!S_template(out, size, name)) {
    return false;
  }
  int fd = mkstemp(out);
  if (fd < 0) {
    return false;
  }
  FILE *f = fdopen(fd, "w");
  if (f == NULL) {
    close(fd);
    unlink(out);
    return false;
  }
  bool written = fputs(text, f) >= 0;
  if (fclose(f) != 0 || !written) {
    unlink(out);
    return false;
  }
  return true;
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
