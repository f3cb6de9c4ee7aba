/*
 * pack_load_findings.c - reads findings.yaml: each finding's texts, answer
 * type and options (fixed for yes_no and severity; bands for duration and
 * number), its default probabilities, and, in a second pass once every id
 * is known, its follow-up link (`ask_if`) to an earlier parent. The
 * findings of screen.yaml (the universal screen) are read first, so they
 * come first in the pack. Findings and options may say whom they apply to
 * (`ages`, `sex`); findings may word the question for a child
 * (`question_child`). What an answer implies (`implies`, `excludes`) is
 * read last, by pack_load_implies.c. Questions that ask two things are
 * checked by pack_load_compound.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

static const char *const S_types[] = {"yes_no",   "single",   "multi",
                                      "duration", "severity", "number"};
static const char *const S_kinds[] = {"symptom", "risk_factor", "history"};

static const symcheck_option S_yes_no[] = {{.id = "yes", .label = "Yes"},
                                           {.id = "no", .label = "No"}};
static const symcheck_option S_severity[] = {{.id = "mild", .label = "Mild"},
                                             {.id = "moderate", .label = "Moderate"},
                                             {.id = "severe", .label = "Severe"}};

static bool S_has_bands(symcheck_answer_type type) {
  return type == SYMCHECK_ANSWER_DURATION || type == SYMCHECK_ANSWER_NUMBER;
}

/* Band limits of option i: min < max, starting where the last one ended. */
static void S_check_band(loader *ld, const symcheck_finding *f, ynode *item, size_t i,
                         const char *path) {
  symcheck_option *o = (symcheck_option *)&f->options[i];
  bool ok = yaml_read_number(ld, item, path, "min", true, &o->min);
  ok = yaml_read_number(ld, item, path, "max", true, &o->max) && ok;
  if (!ok) {
    return;
  }
  if (o->max <= o->min) {
    loader_error(ld, yaml_line(item), path, "band max %g must be above its min %g", o->max, o->min);
  } else if (i == 0 && f->type == SYMCHECK_ANSWER_DURATION && o->min != 0.0) {
    loader_error(ld, yaml_line(item), path, "the first duration band must start at 0, not %g",
                 o->min);
  } else if (i > 0 && o->min != f->options[i - 1].max) {
    loader_error(ld, yaml_line(item), path, "band starts at %g but the one before ends at %g: %s",
                 o->min, f->options[i - 1].max,
                 o->min > f->options[i - 1].max ? "bands leave a gap" : "bands overlap");
  }
}

static const char *const S_OPTION_FIELDS[] = {"id",       "label",      "label_child", "min",
                                              "max",      "ages",       "sex",         "implies",
                                              "excludes", "implied_by", NULL};
static const char *const S_FINDING_FIELDS[] = {
    "id",      "kind",     "name",       "question", "question_child", "why",           "explain",
    "unit",    "type",     "options",    "ask_if",   "default",        "ages",          "sex",
    "implies", "excludes", "implied_by", "scale",    "compound_ok",    "compound_note", NULL};
static const char *const S_SCALE_FIELDS[] = {"low", "high", NULL};
static const char *const S_SEXES[] = {"female", "male"};

/* `ages: [min, max]`: whole years 0..120, min <= max. */
static void S_read_ages(loader *ld, ynode *map, const char *path, symcheck_applies *out) {
  ynode *ages = yaml_get(map, "ages");
  if (yaml_is_null(ages)) {
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "ages");
  double limit[2] = {-1.0, -1.0};
  void *iter = NULL;
  ynode *item;
  size_t n = 0;
  while (ynode_is_sequence(ages) && (item = ynode_sequence_iterate(ages, &iter)) != NULL) {
    if (n < 2 && !yaml_number_of(item, &limit[n])) {
      limit[n] = -1.0;
    }
    n++;
  }
  bool whole = limit[0] == (double)(int)limit[0] && limit[1] == (double)(int)limit[1];
  if (n != 2 || !whole || limit[0] < 0.0 || limit[1] > 120.0 || limit[0] > limit[1]) {
    loader_error(ld, yaml_key_line(map, "ages"), field,
                 "must be [min, max]: whole years from 0 to 120, min not above max, "
                 "e.g. ages: [12, 120]");
    return;
  }
  out->has_ages = true;
  out->min_age = (int)limit[0];
  out->max_age = (int)limit[1];
}

