/*
 * pack_load_info.c - reads pack.yaml: the pack's identity, its reviewers,
 * age bands (contiguous from 0 to 120), interview settings (with their
 * defaults) and the sources that numbers cite.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "pack_load.h"

static void S_read_reviewers(loader *ld, ynode *root) {
  symcheck_pack_info *info = &ld->pack->info;
  ynode *list = yaml_read_list(ld, root, "", "reviewers", true);
  size_t n = yaml_length(list);
  if (list != NULL && n == 0) {
    loader_error(ld, yaml_key_line(root, "reviewers"), "reviewers", "needs at least one reviewer");
  }
  const char **names = arena_calloc(loader_arena(ld), n + 1, sizeof *names);
  if (names == NULL) {
    loader_out_of_memory(ld);
    return;
  }
  void *iter = NULL;
  ynode *item;
  while ((item = ynode_sequence_iterate(list, &iter)) != NULL) {
    const char *name = yaml_text_of(ld, item);
    if (name == NULL || name[0] == '\0') {
      loader_error(ld, yaml_line(item), "reviewers", "each reviewer must be a name");
      continue;
    }
    names[info->reviewer_count++] = name;
  }
  info->reviewers = names;
}

static void S_read_identity(loader *ld, ynode *root) {
  symcheck_pack_info *info = &ld->pack->info;
  info->id = yaml_read_id(ld, root, "", "id", false);
  info->title = yaml_read_text(ld, root, "", "title", true);
  info->version = yaml_read_text(ld, root, "", "version", true);
  info->language = yaml_read_text(ld, root, "", "language", true);
  info->licence = yaml_read_text(ld, root, "", "licence", false);
  info->attribution = yaml_read_text(ld, root, "", "attribution", false);
  info->emergency_number = yaml_read_text(ld, root, "", "emergency_number", true);
  info->last_reviewed = yaml_read_text(ld, root, "", "last_reviewed", true);
  if (info->last_reviewed != NULL && !loader_is_date(info->last_reviewed)) {
    loader_error(ld, yaml_key_line(root, "last_reviewed"), "last_reviewed",
                 "\"%s\" is not a date written YYYY-MM-DD", info->last_reviewed);
  }
  S_read_reviewers(ld, root);
  info->generated =
      yaml_read_flag(ld, root, "", "generated", false, " (true: the pack is written by a fitter)");
}

/* One band; checks it starts where the previous one ended. */
static const char *const S_BAND_FIELDS[] = {"id", "min", "max", NULL};
static const char *const S_SETTINGS_FIELDS[] = {
    "max_questions",  "stop_confidence", "min_information_gain", "default_level", "escalation",
    "rule_out_floor", "unknown_window",  "unknown_limit",        "require_where", NULL};
static const char *const S_SOURCE_FIELDS[] = {
    "key", "authors", "year", "title", "journal", "publisher", "doi", "pmid", "url", "grade", NULL};
static const char *const S_PACK_FIELDS[] = {"id",
                                            "title",
                                            "version",
                                            "language",
                                            "licence",
                                            "attribution",
                                            "reviewers",
                                            "last_reviewed",
                                            "emergency_number",
                                            "age_bands",
                                            "settings",
                                            "sources",
                                            "generated",
                                            NULL};

static void S_read_band(loader *ld, ynode *item, size_t i, int *next_min) {
  symcheck_age_band *band = (symcheck_age_band *)&ld->pack->info.age_bands[i];
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i);
  yaml_path_item(path, sizeof path, "age_bands", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  band->id = yaml_read_id(ld, item, path, "id", false);
  if (band->id != NULL) {
    yaml_path_item(path, sizeof path, "age_bands", band->id);
    if (id_map_put(&ld->bands, band->id, i) == 0) {
      loader_error(ld, yaml_key_line(item, "id"), path, "duplicate age band id \"%s\"", band->id);
    }
  }
  yaml_check_fields(ld, item, path, S_BAND_FIELDS);
  bool has_min = yaml_read_int(ld, item, path, "min", true, 0, 120, &band->min_age);
  bool has_max = yaml_read_int(ld, item, path, "max", true, 0, 120, &band->max_age);
  if (!has_min || !has_max) {
    *next_min = -1;
    return;
  }
  if (band->max_age < band->min_age) {
    loader_error(ld, yaml_line(item), path, "max %d is below min %d", band->max_age, band->min_age);
  } else if (*next_min >= 0 && band->min_age != *next_min) {
    loader_error(ld, yaml_line(item), path, "starts at %d but must start at %d: %s", band->min_age,
                 *next_min, band->min_age > *next_min ? "bands leave a gap" : "bands overlap");
  }
  *next_min = band->max_age + 1;
}

