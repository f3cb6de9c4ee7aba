/*
 * yaml_tree.c - builds the compact tree of yaml_tree.h from libfyaml's
 * parser events: each node is added to a shared stack of children; when
 * a collection ends, its children are copied into the arena as one array.
 * When streaming a top-level list, each item is built in a scratch arena
 * and handed over as soon as it ends.
 */
#include "yaml_tree.h"

#include <libfyaml.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct S_builder {
  arena *a;
  ynode **stack; /* children of the open collections, in order */
  size_t length, capacity;
  size_t *starts; /* per open collection: where its children start */
  ynode **open;   /* per open collection: its node */
  int depth, max_depth;
  ynode *root;
  ytree_item_fn item; /* streaming: where each item of the root list goes */
  void *ctx;
  bool streaming;    /* the root is a list and items are handed over */
  arena scratch;     /* streaming: the item being built */
  arena *root_arena; /* streaming: where the root lives */
  ynode *chunk;      /* nodes are carved from arrays of S_CHUNK */
  size_t chunk_left;
  ytree_error *error;
} S_builder;

enum { S_CHUNK = 256 };

static void S_fail(S_builder *b, int line, const char *message) {
  if (b->error->message[0] == '\0') {
    b->error->line = line;
    snprintf(b->error->message, sizeof b->error->message, "%s", message);
  }
}

static int S_line(struct fy_token *token) {
  const struct fy_mark *mark = token != NULL ? fy_token_start_mark(token) : NULL;
  return mark != NULL ? mark->line + 1 : 0;
}

static bool S_push(S_builder *b, ynode *node) {
  if (b->depth == 0) {
    b->root = node;
    return true;
  }
  if (b->length == b->capacity) {
    size_t capacity = b->capacity == 0 ? 1024 : b->capacity * 2;
    ynode **bigger = realloc(b->stack, capacity * sizeof *bigger);
    if (bigger == NULL) {
      S_fail(b, 0, "out of memory");
      return false;
    }
    b->stack = bigger;
    b->capacity = capacity;
  }
  b->stack[b->length++] = node;
  return true;
}

static ynode *S_node(S_builder *b, ynode_type type, int line) {
  if (b->depth > b->max_depth) {
    char message[80];
    snprintf(message, sizeof message, "the YAML is nested more than %d levels deep", b->max_depth);
    S_fail(b, line, message);
    return NULL;
  }
  if (b->chunk_left == 0) {
    b->chunk = arena_calloc(b->a, S_CHUNK, sizeof *b->chunk);
    b->chunk_left = b->chunk != NULL ? S_CHUNK : 0;
  }
  if (b->chunk_left == 0) {
    S_fail(b, 0, "out of memory");
    return NULL;
  }
  ynode *node = b->chunk++;
  b->chunk_left--;
  node->type = (uint8_t)type;
  node->line = type == YNODE_SCALAR && line > 0 ? (uint32_t)line : 0;
  return S_push(b, node) ? node : NULL;
}

/* Streaming: hands the item just completed (the last child of the root)
   over, then forgets it and frees its memory. */
static void S_hand_over(S_builder *b) {
  if (!b->streaming || b->depth != 1) {
    return;
  }
  b->item(b->ctx, b->stack[--b->length]);
  arena_reset(&b->scratch);
  b->chunk_left = 0;
}

static bool S_scalar(S_builder *b, struct fy_token *token) {
  size_t length = 0;
  const char *text = fy_token_get_text(token, &length);
  ynode *node = S_node(b, YNODE_SCALAR, S_line(token));
  if (node == NULL) {
    return false;
  }
  char *copy = length < sizeof node->u.small ? node->u.small
               : length < UINT32_MAX         ? arena_alloc(b->a, length + 1)
                                             : NULL;
  if (copy == NULL) {
    S_fail(b, 0, "out of memory");
    return false;
  }
  if (length > 0) {
    memcpy(copy, text, length);
  }
  copy[length] = '\0';
  if (copy != node->u.small) {
    node->u.text = copy;
  }
  node->count = (uint32_t)length;
  node->plain = fy_token_scalar_style(token) == FYSS_PLAIN;
  S_hand_over(b);
  return true;
}

