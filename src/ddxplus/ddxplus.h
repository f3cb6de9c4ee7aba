/*
 * ddxplus.h - the private layout of the DDXPlus data set, shared by the
 * files that read it (ddxplus_data.c, ddxplus_csv.c), fit and write a pack
 * from it (ddxplus_fit.c, ddxplus_write.c) and replay its patients
 * (evaluate.c).
 *
 * Every evidence becomes one finding of the pack. Values are indexed the way
 * the pack's options are: a binary evidence (and a categorical one whose
 * values are just N and Y) is yes/no with yes = 0 and no = 1; a categorical
 * one keeps its possible values in file order; a multi-choice one keeps its
 * possible values minus the default, which means "none chosen".
 */
#ifndef SYMCHECK_DDXPLUS_H
#define SYMCHECK_DDXPLUS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "symcheck_eval.h"

typedef enum ddx_kind { DDX_YES_NO = 0, DDX_SINGLE, DDX_MULTI } ddx_kind;

typedef struct ddx_value {
  char *code;        /* "V_86", or "5" for a numeric scale */
  char *id;          /* the pack option id, unique within the evidence */
  char *en;          /* label in English */
  char *fr;          /* label in French */
  const char *sex;   /* "female" or "male" for a body site of one sex; else NULL */
  const char *child; /* English label for ages 0-11 with "{child}" (the
                        overlay's label_child), or NULL */
} ddx_value;

typedef struct ddx_evidence {
  char *code; /* "E_91" */
  char *id;   /* the pack finding id: "e_91" */
  char *question_en;
  char *question_fr;
  bool antecedent;
  bool numeric;     /* a 0-10 scale */
  const char *low;  /* a scale's words at 0 and at 10 (English, French); NULL when */
  const char *high; /* the overlay gives none */
  const char *low_fr, *high_fr;
  ddx_kind kind;
  size_t value_count;
  ddx_value *values;    /* yes/no: none (the options are fixed) */
  size_t default_value; /* single: index of the default; yes/no: 1 (no) */
  char *yes_code;       /* a categorical N/Y evidence: the code of Y; else NULL */
  long parent;          /* index of the evidence it follows (answered yes), or -1 */
  size_t slot;          /* multi: first flag in a patient's `selected` */
} ddx_evidence;

typedef struct ddx_condition {
  char *name; /* the key in release_conditions.json */
  char *name_fr;
  char *id; /* the pack condition id */
  char *icd10;
  int severity; /* 1 (most severe) .. 5 */
  bool *listed; /* per evidence: the condition file lists it */
} ddx_condition;

typedef struct ddx_patient {
  int age;
  symcheck_sex sex;
  size_t pathology;  /* condition index */
  size_t initial;    /* evidence index */
  uint8_t *choice;   /* per evidence: option index (yes/no and single) */
  uint8_t *selected; /* per multi slot: 1 when chosen */
  bool *positive;    /* per evidence: differs from its default */
  size_t differential_count;
  size_t *differential; /* condition indexes with probability >= 0.01 */
} ddx_patient;

struct symcheck_ddxplus {
  size_t evidence_count;
  ddx_evidence *evidences;
  size_t condition_count;
  ddx_condition *conditions;
  size_t slot_count; /* multi flags per patient */
  size_t patient_count, patient_capacity;
  ddx_patient *patients;
  size_t *rank_in_pathology; /* per patient: its order among its pathology */
  /* A lay view (ddx_view_new): the evidences and patients of `base` with the
     overlay's lay options and corrected English; it owns its evidences,
     patients' answer arrays and `strings`, and shares the rest with base. */
  const struct symcheck_ddxplus *base;
  arena strings;
};

/* Age bands of the fitted pack. */
#define DDX_BAND_COUNT 7
extern const symcheck_age_band ddx_bands[DDX_BAND_COUNT];
/* The index of the band of an age (ddxplus_fit.c). */
size_t ddx_band(int age);

/* A fitted model, ready to be written as a pack. Tables are per evidence:
   p[e][c * options + v] for condition c, with one more row (c ==
   condition_count) for the default, which is the pool of every patient. */
typedef struct ddx_fit {
  size_t condition_count, evidence_count;
  double *prior;            /* per condition: relative weight */
  double *age_factor;       /* condition * DDX_BAND_COUNT + band */
  double *sex_factor;       /* condition * 2 + sex */
  size_t *options;          /* per evidence: table width (yes/no: 2) */
  double **p;               /* per evidence: (condition_count + 1) * options */
  symcheck_level *red_flag; /* per evidence: level, or -1 when none */
  long *red_flag_condition; /* per evidence: the severe condition behind it */
  size_t patients;          /* how many patients it was fitted on */
} ddx_fit;

/* Fits the model on the patients outside the options' excluded fold.
   Returns it (free with ddx_fit_free) or NULL when out of memory or when
   no patient is left (err says which). */