static void S_read_age_bands(loader *ld, ynode *root) {
  symcheck_pack_info *info = &ld->pack->info;
  ynode *list = yaml_read_list(ld, root, "", "age_bands", true);
  size_t n = yaml_length(list);
  if (list != NULL && n == 0) {
    loader_error(ld, yaml_key_line(root, "age_bands"), "age_bands", "needs at least one band");
  }
  info->age_bands = arena_calloc(loader_arena(ld), n + 1, sizeof *info->age_bands);
  if (info->age_bands == NULL || id_map_init(&ld->bands, n) != 0) {
    loader_out_of_memory(ld);
    return;
  }
  info->age_band_count = n;
  int next_min = 0;
  void *iter = NULL;
  ynode *item;
  for (size_t i = 0; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    S_read_band(ld, item, i, &next_min);
  }
  if (n > 0 && next_min >= 0 && next_min != 121) {
    loader_error(ld, yaml_key_line(root, "age_bands"), "age_bands",
                 "the last band ends at %d; bands must cover ages 0 to 120", next_min - 1);
  }
}

/* Thresholds per level; more urgent levels must not need more. */
static void S_read_escalation(loader *ld, ynode *settings) {
  symcheck_settings *s = &ld->pack->info.settings;
  const char *path = "settings.escalation";
  ynode *map = yaml_read_map(ld, settings, "settings", "escalation", false);
  if (map == NULL) {
    return;
  }
  void *iter = NULL;
  ynode_pair *pair;
  while ((pair = ynode_mapping_iterate(map, &iter)) != NULL) {
    const char *key = yaml_text_of(ld, ynode_pair_key(pair));
    if (key != NULL && symcheck_level_parse(key) < 0) {
      loader_error(ld, yaml_line(ynode_pair_key(pair)), path, "\"%s\" is not a triage level", key);
    }
  }
  for (size_t level = 0; level < SYMCHECK_LEVEL_COUNT; level++) {
    const char *id = symcheck_level_id((symcheck_level)level);
    double value = 0.0;
    char field[128];
    yaml_path_key(field, sizeof field, path, id);
    if (!yaml_read_number(ld, map, path, id, false, &value)) {
      continue;
    }
    if (value <= 0.0 || value > 1.0) {
      loader_error(ld, yaml_key_line(map, id), field, "threshold %g is outside (0, 1]", value);
    }
    s->escalation[level] = value;
  }
  /* Checked after reading, as a given value can clash with a default. */
  for (size_t level = 1; level < SYMCHECK_LEVEL_COUNT; level++) {
    const char *id = symcheck_level_id((symcheck_level)level);
    if (s->escalation[level] > s->escalation[level - 1]) {
      char field[128];
      yaml_path_key(field, sizeof field, path, id);
      loader_error(ld, yaml_key_line(map, id), field,
                   "threshold %g is above %g for %s: thresholds must not increase with the level",
                   s->escalation[level], s->escalation[level - 1],
                   symcheck_level_id((symcheck_level)(level - 1)));
    }
  }
}

/* Below the lowest emergency threshold, or rule-out questions never start. */
static void S_read_rule_out_floor(loader *ld, ynode *settings) {
  symcheck_settings *s = &ld->pack->info.settings;
  double value = 0.0;
  if (!yaml_read_number(ld, settings, "settings", "rule_out_floor", false, &value)) {
    return;
  }
  double lowest = s->escalation[SYMCHECK_LEVEL_AMBULANCE];
  if (value < 0.0 || value >= lowest) {
    loader_error(ld, yaml_key_line(settings, "rule_out_floor"), "settings.rule_out_floor",
                 "%g must be at least 0 and below the ambulance threshold %g", value, lowest);
  }
  s->rule_out_floor = value;
}