static bool S_open(S_builder *b, ynode_type type, int line) {
  ynode *node = S_node(b, type, line);
  if (node == NULL) {
    return false;
  }
  if (b->depth == 0 && b->item != NULL && type == YNODE_SEQUENCE) {
    b->streaming = true; /* items go to the scratch arena from here on */
    b->root_arena = b->a;
    b->a = &b->scratch;
    b->chunk_left = 0;
  }
  b->open[b->depth] = node;
  b->starts[b->depth] = b->length;
  b->depth++;
  return true;
}

static bool S_same_key(const ynode *x, const ynode *y) {
  return x->type == YNODE_SCALAR && y->type == YNODE_SCALAR && x->count == y->count &&
         memcmp(ynode_get_scalar(x, &(size_t){0}), ynode_get_scalar(y, &(size_t){0}), x->count) ==
             0;
}

/* The first key of the mapping's pairs that repeats an earlier one. */
static const ynode *S_duplicate(const ynode *map) {
  for (size_t j = 1; j < map->count; j++) {
    for (size_t i = 0; i < j; i++) {
      if (S_same_key(map->u.pairs[i].key, map->u.pairs[j].key)) {
        return map->u.pairs[j].key;
      }
    }
  }
  return NULL;
}

static bool S_close_collection(S_builder *b);

static bool S_close(S_builder *b) {
  if (!S_close_collection(b)) {
    return false;
  }
  S_hand_over(b);
  if (b->streaming && b->depth == 0) {
    b->a = b->root_arena; /* the root list ended */
  }
  return true;
}

static bool S_close_collection(S_builder *b) {
  b->depth--;
  ynode *node = b->open[b->depth];
  size_t start = b->starts[b->depth];
  size_t n = b->length - start;
  b->length = start;
  if (n > UINT32_MAX) {
    S_fail(b, 0, "the YAML has too many items in one collection");
    return false;
  }
  if (n == 0) {
    return true;
  }
  void *items = arena_calloc(b->a, n, sizeof(ynode *));
  if (items == NULL) {
    S_fail(b, 0, "out of memory");
    return false;
  }
  memcpy(items, b->stack + start, n * sizeof(ynode *));
  if (node->type == YNODE_SEQUENCE) {
    node->u.items = items;
    node->count = (uint32_t)n;
    return true;
  }
  node->u.pairs = items; /* key, value, key, value... is an array of pairs */
  node->count = (uint32_t)(n / 2);
  const ynode *duplicate = S_duplicate(node);
  if (duplicate != NULL) {
    S_fail(b, (int)duplicate->line, "YAML syntax: duplicate key");
    return false;
  }
  return true;
}

/* Handles one event; false when building must stop. */
static bool S_event(S_builder *b, struct fy_event *event) {
  switch (event->type) {
  case FYET_SCALAR:
    return S_scalar(b, event->scalar.value);
  case FYET_SEQUENCE_START:
    return S_open(b, YNODE_SEQUENCE, S_line(fy_event_get_token(event)));
  case FYET_MAPPING_START:
    return S_open(b, YNODE_MAPPING, S_line(fy_event_get_token(event)));
  case FYET_SEQUENCE_END:
  case FYET_MAPPING_END:
    return S_close(b);
  case FYET_ALIAS:
    S_fail(b, S_line(event->alias.anchor),
           "YAML aliases (*name) are not used in packs; write the value out");
    return false;
  case FYET_DOCUMENT_END:
    return false; /* only the first document counts */
  default:
    return true;
  }
}

static void S_report_syntax(S_builder *b, struct fy_diag *diag) {
  void *iter = NULL;
  struct fy_diag_error *e = fy_diag_errors_iterate(diag, &iter);
  if (e != NULL) {
    char message[160];
    snprintf(message, sizeof message, "YAML syntax: %s", e->msg);
    S_fail(b, e->line, message);
  }
}

