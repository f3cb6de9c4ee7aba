/*
 * pack_variant.c - a changed copy of a pack for loader tests
 * (pack_variant.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "pack_variant.h"
#include "temp_dir.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

char *pack_variant_read(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    fail_msg("cannot read %s", path);
  }
  char *text = calloc(1, 1 << 20);
  assert_non_null(text);
  size_t n = fread(text, 1, (1 << 20) - 1, f);
  assert_true(n < (1 << 20) - 1);
  fclose(f);
  return text;
}

void pack_variant_write(const char *path, const char *text) {
  FILE *f = fopen(path, "wb");
  assert_non_null(f);
  assert_true(fputs(text, f) >= 0);
  assert_int_equal(fclose(f), 0);
}

/* A copy of `text` with the one occurrence of `old` replaced by `new`. */
static char *S_replace(const char *text, const char *old, const char *new) {
  const char *at = strstr(text, old);
  if (at == NULL) {
    fail_msg("the pack has no \"%s\" to replace", old);
  }
  assert_null(strstr(at + 1, old));
  size_t before = (size_t)(at - text);
  char *out = calloc(1, strlen(text) + strlen(new) + 1);
  assert_non_null(out);
  memcpy(out, text, before);
  strcat(out, new);
  strcat(out, at + strlen(old));
  return out;
}

/* Makes the sub-folder a relative file path sits in, if any. */
static void S_make_folder_of(const char *dir, const char *file) {
  const char *slash = strrchr(file, '/');
  if (slash != NULL) {
    char path[256];
    snprintf(path, sizeof path, "%s/%.*s", dir, (int)(slash - file), file);
    if (mkdir(path, 0700) != 0) {
      struct stat st;
      assert_int_equal(stat(path, &st), 0);
    }
  }
}

void pack_variant_load(pack_variant *v, const char *source, const char *const *files,
                       size_t file_count, const char *file, const char *old, const char *new) {
  memset(v, 0, sizeof *v);
  v->files = files;
  v->file_count = file_count;
  assert_true(temp_dir_make(v->dir, sizeof v->dir, "variant"));
  char path[256];
  for (size_t i = 0; i < file_count; i++) {
    snprintf(path, sizeof path, "%s/%s", source, files[i]);
    char *text = pack_variant_read(path);
    if (file != NULL && strcmp(file, files[i]) == 0) {
      char *changed = S_replace(text, old, new);
      free(text);
      text = changed;
    }
    S_make_folder_of(v->dir, files[i]);
    snprintf(path, sizeof path, "%s/%s", v->dir, files[i]);
    pack_variant_write(path, text);
    free(text);
  }
  v->pack = symcheck_pack_load(v->dir, &v->diagnostics);
}

void pack_variant_remove(pack_variant *v) {
  temp_dir_remove(v->dir);
  symcheck_pack_free(v->pack);
  symcheck_diagnostics_free(&v->diagnostics);
}

int pack_variant_line_of(const pack_variant *v, const char *file, const char *needle) {
  char path[256];
  snprintf(path, sizeof path, "%s/%s", v->dir, file);
  char *text = pack_variant_read(path);
  const char *at = strstr(text, needle);
  if (at == NULL) {
    fail_msg("%s has no \"%s\"", file, needle);
  }
  int line = 1;
  for (const char *p = text; p < at; p++) {
    line += *p == '\n';
  }
  free(text);
  return line;
}

void pack_variant_print(const symcheck_diagnostics *d) {
  for (size_t i = 0; i < d->count; i++) {
    print_message("  %s:%d: %s: %s\n", d->items[i].file, d->items[i].line, d->items[i].field,
                  d->items[i].message);
  }
}