/* Stop once unknown_limit (0: never) of the last unknown_window questions
   were "don't know"; the limit cannot exceed the window. */
static void S_read_unknown_stop(loader *ld, ynode *settings) {
  symcheck_settings *s = &ld->pack->info.settings;
  yaml_read_int(ld, settings, "settings", "unknown_window", false, 1, 50, &s->unknown_window);
  yaml_read_int(ld, settings, "settings", "unknown_limit", false, 0, 50, &s->unknown_limit);
  if (s->unknown_limit > s->unknown_window) {
    loader_error(ld, yaml_key_line(settings, "unknown_limit"), "settings.unknown_limit",
                 "%d is more than unknown_window (%d): the interview could never stop for it",
                 s->unknown_limit, s->unknown_window);
  }
}

static void S_read_settings(loader *ld, ynode *root) {
  symcheck_settings *s = &ld->pack->info.settings;
  static const double escalation[SYMCHECK_LEVEL_COUNT] = {0.5, 0.3, 0.2, 0.1, 0.05, 0.03};
  *s = (symcheck_settings){.max_questions = 25,
                           .stop_confidence = 0.85,
                           .min_information_gain = 0.02,
                           .default_level = SYMCHECK_LEVEL_PRIMARY_CARE,
                           .rule_out_floor = 0.01,
                           .unknown_window = 4,
                           .unknown_limit = 3};
  memcpy(s->escalation, escalation, sizeof escalation);
  ynode *settings = yaml_read_map(ld, root, "", "settings", false);
  if (settings == NULL) {
    return;
  }
  yaml_check_fields(ld, settings, "settings", S_SETTINGS_FIELDS);
  yaml_read_int(ld, settings, "settings", "max_questions", false, 1, 200, &s->max_questions);
  double value = 0.0;
  if (yaml_read_number(ld, settings, "settings", "stop_confidence", false, &value)) {
    if (value <= 0.0 || value >= 1.0) {
      loader_error(ld, yaml_key_line(settings, "stop_confidence"), "settings.stop_confidence",
                   "%g is outside (0, 1)", value);
    }
    s->stop_confidence = value;
  }
  if (yaml_read_number(ld, settings, "settings", "min_information_gain", false, &value)) {
    if (value < 0.0) {
      loader_error(ld, yaml_key_line(settings, "min_information_gain"),
                   "settings.min_information_gain", "%g must not be negative", value);
    }
    s->min_information_gain = value;
  }
  int level = loader_read_level(ld, settings, "settings", "default_level", false);
  if (level >= 0) {
    s->default_level = (symcheck_level)level;
  }
  S_read_escalation(ld, settings);
  S_read_rule_out_floor(ld, settings);
  S_read_unknown_stop(ld, settings);
  s->require_where = yaml_read_flag(ld, settings, "settings", "require_where", false,
                                    " (true: every cited number says where in its source)");
}

/* Where a source's URL must not point: institutional proxies, login pages
   and copy sites, which a reader cannot open or should not trust. The one
   list the loader checks (lower case; URLs are compared ignoring case). */
static const char *const S_COPY_URL_PATTERNS[] = {
    /* institutional proxies and login pages */
    "ezproxy", ".elogim.com", "bibliotheek.", ":2400/", ":2443/", "proxy?url=", "/login?",
    "/login.", "/signin",
    "lookup/external-ref", /* a journal's redirect to another journal's paper */
    "%3a%2f%2f",           /* "://" URL-encoded: another URL inside this one */
    /* copy sites, aggregators and reprints of other publishers' papers */
    "docksci.com", "paperexplained.", "healthjade.com", "thefreelibrary.com", "issuhub.com",
    "abdominalkey.com", "pharmacy-notebook.com", "nursing-notebook.com", "abcdocz.com",
    "docslib.org", "primidi.com", "blogspot.", "scilit.com", "discovery.researcher.life",
    "europub.co.uk", "arthritisresearch.us",
    "medscape.com/viewarticle/", /* Medscape's reprints of other journals */
    "misc.medscape.com",         /* the Medscape app's copies */
    NULL};