/* Who a finding, an option or a condition applies to (pack_load.h). */
void loader_read_applies(loader *ld, ynode *map, const char *path, symcheck_applies *out) {
  *out = (symcheck_applies){0};
  S_read_ages(ld, map, path, out);
  if (yaml_get(map, "sex") == NULL) {
    return;
  }
  int sex = yaml_read_enum(ld, map, path, "sex", false, S_SEXES, 2);
  if (sex >= 0) {
    out->has_sex = true;
    out->sex = (symcheck_sex)sex;
  }
}

static const char *const S_ASK_IF_FIELDS[] = {"finding", "answer", NULL};

static void S_read_option(loader *ld, const symcheck_finding *f, ynode *item, size_t i,
                          const char *list_path) {
  symcheck_option *o = (symcheck_option *)&f->options[i];
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i);
  yaml_path_item(path, sizeof path, list_path, index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  o->id = yaml_read_id(ld, item, path, "id", false);
  if (o->id != NULL) {
    yaml_path_item(path, sizeof path, list_path, o->id);
    for (size_t k = 0; k < i; k++) {
      if (f->options[k].id != NULL && strcmp(f->options[k].id, o->id) == 0) {
        loader_error(ld, yaml_key_line(item, "id"), path, "duplicate option id \"%s\"", o->id);
      }
    }
    if (strcmp(o->id, "unknown") == 0 || strcmp(o->id, "none") == 0) {
      loader_error(ld, yaml_key_line(item, "id"), path,
                   "\"%s\" is reserved for answers; choose another option id", o->id);
    }
  }
  yaml_check_fields(ld, item, path, S_OPTION_FIELDS);
  o->label = yaml_read_text(ld, item, path, "label", true);
  if (S_has_bands(f->type)) {
    S_check_band(ld, f, item, i, path);
  }
  loader_read_applies(ld, item, path, &o->applies);
  loader_read_label_child(ld, f, o, item, path);
  bool one_of = f->type == SYMCHECK_ANSWER_SINGLE || f->type == SYMCHECK_ANSWER_MULTI;
  if (!one_of && (o->applies.has_ages || o->applies.has_sex)) {
    loader_error(ld, yaml_line(item), path,
                 "only options of single and multi findings may carry ages or sex; put them on "
                 "the finding");
  }
}

/* Options: fixed for yes_no and severity, read for the other types. */
/* `scale: {low, high}`: the words for the first and last option of a
   single finding that is a scale. */
static void S_read_scale(loader *ld, symcheck_finding *f, ynode *item, const char *path) {
  ynode *scale = yaml_read_map(ld, item, path, "scale", false);
  if (scale == NULL) {
    return;
  }
  char field[256];
  yaml_path_key(field, sizeof field, path, "scale");
  yaml_check_fields(ld, scale, field, S_SCALE_FIELDS);
  f->scale_low = yaml_read_text(ld, scale, field, "low", true);
  f->scale_high = yaml_read_text(ld, scale, field, "high", true);
  if (f->type != SYMCHECK_ANSWER_SINGLE || f->option_count < 2) {
    loader_error(ld, yaml_key_line(item, "scale"), field,
                 "only a single finding with two or more options (a scale) has words for its "
                 "ends; remove it or make the finding type: single");
  }
}

