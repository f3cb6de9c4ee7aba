/*
 * pack_load_implies.c - reads what an answer implies (`implies` and
 * `excludes`, docs/pack-format.md): on a yes_no finding they are what its
 * "yes" implies; on an option of any other finding, what choosing (or, for
 * multi, ticking) that option implies. `implied_by` says the same from the
 * implied answer's side (a pack's finding that an answer of the shared
 * screen.yaml implies) and is turned into the source's `implies`. Read once every finding is known,
 * then checked as a whole: every target exists and is not a multi
 * finding, every answer is one of the target's options, a follow-up is
 * implied only with a parent answer that allows it, and no answer implies,
 * directly or through others, a second answer to its own finding (a
 * cycle) or two different answers to one finding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

/* The implication list being read for one option. */
typedef struct S_list {
  symcheck_implication *items;
  size_t count, capacity;
} S_list;

static bool S_push(loader *ld, S_list *list, const symcheck_finding *target, size_t option) {
  if (list->count == list->capacity) {
    size_t capacity = list->capacity == 0 ? 4 : list->capacity * 2;
    symcheck_implication *items = arena_calloc(loader_arena(ld), capacity, sizeof *items);
    if (items == NULL) {
      loader_out_of_memory(ld);
      return false;
    }
    if (list->count > 0) {
      memcpy(items, list->items, list->count * sizeof *items);
    }
    list->items = items;
    list->capacity = capacity;
  }
  list->items[list->count++] = (symcheck_implication){target, option};
  return true;
}

/* The finding named by `id`, or NULL after reporting why it cannot be
   implied (unknown, the source itself, a multi finding). */
static const symcheck_finding *S_target(loader *ld, const symcheck_finding *source, const char *id,
                                        int line, const char *field) {
  size_t index = 0;
  if (id == NULL || !id_map_get(&ld->findings, id, &index)) {
    loader_error(ld, line, field, "\"%s\" is not a finding", id != NULL ? id : "");
    return NULL;
  }
  const symcheck_finding *t = &ld->pack->findings[index];
  if (t == source) {
    loader_error(ld, line, field, "an answer cannot imply another answer to its own finding");
    return NULL;
  }
  if (t->type == SYMCHECK_ANSWER_MULTI) {
    loader_error(ld, line, field,
                 "\"%s\" is a multi finding, whose items cannot be implied one by one; imply a "
                 "yes_no, single, severity, duration or number finding",
                 id);
    return NULL;
  }
  return t->option_count > 0 ? t : NULL;
}

/* `implies: {finding: answer, ...}` of `map` into list. */
static void S_read_implies(loader *ld, const symcheck_finding *source, ynode *map, const char *path,
                           S_list *list) {
  char field[160];
  yaml_path_key(field, sizeof field, path, "implies");
  ynode *implies = yaml_read_map(ld, map, path, "implies", false);
  void *iter = NULL;
  ynode_pair *pair;
  while (implies != NULL && (pair = ynode_mapping_iterate(implies, &iter)) != NULL) {
    const char *id = yaml_scalar_text(ynode_pair_key(pair));
    char item[160];
    yaml_path_key(item, sizeof item, field, id != NULL ? id : "?");
    int line = yaml_line(ynode_pair_key(pair));
    const symcheck_finding *t = S_target(ld, source, id, line, item);
    if (t == NULL) {
      continue;
    }
    const char *answer = yaml_scalar_text(ynode_pair_value(pair));
    int o = answer != NULL ? symcheck_finding_option(t, answer) : -1;
    if (o < 0) {
      loader_error(ld, line, item, "\"%s\" is not an answer to %s (write an option id%s)",
                   answer != NULL ? answer : "", t->id,
                   t->type == SYMCHECK_ANSWER_YES_NO ? ": yes or no" : "");
      continue;
    }
    if (!S_push(ld, list, t, (size_t)o)) {
      return;
    }
  }
}