/* True when `text` contains the lower-case `pattern`, ignoring case. */
static bool S_contains_nocase(const char *text, const char *pattern) {
  size_t n = strlen(pattern);
  for (; *text != '\0'; text++) {
    size_t i = 0;
    while (i < n && text[i] != '\0' &&
           tolower((unsigned char)text[i]) == (unsigned char)pattern[i]) {
      i++;
    }
    if (i == n) {
      return true;
    }
  }
  return false;
}

/* Reports a source whose URL is a known proxy or copy-site pattern. */
static void S_check_source_url(loader *ld, ynode *item, const char *path,
                               const symcheck_source *source) {
  if (source->url == NULL) {
    return;
  }
  for (size_t i = 0; S_COPY_URL_PATTERNS[i] != NULL; i++) {
    if (S_contains_nocase(source->url, S_COPY_URL_PATTERNS[i])) {
      char field[128];
      yaml_path_key(field, sizeof field, path, "url");
      loader_error(ld, yaml_key_line(item, "url"), field,
                   "source %s points at a proxy, login page or copy site (\"%s\"); cite the "
                   "publisher's DOI or stable URL",
                   source->key != NULL ? source->key : "?", S_COPY_URL_PATTERNS[i]);
      return;
    }
  }
}

/* A source's year: a whole number from 1800 to 2100, or "n.d." for a web
   page that gives no date (then *undated is set). Missing: reported, as a
   reader must be able to find the source. */
static int S_read_year(loader *ld, ynode *item, const char *path, const char *key, bool *undated) {
  ynode *value = yaml_get(item, "year");
  double year = 0;
  char field[128];
  yaml_path_key(field, sizeof field, path, "year");
  if (yaml_is_null(value)) {
    loader_error(ld, yaml_line(item), field,
                 "source %s gives no year; add year: (of publication, or n.d. for a web page "
                 "that shows no date)",
                 key != NULL ? key : "?");
    return 0;
  }
  if (yaml_scalar_is(value, "n.d.")) {
    *undated = true;
    return 0;
  }
  if (!yaml_number_of(value, &year) || year != (double)(int)year || year < 1800 || year > 2100) {
    loader_error(ld, yaml_key_line(item, "year"), field,
                 "must be the year of publication, e.g. 2019 (or n.d. for an undated web page)");
    return 0;
  }
  return (int)year;
}

static void S_read_source_key(loader *ld, ynode *item, char *path, size_t size,
                              symcheck_source *source, size_t i, size_t first) {
  source->key = yaml_read_text(ld, item, path, "key", true);
  if (source->key == NULL) {
    return;
  }
  yaml_path_item(path, size, "sources", source->key);
  size_t other = 0;
  if (id_map_get(&ld->sources, source->key, &other) && other < first) {
    loader_error(ld, yaml_key_line(item, "key"), path,
                 "source key \"%s\" clashes with a source of %s; rename one of them", source->key,
                 other < ld->sources_file_first ? "pack.yaml" : LOADER_SOURCES_NAME);
  } else if (id_map_put(&ld->sources, source->key, i) == 0) {
    loader_error(ld, yaml_key_line(item, "key"), path, "duplicate source key \"%s\"", source->key);
  }
}

/* Source i of the pack; `first` is the index of its file's first source
   (pack.yaml's, then sources.yaml's, then screen.yaml's), so keys can
   clash across files. */