static void S_read_options(loader *ld, symcheck_finding *f, ynode *map, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "options");
  if (f->type == SYMCHECK_ANSWER_YES_NO || f->type == SYMCHECK_ANSWER_SEVERITY) {
    bool yes_no = f->type == SYMCHECK_ANSWER_YES_NO;
    if (!yaml_is_null(yaml_get(map, "options"))) {
      loader_error(ld, yaml_key_line(map, "options"), field,
                   "the options of a %s finding are fixed; leave them out",
                   yes_no ? "yes_no" : "severity");
    }
    f->options = yes_no ? S_yes_no : S_severity;
    f->option_count = yes_no ? 2 : 3;
    return;
  }
  ynode *list = yaml_read_list(ld, map, path, "options", true);
  size_t n = yaml_length(list), least = f->type == SYMCHECK_ANSWER_MULTI ? 1 : 2;
  if (list != NULL && n < least) {
    loader_error(ld, yaml_key_line(map, "options"), field, "needs at least %zu options", least);
    return;
  }
  f->options = arena_calloc(loader_arena(ld), n, sizeof *f->options);
  if (f->options == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    S_read_option(ld, f, item, i, field);
  }
  for (size_t i = 0; i < n; i++) {
    if (f->options[i].id == NULL) {
      return; /* reported; a table over unnamed options means nothing */
    }
  }
  f->option_count = n;
}

static void S_read_default(loader *ld, symcheck_finding *f, ynode *map, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "default");
  ynode *d = yaml_read_map(ld, map, path, "default", true);
  if (d == NULL || f->option_count == 0) {
    return;
  }
  double *p = arena_calloc(loader_arena(ld), f->option_count, sizeof *p);
  if (p == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  bool ok = loader_read_probabilities(ld, f, d, field, NULL, p);
  ok = loader_read_citation(ld, d, field, &f->default_citation) && ok;
  if (ok) {
    f->default_p = p;
  }
}

/* question_child must say where "your child" / "your baby" goes. */
static void S_read_question_child(loader *ld, symcheck_finding *f, ynode *item, const char *path) {
  f->question_child =
      yaml_read_child_text(ld, item, path, "question_child", "Does {child} have a cough?");
}

