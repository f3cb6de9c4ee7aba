/*
 * model.h - the pack compiled for inference: every finding turned into one
 * or more categorical variables over the hypotheses (the pack's
 * conditions, then "something else"), stored sparsely.
 *
 * A yes/no, single, duration, severity or number finding is one variable
 * whose values are its options. A multi finding is one binary variable per
 * option (value 0: chosen, 1: not chosen), since its options are independent
 * given the condition.
 *
 * Real knowledge is sparse: a condition lists a few dozen of a pack's
 * findings and leaves the rest at the finding's default ("not related").
 * So a variable keeps one background distribution, shared by every
 * hypothesis that does not list it ("something else" always takes it), and
 * only the hypotheses whose probabilities differ from it: the deviations.
 * Inference walks the deviations and treats everyone else as one block
 * (interview.c, question.c); memory and time grow with what the pack lists,
 * not with conditions x findings.
 */
#ifndef SYMCHECK_MODEL_H
#define SYMCHECK_MODEL_H

#include <stddef.h>

struct symcheck_pack;
struct symcheck_finding;

typedef struct model_variable {
  size_t finding; /* index of the finding it belongs to */
  size_t option;  /* multi: the option it stands for; else 0 */
  size_t values;  /* number of values (2 for a multi option) */
  /* The background: P(value | h) for every hypothesis not listed below. */
  double *background;        /* [value] */
  double *background_log;    /* [value]: natural log */
  double background_entropy; /* bits */
  /* The deviations, by ascending hypothesis; value-major, so that one
     value's pass over them is a contiguous read. */
  size_t listed;      /* how many hypotheses deviate */
  size_t *hypothesis; /* [i]: the i-th deviating hypothesis */
  double *p;          /* [value * listed + i] = P(value | hypothesis[i]) */
  double *log_ratio;  /* [value * listed + i] = log p - background_log[value] */
  double *entropy;    /* [i] = H(variable | hypothesis[i]), bits */
} model_variable;

/* The optional differential model of differential.yaml (differential.c):
   P(condition k is in the differential | answers). A finding's tokens are
   its options (for multi: "option chosen"), numbered from token_start. */
/* The table of entropy by log-odds: steps per unit, and the last |z| in it
   (beyond, the entropy is taken as 0: below 1e-11 bits). */
#define MODEL_ENTROPY_STEPS 32
#define MODEL_ENTROPY_MAX_Z 30

typedef struct model_differential {
  double keep;              /* k is kept when P(k in the differential) >= keep */
  double shown_floor;       /* a kept condition is shown at least this likely */
  double question_min_gain; /* bits: ask for the differential while a question gains
                               this much; 0: never */
  int question_limit;       /* ...and while fewer questions were asked in all */
  size_t tokens;
  size_t *token_start; /* per finding */
  double *base;        /* base[c * conditions + k]: log-odds when c is the diagnosis */
  double *age;         /* age[band * conditions + k]: added for the age band (0 if absent) */
  double *sex;         /* sex[sex * conditions + k]: added for the sex (0 if absent) */
  double *weight;      /* weight[token * conditions + k] */
  double *expected;    /* expected[token * conditions + c]: E[token | c] (built at load) */
  /* Built at load for choosing questions (differential_question.c): */
  size_t *nonzero_start;   /* per token, tokens + 1: its nonzero weights in nonzero_* */
  size_t *nonzero_k;       /* the condition of each nonzero weight */
  double *nonzero_w;       /* its weight */
  double *weight_norm;     /* per token: sum over k of |weight| */
  size_t *follow_up_start; /* per finding, findings + 1: its follow-ups in follow_ups */
  size_t *follow_ups;      /* finding indexes */
  /* For follow-up i (a position in follow_ups) under diagnosis c: */
  double *follow_up_effect;  /* [(i * conditions + c) * conditions + k]: sum over its
                                options o of weight[o][k] P(o | c) */
  double *follow_up_norm;    /* [i * conditions + c]: sum over k of |effect| */
  double *follow_up_allowed; /* [i * conditions + c]: E[its parent allows it | c] */
  double *entropy_table;     /* binary entropy (bits) at log-odds |z| = i / MODEL_ENTROPY_STEPS */
} model_differential;

typedef struct model {
  size_t hypotheses; /* condition_count + 1; the last is "something else" */
  size_t variable_count;
  model_variable *variables;
  size_t *first_variable;    /* per finding: index of its first variable */
  size_t *variable_count_of; /* per finding: how many variables it has */
  /* The deviations by condition: condition c deviates for the variables
     deviating_variable[deviating_start[c] .. deviating_start[c + 1]), at
     the matching deviating_position in each variable's list. */
  size_t *deviating_start; /* conditions + 1 */
  size_t *deviating_variable;
  size_t *deviating_position;
  /* Per variable, a slot of (values + 2) sums in question.c's block sums:
     sum_start[v] (variables + 1 entries; sum_start[variables] is the total). */
  size_t *sum_start;
  model_differential *differential; /* NULL when the pack has none */
} model;

/* P(value | hypothesis h) for variable v: its deviation, or the background.
   A binary search over v's deviations, or a direct index when every
   condition deviates (fitted packs such as DDXPlus list everything). */
double model_p(const model *m, const model_variable *v, size_t value, size_t h);

/* P(option o of f | hypothesis h) from the model's tables (for a multi
   finding: P(option o selected | h)). */
double differential_option_p(const model *m, const struct symcheck_finding *f, size_t o, size_t h);

/* Fills the expected value of every token under every condition from the
   model's tables, and the lists that make choosing questions cheap (in the
   pack's arena; differential_build.c). Call after the tables are built; a
   pack without a differential model is left alone. Returns 0, or -1 when
   out of memory. */
int differential_build(struct symcheck_pack *pack);

/* Builds pack->model from the loaded findings and conditions, in the pack's
   arena. Returns 0, or -1 when out of memory. */
int model_build(struct symcheck_pack *pack);

#endif
