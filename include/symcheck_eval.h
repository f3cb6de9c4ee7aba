/*
 * symcheck_eval.h - the evaluation part of the public API: the DDXPlus data
 * set (reading, fitting a pack from it), replaying cases through the real
 * interview and measuring the results, and replaying clinical vignettes.
 *
 * It is a separate header so that front ends that only run interviews need
 * not see it; it follows the conventions of symcheck.h (nothing prints,
 * errors go into a symcheck_error, "the caller frees" means the matching
 * *_free function).
 *
 * Data path: DDXPlus files -> symcheck_ddxplus -> (fit) pack folder ->
 * symcheck_pack -> replayed interviews -> symcheck_eval_report -> JSON/SVG.
 */
#ifndef SYMCHECK_EVAL_H
#define SYMCHECK_EVAL_H

#include "symcheck.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------------ */
/* The DDXPlus data set                                                      */
/* ------------------------------------------------------------------------ */

typedef struct symcheck_ddxplus symcheck_ddxplus;

/*
 * Reads the evidence and condition files (release_evidences.json,
 * release_conditions.json, English release) from folder `dir`.
 * Returns the data set, which the caller frees with symcheck_ddxplus_free,
 * or NULL with err naming the file and what is wrong.
 */
symcheck_ddxplus *symcheck_ddxplus_load(const char *dir, symcheck_error *err);
void symcheck_ddxplus_free(symcheck_ddxplus *data);

/*
 * Appends the patients of a CSV table, with the official header
 * (AGE,DIFFERENTIAL_DIAGNOSIS,SEX,PATHOLOGY,EVIDENCES,INITIAL_EVIDENCE) or the
 * renamed one of the 2,611-patient file (age,top5_diagnoses,sex,diagnosis,
 * features,feature_id). Returns how many were added, or -1 with err naming
 * the file, line and column of the first bad row (nothing is added then).
 */
long symcheck_ddxplus_read_patients(symcheck_ddxplus *data, const char *csv_path,
                                    symcheck_error *err);
size_t symcheck_ddxplus_patient_count(const symcheck_ddxplus *data);
size_t symcheck_ddxplus_condition_count(const symcheck_ddxplus *data);

/* The fold (0..folds-1) of patient i: patients of each pathology, in file
   order, are dealt round-robin into the folds (pathology k starting at fold
   k mod folds), so every fold holds each pathology in the same proportion
   and the folds have about the same size. */
size_t symcheck_ddxplus_fold(const symcheck_ddxplus *data, size_t patient, size_t folds);

typedef struct symcheck_fit_options {
  size_t folds;                /* with exclude_fold: leave that fold out; 0 = use all */
  size_t exclude_fold;         /* the fold left out when folds > 0 */
  double floor;                /* P(evidence) for a pathology that never shows it */
  double smoothing;            /* pseudo-count pulling estimates towards the pool */
  double stop_confidence;      /* the pack's settings.stop_confidence */
  double min_information_gain; /* the pack's settings.min_information_gain */
  const char *language;        /* "en" (when NULL) or "fr": questions, labels, names */
  const char *command;         /* the command line, recorded as provenance; or NULL */
  const char *clinical;        /* the clinical overlay; NULL: out_dir/clinical.yaml */
  const char *const *inputs;   /* input files whose sha256 goes in provenance */
  size_t input_count;
} symcheck_fit_options;

/* Defaults: all patients, floor 0.001, smoothing 1, stop at 0.999, minimum
   information gain 0.01 bits. */
symcheck_fit_options symcheck_fit_defaults(void);

/*
 * Fits a pack from the data set (priors by age band and sex, smoothed
 * likelihoods constrained by the condition file, red flags, follow-ups,
 * questions) and writes it to folder `out_dir`, which is created if
 * missing. Urgencies, ICD-10 codes, plain names, ages, sexes and children's
 * questions come from the hand-written clinical overlay (options->clinical,
 * or out_dir/clinical.yaml), which is read, never written. Only patients
 * outside the excluded fold are used. Returns 0, or -1 with err saying what
 * failed in one line (no patients, a missing or wrong overlay, naming its
 * file and line, an unwritable file).
 */
int symcheck_ddxplus_write_pack(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                                const char *out_dir, symcheck_error *err);

/* ------------------------------------------------------------------------ */
/* Measuring a pack                                                          */
/* ------------------------------------------------------------------------ */

/* One set of figures. Rates are fractions in [0, 1]; a figure that does not
   apply (no patient to measure it on) is NaN. */
