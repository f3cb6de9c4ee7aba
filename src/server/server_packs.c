/*
 * server_packs.c - which packs are loaded: the folders given (serve's
 * --packs, quiz's --pack), or else every folder under packs/ holding a
 * pack.yaml (in the working directory, falling back to the source tree's
 * packs/). The server loads them once at start and shares them read-only
 * with every worker thread; the quiz offers their complaints.
 */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server.h"
#include "server_packs.h"

/* One pack error as "symcheck PROGRAM: DIR/FILE:LINE: FIELD: MESSAGE",
   leaving out the parts that are not known. */
static void S_print_error(const char *program, const char *dir, const symcheck_error *e) {
  fprintf(stderr, "symcheck %s: %s/%s", program, dir, e->file);
  if (e->line > 0) {
    fprintf(stderr, ":%d", e->line);
  }
  fprintf(stderr, ": %s%s%s\n", e->field, e->field[0] != '\0' ? ": " : "", e->message);
}

static int S_load_one(srv_pack_set *set, const char *program, const char *dir) {
  DIR *folder = opendir(dir);
  if (folder == NULL) {
    fprintf(stderr, "symcheck %s: no pack folder %s; give a folder that holds a pack.yaml\n",
            program, dir);
    return -1;
  }
  closedir(folder);
  symcheck_diagnostics diagnostics = {0};
  symcheck_pack *pack = symcheck_pack_load(dir, &diagnostics);
  if (pack == NULL) {
    for (size_t i = 0; i < diagnostics.count; i++) {
      S_print_error(program, dir, &diagnostics.items[i]);
    }
    if (diagnostics.count == 0) {
      fprintf(stderr, "symcheck %s: cannot load the pack in %s\n", program, dir);
    }
    symcheck_diagnostics_free(&diagnostics);
    return -1;
  }
  const char *id = symcheck_pack_get_info(pack)->id;
  if (srv_pack_set_find(set, id) != NULL) {
    fprintf(stderr, "symcheck %s: two packs have the id \"%s\" (%s)\n", program, id, dir);
    symcheck_pack_free(pack);
    return -1;
  }
  symcheck_pack **grown = realloc(set->packs, (set->count + 1) * sizeof *grown);
  if (grown == NULL) {
    symcheck_pack_free(pack);
    return -1;
  }
  set->packs = grown;
  set->packs[set->count++] = pack;
  return 0;
}

static int S_compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every packs/<name>/pack.yaml under root, in name order. */
static int S_load_default(srv_pack_set *set, const char *program, const char *root) {
  DIR *d = opendir(root);
  if (d == NULL) {
    fprintf(stderr, "symcheck %s: cannot open %s to look for packs\n", program, root);
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
    fprintf(stderr, "symcheck %s: no folder under %s holds a pack.yaml\n", program, root);
  }
  qsort(names, n, sizeof names[0], S_compare);
  int status = n > 0 ? 0 : -1;
  for (size_t i = 0; i < n; i++) {
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/%s", root, names[i]);
    if (status == 0 && S_load_one(set, program, dir) != 0) {
      status = -1;
    }
    free(names[i]);
  }
  return status;
}

int srv_pack_set_load(srv_pack_set *set, const char *program, const char *const *dirs,
                      size_t dir_count) {
  set->count = 0;
  set->packs = NULL;
  int status = 0;
  for (size_t i = 0; i < dir_count && status == 0; i++) {
    status = S_load_one(set, program, dirs[i]);
  }
  if (dir_count == 0) {
    const char *root = access("packs", R_OK) == 0 ? "packs" : SYMCHECK_DATA_DIR "/packs";
    status = S_load_default(set, program, root);
  }
  if (status != 0) {
    srv_pack_set_free(set);
  }
  return status;
}

void srv_pack_set_free(srv_pack_set *set) {
  for (size_t i = 0; i < set->count; i++) {
    symcheck_pack_free(set->packs[i]);
  }
  free(set->packs);
  set->packs = NULL;
  set->count = 0;
}

const symcheck_pack *srv_pack_set_find(const srv_pack_set *set, const char *id) {
  for (size_t i = 0; i < set->count; i++) {
    if (strcmp(symcheck_pack_get_info(set->packs[i])->id, id) == 0) {
      return set->packs[i];
    }
  }
  return NULL;
}

int srv_packs_load(srv_server *s) {
  srv_pack_set set;
  if (srv_pack_set_load(&set, "serve", s->config.pack_dirs, s->config.pack_dir_count) != 0) {
    return -1;
  }
  s->packs = set.packs;
  s->pack_count = set.count;
  return 0;
}

void srv_packs_free(srv_server *s) {
  srv_pack_set set = {s->pack_count, s->packs};
  srv_pack_set_free(&set);
  s->packs = NULL;
  s->pack_count = 0;
}

const symcheck_pack *srv_pack_find(const srv_server *s, const char *id) {
  srv_pack_set set = {s->pack_count, s->packs};
  return srv_pack_set_find(&set, id);
}