/* Finding i of the pack, item `local` of its file's list. */
static void S_read_finding(loader *ld, ynode *item, size_t i, size_t local) {
  symcheck_finding *f = &ld->pack->findings[i];
  f->index = i;
  f->universal_screen = i < ld->pack->screen_finding_count;
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", local);
  yaml_path_item(path, sizeof path, "findings", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  ld->finding_nodes[i] = item;
  f->id = yaml_read_id(ld, item, path, "id", false);
  if (f->id != NULL) {
    yaml_path_item(path, sizeof path, "findings", f->id);
    if (id_map_put(&ld->findings, f->id, i) == 0) {
      loader_error(ld, yaml_key_line(item, "id"), path, "duplicate finding id \"%s\"", f->id);
    }
  }
  yaml_check_fields(ld, item, path, S_FINDING_FIELDS);
  int kind = yaml_read_enum(ld, item, path, "kind", true, S_kinds, 3);
  f->kind = kind >= 0 ? S_kinds[kind] : NULL;
  f->name = yaml_read_text(ld, item, path, "name", true);
  f->question = yaml_read_text(ld, item, path, "question", true);
  S_read_question_child(ld, f, item, path);
  loader_check_compound(ld, f, item, path);
  loader_read_applies(ld, item, path, &f->applies);
  f->why = yaml_read_text(ld, item, path, "why", true);
  f->explain = yaml_read_text(ld, item, path, "explain", false);
  f->unit = yaml_read_text(ld, item, path, "unit", false);
  int type = yaml_read_enum(ld, item, path, "type", true, S_types, 6);
  if (type < 0) {
    return;
  }
  f->type = (symcheck_answer_type)type;
  S_read_options(ld, f, item, path);
  S_read_scale(ld, f, item, path);
  S_read_default(ld, f, item, path);
}

/* Resolves the option ids of ask_if.answer against the parent. */
static void S_read_parent_answers(loader *ld, symcheck_finding *f, ynode *ask, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "answer");
  ynode *answer = yaml_get(ask, "answer");
  size_t n = ynode_is_sequence(answer) ? yaml_length(answer) : !yaml_is_null(answer);
  if (n == 0) {
    loader_error(ld, yaml_line(ask), field, "needs the parent's answers that allow the question");
    return;
  }
  size_t *options = arena_calloc(loader_arena(ld), n, sizeof *options);
  if (options == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  for (size_t k = 0; k < n; k++) {
    ynode *item = ynode_is_sequence(answer) ? ynode_sequence_iterate(answer, &iter) : answer;
    const char *id = yaml_text_of(ld, item);
    int o = id != NULL ? symcheck_finding_option(f->parent, id) : -1;
    if (o < 0) {
      loader_error(ld, yaml_line(item), field, "\"%s\" is not an option of %s",
                   id != NULL ? id : "", f->parent->id);
      return;
    }
    options[k] = (size_t)o;
  }
  f->parent_options = options;
  f->parent_option_count = n;
}

static void S_read_ask_if(loader *ld, size_t i) {
  symcheck_finding *f = &ld->pack->findings[i];
  ynode *item = ld->finding_nodes[i];
  char item_path[128], path[128], field[128];
  yaml_path_item(item_path, sizeof item_path, "findings", f->id != NULL ? f->id : "?");
  ynode *ask = yaml_read_map(ld, item, item_path, "ask_if", false);
  if (ask == NULL) {
    return;
  }
  yaml_path_key(path, sizeof path, item_path, "ask_if");
  yaml_check_fields(ld, ask, path, S_ASK_IF_FIELDS);
  const char *parent_id = yaml_read_text(ld, ask, path, "finding", true);
  yaml_path_key(field, sizeof field, path, "finding");
  size_t parent = 0;
  if (parent_id == NULL) {
    return;
  }
  if (!id_map_get(&ld->findings, parent_id, &parent)) {
    loader_error(ld, yaml_key_line(ask, "finding"), field, "\"%s\" is not a finding", parent_id);
    return;
  }
  if (parent >= i) {
    loader_error(ld, yaml_key_line(ask, "finding"), field,
                 "a follow-up must come after its parent %s in findings.yaml", parent_id);
    return;
  }
  f->parent = &ld->pack->findings[parent];
  if (f->parent->option_count > 0) {
    S_read_parent_answers(ld, f, ask, path);
  }
}

/* Reads the findings of one file's list into the pack from index first. */
static void S_read_list(loader *ld, ynode *list, size_t first) {
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    S_read_finding(ld, item, first + i, i);
  }
}

void loader_read_findings(loader *ld, ynode *root) {
  symcheck_pack *pack = ld->pack;
  if (!ynode_is_sequence(root)) {
    loader_error(ld, yaml_line(root), "findings", "must be a list of findings");
    root = NULL;
  }
  ynode *screen = loader_screen_list(ld, "findings");
  size_t first = yaml_length(screen);
  size_t n = first + yaml_length(root);
  pack->findings = arena_calloc(&pack->arena, n + 1, sizeof *pack->findings);
  ld->finding_nodes = calloc(n + 1, sizeof *ld->finding_nodes);
  if (pack->findings == NULL || ld->finding_nodes == NULL || id_map_init(&ld->findings, n) != 0) {
    loader_out_of_memory(ld);
    return;
  }
  pack->finding_count = n;
  pack->screen_finding_count = first;
  const char *file = ld->file;
  ld->file = LOADER_SCREEN_NAME;
  S_read_list(ld, screen, 0);
  ld->file = file;
  S_read_list(ld, root, first);
  for (size_t i = 0; i < n; i++) {
    ld->file = i < first ? LOADER_SCREEN_NAME : file;
    if (ld->finding_nodes[i] != NULL) {
      S_read_ask_if(ld, i);
    }
  }
  ld->file = file;
  loader_read_implications(ld);
}