ynode *ytree_parse(arena *a, const char *text, size_t length, int max_depth, ytree_error *error) {
  return ytree_parse_items(a, text, length, max_depth, error, NULL, NULL);
}

ynode *ytree_parse_items(arena *a, const char *text, size_t length, int max_depth,
                         ytree_error *error, ytree_item_fn item, void *ctx) {
  memset(error, 0, sizeof *error);
  S_builder b = {.a = a, .max_depth = max_depth, .error = error, .item = item, .ctx = ctx};
  b.starts = calloc((size_t)max_depth + 2, sizeof *b.starts);
  b.open = calloc((size_t)max_depth + 2, sizeof *b.open);
  struct fy_diag_cfg diag_cfg;
  fy_diag_cfg_default(&diag_cfg);
  diag_cfg.fp = NULL;
  diag_cfg.level = FYET_ERROR;
  struct fy_diag *diag = fy_diag_create(&diag_cfg);
  struct fy_parse_cfg cfg = {.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2, .diag = diag};
  struct fy_parser *parser = diag != NULL ? fy_parser_create(&cfg) : NULL;
  if (b.starts == NULL || b.open == NULL || parser == NULL) {
    S_fail(&b, 0, "out of memory");
  } else {
    fy_diag_set_collect_errors(diag, true);
    fy_parser_set_string(parser, text, length);
    struct fy_event *event;
    bool going = true;
    while (going && (event = fy_parser_parse(parser)) != NULL) {
      going = S_event(&b, event);
      fy_parser_event_free(parser, event);
    }
    if (fy_parser_get_stream_error(parser)) {
      S_report_syntax(&b, diag);
      S_fail(&b, 0, "the file is not valid YAML");
    }
  }
  if (b.root == NULL) {
    S_fail(&b, 0, "the file is empty or is not valid YAML");
  }
  fy_parser_destroy(parser);
  fy_diag_destroy(diag);
  free(b.stack);
  free(b.starts);
  free(b.open);
  arena_free(&b.scratch);
  return error->message[0] == '\0' ? b.root : NULL;
}

ynode_type ynode_get_type(const ynode *node) {
  return node != NULL ? (ynode_type)node->type : YNODE_SCALAR;
}

bool ynode_is_scalar(const ynode *node) {
  return node != NULL && node->type == YNODE_SCALAR;
}

bool ynode_is_sequence(const ynode *node) {
  return node != NULL && node->type == YNODE_SEQUENCE;
}

bool ynode_is_mapping(const ynode *node) {
  return node != NULL && node->type == YNODE_MAPPING;
}

const char *ynode_get_scalar(const ynode *node, size_t *length) {
  if (!ynode_is_scalar(node)) {
    return NULL;
  }
  *length = node->count;
  return node->count < sizeof node->u.small ? node->u.small : node->u.text;
}

/* The iterator holds the position of the next item, plus one. */
static size_t S_next(void **iter, size_t count) {
  size_t i = (size_t)(uintptr_t)*iter;
  if (i >= count) {
    return SIZE_MAX;
  }
  *iter = (void *)(uintptr_t)(i + 1);
  return i;
}

ynode *ynode_sequence_iterate(ynode *node, void **iter) {
  size_t i = ynode_is_sequence(node) ? S_next(iter, node->count) : SIZE_MAX;
  return i != SIZE_MAX ? node->u.items[i] : NULL;
}

ynode_pair *ynode_mapping_iterate(ynode *node, void **iter) {
  size_t i = ynode_is_mapping(node) ? S_next(iter, node->count) : SIZE_MAX;
  return i != SIZE_MAX ? &node->u.pairs[i] : NULL;
}

ynode *ynode_pair_key(const ynode_pair *pair) {
  return pair != NULL ? pair->key : NULL;
}

ynode *ynode_pair_value(const ynode_pair *pair) {
  return pair != NULL ? pair->value : NULL;
}

int ynode_sequence_item_count(const ynode *node) {
  return ynode_is_sequence(node) ? (int)node->count : -1;
}

int ynode_mapping_item_count(const ynode *node) {
  return ynode_is_mapping(node) ? (int)node->count : -1;
}
