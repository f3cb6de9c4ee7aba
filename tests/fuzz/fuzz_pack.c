/*
 * fuzz_pack.c - the pack loader under libFuzzer.
 *
 * The input is split at each "\n---\n" into up to five documents that
 * replace pack.yaml, findings.yaml, conditions.yaml, red_flags.yaml and
 * complaints.yaml of a copy of the hand-computed test pack (the files the
 * input does not reach keep their valid text). Loading must never crash or
 * leak, and must either give a pack or at least one diagnostic naming a
 * file.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "symcheck.h"

static const char *const S_files[] = {"pack.yaml", "findings.yaml", "conditions.yaml",
                                      "red_flags.yaml", "complaints.yaml"};
enum { S_FILE_COUNT = sizeof S_files / sizeof *S_files };

static char *S_slurp(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    abort();
  }
  char *text = calloc(1, 1 << 16);
  size_t n = fread(text, 1, (1 << 16) - 1, f);
  text[n] = '\0';
  fclose(f);
  return text;
}

static void S_write(const char *dir, const char *name, const char *text, size_t size) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  if (f == NULL || fwrite(text, 1, size, f) != size || fclose(f) != 0) {
    abort();
  }
}

static char S_folder[] = "/tmp/symcheck-fuzz-pack-XXXXXX";

static void S_remove_folder(void) {
  for (size_t i = 0; i < S_FILE_COUNT; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", S_folder, S_files[i]);
    unlink(path);
  }
  rmdir(S_folder);
}

/* A private folder for this process (removed at exit), and the valid
   pack's text. */
static const char *S_dir(char **valid) {
  static bool ready;
  if (!ready) {
    if (mkdtemp(S_folder) == NULL) {
      abort();
    }
    atexit(S_remove_folder);
    ready = true;
  }
  const char *dir = S_folder;
  for (size_t i = 0; i < S_FILE_COUNT; i++) {
    char path[512];
    snprintf(path, sizeof path, "%s/tests/packs/maths/%s", SYMCHECK_SOURCE_DIR, S_files[i]);
    valid[i] = S_slurp(path);
  }
  return dir;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *valid[S_FILE_COUNT];
  const char *dir = S_dir(valid);
  char *text = malloc(size + 1);
  memcpy(text, data, size);
  text[size] = '\0';
  const char *part = text;
  for (size_t i = 0; i < S_FILE_COUNT; i++) {
    const char *end = part != NULL ? strstr(part, "\n---\n") : NULL;
    if (part != NULL) {
      size_t n = end != NULL ? (size_t)(end - part) : strlen(part);
      S_write(dir, S_files[i], part, n);
      part = end != NULL ? end + 5 : NULL;
    } else {
      S_write(dir, S_files[i], valid[i], strlen(valid[i]));
    }
    free(valid[i]);
  }
  symcheck_diagnostics d = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &d);
  if (pack == NULL && (d.count == 0 || d.items[0].file[0] == '\0')) {
    abort(); /* a refused pack must say where */
  }
  symcheck_pack_free(pack);
  symcheck_diagnostics_free(&d);
  free(text);
  return 0;
}
