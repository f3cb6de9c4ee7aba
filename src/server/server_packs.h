/*
 * server_packs.h - a set of loaded packs: the folders named, or else every
 * folder under packs/ holding a pack.yaml. `symcheck serve` loads its packs
 * with it, and so does `symcheck quiz`; it knows nothing of HTTP.
 */
#ifndef SYMCHECK_SERVER_PACKS_H
#define SYMCHECK_SERVER_PACKS_H

#include <stddef.h>

#include "symcheck.h"

/* Packs in load order; own the packs and the array. */
typedef struct srv_pack_set {
  size_t count;
  symcheck_pack **packs;
} srv_pack_set;

/*
 * Loads the packs in the `dir_count` folders `dirs` (as given), or with
 * none every packs/<name>/pack.yaml in name order (packs/ of the working
 * folder, else of SYMCHECK_DATA_DIR). Two packs with one id are refused.
 * Returns 0 with *set filled (free with srv_pack_set_free), or -1 after
 * printing each error as "symcheck PROGRAM: ..." to stderr; then *set is
 * empty.
 */
int srv_pack_set_load(srv_pack_set *set, const char *program, const char *const *dirs,
                      size_t dir_count);
/* Frees the packs and empties the set. An empty set is a no-op. */
void srv_pack_set_free(srv_pack_set *set);
/* The loaded pack with that id, or NULL; borrowed from the set. */
const symcheck_pack *srv_pack_set_find(const srv_pack_set *set, const char *id);

#endif /* SYMCHECK_SERVER_PACKS_H */
