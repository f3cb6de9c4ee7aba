/*
 * pack_load.h - private interface between the pieces of the pack loader.
 *
 * symcheck_pack_load (pack_load.c) parses the five YAML files of a pack,
 * then hands one `loader` to a reader per file (pack_load_info.c,
 * pack_load_findings.c, pack_load_conditions.c, pack_load_red_flags.c,
 * pack_load_complaints.c) and to the cross-checks (pack_load_distinct.c).
 * Readers fill the pack in its arena and record every problem they find
 * with loader_error; they never stop at the first one. yaml_read.c holds
 * the typed YAML readers that report file, line and field for them, and
 * pack_load_map.c a small id -> index hash map for fast lookups.
 */
#ifndef SYMCHECK_PACK_LOAD_H
#define SYMCHECK_PACK_LOAD_H

#include <stdbool.h>
#include <stddef.h>

#include "pack_internal.h"
#include "yaml_tree.h"

/* ---- id -> index map (pack_load_map.c) --------------------------------- */

typedef struct id_map {
  size_t capacity; /* a power of two, or 0 when empty */
  size_t count;
  const char **keys; /* borrowed: the strings live in the pack's arena */
  size_t *values;
} id_map;

/* Prepares a map for up to `expected` keys. Returns 0, or -1 when out of
   memory. */
int id_map_init(id_map *map, size_t expected);
/* Adds key -> value unless the key is there, growing the map when needed.
   Returns 1 when added, 0 when the key already existed (its value is left
   alone), -1 when out of memory. */
int id_map_put(id_map *map, const char *key, size_t value);
/* Looks a key up: true and *value set when present. */
bool id_map_get(const id_map *map, const char *key, size_t *value);
void id_map_free(id_map *map);

/* ---- the loader state --------------------------------------------------- */

/* The five files every pack has, then the optional differential.yaml,
   screen.yaml and sources.yaml. */
enum {
  LOADER_FILE_COUNT = 8,
  LOADER_REQUIRED_FILES = 5,
  LOADER_CONDITIONS_FILE = 2,
  LOADER_SCREEN_FILE = 6,
  LOADER_SOURCES_FILE = 7
};
#define LOADER_SCREEN_NAME "screen.yaml"
#define LOADER_SOURCES_NAME "sources.yaml"

typedef struct loader {
  symcheck_pack *pack;
  symcheck_diagnostics *diagnostics; /* never NULL while loading */
  size_t diagnostics_capacity;
  bool failed;               /* an error was found (even one that could not be stored) */
  const char *file;          /* the file being read, relative to the pack */
  arena trees;               /* the parsed files (yaml_tree.h), freed when loading ends */
  ynode *screen;             /* root of screen.yaml, or NULL without one */
  ynode *sources_root;       /* root of sources.yaml, or NULL without one */
  size_t sources_file_first; /* index of sources.yaml's first source */
  id_map sources, bands, findings, conditions, complaints;
  ynode **finding_nodes;      /* per finding: its mapping, or NULL */
  int *likelihoods_line;      /* per condition: line of its likelihoods (for errors) */
  size_t conditions_capacity; /* while conditions.yaml streams in */
  ynode **complaint_nodes;
} loader;

/* Records one error in the current file. `field` may be "" and `line` 0. */
void loader_error(loader *ld, int line, const char *field, const char *format, ...)
    __attribute__((format(printf, 4, 5)));
/* Records that memory ran out (once). */
void loader_out_of_memory(loader *ld);
/* The loader's arena (the pack's). */
arena *loader_arena(loader *ld);

/* A triage level id at map[key]: the level, or -1 (reported unless it is
   absent and not required). */
int loader_read_level(loader *ld, ynode *map, const char *path, const char *key, bool required);

/* Readers, in the order symcheck_pack_load calls them. Each takes the root
   node of its file (NULL when the file did not parse), but for
   conditions.yaml, and reports errors. */
void loader_read_info(loader *ld, ynode *root);
void loader_read_findings(loader *ld, ynode *root);
/* What answers imply (`implies`, `excludes`), once every finding is read
   (pack_load_implies.c; called by loader_read_findings). */
