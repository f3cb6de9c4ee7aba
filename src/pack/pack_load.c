/*
 * pack_load.c - symcheck_pack_load: parses a pack's five YAML files (and
 * the optional differential.yaml, screen.yaml and sources.yaml), runs the readers and cross-checks
 * (pack_load_*.c) that fill the pack and collect every error, then
 * compiles the model. See docs/pack-format.md.
 *
 * Syntax errors in any file stop the load before the content is checked:
 * references into a file that did not parse would only add noise.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "pack_load.h"

static const char *const S_files[LOADER_FILE_COUNT] = {
    "pack.yaml",       "findings.yaml",     "conditions.yaml",  "red_flags.yaml",
    "complaints.yaml", "differential.yaml", LOADER_SCREEN_NAME, LOADER_SOURCES_NAME};
static const char *const S_SCREEN_FIELDS[] = {"sources", "findings", "red_flags", NULL};

void loader_error(loader *ld, int line, const char *field, const char *format, ...) {
  symcheck_diagnostics *d = ld->diagnostics;
  ld->failed = true;
  if (d->count == ld->diagnostics_capacity) {
    size_t capacity = ld->diagnostics_capacity == 0 ? 16 : ld->diagnostics_capacity * 2;
    symcheck_error *items = realloc(d->items, capacity * sizeof *items);
    if (items == NULL) {
      return;
    }
    d->items = items;
    ld->diagnostics_capacity = capacity;
  }
  va_list args;
  va_start(args, format);
  error_vset(&d->items[d->count++], ld->file, line, field, format, args);
  va_end(args);
}

void loader_out_of_memory(loader *ld) {
  size_t count = ld->diagnostics->count;
  if (count > 0 && strcmp(ld->diagnostics->items[count - 1].message, "out of memory") == 0) {
    return;
  }
  loader_error(ld, 0, "", "out of memory");
}

arena *loader_arena(loader *ld) {
  return &ld->pack->arena;
}

int loader_read_level(loader *ld, ynode *map, const char *path, const char *key, bool required) {
  const char *names[SYMCHECK_LEVEL_COUNT];
  for (size_t i = 0; i < SYMCHECK_LEVEL_COUNT; i++) {
    names[i] = symcheck_level_id((symcheck_level)i);
  }
  return yaml_read_enum(ld, map, path, key, required, names, SYMCHECK_LEVEL_COUNT);
}

ynode *loader_screen_list(loader *ld, const char *key) {
  if (ld->screen == NULL || yaml_get(ld->screen, key) == NULL) {
    return NULL;
  }
  const char *file = ld->file;
  ld->file = LOADER_SCREEN_NAME;
  ynode *list = yaml_read_list(ld, ld->screen, "", key, false);
  ld->file = file;
  return list;
}

/* Checks screen.yaml's top level (a mapping of known lists). */
static void S_check_screen(loader *ld, ynode *root) {
  if (root == NULL) {
    return;
  }
  ld->file = LOADER_SCREEN_NAME;
  if (!yaml_expect_map(ld, root, "")) {
    return;
  }
  yaml_check_fields(ld, root, "", S_SCREEN_FIELDS);
  ld->screen = root;
}

static void S_loader_free(loader *ld) {
  arena_free(&ld->trees);
  id_map_free(&ld->sources);
  id_map_free(&ld->bands);
  id_map_free(&ld->findings);
  id_map_free(&ld->conditions);
  id_map_free(&ld->complaints);
  free(ld->finding_nodes);
  free(ld->likelihoods_line);
  free(ld->complaint_nodes);
}

static void S_skip_item(void *ctx, ynode *item) {
  (void)ctx;
  (void)item;
}

/* Moves the diagnostics from `from` on to position `at`, after those
   before it, so errors stay in file order. */
static void S_move_back(symcheck_diagnostics *d, size_t at, size_t from) {
  for (size_t k = from; k < d->count; k++) {
    symcheck_error moved = d->items[k];
    memmove(&d->items[at + 1], &d->items[at], (k - at) * sizeof *d->items);
    d->items[at++] = moved;
  }
}