ddx_fit *ddx_fit_new(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                     symcheck_error *err);
void ddx_fit_free(ddx_fit *fit);

/* Fits the differential model on the patients outside the options'
   excluded fold and writes it to dir/differential.yaml
   (ddxplus_differential.c). Returns 0, or -1 with err saying what failed
   (out of memory, an unwritable file). */
int ddx_write_differential(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                           const ddx_fit *fit, const char *dir, symcheck_error *err);

/* Index of an evidence by code ("E_91"), or -1. */
long ddx_find_evidence(const symcheck_ddxplus *data, const char *code);
/* Index of a condition by its name in the files, or -1. */
long ddx_find_condition(const symcheck_ddxplus *data, const char *name);
/* Index of a value by code within an evidence (single and multi), or -1. */
long ddx_find_value(const ddx_evidence *evidence, const char *code);
/* The option index of the evidence's default value (yes/no: 1 = no). */
size_t ddx_default_choice(const ddx_evidence *evidence);
/* Frees one patient's arrays. */
void ddx_patient_clear(ddx_patient *patient);
/* Writes a lower-case identifier ([a-z0-9_], separator sep) made from text,
   transliterating common accented letters; truncated to size. */
void ddx_slug(const char *text, char sep, char *out, size_t size);

/* True for an evidence the pack offers as a complaint: a yes/no root
   symptom with no options (a DDXPlus patient's possible initial evidence). */
bool ddx_is_complaint(const ddx_evidence *ev);

/* SHA-256 of a file's bytes as 64 hex digits. Returns 0, or -1 when the
   file cannot be read. */
int ddx_sha256_file(const char *path, char hex[65]);

/* ---- The clinical overlay (clinical.yaml, ddxplus_clinical.c) ----------- */

/* A source the overlay cites, written into the pack's sources. */
typedef struct ddx_clinical_source {
  const char *key, *title, *url, *grade;
  const char *authors, *year;                   /* required */
  const char *journal, *publisher, *doi, *pmid; /* NULL when not given */
} ddx_clinical_source;

/* One lay option of a finding: the data set's values it stands for (a body
   site people name, or a range of a 0-10 scale). */
typedef struct ddx_clinical_group {
  const char *id, *label, *label_fr;
  const char *label_child; /* English label for ages 0-11 with "{child}", or NULL */
  const char *sex;         /* "female", "male" or NULL */
  int line;                /* of its `values` in the overlay */
  size_t value_count;
  const char **values; /* option ids of the data set (e.g. "iliac_wing_r", "level_3") */
} ddx_clinical_group;

/* What the overlay says about one evidence's answers. */
typedef struct ddx_clinical_answers {
  size_t group_count; /* 0: the data set's own values */
  const ddx_clinical_group *groups;
  const char *low, *high, *low_fr, *high_fr; /* a kept 0-10 scale's end words, or NULL */
} ddx_clinical_answers;

/* A typo of the data set's English and its correction. */
typedef struct ddx_correction {
  const char *from, *to;
} ddx_correction;

/* A complaint's defining features (`ask_first`), cited. */
typedef struct ddx_ask_first {
  size_t count;                      /* 0: none */
  const char **findings;             /* finding ids, asked first in order */
  const char *source, *where, *note; /* its citation, or an estimate's note */
} ddx_ask_first;

/* A complaint the overlay adds beyond the data set's root symptoms. */
typedef struct ddx_clinical_extra {
  const char *id, *name, *name_fr, *group, *article;
  size_t synonym_count, synonym_fr_count;
  const char **synonyms, **synonyms_fr;
  size_t given_count;
  const char **given_findings, **given_answers; /* finding ids, answer ids (lay) */
  ddx_ask_first ask_first;
} ddx_clinical_extra;

/* A likelihood the overlay sets in place of the fitted one: P(yes) of a
   yes/no evidence the data set's pathology does not list (which the fit
   leaves at its floor), cited or an estimate. */
typedef struct ddx_clinical_likelihood {
  const char *finding;      /* a yes/no evidence id */
  double p;                 /* P(yes | the pathology), in (0, 1) */
  const char *source;       /* a key of the overlay's sources; NULL for an estimate */
  const char *where, *note; /* place in the source; an estimate's reasoning */
} ddx_clinical_likelihood;

/* What a clinician set for one pathology. */
typedef struct ddx_clinical_condition {
  symcheck_level urgency;
  const char *source; /* a key of the overlay's sources; NULL for an estimate */
  const char *where;  /* page or section of the source; NULL when not given */
  const char *note;   /* an estimate's reasoning; NULL when cited */
  const char *icd10;  /* one ICD-10 code, validated */
  const char *snomed; /* a SNOMED CT concept id, check digit validated; NULL when not given */
  const char *name;   /* plain-language English name; NULL keeps the data set's */
  size_t likelihood_count;
  ddx_clinical_likelihood *likelihoods; /* set in place of the fitted ones */
} ddx_clinical_condition;