/* `excludes: [finding, ...]`: each a yes_no finding answered "no". */
static void S_read_excludes(loader *ld, const symcheck_finding *source, ynode *map,
                            const char *path, S_list *list) {
  char field[160];
  yaml_path_key(field, sizeof field, path, "excludes");
  ynode *excludes = yaml_get(map, "excludes");
  if (yaml_is_null(excludes)) {
    return;
  }
  if (!ynode_is_sequence(excludes)) {
    loader_error(ld, yaml_key_line(map, "excludes"), field,
                 "must be a list of yes_no findings, e.g. excludes: [fever]");
    return;
  }
  void *iter = NULL;
  ynode *item;
  while ((item = ynode_sequence_iterate(excludes, &iter)) != NULL) {
    const char *id = yaml_scalar_text(item);
    const symcheck_finding *t = S_target(ld, source, id, yaml_line(item), field);
    if (t == NULL) {
      continue;
    }
    if (t->type != SYMCHECK_ANSWER_YES_NO) {
      loader_error(ld, yaml_line(item), field,
                   "\"%s\" is not a yes_no finding; use implies: {%s: OPTION} instead", t->id,
                   t->id);
      continue;
    }
    if (!S_push(ld, list, t, 1)) {
      return;
    }
  }
}

/* Reads the implications of `map` (a yes_no finding or an option) into
   option `option` of f. */
static void S_read_option(loader *ld, symcheck_finding *f, size_t option, ynode *map,
                          const char *path) {
  if (yaml_get(map, "implies") == NULL && yaml_get(map, "excludes") == NULL) {
    return;
  }
  S_list list = {0};
  S_read_implies(ld, f, map, path, &list);
  S_read_excludes(ld, f, map, path, &list);
  symcheck_option *o = (symcheck_option *)&f->options[option];
  o->implies = list.items;
  o->implies_count = list.count;
}

/* A yes_no finding's fixed options are shared by every finding; one that
   implies something, or is implied by another finding's `implied_by`, gets
   its own copy. */
static bool S_own_options(loader *ld, symcheck_finding *f) {
  symcheck_option *copy = arena_calloc(loader_arena(ld), f->option_count, sizeof *copy);
  if (copy == NULL) {
    loader_out_of_memory(ld);
    return false;
  }
  memcpy(copy, f->options, f->option_count * sizeof *copy);
  f->options = copy;
  return true;
}

/* Appends (target, option) to what option `o` of source implies. */
static bool S_append(loader *ld, const symcheck_finding *source, size_t o,
                     const symcheck_finding *target, size_t option) {
  bool fixed = source->type == SYMCHECK_ANSWER_YES_NO || source->type == SYMCHECK_ANSWER_SEVERITY;
  if (fixed && !S_own_options(ld, (symcheck_finding *)source)) {
    return false; /* the shared fixed options are never written to */
  }
  symcheck_option *so = (symcheck_option *)&source->options[o];
  symcheck_implication *items =
      arena_calloc(loader_arena(ld), so->implies_count + 1, sizeof *items);
  if (items == NULL) {
    loader_out_of_memory(ld);
    return false;
  }
  if (so->implies_count > 0) {
    memcpy(items, so->implies, so->implies_count * sizeof *items);
  }
  items[so->implies_count] = (symcheck_implication){target, option};
  so->implies = items;
  so->implies_count++;
  return true;
}

/* `implied_by: {finding: answer or [answers], ...}` on option `option` of
   target (a yes_no finding's own field stands for its "yes"): the mirror
   of `implies`, for a pack whose finding a shared file's answer implies
   (screen.yaml names no pack's findings). Each answer named gets the
   implication. */
static void S_read_implied_by(loader *ld, const symcheck_finding *target, size_t option, ynode *map,
                              const char *path) {
  char field[160];
  yaml_path_key(field, sizeof field, path, "implied_by");
  ynode *by = yaml_read_map(ld, map, path, "implied_by", false);
  void *iter = NULL;
  ynode_pair *pair;
  while (by != NULL && (pair = ynode_mapping_iterate(by, &iter)) != NULL) {
    const char *id = yaml_scalar_text(ynode_pair_key(pair));
    char item[160];
    yaml_path_key(item, sizeof item, field, id != NULL ? id : "?");
    int line = yaml_line(ynode_pair_key(pair));
    size_t index = 0;
    if (id == NULL || !id_map_get(&ld->findings, id, &index)) {
      loader_error(ld, line, item, "\"%s\" is not a finding", id != NULL ? id : "");
      continue;
    }
    const symcheck_finding *source = &ld->pack->findings[index];
    if (source == target || source->option_count == 0) {
      loader_error(ld, line, item, "an answer cannot imply another answer to its own finding");
      continue;
    }
    ynode *answers = ynode_pair_value(pair);
    size_t n = ynode_is_sequence(answers) ? yaml_length(answers) : 1;
    void *answer_iter = NULL;
    for (size_t k = 0; k < n; k++) {
      ynode *answer =
          ynode_is_sequence(answers) ? ynode_sequence_iterate(answers, &answer_iter) : answers;
      const char *text = yaml_scalar_text(answer);
      int o = text != NULL ? symcheck_finding_option(source, text) : -1;
      if (o < 0) {
        loader_error(ld, line, item, "\"%s\" is not an answer to %s", text != NULL ? text : "",
                     source->id);
      } else if (!S_append(ld, source, (size_t)o, target, option)) {
        return;
      }
    }
  }
}