void loader_read_implications(loader *ld);
/* conditions.yaml is read while it is parsed, one condition at a time, so
   a large file never sits in memory as a tree. Returns false when it did
   not parse (reported). */
bool loader_read_conditions(loader *ld, const char *dir);
void loader_read_red_flags(loader *ld, ynode *root);
void loader_read_complaints(loader *ld, ynode *root);
/* The optional differential model (pack_load_differential.c); needs the
   findings, conditions and sources. Sets pack->model.differential. */
void loader_read_differential(loader *ld, ynode *root);
/* Reports any path outside the pack (pack_load_paths.c) named in the
   `files` of `dir` that exist, and in the complaints' articles. */
void loader_check_paths(loader *ld, const char *dir, const char *const *files, size_t count);
/* Reports pairs of conditions of one complaint that no finding tells apart.
   Needs findings and conditions read without error. */
void loader_check_distinct(loader *ld);

/* The list at screen.yaml's `key` (sources, findings, red_flags); NULL
   when the pack has no screen.yaml or the list is absent (reported when it
   is not a list). */
ynode *loader_screen_list(loader *ld, const char *key);
/* One thing per question (pack_load_compound.c): reports a question or
   question_child of f (read from `item`) that asks two things, unless the
   finding says `compound_ok: true` with a `compound_note:`; in a generated
   pack it counts them in pack->compound_warnings instead. */
void loader_check_compound(loader *ld, const symcheck_finding *f, ynode *item, const char *path);
/* Reads option o's `label_child` (which must contain "{child}") and
   refuses a label that says you/your/yourself/I/my/me outside brackets on
   an option that can be asked about someone aged 0-11 without one. f's
   `applies` and o's must be read first; errors reported on `ld`. */
void loader_read_label_child(loader *ld, const symcheck_finding *f, symcheck_option *o, ynode *item,
                             const char *path);
/* Who a finding, an option or a condition applies to: its `ages` and `sex`
   fields (both optional; errors reported on `ld`). */
void loader_read_applies(loader *ld, ynode *map, const char *path, symcheck_applies *out);
/* A condition's optional `urgency_by_age` list at item (pack_load_urgency.c):
   fills c->urgency_by_age with the valid entries; reports bad ages, an
   unknown level, overlapping ranges and a missing or unknown citation. */
void loader_read_urgency_by_age(loader *ld, symcheck_condition *c, ynode *item, const char *path);

/* A probability table of a finding at `map[key]` (a likelihood or a
   default) into `out` (finding->option_count values, see symcheck.h).
   `fallback` gives multi options the table does not list (NULL: every
   option must be listed). Returns true when the table is valid. */
bool loader_read_probabilities(loader *ld, const symcheck_finding *finding, ynode *map,
                               const char *path, const double *fallback, double *out);
/* The `source: KEY` / `estimate: true` pair of mapping `map`. */
bool loader_read_citation(loader *ld, ynode *map, const char *path, symcheck_citation *out);

/* ---- codes and dates (pack_load_codes.c) ---------------------------------- */

/* A date written YYYY-MM-DD with a month 1..12 and a day 1..31. */
bool loader_is_date(const char *text);
/* One ICD-10 code: a letter, two digits and an optional dot with one or
   two characters (K58, J18.9, A04.71). */
bool loader_is_icd10(const char *code);
/* Reports map[key] = code (NULL: nothing to check) when it is not one
   ICD-10 code; a range such as C18-C20 gets its own message. */
void loader_check_icd10(loader *ld, ynode *map, const char *path, const char *key,
                        const char *code);
/* A SNOMED CT concept id: 6 to 18 digits, no leading zero, whose last
   digit is the Verhoeff check digit of the others. */
bool loader_is_snomed(const char *id);
/* map's optional `snomed:` (a pack condition or a DDXPlus pathology of
   clinical.yaml): the id, or NULL when absent or not a concept id (then
   the error is reported at the key, naming the fix). */
const char *loader_read_snomed(loader *ld, ynode *map, const char *path);

/* ---- YAML helpers (yaml_read.c) ------------------------------------------ */

/* Deepest nesting a pack file may have (real packs use about six levels). */
#define YAML_MAX_DEPTH 64