/* Who one evidence applies to, and its question for a child. */
typedef struct ddx_clinical_finding {
  int min_age, max_age;       /* inclusive years; min_age -1 when not limited */
  const char *sex;            /* "female", "male" or NULL */
  const char *question_child; /* hand-written; NULL lets the rewrite decide */
  size_t exclude_count;
  const char **excludes; /* yes/no finding ids its "yes" answers "no" (pack `excludes`) */
} ddx_clinical_finding;

/* The lay wording of one complaint (set only for complaint evidences). */
typedef struct ddx_clinical_complaint {
  const char *name;    /* lay English name; NULL when the overlay has none */
  const char *group;   /* body area, English */
  const char *article; /* articles/x.md of the English pack, or NULL */
  size_t synonym_count, synonym_fr_count;
  const char **synonyms, **synonyms_fr; /* English / French lay synonyms */
  ddx_ask_first ask_first;              /* the features a clinician asks first */
  bool unlisted; /* `listed: false`: a curated English pack covers the symptom; the
                    English pack keeps it off lists and search (reachable by id) */
} ddx_clinical_complaint;

/* One text rewrite of the generic child-question rule. */
typedef struct ddx_rewrite {
  const char *from, *to;
} ddx_rewrite;

/* A red flag a cited source gives (clinical.yaml `red_flags`), written into
   red_flags.yaml after the fitted ones; its finding is asked in the screen
   of the complaints it names. */
typedef struct ddx_clinical_flag {
  const char *finding, *answer;           /* evidence id, (lay) answer id */
  const char *also_finding, *also_answer; /* a second finding that must hold, or NULL */
  int min_age, max_age;                   /* inclusive years; -1 when not given */
  symcheck_level level;
  const char *message, *message_fr; /* why it matters, English and French */
  const char *source, *where;       /* a key of the overlay's sources, and the place in it */
  size_t ask_in_count;
  const char **ask_in; /* complaint ids whose screen asks the finding */
} ddx_clinical_flag;

typedef struct ddx_clinical {
  arena arena; /* owns every string and array below */
  size_t source_count;
  ddx_clinical_source *sources;
  ddx_clinical_condition *conditions; /* per data condition */
  ddx_clinical_finding *findings;     /* per evidence */
  ddx_clinical_complaint *complaints; /* per evidence; named for every complaint */
  ddx_clinical_answers *answers;      /* per evidence */
  size_t correction_count;
  ddx_correction *corrections;
  size_t extra_count;
  ddx_clinical_extra *extras;
  size_t flag_count;
  ddx_clinical_flag *flags;
  const char *child_language; /* the language the rewrite is for */
  size_t prefix_count, word_count, unless_count;
  ddx_rewrite *prefixes, *words;
  const char **unless_words;
} ddx_clinical;

/* Reads and checks the overlay at `path` against the data set's ids.
   Returns it (free with ddx_clinical_free) or NULL with err holding one
   line, "FILE:LINE: FIELD: what is wrong and the fix". */
ddx_clinical *ddx_clinical_load(const symcheck_ddxplus *data, const char *path,
                                symcheck_error *err);
void ddx_clinical_free(ddx_clinical *clinical);
/* Sets the overlay's likelihoods (ddx_clinical_condition.likelihoods) in
   the fit of `data` (the view it was fitted on), in place of the fitted
   ones. Cannot fail: the loader checked every finding is yes/no. */
void ddx_clinical_apply_likelihoods(const ddx_clinical *clinical, const symcheck_ddxplus *data,
                                    ddx_fit *fit);
/* The overlay's likelihood of `finding` for condition c, or NULL. */
const ddx_clinical_likelihood *ddx_clinical_likelihood_of(const ddx_clinical *clinical, size_t c,
                                                          const char *finding);
/* The lay view of `data` under the overlay (ddxplus_view.c): every evidence
   the overlay regroups gets its lay options (a multi option is chosen when
   any of its values is; a one-of answer takes the option of its value), and
   the English questions and labels their corrections. The view borrows
   strings of `clinical` and shares data's conditions: free it (with
   symcheck_ddxplus_free) before either. NULL when out of memory. */
symcheck_ddxplus *ddx_view_new(const symcheck_ddxplus *data, const ddx_clinical *clinical);
/* The data set a view was made from (data itself when it is none). */
const symcheck_ddxplus *ddx_base(const symcheck_ddxplus *data);
/* The question of evidence e for a child in `language`: the hand-written one,
   else the generic rewrite of `question`. Writes it to out and returns true,
   or returns false when there is none. */
bool ddx_clinical_question_child(const ddx_clinical *clinical, const char *language, size_t e,
                                 const char *question, char *out, size_t size);

#endif
