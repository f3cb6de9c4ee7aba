/*
 * pack_load_red_flags.c - reads the red flags of screen.yaml, then of
 * red_flags.yaml: answers that force at least a triage level, with the
 * plain message to show. An answer is one option id or a list of them (any
 * fires); `also` names a second finding whose answer must hold too;
 * min_age/max_age limit the ages; `source` or `estimate: true` (with an
 * optional `note`) cites the level, `where` the page or table. Marks each
 * named finding as a red flag.
 */
#include <stdio.h>
#include <string.h>

#include "pack_load.h"

/* Resolves `answer` (an option id or a list of them) of finding f at
   map[key] into an arena array; returns how many, 0 after an error. */
static size_t S_read_options(loader *ld, const symcheck_finding *f, ynode *map, const char *path,
                             const size_t **out) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "answer");
  ynode *answer = yaml_get(map, "answer");
  bool list = ynode_is_sequence(answer);
  size_t n = list ? yaml_length(answer) : !yaml_is_null(answer);
  if (n == 0) {
    loader_error(ld, yaml_line(map), field,
                 "needs the answer that fires it: an option id or a list of them");
    return 0;
  }
  size_t *options = arena_calloc(loader_arena(ld), n, sizeof *options);
  if (options == NULL) {
    loader_out_of_memory(ld);
    return 0;
  }
  void *iter = NULL;
  for (size_t k = 0; k < n; k++) {
    ynode *item = list ? ynode_sequence_iterate(answer, &iter) : answer;
    const char *id = yaml_text_of(ld, item);
    int o = id != NULL ? symcheck_finding_option(f, id) : -1;
    if (o < 0) {
      loader_error(ld, yaml_line(item), field, "\"%s\" is not an option of %s",
                   id != NULL ? id : "", f->id);
      return 0;
    }
    options[k] = (size_t)o;
  }
  *out = options;
  return n;
}

/* The finding named at map.finding; NULL after reporting an unknown one. */
static symcheck_finding *S_finding(loader *ld, ynode *map, const char *path) {
  const char *id = yaml_read_text(ld, map, path, "finding", true);
  size_t f = 0;
  if (id != NULL && id_map_get(&ld->findings, id, &f)) {
    return &ld->pack->findings[f];
  }
  if (id != NULL) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "finding");
    loader_error(ld, yaml_key_line(map, "finding"), field, "\"%s\" is not a finding", id);
  }
  return NULL;
}

static const char *const S_ALSO_FIELDS[] = {"finding", "answer", NULL};

static void S_read_also(loader *ld, symcheck_red_flag *rf, ynode *item, const char *path) {
  ynode *also = yaml_read_map(ld, item, path, "also", false);
  if (also == NULL) {
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "also");
  yaml_check_fields(ld, also, field, S_ALSO_FIELDS);
  const symcheck_finding *f = S_finding(ld, also, field);
  if (f != NULL && f == rf->finding) {
    loader_error(ld, yaml_line(also), field,
                 "names the red flag's own finding; list its answers in `answer` instead");
  } else if (f != NULL) {
    rf->also_count = S_read_options(ld, f, also, field, &rf->also_options);
    rf->also = rf->also_count > 0 ? f : NULL;
  }
}

static void S_read_ages(loader *ld, symcheck_red_flag *rf, ynode *item, const char *path) {
  rf->max_age = 120;
  yaml_read_int(ld, item, path, "min_age", false, 0, 120, &rf->min_age);
  yaml_read_int(ld, item, path, "max_age", false, 0, 120, &rf->max_age);
  if (rf->max_age < rf->min_age) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "max_age");
    loader_error(ld, yaml_key_line(item, "max_age"), field,
                 "max_age %d is below min_age %d; it could never fire", rf->max_age, rf->min_age);
  }
}

/* `source`/`estimate` (optional for now), `note`, `where`. */
static void S_read_citation(loader *ld, symcheck_red_flag *rf, ynode *item, const char *path) {
  if (yaml_get(item, "source") != NULL || yaml_get(item, "estimate") != NULL) {
    loader_read_citation(ld, item, path, &rf->citation);
  }
  rf->note = yaml_read_text(ld, item, path, "note", false);
  rf->where = yaml_read_text(ld, item, path, "where", false);
}

static const char *const S_RED_FLAG_FIELDS[] = {"finding",  "answer",  "also",    "level",
                                                "min_age",  "max_age", "message", "source",
                                                "estimate", "note",    "where",   NULL};

/* Red flag i of the pack, item `local` of its file's list. */
static void S_read_red_flag(loader *ld, ynode *item, size_t i, size_t local) {
  symcheck_red_flag *rf = &ld->pack->red_flags[i];
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", local);
  yaml_path_item(path, sizeof path, "red_flags", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_RED_FLAG_FIELDS);
  symcheck_finding *f = S_finding(ld, item, path);
  if (f != NULL) {
    rf->finding = f;
    f->red_flag = true;
    rf->option_count = S_read_options(ld, f, item, path, &rf->options);
    rf->option = rf->option_count > 0 ? rf->options[0] : 0;
  }
  S_read_also(ld, rf, item, path);
  int level = loader_read_level(ld, item, path, "level", true);
  rf->level = level >= 0 ? (symcheck_level)level : SYMCHECK_LEVEL_EMERGENCY;
  S_read_ages(ld, rf, item, path);
  rf->message = yaml_read_text(ld, item, path, "message", true);
  S_read_citation(ld, rf, item, path);
}

static void S_read_list(loader *ld, ynode *list, size_t first) {
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    S_read_red_flag(ld, item, first + i, i);
  }
}

void loader_read_red_flags(loader *ld, ynode *root) {
  symcheck_pack *pack = ld->pack;
  if (!ynode_is_sequence(root)) {
    loader_error(ld, yaml_line(root), "red_flags", "must be a list of red flags ([] for none)");
    root = NULL;
  }
  ynode *screen = loader_screen_list(ld, "red_flags");
  size_t first = yaml_length(screen);
  size_t n = first + yaml_length(root);
  pack->red_flags = arena_calloc(&pack->arena, n + 1, sizeof *pack->red_flags);
  if (pack->red_flags == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  pack->red_flag_count = n;
  const char *file = ld->file;
  ld->file = LOADER_SCREEN_NAME;
  S_read_list(ld, screen, 0);
  ld->file = file;
  S_read_list(ld, root, first);
}