/* Parses `name` (relative to dir) into a tree in ld->trees;
   returns its root, or NULL after reporting syntax errors, a missing file,
   an empty one, text that is not UTF-8, a directive, an alias or nesting
   deeper than YAML_MAX_DEPTH. */
ynode *yaml_read_file(loader *ld, const char *dir, const char *name);
/* As yaml_read_file, but a top-level list is streamed: each item goes to
   `item` as soon as it is parsed and is freed after (ytree_parse_items). */
ynode *yaml_read_file_items(loader *ld, const char *dir, const char *name, ytree_item_fn item,
                            void *ctx);
/* A file's whole text (articles); malloc'd, NULL when it cannot be read. */
char *yaml_slurp(const char *path, size_t *length);

/* 1-based line where a node starts, 0 when unknown (an empty collection). */
int yaml_line(ynode *node);
/* Line of `key` inside mapping `map`, or the map's own line. */
int yaml_key_line(ynode *map, const char *key);
/* The value of `key` in a mapping; NULL when absent or map is no mapping. */
ynode *yaml_get(ynode *map, const char *key);
/* True for a missing node, `null`, `~` or an empty plain scalar. */
bool yaml_is_null(ynode *node);
/* A scalar's text in the loader's tree (valid while loading: copy it with
   yaml_text_of to keep it); NULL for non-scalars. */
const char *yaml_scalar_text(ynode *node);
/* A scalar's text copied into the arena; NULL for non-scalars. */
const char *yaml_text_of(loader *ld, ynode *node);
/* True when node is a scalar whose text equals `text`. */
bool yaml_scalar_is(ynode *node, const char *text);
/* Parses a scalar as a finite number. */
bool yaml_number_of(ynode *node, double *out);

/* "parent.key" (or "key") and "parent[item]", truncated to size. */
void yaml_path_key(char *out, size_t size, const char *parent, const char *key);
void yaml_path_item(char *out, size_t size, const char *parent, const char *item);

/* Typed field readers. Each reports a missing required field or a value of
   the wrong type at the field's line and path (`path.key`). */
const char *yaml_read_text(loader *ld, ynode *map, const char *path, const char *key,
                           bool required);
/* Optional text worded for a child (question_child, label_child): it must
   contain "{child}", which becomes "your child" or "your baby"; without it
   the error names the field and shows `example`, and NULL is returned. */
const char *yaml_read_child_text(loader *ld, ynode *map, const char *path, const char *key,
                                 const char *example);
/* Text matching [a-z0-9_]+ (or [a-z0-9-]+ when `slug`). */
const char *yaml_read_id(loader *ld, ynode *map, const char *path, const char *key, bool slug);
bool yaml_read_number(loader *ld, ynode *map, const char *path, const char *key, bool required,
                      double *out);
bool yaml_read_int(loader *ld, ynode *map, const char *path, const char *key, bool required,
                   int min, int max, int *out);
/* An optional flag written true or false: `absent` when the key is
   missing; anything else reports "must be true or false" followed by
   `hint` (what the flag does, or "") and gives `absent`. */
bool yaml_read_flag(loader *ld, ynode *map, const char *path, const char *key, bool absent,
                    const char *hint);
/* An enumeration: the index of the value in names[], or -1. */
int yaml_read_enum(loader *ld, ynode *map, const char *path, const char *key, bool required,
                   const char *const *names, size_t count);
/* A sequence (or a mapping) at map[key]; NULL when absent or wrong. */
ynode *yaml_read_list(loader *ld, ynode *map, const char *path, const char *key, bool required);
ynode *yaml_read_map(loader *ld, ynode *map, const char *path, const char *key, bool required);
/* Checks a node is a mapping (list items); reports otherwise. */
bool yaml_expect_map(loader *ld, ynode *node, const char *path);
/* Reports every key of map that is not in `allowed` (NULL-terminated), so a
   misspelt field is an error rather than silently ignored. NULL or a
   non-mapping map is left alone (reported elsewhere). */
void yaml_check_fields(loader *ld, ynode *map, const char *path, const char *const *allowed);
/* Number of items of a sequence (0 for anything else). */
size_t yaml_length(ynode *list);

#endif
