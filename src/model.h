/*
 * model.h - the pack compiled for inference: every finding turned into one
 * or more categorical variables with dense probability tables over the
 * hypotheses (the pack's conditions, then "something else").
 *
 * A yes/no, single, duration, severity or number finding is one variable
 * whose values are its options. A multi finding is one binary variable per
 * option (value 0: chosen, 1: not chosen), since its options are independent
 * given the condition. Tables are value-major so that one pass over a
 * variable's hypotheses is a contiguous read.
 */
#ifndef SYMCHECK_MODEL_H
#define SYMCHECK_MODEL_H

#include <stddef.h>

struct symcheck_pack;

typedef struct model_variable {
  size_t finding;  /* index of the finding it belongs to */
  size_t option;   /* multi: the option it stands for; else 0 */
  size_t values;   /* number of values (2 for a multi option) */
  double *p;       /* p[value * hypotheses + h] = P(value | h) */
  double *log_p;   /* natural log of p */
  double *entropy; /* entropy[h] = H(variable | h), bits */
} model_variable;

/* The optional differential model of differential.yaml (differential.c):
   P(condition k is in the differential | answers). A finding's tokens are
   its options (for multi: "option chosen"), numbered from token_start. */
typedef struct model_differential {
  double keep;        /* k is kept when P(k in the differential) >= keep */
  double shown_floor; /* a kept condition is shown at least this likely */
  size_t tokens;
  size_t *token_start; /* per finding */
  double *base;        /* base[c * conditions + k]: log-odds when c is the diagnosis */
  double *weight;      /* weight[token * conditions + k] */
  double *expected;    /* expected[token * conditions + c]: E[token | c] (built at load) */
} model_differential;

typedef struct model {
  size_t hypotheses; /* condition_count + 1; the last is "something else" */
  size_t variable_count;
  model_variable *variables;
  size_t *first_variable;           /* per finding: index of its first variable */
  size_t *variable_count_of;        /* per finding: how many variables it has */
  model_differential *differential; /* NULL when the pack has none */
} model;

/* Builds pack->model from the loaded findings and conditions, in the pack's
   arena. Returns 0, or -1 when out of memory. */
int model_build(struct symcheck_pack *pack);

#endif
