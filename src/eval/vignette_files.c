/*
 * vignette_files.c - finds the vignette files of an evaluation: the *.yaml
 * files of a folder and of its sub-folders (not hidden ones), in path
 * order, each tagged with its set: the folder's path below the top one, or
 * the top folder's own name for its own files.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "evaluate_internal.h"

void eval_files_free(eval_files *l) {
  for (size_t i = 0; i < l->count; i++) {
    free(l->path[i]);
    free(l->set[i]);
  }
  free(l->path);
  free(l->set);
}

static void S_files_add(eval_files *l, const char *path, const char *set) {
  if (l->count == l->capacity) {
    size_t capacity = l->capacity > 0 ? 2 * l->capacity : 64;
    char **paths = realloc(l->path, capacity * sizeof *paths);
    l->path = paths != NULL ? paths : l->path;
    char **sets = paths != NULL ? realloc(l->set, capacity * sizeof *sets) : NULL;
    l->set = sets != NULL ? sets : l->set;
    if (sets == NULL) {
      l->failed = true;
      return;
    }
    l->capacity = capacity;
  }
  l->path[l->count] = strdup(path);
  l->set[l->count] = strdup(set);
  if (l->path[l->count] == NULL || l->set[l->count] == NULL) {
    free(l->path[l->count]);
    free(l->set[l->count]);
    l->failed = true;
    return;
  }
  l->count++;
}

static int S_compare(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool S_is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The sorted entries of dir: *.yaml files, or sub-folders (not hidden). */
static size_t S_entries(DIR *d, const char *dir, bool folders, char ***out) {
  size_t n = 0, capacity = 0;
  char **names = NULL;
  struct dirent *entry;
  rewinddir(d);
  while ((entry = readdir(d)) != NULL) {
    size_t len = strlen(entry->d_name);
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, entry->d_name);
    bool yaml = len > 5 && strcmp(entry->d_name + len - 5, ".yaml") == 0;
    bool keep = folders ? entry->d_name[0] != '.' && S_is_dir(path) : yaml && !S_is_dir(path);
    if (!keep) {
      continue;
    }
    if (n == capacity) {
      capacity = capacity > 0 ? 2 * capacity : 32;
      char **grown = realloc(names, capacity * sizeof *names);
      if (grown == NULL) {
        break;
      }
      names = grown;
    }
    if ((names[n] = strdup(path)) != NULL) {
      n++;
    }
  }
  if (names != NULL) {
    qsort(names, n, sizeof *names, S_compare);
  }
  *out = names;
  return n;
}

/* Adds the vignettes of dir (set `set`), then of each sub-folder in path
   order when `depth` allows. */
static void S_walk(eval_files *l, const char *dir, const char *set, const char *rel, int depth) {
  DIR *d = opendir(dir);
  if (d == NULL) {
    return;
  }
  char **names = NULL;
  size_t n = S_entries(d, dir, false, &names);
  for (size_t i = 0; i < n; i++) {
    S_files_add(l, names[i], set);
    free(names[i]);
  }
  free(names);
  names = NULL;
  n = depth > 0 ? S_entries(d, dir, true, &names) : 0;
  closedir(d);
  for (size_t i = 0; i < n; i++) {
    const char *base = strrchr(names[i], '/') + 1;
    char sub[1024];
    snprintf(sub, sizeof sub, "%s%s%s", rel, rel[0] != '\0' ? "/" : "", base);
    S_walk(l, names[i], sub, sub, depth - 1);
    free(names[i]);
  }
  free(names);
}

void eval_files_top_name(const char *dir, char *out, size_t size) {
  size_t len = strlen(dir);
  while (len > 1 && dir[len - 1] == '/') {
    len--;
  }
  size_t start = len;
  while (start > 0 && dir[start - 1] != '/') {
    start--;
  }
  snprintf(out, size, "%.*s", (int)(len - start), dir + start);
}

void eval_files_walk(eval_files *files, const char *dir, const char *top, int depth) {
  S_walk(files, dir, top, "", depth);
}
