/*
 * pack_internal.h - the private layout of a loaded pack, shared by the
 * loader (pack_load.c and its helpers), the model builder (model.c) and
 * the accessors (pack.c). Front ends never include this file.
 */
#ifndef SYMCHECK_PACK_INTERNAL_H
#define SYMCHECK_PACK_INTERNAL_H

#include "arena.h"
#include "model.h"
#include "symcheck.h"

struct symcheck_pack {
  arena arena; /* owns every string and array below */
  symcheck_pack_info info;
  size_t source_count;
  symcheck_source *sources;
  size_t finding_count;
  symcheck_finding *findings;  /* the universal screen's first */
  size_t screen_finding_count; /* findings from screen.yaml */
  size_t condition_count;
  symcheck_condition *conditions;
  size_t complaint_count;
  symcheck_complaint *complaints;
  size_t red_flag_count;
  symcheck_red_flag *red_flags;
  size_t compound_warnings; /* questions asking two things, allowed in a generated pack */
  size_t implication_count; /* options' implies, summed: 0 spares the engine deriving */
  model model;              /* the sparse model for inference (model.c) */
};

/* Fills c's top symptoms and always-present symptoms from its likelihoods
   (condition_summary.c). Returns 0, or -1 when out of memory. */
int condition_summarise(arena *a, symcheck_condition *c);

/* The finding whose id is within two edits of `id` (a likely typo), or
   NULL (pack.c). */
const symcheck_finding *pack_closest_finding(const symcheck_pack *pack, const char *id);

#endif