/* Parses every file but conditions.yaml, which is read while it is parsed
   (S_read_all); returns false when any of them did not parse, after
   parsing conditions.yaml too for its syntax errors (in file order). */
static bool S_parse_all(loader *ld, const char *dir, ynode **roots) {
  bool ok = true;
  size_t conditions_at = 0;
  for (size_t i = 0; i < LOADER_FILE_COUNT; i++) {
    if (i == LOADER_CONDITIONS_FILE) {
      conditions_at = ld->diagnostics->count;
      continue;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, S_files[i]);
    if (i >= LOADER_REQUIRED_FILES && access(path, F_OK) != 0) {
      continue;
    }
    roots[i] = yaml_read_file(ld, dir, S_files[i]);
    ok = ok && roots[i] != NULL;
  }
  if (!ok) {
    size_t from = ld->diagnostics->count;
    yaml_read_file_items(ld, dir, S_files[LOADER_CONDITIONS_FILE], S_skip_item, NULL);
    S_move_back(ld->diagnostics, conditions_at, from);
  }
  return ok;
}

/* A syntax error in conditions.yaml found after other files were read:
   as when it stops the load before any content is checked, it is the only
   error reported. */
static void S_keep_only_last(loader *ld, size_t start) {
  symcheck_diagnostics *d = ld->diagnostics;
  if (d->count > start + 1) {
    d->items[start] = d->items[d->count - 1];
    d->count = start + 1;
  }
}

static void S_read_all(loader *ld, const char *dir, ynode **roots) {
  const size_t start = ld->diagnostics->count;
  S_check_screen(ld, roots[LOADER_SCREEN_FILE]);
  ld->sources_root = roots[LOADER_SOURCES_FILE];
  ld->file = S_files[0];
  loader_read_info(ld, roots[0]);
  ld->file = S_files[1];
  size_t before = ld->diagnostics->count;
  loader_read_findings(ld, roots[1]);
  if (!loader_read_conditions(ld, dir)) {
    S_keep_only_last(ld, start);
    return;
  }
  bool rows_ok = ld->diagnostics->count == before;
  ld->file = S_files[3];
  loader_read_red_flags(ld, roots[3]);
  ld->file = S_files[4];
  loader_read_complaints(ld, roots[4]);
  if (rows_ok) {
    ld->file = S_files[2];
    loader_check_distinct(ld);
  }
  if (rows_ok && roots[5] != NULL) {
    ld->file = S_files[5];
    loader_read_differential(ld, roots[5]);
  }
}

symcheck_pack *symcheck_pack_load(const char *dir, symcheck_diagnostics *diagnostics) {
  symcheck_diagnostics local = {0};
  symcheck_diagnostics *d = diagnostics != NULL ? diagnostics : &local;
  d->count = 0;
  d->items = NULL;
  symcheck_pack *pack = calloc(1, sizeof *pack);
  if (pack == NULL || dir == NULL) {
    free(pack);
    d->items = calloc(1, sizeof *d->items);
    if (d->items != NULL) {
      d->count = 1;
      snprintf(d->items[0].message, sizeof d->items[0].message, "%s",
               dir == NULL ? "no pack folder given" : "out of memory");
    }
    symcheck_diagnostics_free(&local);
    return NULL;
  }
  loader ld = {.pack = pack, .diagnostics = d};
  pack->info.dir = arena_strdup(&pack->arena, dir);
  ynode *roots[LOADER_FILE_COUNT] = {NULL};
  if (S_parse_all(&ld, dir, roots)) {
    S_read_all(&ld, dir, roots);
  }
  S_loader_free(&ld);
  ld.file = "";
  if (!ld.failed && model_build(pack) != 0) {
    loader_out_of_memory(&ld);
  }
  if (ld.failed) {
    symcheck_pack_free(pack);
    symcheck_diagnostics_free(&local);
    return NULL;
  }
  return pack;
}

void symcheck_pack_free(symcheck_pack *pack) {
  if (pack == NULL) {
    return;
  }
  arena_free(&pack->arena);
  free(pack);
}
