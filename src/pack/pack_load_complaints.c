/*
 * pack_load_complaints.c - reads complaints.yaml: each complaint's name
 * and synonyms, its article (Markdown, loaded whole), the findings it
 * answers by itself (`given`), its red-flag screen (every screen finding
 * must be named by a red flag; the pack's universal screen from screen.yaml
 * goes first), its conditions (`[]` for a triage-only complaint) and the
 * weight of "something else".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

static void S_read_synonyms(loader *ld, symcheck_complaint *c, ynode *item, const char *path) {
  ynode *list = yaml_read_list(ld, item, path, "synonyms", false);
  size_t n = yaml_length(list);
  const char **synonyms = arena_calloc(loader_arena(ld), n + 1, sizeof *synonyms);
  if (synonyms == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "synonyms");
  void *iter = NULL;
  ynode *entry;
  while ((entry = ynode_sequence_iterate(list, &iter)) != NULL) {
    const char *text = yaml_text_of(ld, entry);
    if (text == NULL || text[0] == '\0') {
      loader_error(ld, yaml_line(entry), field, "each synonym must be text");
      continue;
    }
    synonyms[c->synonym_count++] = text;
  }
  c->synonyms = synonyms;
}

static void S_read_article(loader *ld, symcheck_complaint *c, ynode *item, const char *path) {
  const char *article = yaml_read_text(ld, item, path, "article", false);
  if (article == NULL) {
    return;
  }
  char field[128], file[4096];
  yaml_path_key(field, sizeof field, path, "article");
  if (article[0] == '/' || strstr(article, "..") != NULL) {
    loader_error(ld, yaml_key_line(item, "article"), field,
                 "\"%s\" must be a path inside the pack, like articles/NAME.md", article);
    return;
  }
  snprintf(file, sizeof file, "%s/%s", ld->pack->info.dir, article);
  size_t length = 0;
  char *text = yaml_slurp(file, &length);
  if (text == NULL) {
    loader_error(ld, yaml_key_line(item, "article"), field, "article file %s is missing", article);
    return;
  }
  c->article = arena_strdup(loader_arena(ld), text);
  c->article_path = article;
  free(text);
  if (c->article == NULL) {
    loader_out_of_memory(ld);
  }
}

/* Resolves a finding id at `node`; NULL after reporting an unknown one. */
static const symcheck_finding *S_finding(loader *ld, ynode *node, const char *field) {
  const char *id = yaml_text_of(ld, node);
  size_t index = 0;
  if (id == NULL || !id_map_get(&ld->findings, id, &index)) {
    loader_error(ld, yaml_line(node), field, "\"%s\" is not a finding", id != NULL ? id : "");
    return NULL;
  }
  return &ld->pack->findings[index];
}

