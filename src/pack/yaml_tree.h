/*
 * yaml_tree.h - a compact, read-only YAML tree for the pack loader, built
 * from libfyaml's event stream.
 *
 * libfyaml's own document tree keeps every token and costs about 60 times
 * the size of the text (1.3 GB for a 20 MB conditions.yaml); this tree
 * keeps only what the readers use: each node's kind, its line, and for a
 * scalar its text (short ones inside the node) and whether it was written
 * plain. Everything lives in one arena, freed with it. Aliases, duplicate keys and nesting deeper
 * than the given limit are refused while building.
 */
#ifndef SYMCHECK_YAML_TREE_H
#define SYMCHECK_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

typedef enum ynode_type { YNODE_SCALAR, YNODE_SEQUENCE, YNODE_MAPPING } ynode_type;

typedef struct ynode ynode;
typedef struct ynode_pair {
  ynode *key, *value;
} ynode_pair;

struct ynode {
  uint32_t line;  /* 1-based line of a scalar; 0 for a collection */
  uint32_t count; /* scalar: text length; sequence: items; mapping: pairs */
  uint8_t type;   /* ynode_type */
  bool plain;     /* a scalar written without quotes or block style */
  union {
    char small[8];    /* scalar shorter than 8 bytes, NUL-terminated */
    const char *text; /* longer scalar, NUL-terminated */
    ynode **items;    /* sequence */
    ynode_pair *pairs;
  } u;
};

/* Why building failed: the line and a message (for the loader's error). */
typedef struct ytree_error {
  int line;
  char message[160];
} ytree_error;

/* Parses `text` (length bytes) into a tree in `a`. Returns the root, or
   NULL with *error set: a YAML syntax error (the first libfyaml reports),
   an empty document, an alias, a duplicate key or nesting deeper than
   max_depth. The tree does not point into `text`. */
ynode *ytree_parse(arena *a, const char *text, size_t length, int max_depth, ytree_error *error);

/* Receives one item of a streamed top-level list (see ytree_parse_items):
   the item lives until the call returns. */
typedef void (*ytree_item_fn)(void *ctx, ynode *item);

/* As ytree_parse, but when the root is a list, each of its items is built
   in a scratch arena, handed to `item` as soon as it is complete and then
   freed, so memory holds one item at a time; the root returned is then an
   empty list. Another root is built whole (for the caller to reject).
   After a syntax error items before it have been handed over already. */
ynode *ytree_parse_items(arena *a, const char *text, size_t length, int max_depth,
                         ytree_error *error, ytree_item_fn item, void *ctx);

/* The accessors mirror libfyaml's fy_node_* ones: NULL-safe, and an
   iterator starts as a NULL void pointer. */
ynode_type ynode_get_type(const ynode *node);
bool ynode_is_scalar(const ynode *node);
bool ynode_is_sequence(const ynode *node);
bool ynode_is_mapping(const ynode *node);
/* A scalar's text and length; NULL for anything else. */
const char *ynode_get_scalar(const ynode *node, size_t *length);
ynode *ynode_sequence_iterate(ynode *node, void **iter);
ynode_pair *ynode_mapping_iterate(ynode *node, void **iter);
ynode *ynode_pair_key(const ynode_pair *pair);
ynode *ynode_pair_value(const ynode_pair *pair);
/* Items of a sequence / pairs of a mapping; -1 for anything else. */
int ynode_sequence_item_count(const ynode *node);
int ynode_mapping_item_count(const ynode *node);

#endif