/* Reads one option's field (S_read_option or S_read_implied_by). */
typedef void (*S_option_reader)(loader *ld, symcheck_finding *f, size_t option, ynode *map,
                                const char *path);

/* Calls `read` for each option of f (a single or multi finding) whose
   mapping has `key`. */
static void S_each_option(loader *ld, symcheck_finding *f, ynode *node, const char *path,
                          const char *key, S_option_reader read) {
  ynode *options = yaml_get(node, "options");
  if (!ynode_is_sequence(options) || f->type == SYMCHECK_ANSWER_YES_NO ||
      f->type == SYMCHECK_ANSWER_SEVERITY) {
    return;
  }
  char list_path[160];
  yaml_path_key(list_path, sizeof list_path, path, "options");
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(options, &iter)) != NULL; i++) {
    if (i < f->option_count && ynode_is_mapping(item) &&
        (key == NULL || yaml_get(item, key) != NULL)) {
      char option_path[160];
      yaml_path_item(option_path, sizeof option_path, list_path, f->options[i].id);
      read(ld, f, i, item, option_path);
    }
  }
}

/* An option's implied_by: a multi finding's items cannot be implied one by one. */
static void S_read_option_implied_by(loader *ld, symcheck_finding *f, size_t option, ynode *map,
                                     const char *path) {
  if (f->type == SYMCHECK_ANSWER_MULTI) {
    loader_error(ld, yaml_key_line(map, "implied_by"), path,
                 "the items of a multi finding cannot be implied one by one");
  } else {
    S_read_implied_by(ld, f, option, map, path);
  }
}

/* The `implied_by` fields of f (on a yes_no finding, or on its options),
   once every finding's own `implies` is read. */
static void S_read_finding_implied_by(loader *ld, symcheck_finding *f, ynode *node) {
  char path[128];
  yaml_path_item(path, sizeof path, "findings", f->id);
  if (yaml_get(node, "implied_by") != NULL) {
    if (f->type != SYMCHECK_ANSWER_YES_NO) {
      loader_error(ld, yaml_key_line(node, "implied_by"), path,
                   "only a yes_no finding takes implied_by (for its \"yes\"); put it on the "
                   "option that is implied");
    } else {
      S_read_implied_by(ld, f, 0, node, path);
    }
  }
  S_each_option(ld, f, node, path, "implied_by", S_read_option_implied_by);
}

static void S_read_finding(loader *ld, symcheck_finding *f, ynode *node) {
  char path[128];
  yaml_path_item(path, sizeof path, "findings", f->id);
  bool on_finding = yaml_get(node, "implies") != NULL || yaml_get(node, "excludes") != NULL;
  if (on_finding && f->type != SYMCHECK_ANSWER_YES_NO) {
    loader_error(ld, yaml_key_line(node, yaml_get(node, "implies") ? "implies" : "excludes"), path,
                 "only a yes_no finding takes implies or excludes (for its \"yes\"); put them on "
                 "the option that implies them");
  } else if (on_finding && S_own_options(ld, f)) {
    S_read_option(ld, f, 0, node, path);
  }
  S_each_option(ld, f, node, path, NULL, S_read_option);
}

/* ---- checks over the whole graph ---------------------------------------- */

/* Walks what (f, o) implies, transitively, recording in `chosen` (per
   finding: option + 1, 0 when not reached) the answer given to each
   finding; reports a cycle back to `root` or two answers to one finding.
   Returns false once it reported. depth bounds the walk. */
