/*
 * pack_load_paths.c - a pack refers to nothing outside its own folder: no
 * YAML file or article may name a path that climbs out of it ("../") or
 * an absolute path on the author's machine ("/home/...", "C:\..."), in
 * its values or its comments, since a reader of the pack cannot open them.
 * Web addresses (with "://") and site links in articles are fine. An
 * article cites its pack's sources as `[@KEY]`; each must be a source of
 * the pack.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pack_load.h"

/* True when text[i] starts an absolute file path: "/" after the start, a
   space, a quote or "(", then a letter, and another "/" before the next
   space (so "and/or", "24/7" and "https://" are not). */
static bool S_absolute_at(const char *text, size_t i) {
  char before = i > 0 ? text[i - 1] : ' ';
  if (text[i] != '/' || !(before == ' ' || before == '"' || before == '\'' || before == '(' ||
                          before == '`' || before == '\t')) {
    return false;
  }
  char next = text[i + 1];
  if (!((next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))) {
    return false;
  }
  for (size_t j = i + 1; text[j] != '\0' && text[j] != ' ' && text[j] != '\n'; j++) {
    if (text[j] == '/') {
      return true;
    }
  }
  return false;
}

/* Reports the first path outside the pack on each line of `text`.
   `absolute`: also look for absolute paths (not in articles, whose site
   links start with "/"). */
static void S_scan(loader *ld, const char *name, const char *text, bool absolute) {
  const char *file = ld->file;
  ld->file = name;
  int line = 1;
  bool reported = false;
  for (size_t i = 0; text[i] != '\0'; i++) {
    if (text[i] == '\n') {
      line++;
      reported = false;
      continue;
    }
    bool up = text[i] == '.' && text[i + 1] == '.' && (text[i + 2] == '/' || text[i + 2] == '\\');
    if (!reported && (up || (absolute && S_absolute_at(text, i)))) {
      size_t n = strcspn(text + i, " \n\"')`");
      loader_error(ld, line, "",
                   "names \"%.*s\", a path outside the pack; a pack refers only to its own "
                   "files: cite the source's URL instead or drop the path",
                   (int)(n < 80 ? n : 80), text + i);
      reported = true;
    }
  }
  ld->file = file;
}

/* Reports each `[@KEY]` of an article that is not a source of the pack. */
static void S_check_citations(loader *ld, const char *name, const char *text) {
  const char *file = ld->file;
  ld->file = name;
  int line = 1;
  const char *counted = text;
  for (const char *at = text; (at = strstr(at, "[@")) != NULL; at += 2) {
    for (; counted < at; counted++) {
      line += *counted == '\n';
    }
    const char *end = strchr(at, ']');
    size_t n = end != NULL ? (size_t)(end - at - 2) : 0;
    char key[128];
    size_t ignored = 0;
    snprintf(key, sizeof key, "%.*s", (int)(n < sizeof key ? n : sizeof key - 1), at + 2);
    if (end == NULL || !id_map_get(&ld->sources, key, &ignored)) {
      loader_error(ld, line, "",
                   "cites [@%s], which is not a source of the pack; add it to sources.yaml or "
                   "fix the key",
                   key);
    }
  }
  ld->file = file;
}

void loader_check_paths(loader *ld, const char *dir, const char *const *files, size_t count) {
  for (size_t i = 0; i < count; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    size_t length = 0;
    char *text = yaml_slurp(path, &length);
    if (text != NULL) {
      S_scan(ld, files[i], text, true);
      free(text);
    }
  }
  const symcheck_pack *pack = ld->pack;
  for (size_t i = 0; i < pack->complaint_count; i++) {
    const symcheck_complaint *c = &pack->complaints[i];
    if (c->article != NULL && c->article_path != NULL) {
      S_scan(ld, c->article_path, c->article, false);
      S_check_citations(ld, c->article_path, c->article);
    }
  }
}