static void S_read_given(loader *ld, symcheck_complaint *c, ynode *item, const char *path) {
  ynode *map = yaml_read_map(ld, item, path, "given", false);
  size_t n = map != NULL ? (size_t)ynode_mapping_item_count(map) : 0;
  const symcheck_finding **findings = arena_calloc(loader_arena(ld), n + 1, sizeof *findings);
  size_t *options = arena_calloc(loader_arena(ld), n + 1, sizeof *options);
  if (findings == NULL || options == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "given");
  void *iter = NULL;
  ynode_pair *pair;
  while (map != NULL && (pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const symcheck_finding *f = S_finding(ld, ynode_pair_key(pair), field);
    const char *answer = yaml_text_of(ld, ynode_pair_value(pair));
    int o = f != NULL && answer != NULL ? symcheck_finding_option(f, answer) : -1;
    if (f != NULL && o < 0) {
      char entry[128];
      yaml_path_key(entry, sizeof entry, field, f->id);
      loader_error(ld, yaml_line(ynode_pair_key(pair)), entry, "\"%s\" is not an option of %s",
                   answer != NULL ? answer : "", f->id);
    }
    if (f != NULL && o >= 0) {
      findings[c->given_count] = f;
      options[c->given_count++] = (size_t)o;
    }
  }
  c->given_findings = findings;
  c->given_options = options;
}

/* The universal screen (screen.yaml, in its order), then the complaint's
   own `screen` list. */
static void S_read_screen(loader *ld, symcheck_complaint *c, ynode *item, const char *path) {
  ynode *list = yaml_read_list(ld, item, path, "screen", false);
  size_t universal = ld->pack->screen_finding_count;
  const symcheck_finding **screen =
      arena_calloc(loader_arena(ld), universal + yaml_length(list) + 1, sizeof *screen);
  if (screen == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  for (size_t i = 0; i < universal; i++) {
    screen[c->screen_count++] = &ld->pack->findings[i];
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, "screen");
  void *iter = NULL;
  ynode *entry;
  while ((entry = ynode_sequence_iterate(list, &iter)) != NULL) {
    const symcheck_finding *f = S_finding(ld, entry, field);
    if (f != NULL && f->universal_screen) {
      loader_error(ld, yaml_line(entry), field,
                   "%s is in the universal screen (screen.yaml), which every complaint asks "
                   "first; remove it here",
                   f->id);
    } else if (f != NULL && !f->red_flag) {
      loader_error(ld, yaml_line(entry), field,
                   "%s is in the red-flag screen but no red flag in red_flags.yaml names it",
                   f->id);
    } else if (f != NULL) {
      screen[c->screen_count++] = f;
    }
  }
  c->screen = screen;
}

static const char *const S_ASK_FIRST_FIELDS[] = {"findings", "source", "estimate",
                                                 "where",    "note",   NULL};

/* `ask_first: {findings: [...], source: KEY, where: "..."}` (or estimate:
   true with a note): the features a clinician asks about first. A finding
   of the screen or one the complaint answers itself cannot be one. */
static void S_read_ask_first(loader *ld, symcheck_complaint *c, ynode *item, const char *path) {
  char field[128];
  yaml_path_key(field, sizeof field, path, "ask_first");
  ynode *map = yaml_read_map(ld, item, path, "ask_first", false);
  if (map == NULL) {
    return;
  }
  yaml_check_fields(ld, map, field, S_ASK_FIRST_FIELDS);
  loader_read_citation(ld, map, field, &c->ask_first_citation);
  ynode *list = yaml_read_list(ld, map, field, "findings", true);
  const symcheck_finding **out = arena_calloc(loader_arena(ld), yaml_length(list) + 1, sizeof *out);
  if (out == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  char findings[160];
  yaml_path_key(findings, sizeof findings, field, "findings");
  void *iter = NULL;
  ynode *entry;
  while ((entry = ynode_sequence_iterate(list, &iter)) != NULL) {
    const symcheck_finding *f = S_finding(ld, entry, findings);
    bool listed = false;
    for (size_t k = 0; f != NULL && k < c->screen_count; k++) {
      listed = listed || c->screen[k] == f;
    }
    for (size_t k = 0; f != NULL && k < c->given_count; k++) {
      listed = listed || c->given_findings[k] == f;
    }
    if (listed) {
      loader_error(ld, yaml_line(entry), findings,
                   "%s is already asked in the screen or answered by the complaint; remove it "
                   "here",
                   f->id);
    } else if (f != NULL) {
      out[c->ask_first_count++] = f;
    }
  }
  c->ask_first = out;
}

static void S_read_condition_list(loader *ld, symcheck_complaint *c, ynode *item,
                                  const char *path) {
  symcheck_pack *pack = ld->pack;
  char field[128];
  yaml_path_key(field, sizeof field, path, "conditions");
  ynode *list = yaml_get(item, "conditions");
  bool all = yaml_scalar_is(list, "all");
  if (!all) {
    list = yaml_read_list(ld, item, path, "conditions", true);
  }
  size_t n = all ? pack->condition_count : yaml_length(list);
  const symcheck_condition **conditions = arena_calloc(&pack->arena, n + 1, sizeof *conditions);
  bool *seen = calloc(pack->condition_count + 1, sizeof *seen);
  if (conditions == NULL || seen == NULL) {
    free(seen);
    loader_out_of_memory(ld);
    return;
  }
  c->conditions = conditions;
  void *iter = NULL;
  for (size_t i = 0; i < n; i++) {
    ynode *entry = all ? NULL : ynode_sequence_iterate(list, &iter);
    const char *id = all ? NULL : yaml_text_of(ld, entry);
    size_t index = i;
    if (!all && (id == NULL || !id_map_get(&ld->conditions, id, &index))) {
      loader_error(ld, yaml_line(entry), field, "\"%s\" is not a condition", id ? id : "");
    } else if (seen[index]) {
      loader_error(ld, yaml_line(entry), field, "%s is listed twice", id);
    } else {
      seen[index] = true;
      conditions[c->condition_count++] = &pack->conditions[index];
    }
  }
  free(seen); /* `conditions: []`: a triage-only complaint (the general entry) */
}

static const char *const S_COMPLAINT_FIELDS[] = {
    "id",        "name",       "synonyms",    "group",     "article",    "given",  "screen",
    "ask_first", "conditions", "other_prior", "self_care", "see_doctor", "listed", NULL};

static void S_read_complaint(loader *ld, ynode *item, size_t i) {
  symcheck_complaint *c = &ld->pack->complaints[i];
  c->index = i;
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i);
  yaml_path_item(path, sizeof path, "complaints", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  ld->complaint_nodes[i] = item;
  c->id = yaml_read_id(ld, item, path, "id", true);
  if (c->id != NULL) {
    yaml_path_item(path, sizeof path, "complaints", c->id);
    if (id_map_put(&ld->complaints, c->id, i) == 0) {
      loader_error(ld, yaml_key_line(item, "id"), path, "duplicate complaint id \"%s\"", c->id);
    }
  }
  yaml_check_fields(ld, item, path, S_COMPLAINT_FIELDS);
  c->name = yaml_read_text(ld, item, path, "name", true);
  S_read_synonyms(ld, c, item, path);
  c->group = yaml_read_text(ld, item, path, "group", false);
  c->listed = yaml_read_flag(ld, item, path, "listed", true,
                             " (false keeps the complaint off the lists and search)");
  S_read_article(ld, c, item, path);
  S_read_given(ld, c, item, path);
  S_read_screen(ld, c, item, path);
  S_read_ask_first(ld, c, item, path);
  S_read_condition_list(ld, c, item, path);
  c->self_care = yaml_read_text(ld, item, path, "self_care", false);
  c->see_doctor = yaml_read_text(ld, item, path, "see_doctor", false);
  bool triage_only = c->condition_count == 0;
  if (yaml_read_number(ld, item, path, "other_prior", !triage_only, &c->other_prior) &&
      (c->other_prior < 0.0 || c->other_prior > 0.5)) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "other_prior");
    loader_error(ld, yaml_key_line(item, "other_prior"), field, "%g is outside [0, 0.5]",
                 c->other_prior);
  }
}

void loader_read_complaints(loader *ld, ynode *root) {
  symcheck_pack *pack = ld->pack;
  if (!ynode_is_sequence(root) || yaml_length(root) == 0) {
    loader_error(ld, yaml_line(root), "complaints", "must be a list of at least one complaint");
    root = NULL;
  }
  size_t n = yaml_length(root);
  pack->complaints = arena_calloc(&pack->arena, n + 1, sizeof *pack->complaints);
  ld->complaint_nodes = calloc(n + 1, sizeof *ld->complaint_nodes);
  if (pack->complaints == NULL || ld->complaint_nodes == NULL ||
      id_map_init(&ld->complaints, n) != 0) {
    loader_out_of_memory(ld);
    return;
  }
  pack->complaint_count = n;
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(root, &iter)) != NULL; i++) {
    S_read_complaint(ld, item, i);
  }
}