typedef struct symcheck_eval_metrics {
  size_t n;
  double gtpa_at_1, gtpa_at_3, gtpa_at_5; /* true pathology in the top k */
  double gtpa;                            /* probability given to it */
  double il;                              /* questions asked, the universal
                                             screen's excluded (comparable
                                             with the DDXPlus papers) */
  double screen_questions;                /* questions of the universal screen
                                             (screen.yaml) asked, not in il */
  double per, pep;                        /* positive-evidence recall, precision */
  double ddr, ddp, ddf1;                  /* differential at the 0.01 threshold */
  double severe_rule_in, severe_rule_out; /* severity <= 2 pathologies */
  double ece, brier;                      /* calibration of the top-1 probability */
  double safe_triage;                     /* vignettes: level >= the lowest safe one */
  /* Triage against the true level (DDXPlus: the true condition's urgency;
     vignettes: the lowest safe level): below it, above it; and of the
     cases whose true level is emergency or more (`emergencies` of them),
     those given less. */
  double under_triage, over_triage, emergency_missed;
  size_t emergencies;
  double interviews_per_second; /* per core (thread CPU time) */
} symcheck_eval_metrics;

#define SYMCHECK_EVAL_BINS 10

/* A reliability diagram's data: top-1 probability in ten equal bins. */
typedef struct symcheck_eval_reliability {
  size_t count[SYMCHECK_EVAL_BINS];
  double confidence[SYMCHECK_EVAL_BINS]; /* mean top-1 probability */
  double accuracy[SYMCHECK_EVAL_BINS];   /* fraction where top-1 was right */
} symcheck_eval_reliability;

/* Semigran's three triage classes (BMJ 2015): self-care; see a doctor
   (primary care, soon, or urgent care); emergency (emergency or ambulance). */
typedef enum symcheck_triage_class {
  SYMCHECK_CLASS_SELF_CARE = 0,    /* "sc" */
  SYMCHECK_CLASS_NON_EMERGENT = 1, /* "ne" */
  SYMCHECK_CLASS_EMERGENCY = 2     /* "em" */
} symcheck_triage_class;

/* The class of a level. Never fails. */
symcheck_triage_class symcheck_level_class(symcheck_level level);
/* "sc", "ne" or "em" -> the class; -1 for anything else. */
int symcheck_triage_class_parse(const char *id);
/* The class's id ("sc", "ne", "em"); a static string. */
const char *symcheck_triage_class_id(symcheck_triage_class c);

/* One replayed vignette. */
typedef struct symcheck_eval_case {
  char id[128];
  char set[128]; /* the folder it came from, relative to the cases folder */
  char pack[64]; /* id of the pack that ran it */
  char complaint[128];
  char expected[128];              /* expected condition id; "" when no pack knows the diagnosis */
  char diagnosis[128];             /* the published diagnosis (expect.diagnosis), or "" */
  char top[3][128];                /* the three most probable condition ids ("" if fewer) */
  symcheck_level level, min_level; /* min_level: the lowest safe level (own vignettes) */
  int triage;                      /* expected symcheck_triage_class (Semigran sets), or -1 */
  bool general;                    /* the complaint is the general entry (pack "general") */
  char search[256];                /* the file's `search:` words a patient would type, or "" */
  int search_rank;     /* 0-based rank of the complaint in the search for them (the general
                          entry left out); -1 when not found or no words given */
  bool complaint_fits; /* not the general entry, and in the search's first 3 when words given */
  int rank;            /* 0-based rank of the expected condition; -1 not listed or none */
  size_t questions;
  size_t screen_questions; /* of them, questions of the complaint's screen */
} symcheck_eval_case;

/* Triage and coverage of one set of vignettes (one folder), counted as the
   symptom-checker studies do. "Correct level": the case's triage class
   (em/ne/sc), or its min_level on the product's six levels. */
typedef struct symcheck_eval_set {
  char name[128];
  size_t cases;
  size_t emergencies;                 /* em cases, or min_level emergency or ambulance */
  size_t emergencies_missed;          /* of them, sent below emergency */
  size_t under, over, exact;          /* below, above, at the correct level */
  size_t safe;                        /* at or above; a non-emergency also one level below */
  size_t appropriate;                 /* same three-level class (Semigran's "correct triage") */
  size_t self_care;                   /* cases whose correct level is self-care */
  size_t self_care_kept;              /* of them, sent to self-care */
  size_t known;                       /* cases whose diagnosis a pack knows (expect.condition) */
  size_t top1, top3;                  /* of them, the condition first / in the first three */
  size_t complaint_fits;              /* cases whose complaint fits (symcheck_eval_case) */
  double questions, screen_questions; /* means per case */
} symcheck_eval_set;

