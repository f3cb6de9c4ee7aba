/*
 * pack_load_red_flags.c - reads red_flags.yaml: answers that force at
 * least a triage level, with the plain message to show. Marks each named
 * finding as a red flag.
 */
#include <stdio.h>

#include "pack_load.h"

static void S_read_answer(loader *ld, symcheck_red_flag *rf, struct fy_node *item,
                          const char *path) {
  const char *answer = yaml_read_text(ld, item, path, "answer", true);
  if (answer == NULL || rf->finding == NULL) {
    return;
  }
  int o = symcheck_finding_option(rf->finding, answer);
  if (o < 0) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "answer");
    loader_error(ld, yaml_key_line(item, "answer"), field, "\"%s\" is not an option of %s", answer,
                 rf->finding->id);
    return;
  }
  rf->option = (size_t)o;
}

static const char *const S_RED_FLAG_FIELDS[] = {"finding", "answer",  "level",
                                                "min_age", "message", NULL};

static void S_read_red_flag(loader *ld, struct fy_node *item, size_t i) {
  symcheck_red_flag *rf = &ld->pack->red_flags[i];
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i);
  yaml_path_item(path, sizeof path, "red_flags", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  yaml_check_fields(ld, item, path, S_RED_FLAG_FIELDS);
  const char *id = yaml_read_text(ld, item, path, "finding", true);
  size_t f = 0;
  if (id != NULL && id_map_get(&ld->findings, id, &f)) {
    rf->finding = &ld->pack->findings[f];
    ld->pack->findings[f].red_flag = true;
  } else if (id != NULL) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "finding");
    loader_error(ld, yaml_key_line(item, "finding"), field, "\"%s\" is not a finding", id);
  }
  S_read_answer(ld, rf, item, path);
  int level = loader_read_level(ld, item, path, "level", true);
  rf->level = level >= 0 ? (symcheck_level)level : SYMCHECK_LEVEL_EMERGENCY;
  yaml_read_int(ld, item, path, "min_age", false, 0, 120, &rf->min_age);
  rf->message = yaml_read_text(ld, item, path, "message", true);
}

void loader_read_red_flags(loader *ld, struct fy_node *root) {
  symcheck_pack *pack = ld->pack;
  if (!fy_node_is_sequence(root)) {
    loader_error(ld, yaml_line(root), "red_flags", "must be a list of red flags ([] for none)");
    root = NULL;
  }
  size_t n = yaml_length(root);
  pack->red_flags = arena_calloc(&pack->arena, n + 1, sizeof *pack->red_flags);
  if (pack->red_flags == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  pack->red_flag_count = n;
  void *iter = NULL;
  struct fy_node *item;
  for (size_t i = 0; (item = fy_node_sequence_iterate(root, &iter)) != NULL; i++) {
    S_read_red_flag(ld, item, i);
  }
}