static void S_read_source(loader *ld, ynode *item, size_t i, size_t first) {
  symcheck_source *source = &ld->pack->sources[i];
  char path[128], index[32];
  snprintf(index, sizeof index, "%zu", i - first);
  yaml_path_item(path, sizeof path, "sources", index);
  if (!yaml_expect_map(ld, item, path)) {
    return;
  }
  S_read_source_key(ld, item, path, sizeof path, source, i, first);
  yaml_check_fields(ld, item, path, S_SOURCE_FIELDS);
  source->title = yaml_read_text(ld, item, path, "title", true);
  source->authors = yaml_read_text(ld, item, path, "authors", false);
  source->year = S_read_year(ld, item, path, source->key, &source->undated);
  if (source->authors == NULL || source->authors[0] == '\0') {
    char field[128];
    yaml_path_key(field, sizeof field, path, "authors");
    loader_error(ld, yaml_line(item), field,
                 "source %s names no authors; add authors: (\"Smith J, Jones K, et al.\" or the "
                 "organisation that wrote it)",
                 source->key != NULL ? source->key : "?");
  }
  source->journal = yaml_read_text(ld, item, path, "journal", false);
  source->publisher = yaml_read_text(ld, item, path, "publisher", false);
  source->doi = yaml_read_text(ld, item, path, "doi", false);
  source->pmid = yaml_read_text(ld, item, path, "pmid", false);
  source->url = yaml_read_text(ld, item, path, "url", true);
  S_check_source_url(ld, item, path, source);
  source->grade = yaml_read_text(ld, item, path, "grade", true);
  if (source->grade != NULL &&
      (strlen(source->grade) != 1 || strchr("ABCD", source->grade[0]) == NULL)) {
    char field[128];
    yaml_path_key(field, sizeof field, path, "grade");
    loader_error(ld, yaml_key_line(item, "grade"), field,
                 "\"%s\" is not an evidence grade (A, B, C or D)", source->grade);
  }
}

/* The list of sources.yaml (a mapping with one key, `sources`); NULL
   without the file. */
static ynode *S_sources_file_list(loader *ld) {
  static const char *const fields[] = {"sources", NULL};
  ynode *root = ld->sources_root;
  if (root == NULL) {
    return NULL;
  }
  const char *file = ld->file;
  ld->file = LOADER_SOURCES_NAME;
  ynode *list = NULL;
  if (yaml_expect_map(ld, root, "")) {
    yaml_check_fields(ld, root, "", fields);
    list = yaml_read_list(ld, root, "", "sources", true);
  }
  ld->file = file;
  return list;
}

/* Reads one file's list into sources[first ...]; returns the next index. */
static size_t S_read_source_list(loader *ld, ynode *list, const char *file, size_t first) {
  const char *saved = ld->file;
  ld->file = file;
  void *iter = NULL;
  ynode *item;
  size_t i = first;
  for (; (item = ynode_sequence_iterate(list, &iter)) != NULL; i++) {
    S_read_source(ld, item, i, first);
  }
  ld->file = saved;
  return i;
}

/* pack.yaml's sources, then sources.yaml's, then screen.yaml's (merged:
   one list of keys). */
static void S_read_sources(loader *ld, ynode *root) {
  symcheck_pack *pack = ld->pack;
  ynode *own = yaml_read_list(ld, root, "", "sources", false);
  ynode *file = S_sources_file_list(ld);
  ynode *screen = loader_screen_list(ld, "sources");
  size_t n = yaml_length(own) + yaml_length(file) + yaml_length(screen);
  pack->sources = arena_calloc(&pack->arena, n + 1, sizeof *pack->sources);
  if (pack->sources == NULL || id_map_init(&ld->sources, n) != 0) {
    loader_out_of_memory(ld);
    return;
  }
  pack->source_count = n;
  ld->sources_file_first = yaml_length(own);
  size_t next = S_read_source_list(ld, own, ld->file, 0);
  next = S_read_source_list(ld, file, LOADER_SOURCES_NAME, next);
  S_read_source_list(ld, screen, LOADER_SCREEN_NAME, next);
}

void loader_read_info(loader *ld, ynode *root) {
  if (!yaml_expect_map(ld, root, "")) {
    root = NULL;
  }
  if (root != NULL) {
    yaml_check_fields(ld, root, "", S_PACK_FIELDS);
    S_read_identity(ld, root);
  }
  S_read_age_bands(ld, root);
  S_read_settings(ld, root);
  S_read_sources(ld, root);
}
