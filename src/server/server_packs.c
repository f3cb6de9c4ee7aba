/*
 * server_packs.c - which packs the server loads: the folders given with
 * --packs, or else every folder under packs/ holding a pack.yaml (in the
 * working directory, falling back to the source tree's packs/). Packs are
 * loaded once at start and shared read-only by every worker thread.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"

static int S_load_one(srv_server *s, const char *dir) {
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &diagnostics);
  if (pack == NULL) {
    for (size_t i = 0; i < diagnostics.count; i++) {
      const symcheck_error *e = &diagnostics.items[i];
      fprintf(stderr, "symcheck serve: %s/%s:%d: %s%s%s\n", dir, e->file, e->line, e->field,
              e->field[0] != '\0' ? ": " : "", e->message);
    }
    if (diagnostics.count == 0) {
      fprintf(stderr, "symcheck serve: cannot load the pack in %s\n", dir);
    }
    symcheck_diagnostics_free(&diagnostics);
    return -1;
  }
  const char *id = symcheck_pack_get_info(pack)->id;
  if (srv_pack_find(s, id) != NULL) {
    fprintf(stderr, "symcheck serve: two packs have the id \"%s\" (%s)\n", id, dir);
    symcheck_pack_free(pack);
    return -1;
  }
  symcheck_pack **grown = realloc(s->packs, (s->pack_count + 1) * sizeof *grown);
  if (grown == NULL) {
    symcheck_pack_free(pack);
    return -1;
  }
  s->packs = grown;
  s->packs[s->pack_count++] = pack;
  return 0;
}

static int S_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every packs/<name>/pack.yaml under root, in name order. */
static int S_load_default(srv_server *s, const char *root) {
  DIR *d = opendir(root);
  if (d == NULL) {
    fprintf(stderr, "symcheck serve: cannot open %s to look for packs\n", root);
    return -1;
  }
  char *names[256];
  size_t n = 0;
  struct dirent *entry;
  while ((entry = readdir(d)) != NULL && n < sizeof names / sizeof names[0]) {
    char probe[1024];
    snprintf(probe, sizeof probe, "%s/%s/pack.yaml", root, entry->d_name);
    if (entry->d_name[0] != '.' && access(probe, R_OK) == 0) {
      names[n++] = strdup(entry->d_name);
    }
  }
  closedir(d);
  if (n == 0) {
    fprintf(stderr, "symcheck serve: no folder under %s holds a pack.yaml\n", root);
  }
  qsort(names, n, sizeof names[0], S_compare);
  int status = n > 0 ? 0 : -1;
  for (size_t i = 0; i < n; i++) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", root, names[i]);
    if (status == 0 && S_load_one(s, dir) != 0) {
      status = -1;
    }
    free(names[i]);
  }
  return status;
}

int srv_packs_load(srv_server *s) {
  const srv_config *c = &s->config;
  for (size_t i = 0; i < c->pack_dir_count; i++) {
    if (S_load_one(s, c->pack_dirs[i]) != 0) {
      return -1;
    }
  }
  if (c->pack_dir_count > 0) {
    return 0;
  }
  const char *root = access("packs", R_OK) == 0 ? "packs" : SYMCHECK_DATA_DIR "/packs";
  return S_load_default(s, root);
}

void srv_packs_free(srv_server *s) {
  for (size_t i = 0; i < s->pack_count; i++) {
    symcheck_pack_free(s->packs[i]);
  }
  free(s->packs);
  s->packs = NULL;
  s->pack_count = 0;
}

const symcheck_pack *srv_pack_find(const srv_server *s, const char *id) {
  for (size_t i = 0; i < s->pack_count; i++) {
    if (strcmp(symcheck_pack_get_info(s->packs[i])->id, id) == 0) {
      return s->packs[i];
    }
  }
  return NULL;
}
