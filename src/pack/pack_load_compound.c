/*
 * pack_load_compound.c - "one thing per question" (issue 11). A finding's
 * question or question_child that asks two things the person could answer
 * differently is an error, unless the finding says `compound_ok: true` with
 * a one-line `compound_note:` why. In a generated pack (pack.yaml
 * `generated: true`) such questions are counted as warnings instead, since
 * the fitter, not an author, words them.
 *
 * The test is a heuristic (docs/pack-format.md): more than one "?", or,
 * outside brackets, ", and " or " and " followed by a verb that starts a
 * second clause (" and does", " and is", " and have" ...).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "pack_load.h"

/* Verbs that, right after " and ", start a second question. */
static const char *const S_VERBS[] = {"am",    "is",     "are",  "was",   "were", "do",    "does",
                                      "did",   "has",    "have", "had",   "can",  "could", "will",
                                      "would", "should", "may",  "might", "must", NULL};

static bool S_starts_verb(const char *word) {
  for (size_t i = 0; S_VERBS[i] != NULL; i++) {
    size_t n = strlen(S_VERBS[i]);
    bool same = true;
    for (size_t k = 0; k < n && same; k++) {
      same = tolower((unsigned char)word[k]) == S_VERBS[i][k];
    }
    if (same && !isalpha((unsigned char)word[n])) {
      return true;
    }
  }
  return false;
}

/* Why `text` asks two things, written into why[size]; false when it asks one. */
static bool S_compound(const char *text, char *why, size_t size) {
  size_t marks = 0;
  for (const char *s = text; *s != '\0'; s++) {
    marks += *s == '?';
  }
  if (marks > 1) {
    snprintf(why, size, "has %zu question marks", marks);
    return true;
  }
  int depth = 0;
  for (const char *s = text; *s != '\0'; s++) {
    depth += (*s == '(' || *s == '[') - (*s == ')' || *s == ']');
    if (depth > 0) {
      continue;
    }
    if (strncmp(s, ", and ", 6) == 0) {
      snprintf(why, size, "joins two questions with \", and\"");
      return true;
    }
    if (strncmp(s, " and ", 5) == 0 && S_starts_verb(s + 5)) {
      const char *end = s + 5;
      while (isalpha((unsigned char)*end)) {
        end++;
      }
      snprintf(why, size, "joins two questions with \"and %.*s\"", (int)(end - (s + 5)), s + 5);
      return true;
    }
  }
  return false;
}

/* Reports (or, in a generated pack, counts) one compound text of f. */
static void S_check_text(loader *ld, ynode *item, const char *path, const char *key,
                         const char *text) {
  char why[64];
  if (text == NULL || !S_compound(text, why, sizeof why)) {
    return;
  }
  if (ld->pack->info.generated) {
    ld->pack->compound_warnings++;
    return;
  }
  char field[128];
  yaml_path_key(field, sizeof field, path, key);
  loader_error(ld, yaml_key_line(item, key), field,
               "asks more than one thing (it %s); split it into two findings, or mark "
               "compound_ok: true with compound_note",
               why);
}

/* `compound_ok: true` needs `compound_note:`, and the note needs the flag. */
static bool S_read_compound_ok(loader *ld, ynode *item, const char *path) {
  char field[128];
  bool allowed = yaml_read_flag(ld, item, path, "compound_ok", false,
                                " (true: the question asks two things on purpose)");
  const char *note = yaml_read_text(ld, item, path, "compound_note", false);
  if (allowed && (note == NULL || note[0] == '\0')) {
    yaml_path_key(field, sizeof field, path, "compound_ok");
    loader_error(ld, yaml_key_line(item, "compound_ok"), field,
                 "needs a one-line compound_note: saying why the question asks two things");
  } else if (!allowed && note != NULL) {
    yaml_path_key(field, sizeof field, path, "compound_note");
    loader_error(ld, yaml_key_line(item, "compound_note"), field,
                 "is only read with compound_ok: true; add it or remove the note");
  }
  return allowed;
}

void loader_check_compound(loader *ld, const symcheck_finding *f, ynode *item, const char *path) {
  if (S_read_compound_ok(ld, item, path)) {
    return;
  }
  S_check_text(ld, item, path, "question", f->question);
  S_check_text(ld, item, path, "question_child", f->question_child);
}