static bool S_walk(loader *ld, const symcheck_finding *root, const symcheck_finding *f, size_t o,
                   size_t *chosen, size_t depth) {
  const symcheck_option *option = &f->options[o];
  for (size_t i = 0; i < option->implies_count; i++) {
    const symcheck_implication *imp = &option->implies[i];
    const symcheck_finding *t = imp->finding;
    char path[160];
    yaml_path_item(path, sizeof path, "findings", root->id);
    if (t == root || depth > ld->pack->finding_count) {
      loader_error(ld, yaml_line(ld->finding_nodes[root->index]), path,
                   "implies forms a cycle: through %s it implies an answer to %s itself", f->id,
                   root->id);
      return false;
    }
    if (chosen[t->index] != 0 && chosen[t->index] != imp->option + 1) {
      loader_error(ld, yaml_line(ld->finding_nodes[root->index]), path,
                   "implies two different answers to %s (%s and %s)", t->id,
                   t->options[chosen[t->index] - 1].id, t->options[imp->option].id);
      return false;
    }
    if (chosen[t->index] == imp->option + 1) {
      continue; /* walked already: a diamond is walked once */
    }
    chosen[t->index] = imp->option + 1;
    if (!S_walk(ld, root, t, imp->option, chosen, depth + 1)) {
      return false;
    }
  }
  return true;
}

/* A follow-up may be implied only together with a parent answer that asks
   it (the source's own answer, or another implied one). */
static void S_check_follow_ups(loader *ld, const symcheck_finding *f, size_t o,
                               const size_t *chosen) {
  for (size_t t = 0; t < ld->pack->finding_count; t++) {
    const symcheck_finding *target = &ld->pack->findings[t];
    if (chosen[t] == 0 || target->parent == NULL) {
      continue;
    }
    size_t parent_answer = target->parent == f ? o + 1 : chosen[target->parent->index];
    bool allowed = false;
    for (size_t k = 0; k < target->parent_option_count && parent_answer != 0; k++) {
      allowed = allowed || target->parent_options[k] + 1 == parent_answer;
    }
    if (!allowed) {
      char path[160];
      yaml_path_item(path, sizeof path, "findings", f->id);
      loader_error(ld, yaml_line(ld->finding_nodes[f->index]), path,
                   "%s (option %s) implies %s, a follow-up of %s: it must also imply the answer "
                   "to %s that asks it",
                   f->id, f->options[o].id, target->id, target->parent->id, target->parent->id);
    }
  }
}

static void S_check(loader *ld, size_t *chosen) {
  const symcheck_pack *pack = ld->pack;
  const char *file = ld->file;
  for (size_t i = 0; i < pack->finding_count; i++) {
    const symcheck_finding *f = &pack->findings[i];
    ld->file = i < pack->screen_finding_count ? LOADER_SCREEN_NAME : file;
    for (size_t o = 0; o < f->option_count; o++) {
      if (f->options[o].implies_count == 0) {
        continue;
      }
      memset(chosen, 0, pack->finding_count * sizeof *chosen);
      if (S_walk(ld, f, f, o, chosen, 0)) {
        S_check_follow_ups(ld, f, o, chosen);
      }
    }
  }
  ld->file = file;
}

void loader_read_implications(loader *ld) {
  symcheck_pack *pack = ld->pack;
  const char *file = ld->file;
  for (size_t i = 0; i < pack->finding_count; i++) {
    symcheck_finding *f = &pack->findings[i];
    if (ld->finding_nodes[i] == NULL || f->id == NULL || f->option_count == 0) {
      continue;
    }
    ld->file = i < pack->screen_finding_count ? LOADER_SCREEN_NAME : file;
    S_read_finding(ld, f, ld->finding_nodes[i]);
  }
  /* implied_by adds to the source's list: after every own list is read */
  for (size_t i = 0; i < pack->finding_count; i++) {
    symcheck_finding *f = &pack->findings[i];
    if (ld->finding_nodes[i] != NULL && f->id != NULL && f->option_count > 0) {
      ld->file = i < pack->screen_finding_count ? LOADER_SCREEN_NAME : file;
      S_read_finding_implied_by(ld, f, ld->finding_nodes[i]);
    }
  }
  ld->file = file;
  size_t *chosen = calloc(pack->finding_count + 1, sizeof *chosen);
  if (chosen == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  for (size_t i = 0; i < pack->finding_count; i++) {
    for (size_t o = 0; o < pack->findings[i].option_count; o++) {
      pack->implication_count += pack->findings[i].options[o].implies_count;
    }
  }
  if (!ld->failed) { /* the whole graph is checked only when it was read whole */
    S_check(ld, chosen);
  }
  free(chosen);
}