typedef struct symcheck_eval_report {
  symcheck_eval_metrics overall;
  symcheck_eval_metrics ceiling; /* every evidence given; NaN fields for vignettes */
  size_t condition_count;
  char **condition_ids;                 /* per condition, in pack order */
  symcheck_eval_metrics *per_condition; /* by true condition */
  symcheck_eval_reliability reliability;
  size_t case_count; /* vignettes only */
  symcheck_eval_case *cases;
  size_t set_count; /* vignettes: one set per folder, in path order */
  symcheck_eval_set *sets;
  symcheck_eval_set all;     /* every set together */
  size_t unused_pack_count;  /* packs given that no case used */
  char unused_packs[16][64]; /* their ids */
  size_t folds;              /* 0 when the pack was used as given */
  size_t threads;
  int max_questions;
} symcheck_eval_report;

typedef struct symcheck_eval_options {
  int max_questions;        /* default 30 */
  size_t threads;           /* default 1 */
  size_t folds;             /* 0: use the given pack; K >= 2: refit per fold */
  size_t limit;             /* evaluate only the first `limit` patients; 0 = all */
  symcheck_fit_options fit; /* how each fold's pack is fitted */
  /* Optional: called with the interview before each question of a replay
     is answered, and once after the last answer, to check the engine step
     by step (the equality test); context is passed through. It is called
     from the replaying threads: use threads = 1 unless it is thread-safe.
     Not called for the "every evidence given" ceiling. NULL: none. */
  void (*observe)(symcheck_interview *interview, void *context);
  void *observe_context;
} symcheck_eval_options;

/* Defaults: 30 questions, 1 thread, no folds, all patients, no observer. */
symcheck_eval_options symcheck_eval_defaults(void);

/*
 * Replays every patient of `data` through the interview as the DDXPlus
 * papers do: age, sex and the initial evidence given; each question asked
 * answered from the record (an evidence not in it takes its default); no
 * more than max_questions. With folds >= 2, `pack` is ignored and each fold
 * is diagnosed by a pack fitted on the other folds (written to a temporary
 * folder and loaded). Returns the report, which the caller frees with
 * symcheck_eval_report_free, or NULL with err saying what failed.
 */
symcheck_eval_report *symcheck_eval_ddxplus(const symcheck_ddxplus *data, const symcheck_pack *pack,
                                            const symcheck_eval_options *options,
                                            symcheck_error *err);

/*
 * Replays every vignette (*.yaml) in folder `dir` (not its sub-folders;
 * see symcheck_eval_vignette_sets) through `pack`: the
 * patient answers only what the engine asks, from the case's answers; a
 * question not listed is answered "no" (yes/no), "none" (multi) or
 * "unknown" (anything else). Returns the report (top-1, top-3, safe triage,
 * questions, and every case), or NULL with err naming the case file and what
 * is wrong with it.
 */
symcheck_eval_report *symcheck_eval_vignettes(const symcheck_pack *pack, const char *dir,
                                              const symcheck_eval_options *options,
                                              symcheck_error *err);

#define SYMCHECK_EVAL_MAX_PACKS 16

/*
 * Replays the vignettes of folder `dir` and of every folder under it (one
 * set per folder holding *.yaml files) through `packs` (1 to
 * SYMCHECK_EVAL_MAX_PACKS): each case runs in the pack its `pack:` field
 * names, or else the first pack holding its complaint. A case gives
 * expect.min_level (a level id) or expect.triage (em, ne or sc), and
 * optionally expect.condition (a condition some pack knows),
 * expect.diagnosis and `search:` (the words a patient would type to find
 * the complaint; the complaint fits only when the search across the packs
 * ranks it in its first 3). A duration answer may be a number of days. Returns the
 * report with per-set triage and coverage (caller frees with
 * symcheck_eval_report_free), or NULL with err naming the file and the fix:
 * an unknown complaint (naming the packs given), pack, level, triage class,
 * condition or finding, or a folder without vignettes. Packs that no case
 * used are listed in unused_packs.
 */
symcheck_eval_report *symcheck_eval_vignette_sets(const symcheck_pack *const *packs,
                                                  size_t pack_count, const char *dir,
                                                  const symcheck_eval_options *options,
                                                  symcheck_error *err);

void symcheck_eval_report_free(symcheck_eval_report *report);

/* The report as JSON: {"overall": {...}, "per_condition": {id: {...}},
   "ceiling": {...}, "reliability": [...], "cases": [...], "sets": [...],
   "all": {...}, "unused_packs": [...]} with NaN (a rate without cases) as null.
   New reference; NULL only when out of memory. */
json_t *symcheck_eval_report_json(const symcheck_eval_report *report);

/* The reliability diagram as a standalone SVG document. The caller frees it
   with free(); NULL only when out of memory. */
char *symcheck_eval_reliability_svg(const symcheck_eval_report *report);

#ifdef __cplusplus
}
#endif
#endif /* SYMCHECK_EVAL_H */
