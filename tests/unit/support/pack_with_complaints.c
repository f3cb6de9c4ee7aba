/*
 * pack_with_complaints.c - a test pack with complaints written by the test
 * (pack_with_complaints.h).
 */
#define _POSIX_C_SOURCE 200809L
#include "pack_with_complaints.h"
#include "temp_dir.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"

static const char *const S_linked[] = {"pack.yaml", "findings.yaml", "conditions.yaml",
                                       "red_flags.yaml"};

pack_with_complaints *pack_with_complaints_load(const char *complaints_yaml) {
  pack_with_complaints *f = calloc(1, sizeof *f);
  assert_non_null(f);
  assert_true(temp_dir_make(f->dir, sizeof f->dir, "complaints-test"));
  char from[512], to[512];
  for (size_t i = 0; i < sizeof S_linked / sizeof *S_linked; i++) {
    snprintf(from, sizeof from, "%s/%s", TINY, S_linked[i]);
    snprintf(to, sizeof to, "%s/%s", f->dir, S_linked[i]);
    assert_int_equal(symlink(from, to), 0);
  }
  snprintf(to, sizeof to, "%s/complaints.yaml", f->dir);
  FILE *out = fopen(to, "w");
  assert_non_null(out);
  fputs(complaints_yaml, out);
  assert_int_equal(fclose(out), 0);
  symcheck_diagnostics d = {0};
  f->pack = symcheck_pack_load(f->dir, &d);
  for (size_t i = 0; i < d.count; i++) {
    print_message("%s:%d: %s: %s\n", d.items[i].file, d.items[i].line, d.items[i].field,
                  d.items[i].message);
  }
  symcheck_diagnostics_free(&d);
  assert_non_null(f->pack);
  return f;
}

void pack_with_complaints_free(pack_with_complaints *f) {
  if (f == NULL) {
    return;
  }
  temp_dir_remove(f->dir);
  symcheck_pack_free(f->pack);
  free(f);
}
