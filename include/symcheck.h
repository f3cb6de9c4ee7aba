/*
 * symcheck.h - the one public header of the symcheck library.
 *
 * symcheck is a symptom checker: a pack (reviewed, cited medical knowledge as
 * YAML and Markdown) is loaded once; an interview then takes a profile, a
 * complaint and answers, and gives back the next most informative question or
 * a result: conditions that could explain the symptoms, ranked with
 * probabilities and reasons, and how urgently to seek care.
 *
 * Data path: pack files -> symcheck_pack -> symcheck_interview (answers) ->
 * posterior -> next question or symcheck_result -> JSON. The command-line
 * tool and the HTTP server call the same functions and print the same JSON.
 *
 * Conventions
 * - Nothing here prints. Functions that can fail return NULL or a negative
 *   status and fill a caller-provided symcheck_error (which may be NULL when
 *   the caller does not want the details).
 * - A loaded pack is immutable and may be shared by any number of threads;
 *   an interview belongs to one thread at a time.
 * - Pointers into a pack (findings, conditions, strings) live as long as the
 *   pack. Anything a function says "the caller frees" is freed with the
 *   matching *_free function (or free() for plain strings).
 * - The library holds no global mutable state.
 *
 * Example (built and run by the tests, as doc_example_header, from the
 * source folder):
 *
 *   #include "symcheck.h"
 *
 *   #include <stdio.h>
 *
 *   int main(void) {
 *     symcheck_diagnostics problems = {0};
 *     symcheck_pack *pack = symcheck_pack_load("packs/anorectal", &problems);
 *     if (pack == NULL) {
 *       for (size_t i = 0; i < problems.count; i++) {
 *         fprintf(stderr, "%s:%d: %s\n", problems.items[i].file, problems.items[i].line,
 *                 problems.items[i].message);
 *       }
 *       symcheck_diagnostics_free(&problems);
 *       return 1;
 *     }
 *     symcheck_profile person = {.age = 34, .sex = SYMCHECK_SEX_FEMALE};
 *     symcheck_error error = {0};
 *     symcheck_interview *interview =
 *         symcheck_interview_new(pack, "anal-mucus-discharge", &person, &error);
 *     if (interview == NULL ||
 *         symcheck_interview_answer(interview, "screen_emergency", "none", &error) != 0) {
 *       fprintf(stderr, "%s\n", error.message);
 *       symcheck_interview_free(interview);
 *       symcheck_pack_free(pack);
 *       return 1;
 *     }
 *     const symcheck_finding *next = symcheck_interview_next(interview);
 *     printf("Next question: %s\n", next != NULL ? next->question : "(none)");
 *     symcheck_result *result = symcheck_interview_result(interview);
 *     if (result != NULL && result->condition_count > 0) {
 *       printf("Could be: %s (%.0f%%)\n", result->conditions[0].condition->name,
 *              100.0 * result->conditions[0].probability);
 *     }
 *     printf("%s\n", SYMCHECK_NOTICE);
 *     symcheck_result_free(result);
 *     symcheck_interview_free(interview);
 *     symcheck_pack_free(pack);
 *     return 0;
 *   }
 *
 * End of example.
 */
#ifndef SYMCHECK_H
#define SYMCHECK_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define SYMCHECK_VERSION "0.1.0"

/* The notice that goes with every page and every output. */
#define SYMCHECK_NOTICE                                                                            \
  "symcheck is not a diagnosis. It lists conditions that could explain "                           \
  "your symptoms; only a clinician who examines you can tell what you have. "                      \
  "If you feel very unwell, call emergency services."

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */
/* ------------------------------------------------------------------------ */

/* One error: what went wrong and, for pack errors, where. */
typedef struct symcheck_error {
  char file[256];    /* file the error is in, relative to the pack; "" if none */
  int line;          /* 1-based line, 0 when not known */
  char field[128];   /* YAML path of the offending field, e.g.
                        "conditions[3].likelihoods.fever"; "" if none */
  char message[512]; /* one sentence saying what is wrong */
} symcheck_error;

/* A list of errors, for operations that report all they find. */
typedef struct symcheck_diagnostics {
  size_t count;
  symcheck_error *items; /* owned; free with symcheck_diagnostics_free */
} symcheck_diagnostics;

/* Frees the items (not the struct) and resets it to empty. NULL is a no-op. */
void symcheck_diagnostics_free(symcheck_diagnostics *diagnostics);

/* ------------------------------------------------------------------------ */
/* The triage scale and other enumerations                                  */
/* ------------------------------------------------------------------------ */

/* One ordered scale for the whole product (docs/PRODUCT.md). */
typedef enum symcheck_level {
  SYMCHECK_LEVEL_SELF_CARE = 0,
  SYMCHECK_LEVEL_PRIMARY_CARE = 1,
  SYMCHECK_LEVEL_PRIMARY_CARE_SOON = 2,
  SYMCHECK_LEVEL_URGENT_CARE = 3,
  SYMCHECK_LEVEL_EMERGENCY = 4,
  SYMCHECK_LEVEL_AMBULANCE = 5
} symcheck_level;
#define SYMCHECK_LEVEL_COUNT 6

/* "self_care" ... "ambulance"; NULL for a value out of range. Static. */
const char *symcheck_level_id(symcheck_level level);
/* Plain advice for the level, e.g. "See a doctor within 1-2 days". Static. */
const char *symcheck_level_advice(symcheck_level level);
/* Parses an id; returns -1 when it is not a level id. */
int symcheck_level_parse(const char *id);

typedef enum symcheck_sex { SYMCHECK_SEX_FEMALE = 0, SYMCHECK_SEX_MALE = 1 } symcheck_sex;
/* Parses "female" or "male"; returns -1 otherwise. */
int symcheck_sex_parse(const char *text);
const char *symcheck_sex_id(symcheck_sex sex);

/* The person an interview is for. */
typedef struct symcheck_profile {
  int age; /* years, 0..120 */
  symcheck_sex sex;
} symcheck_profile;

typedef enum symcheck_answer_type {
  SYMCHECK_ANSWER_YES_NO = 0, /* options: yes, no (plus "unknown") */
  SYMCHECK_ANSWER_SINGLE,     /* one of several options */
  SYMCHECK_ANSWER_MULTI,      /* several of several; each option is yes/no */
  SYMCHECK_ANSWER_DURATION,   /* one of the pack's duration bands */
  SYMCHECK_ANSWER_SEVERITY,   /* mild, moderate, severe */
  SYMCHECK_ANSWER_NUMBER      /* a number, placed in the finding's bands */
} symcheck_answer_type;
/* "yes_no", "single", "multi", "duration", "severity", "number". Static. */
const char *symcheck_answer_type_id(symcheck_answer_type type);

typedef enum symcheck_rarity {
  SYMCHECK_RARITY_COMMON = 0,
  SYMCHECK_RARITY_UNCOMMON,
  SYMCHECK_RARITY_RARE,
  SYMCHECK_RARITY_VERY_RARE
} symcheck_rarity;
/* "common", "uncommon", "rare", "very_rare". Static. */
const char *symcheck_rarity_id(symcheck_rarity rarity);
/* "Common", "Uncommon", "Rare", "Very rare". Static. */
const char *symcheck_rarity_label(symcheck_rarity rarity);

/* ------------------------------------------------------------------------ */
/* The pack: medical knowledge as data (docs/pack-format.md)                 */
/* ------------------------------------------------------------------------ */

typedef struct symcheck_pack symcheck_pack;

/* A cited source. */
typedef struct symcheck_source {
  const char *key; /* e.g. "IBS-1" */
  const char *title;
  const char *authors;   /* "Smith J, Jones K, et al." or an organisation; NULL if not given */
  int year;              /* of publication; 0 if not given or undated */
  bool undated;          /* year: n.d. (a web page that shows no date) */
  const char *journal;   /* NULL if not given */
  const char *publisher; /* NULL if not given */
  const char *doi;       /* e.g. "10.1136/bmj.h3480"; NULL if none */
  const char *pmid;      /* PubMed id; NULL if none */
  const char *url;
  const char *grade; /* evidence grade: "A" (best) ... "D" */
} symcheck_source;

/* Where a number came from: a source key, or marked as an estimate. */
typedef struct symcheck_citation {
  const symcheck_source *source; /* NULL when estimate is true */
  bool estimate;
  const char *where; /* page, table or figure of the source; NULL if not given */
  const char *note;  /* how the number was derived, or why estimated; NULL */
} symcheck_citation;

/* Who a finding or an option applies to (pack fields `ages` and `sex`).
   All zero (the default) means everybody. */
typedef struct symcheck_applies {
  bool has_ages;        /* ages: [min_age, max_age] was given */
  int min_age, max_age; /* inclusive years, when has_ages */
  bool has_sex;         /* sex: was given */
  symcheck_sex sex;     /* the only sex it applies to, when has_sex */
} symcheck_applies;

/* True when `applies` (NULL: everybody) includes a person of that age and
   sex. */
bool symcheck_applies_to(const symcheck_applies *applies, int age, symcheck_sex sex);

struct symcheck_finding;

/* An answer that another answer implies (pack fields `implies` and
   `excludes`): `finding` is answered with its option `option`. */
typedef struct symcheck_implication {
  const struct symcheck_finding *finding;
  size_t option;
} symcheck_implication;

/* One answer option of a finding. */
typedef struct symcheck_option {
  const char *id;           /* [a-z0-9_]+, unique within the finding */
  const char *label;        /* plain words shown to the person */
  const char *label_child;  /* label for ages 0-11 with "{child}" in it, or
                               NULL (then `label` is used) */
  double min, max;          /* duration (days) and number bands: [min, max) */
  symcheck_applies applies; /* single and multi options only; never shown,
                               asked or accepted outside it */
  /* The answers choosing this option implies (for a multi option: ticking
     it). The engine applies them, transitively, and never asks them. */
  size_t implies_count;
  const symcheck_implication *implies;
} symcheck_option;

/* A finding: a symptom, risk factor or piece of history, and its question. */
typedef struct symcheck_finding {
  size_t index;         /* position in the pack, which is the tie-break order */
  const char *id;       /* [a-z0-9_]+ */
  const char *kind;     /* "symptom", "risk_factor" or "history" */
  const char *name;     /* short name for summaries: "Blood in stool" */
  const char *question; /* plain question, reading age about 12 */
  const char *why;      /* "why we ask" */
  const char *explain;  /* explanation of terms, or NULL */
  const char *unit;     /* number findings: e.g. "times a day"; else NULL */
  /* A single finding that is a scale (0 to 10): what its first and its last
     option mean ("No pain", "Worst pain imaginable"); both NULL otherwise. */
  const char *scale_low, *scale_high;
  symcheck_answer_type type;
  size_t option_count; /* yes_no has 2: "yes" then "no" */
  const symcheck_option *options;
  symcheck_applies applies;   /* never asked or accepted outside it */
  const char *question_child; /* question for ages 0-11 with "{child}" in
                                 it, or NULL (then `question` is used) */
  bool universal_screen;      /* it came from the pack's screen.yaml */
  /* Follow-up: asked only when the parent finding was answered with one of
     the listed option indexes (for a multi parent: one of them selected). */
  const struct symcheck_finding *parent; /* NULL when not a follow-up */
  size_t parent_option_count;
  const size_t *parent_options;
  /* Default P(option) for a condition that does not list this finding, and
     for the "something else" hypothesis. For multi: P(option selected). */
  const double *default_p;
  symcheck_citation default_citation;
  bool red_flag; /* true when a red flag names this finding */
} symcheck_finding;

/* A red flag: an answer that forces at least a triage level. It fires when
   the finding's answer is any of `options` and, when `also` is set, the
   `also` finding's answer is any of `also_options`, for a person aged
   min_age..max_age to whom both findings apply. */
typedef struct symcheck_red_flag {
  const symcheck_finding *finding;
  size_t option;                /* the first option that fires it ("yes" is 0) */
  size_t option_count;          /* >= 1 */
  const size_t *options;        /* every option that fires it; options[0] == option */
  const symcheck_finding *also; /* a second finding that must hold, or NULL */
  size_t also_count;
  const size_t *also_options;
  symcheck_level level;
  int min_age;                /* fires only from this age (years); 0 = any age */
  int max_age;                /* ...up to this age, inclusive; 120 when not given */
  const char *message;        /* why it matters, in plain words */
  symcheck_citation citation; /* source or estimate; both unset in packs
                                 written before citations were required */
  const char *note;           /* what an estimate rests on, or NULL */
  const char *where;          /* page, table or figure in the source, or NULL */
} symcheck_red_flag;

/* P(answer | condition) for one finding, with its citation. */
typedef struct symcheck_likelihood {
  const symcheck_finding *finding;
  const double *p; /* option_count values; for multi P(option selected) */
  symcheck_citation citation;
} symcheck_likelihood;

/* Who reviewed a condition's knowledge, when, and against which version of
   its sources (condition field `review`). All NULL: not yet reviewed by a
   clinician. */
typedef struct symcheck_review {
  const char *by;              /* "Name, role" */
  const char *date;            /* YYYY-MM-DD */
  const char *sources_version; /* the sources it was checked against, or NULL */
} symcheck_review;

/* A condition's urgency for an age range (condition field
   `urgency_by_age`): guidance that sets another level for the same
   condition by age (the NHS sends an adult with chickenpox to an urgent GP
   appointment and looks after a child at home, say). */
typedef struct symcheck_age_urgency {
  int min_age, max_age; /* inclusive years; ranges of one condition never overlap */
  symcheck_level urgency;
  symcheck_citation citation; /* source with where, or estimate with note */
} symcheck_age_urgency;

typedef struct symcheck_condition {
  size_t index;
  const char *id;
  const char *name;
  const char *icd10;  /* one ICD-10 code, checked at load */
  const char *snomed; /* SNOMED CT concept id (Verhoeff-checked), or NULL */
  symcheck_review review;
  const char *summary;
  const char *group; /* cause group for the article: "Infections", ... */
  symcheck_rarity rarity;
  const char *prevalence; /* the figure in words, e.g. "about 1 in 10 adults" */
  symcheck_citation prevalence_citation;
  symcheck_level urgency;
  symcheck_citation urgency_citation;         /* urgency_source / urgency_estimate;
                                                 both unset when not given */
  size_t urgency_by_age_count;                /* entries of `urgency_by_age`, in pack order */
  const symcheck_age_urgency *urgency_by_age; /* overrides `urgency` for their ages; use
                                                 symcheck_condition_urgency */
  double prior;                               /* relative weight before age and sex */
  symcheck_citation prior_citation;
  const double *age_factor; /* one per pack age band */
  double sex_factor[2];     /* indexed by symcheck_sex */
  symcheck_applies applies; /* `ages` and `sex`: never ranked, listed or ruled
                               out for anyone outside them (ectopic pregnancy
                               for a man, say) */
  size_t likelihood_count;
  const symcheck_likelihood *likelihoods;
  const char *self_care;  /* what to do at home (Markdown) */
  const char *see_doctor; /* when to see a doctor (Markdown) */
  /* Derived at load (see symcheck_condition_top_symptoms / _always). */
  size_t top_symptom_count;
  const struct symcheck_finding *top_symptoms[5];
  size_t always_count;
  const struct symcheck_finding *always[8];
} symcheck_condition;

typedef struct symcheck_complaint {
  size_t index;
  const char *id; /* slug, e.g. "anal-mucus-discharge" */
  const char *name;
  size_t synonym_count;
  const char *const *synonyms;
  const char *group; /* body area for listing ("Chest and breathing"), or NULL */
  /* complaints.yaml `listed: false`: not on the home page, in the quiz's
     list or in search (another pack covers the symptom better); still
     reachable by its id, so saved links and vignettes keep working. */
  bool listed;
  const char *article;      /* Markdown text of the article, or NULL */
  const char *article_path; /* path relative to the pack, or NULL */
  /* Findings the complaint itself answers (the presenting symptom). */
  size_t given_count;
  const symcheck_finding *const *given_findings;
  const size_t *given_options;
  /* Red-flag screen, asked first in this order: the pack's universal
     screen (screen.yaml, findings flagged universal_screen) and then the
     complaint's own `screen` list. */
  size_t screen_count;
  const symcheck_finding *const *screen;
  /* The complaint's defining features (`ask_first`): asked right after the
     screen, in this order, when they apply to the person and are not yet
     answered; cited like a number (source and where, or an estimate). */
  size_t ask_first_count;
  const symcheck_finding *const *ask_first;
  symcheck_citation ask_first_citation;
  /* 0 for a triage-only complaint (`conditions: []`): its interview ranks
     nothing and gives a triage level only. */
  size_t condition_count;
  const symcheck_condition *const *conditions;
  double other_prior; /* weight of "something else", 0..1 */
  /* What to do at home and when to get help (Markdown, or NULL): shown
     with a triage-only complaint's result, which has no condition to give
     them. */
  const char *self_care;
  const char *see_doctor;
} symcheck_complaint;

typedef struct symcheck_age_band {
  const char *id;
  int min_age, max_age; /* inclusive, years */
} symcheck_age_band;

typedef struct symcheck_settings {
  int max_questions;                       /* default 25 */
  double stop_confidence;                  /* stop when the top condition reaches this */
  double min_information_gain;             /* bits; stop when no question gains more */
  double escalation[SYMCHECK_LEVEL_COUNT]; /* probability at which a
                              condition of that urgency sets the level */
  symcheck_level default_level;            /* when nothing else sets it */
  bool require_where;    /* every cited number must say where in its source (where:);
                            otherwise a missing where is only counted */
  double rule_out_floor; /* an emergency or ambulance condition between this and its
                            escalation threshold keeps the interview going while a
                            question could move it across (default 0.01) */
  int unknown_window;    /* the interview stops, saying its list is uncertain, once */
  int unknown_limit;     /* unknown_limit of the last unknown_window questions (the
                            universal screen's excluded) were "don't know"; defaults
                            4 and 3; unknown_limit 0 turns it off */
} symcheck_settings;

typedef struct symcheck_pack_info {
  const char *id;
  const char *title;
  const char *version;
  const char *language;
  const char *last_reviewed;    /* YYYY-MM-DD */
  const char *emergency_number; /* e.g. "999 or 112" */
  size_t reviewer_count;
  const char *const *reviewers;
  const char *licence;
  const char *attribution; /* citation text for derived data, or NULL */
  bool generated;          /* pack.yaml `generated: true`: written by a fitter */
  const char *dir;         /* folder the pack was loaded from */
  symcheck_settings settings;
  size_t age_band_count;
  const symcheck_age_band *age_bands;
} symcheck_pack_info;

/*
 * Loads and validates the pack in folder `dir`. Returns the pack, which the
 * caller frees with symcheck_pack_free, or NULL when anything is wrong; then
 * `diagnostics` (if not NULL) holds every error found, each naming the file,
 * line and field. On success diagnostics is left empty.
 */
symcheck_pack *symcheck_pack_load(const char *dir, symcheck_diagnostics *diagnostics);
void symcheck_pack_free(symcheck_pack *pack);

/* Accessors. Everything returned lives as long as the pack. Index-based
   ones return NULL when the index is out of range; find_* return NULL when
   no item has that id. */
const symcheck_pack_info *symcheck_pack_get_info(const symcheck_pack *pack);
size_t symcheck_pack_source_count(const symcheck_pack *pack);
const symcheck_source *symcheck_pack_source(const symcheck_pack *pack, size_t i);
size_t symcheck_pack_complaint_count(const symcheck_pack *pack);
const symcheck_complaint *symcheck_pack_complaint(const symcheck_pack *pack, size_t i);
const symcheck_complaint *symcheck_pack_find_complaint(const symcheck_pack *pack, const char *id);
size_t symcheck_pack_finding_count(const symcheck_pack *pack);
const symcheck_finding *symcheck_pack_finding(const symcheck_pack *pack, size_t i);
const symcheck_finding *symcheck_pack_find_finding(const symcheck_pack *pack, const char *id);
size_t symcheck_pack_condition_count(const symcheck_pack *pack);
const symcheck_condition *symcheck_pack_condition(const symcheck_pack *pack, size_t i);
const symcheck_condition *symcheck_pack_find_condition(const symcheck_pack *pack, const char *id);
size_t symcheck_pack_red_flag_count(const symcheck_pack *pack);
const symcheck_red_flag *symcheck_pack_red_flag(const symcheck_pack *pack, size_t i);
/* Number of findings of the universal screen (screen.yaml): they are the
   pack's first findings, 0 .. count-1. 0 when the pack has no screen. */
size_t symcheck_pack_screen_count(const symcheck_pack *pack);

/* True when the finding (and, for option >= 0, that option) may be asked
   of and answered by a person of that age and sex. */
bool symcheck_finding_applies(const symcheck_finding *finding, int age, symcheck_sex sex);
bool symcheck_option_applies(const symcheck_finding *finding, size_t option, int age,
                             symcheck_sex sex);
/* The question as worded for a person of `age`: for ages 0-11 the
   finding's question_child with "{child}" replaced by "your baby" (0-1) or
   "your child" (2-11); otherwise, or without question_child, `question`.
   Writes to buf (truncated to size) and returns buf. */
const char *symcheck_finding_question_for(const symcheck_finding *finding, int age, char *buf,
                                          size_t size);
/* Option `option` of the finding as labelled for a person of `age`: for
   ages 0-11 its label_child with "{child}" replaced as in the question;
   otherwise, or without label_child, `label`. Writes to buf (truncated to
   size) and returns buf; an option out of range gives "". */
const char *symcheck_option_label_for(const symcheck_finding *finding, size_t option, int age,
                                      char *buf, size_t size);
/* True for ages at which someone else answers for the person (0-11). */
bool symcheck_age_is_child(int age);

/* The urgency of a condition for a person: the first urgency_by_age entry
   whose ages hold profile->age, otherwise the condition's `urgency`. With
   profile NULL (no person known) it is always `urgency`. When `citation`
   is not NULL it gets what the level rests on (the entry's citation, or
   urgency_citation), a pointer into the pack that lives as long as it.
   Cannot fail; allocates nothing. */
symcheck_level symcheck_condition_urgency(const symcheck_condition *condition,
                                          const symcheck_profile *profile,
                                          const symcheck_citation **citation);

/* Index of the option with that id, or -1. */
int symcheck_finding_option(const symcheck_finding *finding, const char *option_id);
/* The likelihood a condition lists for a finding, or NULL (then the
   finding's default applies). */
const symcheck_likelihood *symcheck_condition_likelihood(const symcheck_condition *condition,
                                                         const symcheck_finding *finding);
/* The findings a condition most often shows: yes/no symptoms it lists with
   0.2 <= P(yes) < 0.99, most frequent first, ties in pack order. Writes up
   to `max` into out (pointers into the pack) and returns how many. */
size_t symcheck_condition_top_symptoms(const symcheck_condition *condition,
                                       const symcheck_finding **out, size_t max);
/* The symptoms that always occur with it: yes/no findings it lists with
   P(yes) >= 0.99, in pack order. Same contract as above. */
size_t symcheck_condition_always(const symcheck_condition *condition, const symcheck_finding **out,
                                 size_t max);
/* A probability in words for people: "about 4 in 10", "about 3 in 100",
   "less than 1 in 100". Writes to buf (truncated to size). */
void symcheck_probability_words(double probability, char *buf, size_t size);

/* Index of the pack's age band holding `age`; the last band for older ages. */
size_t symcheck_pack_age_band(const symcheck_pack *pack, int age);

/* Counts of probabilities in the pack and how many of them cite a source. */
typedef struct symcheck_pack_stats {
  size_t probabilities;     /* likelihood rows, defaults, priors, prevalences */
  size_t sourced;           /* of those, how many cite a source */
  size_t estimates;         /* of those, how many are marked estimate */
  size_t without_where;     /* sourced numbers (and red flags) that do not say where in the
                               source they come from */
  size_t compound_warnings; /* questions asking two things, allowed only because the
                               pack is generated (pack.yaml `generated: true`) */
} symcheck_pack_stats;
symcheck_pack_stats symcheck_pack_get_stats(const symcheck_pack *pack);
/* The same counts for one condition's numbers (prior, prevalence and
   likelihoods): `sourced` of `probabilities` is its cited share. */
symcheck_pack_stats symcheck_condition_stats(const symcheck_condition *condition);

/* ------------------------------------------------------------------------ */
/* Complaint search                                                          */
/* ------------------------------------------------------------------------ */

/*
 * Ranked search of complaint names and synonyms across packs. Words are
 * compared by stem (plurals, -ing, -ed, -ness ...), with UK and US spellings
 * made one, and with one or two typos forgiven in words of 5 or more letters
 * (never a short word inside a longer one: "fever" is not "ever"). Every
 * word of the query counts, rarer words more; words that stand together in
 * a name or synonym as they do in the query rank higher.
 */
typedef struct symcheck_search_hit {
  size_t pack;      /* index into the packs given */
  size_t complaint; /* index of the complaint in that pack */
  double score;     /* higher is better: the share of the query found (0..1) plus up to
                       0.5 for one name or synonym saying it as typed */
} symcheck_search_hit;

typedef enum symcheck_search_mode {
  /* Complaints that match the query: its words are (nearly) all found. */
  SYMCHECK_SEARCH_MATCHES,
  /* Complaints that share some words with the query without matching it:
     the closest ones, offered beside "my symptom is not listed" when
     nothing matches. */
  SYMCHECK_SEARCH_CLOSEST
} symcheck_search_mode;

/* Searches the complaints of `packs` (pack_count of them; NULL entries are
   skipped) for `text`, best first, ties in pack and complaint order.
   Writes up to `max` hits into `out` (owned by the caller) and returns how
   many. Returns 0 when nothing matches, for NULL or empty text and for
   text of stop words only ("in the of"). A query that no complaint
   matches as a whole but that names several symptoms ("headache and
   fever", "cough, sore throat") gives each one's matches in turn, the best
   of each first. Allocates nothing. */
size_t symcheck_search_complaints(const symcheck_pack *const *packs, size_t pack_count,
                                  const char *text, symcheck_search_mode mode,
                                  symcheck_search_hit *out, size_t max);
/* Every complaint of `packs` (NULL entries skipped) in the order a person
   browses them: by body area (the complaint's group), the areas in the
   order they first appear, complaints without one last, by name within an
   area. Writes up to `max` into `out` (owned by the caller; score is 0) and
   returns how many. Allocates nothing. */
size_t symcheck_list_complaints(const symcheck_pack *const *packs, size_t pack_count,
                                symcheck_search_hit *out, size_t max);
/* A complaint's body area as listed: its group, or "Other". Owned by the
   pack (or static). */
const char *symcheck_complaint_area(const symcheck_complaint *complaint);
/* symcheck_search_complaints' matches in one pack: writes up to `max`
   (at most 64) complaint indexes into `out`, best first, and returns how
   many; 0 when nothing matches. */
size_t symcheck_pack_search_complaints(const symcheck_pack *pack, const char *text, size_t *out,
                                       size_t max);

/* ------------------------------------------------------------------------ */
/* The interview                                                             */
/* ------------------------------------------------------------------------ */

typedef struct symcheck_interview symcheck_interview;

/* An answer value, for callers that have already resolved ids to indexes
   (the evaluation harness). */
typedef struct symcheck_value {
  bool unknown;          /* "don't know": adds no evidence */
  size_t option;         /* chosen option for one-of answers (yes=0, no=1) */
  const bool *selected;  /* multi: option_count flags, borrowed; NULL = none */
  const bool *dont_know; /* multi: option_count flags, borrowed; NULL = every item
                            answered: an item flagged here is "don't know" (neither
                            ticked nor denied) and adds no evidence */
  double number;         /* number findings: the raw number (option ignored) */
} symcheck_value;

/*
 * Starts an interview for a complaint. The complaint's given findings are
 * answered at once. Returns NULL on an unknown complaint or an age outside
 * 0..120 (err says which). The caller frees it with symcheck_interview_free.
 * The pack must outlive the interview.
 */
symcheck_interview *symcheck_interview_new(const symcheck_pack *pack, const char *complaint_id,
                                           const symcheck_profile *profile, symcheck_error *err);
void symcheck_interview_free(symcheck_interview *interview);

const symcheck_pack *symcheck_interview_pack(const symcheck_interview *interview);
const symcheck_complaint *symcheck_interview_complaint(const symcheck_interview *interview);
const symcheck_profile *symcheck_interview_profile(const symcheck_interview *interview);

/*
 * Records an answer, replacing any earlier answer to the same finding, and
 * then the answers it implies (pack field `implies`), transitively.
 * `value` is "yes", "no", "unknown", an option id, several option ids joined
 * by commas (multi; "none" for no option), or a number (number findings).
 * Numbers for a finding whose unit is "°C" may end in F or °F (Fahrenheit,
 * converted). Returns 0, or -1 with err naming the finding and the allowed
 * values when the finding or value is not known, a follow-up's parent rules
 * it out, the finding or a chosen option does not apply to the person's
 * age or sex, or the answer contradicts an implied one (the finding's own,
 * or one it would imply): then err names the answer that implied it.
 * Answering an implied finding with the answer implied changes nothing.
 * Changing an answer drops the follow-ups it no longer allows and the
 * answers it no longer implies.
 */
int symcheck_interview_answer(symcheck_interview *interview, const char *finding_id,
                              const char *value, symcheck_error *err);
/* The same by index; returns -1 on an out-of-range index or option, or a
   finding or chosen option that does not apply to the person. */
int symcheck_interview_answer_value(symcheck_interview *interview, size_t finding_index,
                                    const symcheck_value *value);
/* Removes an answer (and the follow-ups that hung on it, and the answers
   it implied). Returns 0, or -1 when the finding was not answered by the
   person (unanswered, given by the complaint, or implied). */
int symcheck_interview_forget(symcheck_interview *interview, const char *finding_id);

/* Overrides the pack's maximum number of questions for this interview
   (the evaluation harness replays with its own limit). n >= 1. */
void symcheck_interview_set_max_questions(symcheck_interview *interview, int n);

/* Answers in the order given, given findings of the complaint and
   implied answers excluded. */
size_t symcheck_interview_answer_count(const symcheck_interview *interview);
/* Of those, how many answer the universal screen (screen.yaml). They do
   not count towards max_questions. */
size_t symcheck_interview_screen_asked(const symcheck_interview *interview);
/* The i-th answer's finding, and its value as text in the same form that
   symcheck_interview_answer takes (written to buf, truncated to size).
   Returns NULL when i is out of range. */
const symcheck_finding *symcheck_interview_answer_at(const symcheck_interview *interview, size_t i,
                                                     char *buf, size_t size);
/* True when the finding has an answer (given findings included). */
bool symcheck_interview_is_answered(const symcheck_interview *interview,
                                    const symcheck_finding *finding);
/* When the finding's answer was implied by another answer (pack field
   `implies`), the finding and option of the answer the person gave (or the
   complaint gave) that implied it, and true; false otherwise. Either out
   pointer may be NULL. */
bool symcheck_interview_implied_by(const symcheck_interview *interview,
                                   const symcheck_finding *finding,
                                   const symcheck_finding **by_finding, size_t *by_option);
/* The option implied for the finding (yes is 0 for yes_no findings), or -1
   when its answer is not implied. */
int symcheck_interview_implied_option(const symcheck_interview *interview,
                                      const symcheck_finding *finding);

/*
 * Answers as a short URL-safe text ([A-Za-z0-9._~-]), e.g. (packs/anorectal,
 * complaint diarrhoea; the tests decode it)
 * "screen_emergency.X~temperature.38.2~blood_in_stool.N~stools_per_day.4".
 * The caller frees it with free(). NULL only when out of memory.
 */
char *symcheck_interview_encode(const symcheck_interview *interview);
/* Applies answers from that text, in order. Returns 0, or -1 with err
   saying which part is wrong (no answer is applied then). */
int symcheck_interview_decode(symcheck_interview *interview, const char *text, symcheck_error *err);

/* The next question to ask, or NULL when there is none left worth asking
   (red-flag screen first, then largest expected information gain). */
const symcheck_finding *symcheck_interview_next(symcheck_interview *interview);
/* True when the interview should end: a stopping red flag fired, or the
   maximum number of questions was asked, or (for a complaint with
   conditions) unknown_limit of the last unknown_window questions after the
   screen were "don't know", or the top condition is confident
   enough or no question would change the result meaningfully, and no
   question could rule an emergency condition in or out (one between the
   pack's rule_out_floor and its escalation threshold).
   symcheck_interview_stop_reason says which. */
bool symcheck_interview_should_stop(symcheck_interview *interview);
/* Expected information gain (bits) of asking `finding` now; 0 when answered
   or not askable. */
double symcheck_interview_information_gain(symcheck_interview *interview,
                                           const symcheck_finding *finding);
/* Current probability of each condition of the pack, in pack order, and of
   "something else" (returned). `out` has symcheck_pack_condition_count
   entries; conditions outside the complaint get 0. */
double symcheck_interview_posterior(symcheck_interview *interview, double *out);

/* ------------------------------------------------------------------------ */
/* The result                                                                */
/* ------------------------------------------------------------------------ */

/* One answer's weight for or against a condition: the log-likelihood ratio
   of that answer between the condition and the other explanations. Only
   answers the person gave, or that their answers (or the complaint)
   implied, are evidence; the complaint's own answers never argue against. */
typedef struct symcheck_evidence {
  const symcheck_finding *finding;
  char value[96];       /* the answer, in words ("yes", an option label...) */
  double weight;        /* natural log; > 0 raises, < 0 lowers */
  const char *strength; /* "strongly", "somewhat" or "slightly" (symcheck_strength_word); static */
  /* Set when the answer was implied by another: that answer's finding and
     option (symcheck_interview_implied_by); NULL and 0 otherwise. */
  const symcheck_finding *implied_by;
  size_t implied_option;
  int age; /* the person's: implied_option is labelled for it (label_child) */
} symcheck_evidence;

/* How strongly an answer of log-likelihood ratio `weight` points one way:
   "strongly" (likelihood ratio of 5 or more, or 1/5 or less), "somewhat"
   (from 2, or 1/2), otherwise "slightly"; the bands of Jaeschke, Guyatt and
   Sackett (JAMA 1994), with their "moderate" and "large" as one. Static. */
const char *symcheck_strength_word(double weight);
/* The reason in words: "Points strongly towards it" or "Points slightly
   away from it", then, for an implied answer, "; implied by your answer
   to "<finding name>": <option>" (labelled for evidence->age). Writes to
   buf (truncated to size). */
void symcheck_evidence_words(const symcheck_evidence *evidence, char *buf, size_t size);

typedef struct symcheck_ranked_condition {
  const symcheck_condition *condition;
  double probability;
  symcheck_level urgency;                    /* for this person (symcheck_condition_urgency) */
  const symcheck_citation *urgency_citation; /* what that level rests on; owned by the pack */
  size_t top_symptom_count;                  /* findings it most often shows (up to 5) */
  const symcheck_finding *top_symptoms[5];
  size_t always_count; /* findings with P >= 0.99 (up to 8) */
  const symcheck_finding *always[8];
  /* Why it fits: the answers for and against it, strongest first. A
     result fills them for its first SYMCHECK_RESULT_EXPLAINED conditions
     (more than any front end lists); the others have NULL lists until
     symcheck_result_explain fills them. */
  size_t for_count, against_count;
  symcheck_evidence *for_answers;
  symcheck_evidence *against_answers;
} symcheck_ranked_condition;

/* What set the triage level. */
typedef enum symcheck_triage_cause {
  SYMCHECK_SET_BY_DEFAULT = 0, /* nothing did: the pack's default_level */
  SYMCHECK_SET_BY_RED_FLAG,    /* a red flag that fired (triage.red_flag) */
  SYMCHECK_SET_BY_CONDITION    /* a condition past its escalation threshold */
} symcheck_triage_cause;
/* "default", "red_flag", "condition". Static. */
const char *symcheck_triage_cause_id(symcheck_triage_cause cause);

/* How urgently to seek care. The advice is always the level's own
   (symcheck_level_advice) and the reason names what set the level, so the
   two cannot disagree. */
typedef struct symcheck_triage {
  symcheck_level level;
  const char *advice;                  /* symcheck_level_advice(level); static */
  symcheck_triage_cause set_by;        /* what set the level */
  const symcheck_red_flag *red_flag;   /* the most urgent red flag that fired, or NULL
                                          (set_by RED_FLAG: the one that set it) */
  const symcheck_condition *condition; /* set_by CONDITION: the condition; else NULL */
  char reason[512];                    /* why, in plain words; never an instruction
                                          that differs from advice */
} symcheck_triage;

/* An emergency condition that ended below its escalation threshold after
   questions asked: the answered findings that lowered it most. */
#define SYMCHECK_RULED_OUT_ASKED 3
typedef struct symcheck_ruled_out {
  const symcheck_condition *condition;
  size_t asked_count; /* 1..SYMCHECK_RULED_OUT_ASKED, strongest first */
  const symcheck_finding *asked[SYMCHECK_RULED_OUT_ASKED];
} symcheck_ruled_out;

/* "We asked about sudden start and stiff neck to rule out Bleeding in the
   brain.", the same words for every front end. Writes to buf (truncated to
   size). */
void symcheck_ruled_out_words(const symcheck_ruled_out *ruled_out, char *buf, size_t size);

/* Why the interview stopped (or that it has not). */
typedef enum symcheck_stop_reason {
  SYMCHECK_STOP_NOT_YET = 0,  /* a question remains */
  SYMCHECK_STOP_SETTLED,      /* the list is as certain as questions can make it */
  SYMCHECK_STOP_RED_FLAG,     /* an emergency sign ended the quiz */
  SYMCHECK_STOP_QUESTION_CAP, /* the most questions the pack asks were asked */
  SYMCHECK_STOP_UNKNOWNS      /* too many recent answers were "don't know" */
} symcheck_stop_reason;
/* "not_yet", "settled", "red_flag", "question_cap", "unknown_answers". Static. */
const char *symcheck_stop_reason_id(symcheck_stop_reason reason);
/* What a result must say about why it stopped, for every front end:
   "We stopped after 25 questions, ..." or "Many answers were 'don't
   know', so this list is uncertain." for the cap and the unknowns; ""
   otherwise. Writes to buf (truncated to size). */
void symcheck_stop_words(symcheck_stop_reason reason, size_t answered, char *buf, size_t size);
/* Why the interview stops now (SYMCHECK_STOP_NOT_YET while a question
   remains). */
symcheck_stop_reason symcheck_interview_stop_reason(symcheck_interview *interview);

typedef struct symcheck_result {
  symcheck_triage triage;
  size_t condition_count; /* the complaint's conditions that apply to the person (their
                             ages and sex), ranked; with a differential model only those
                             above its floor (docs/pack-format.md) */
  symcheck_ranked_condition *conditions;
  double other_probability; /* "something else" */
  size_t answered;          /* questions answered, the universal screen's excluded */
  size_t screen_asked;      /* questions of the universal screen answered */
  bool should_stop;
  symcheck_stop_reason stop_reason; /* why it stopped, or SYMCHECK_STOP_NOT_YET */
  size_t ruled_out_count;           /* emergency conditions the answers ruled out */
  symcheck_ruled_out *ruled_out;
} symcheck_result;

/* How many of a result's conditions, most probable first, come with the
   answers for and against them. Explaining costs a few microseconds per
   condition: on a complaint of 1,000 conditions, explaining every one was
   most of a result's cost, for lists nobody reads. */
#define SYMCHECK_RESULT_EXPLAINED 20

/* Builds the result for the answers so far. The caller frees it with
   symcheck_result_free. NULL only when out of memory. */
symcheck_result *symcheck_interview_result(symcheck_interview *interview);
/* Fills the reasons of result->conditions[i] when the result left them
   out (see SYMCHECK_RESULT_EXPLAINED); the result must still be the
   interview's (no answer changed since). Returns 0, or -1 when i is out
   of range or memory ran out. */
int symcheck_result_explain(symcheck_interview *interview, symcheck_result *result, size_t i);
void symcheck_result_free(symcheck_result *result);
/* Triage alone (cheaper than a full result). */
symcheck_triage symcheck_interview_triage(symcheck_interview *interview);

/* ------------------------------------------------------------------------ */
/* JSON: produced here and only here                                         */
/* ------------------------------------------------------------------------ */

/* How many conditions a step lists while questions remain. */
#define SYMCHECK_STEP_CONDITIONS 5

/*
 * The interview step as JSON, exactly what `symcheck diagnose --json` prints
 * and `POST /api/v1/interview` answers:
 *   {"status": "question"|"result", "question": {...}|null,
 *    "conditions": [...], "triage": {"level", "id", "advice", "reason",
 *    "set_by": {"kind": "red_flag"|"condition"|"default", "finding",
 *    "option" | "condition": {"id", "name"}}, "red_flag"},
 *    "ruled_out": [{"condition": {"id", "name"}, "asked": [finding ids]}],
 *    "answered": N, "screen_asked": N, "should_stop": bool,
 *    "answers": "<encoded>",
 *    "notice": SYMCHECK_NOTICE}
 * While the status is "question", "conditions" holds the first
 * SYMCHECK_STEP_CONDITIONS conditions in brief ({"id", "name",
 * "probability", "probability_words"}); the result lists every condition
 * in full, with rarity, urgency (the person's, symcheck_condition_urgency,
 * with what it rests on: "source" and "where", or "estimate" and "note"),
 * top symptoms and why it fits ("why": {"for", "against"}). "answered"
 * excludes the universal screen's questions, which "screen_asked" counts;
 * "question" is worded for the person (question_child for ages 0-11,
 * "answer_for_child": true when a child's quiz shows the adult wording)
 * and lists only the options that apply to them, labelled for them
 * (label_child for ages 0-11). A triage-only complaint ("triage_only":
 * true) lists no conditions. symcheck_explain_json gives one condition's
 * reasons at any step.
 * Returns a new reference the caller releases with json_decref; NULL only
 * when out of memory.
 */
json_t *symcheck_interview_json(symcheck_interview *interview);
/* The same step as compact JSON text, byte for byte what
   json_dumps(symcheck_interview_json(interview), JSON_COMPACT) gives, at a
   fraction of the cost (no jansson tree is built). NUL-terminated;
   *length gets its length when not NULL. The caller frees it with free();
   NULL only when out of memory. */
char *symcheck_interview_json_text(symcheck_interview *interview, size_t *length);
/* One finding as a question object: id, text, why, explain, type, options,
   red_flag, unit. New reference. (The interview step words the question
   for the person and leaves out options that do not apply to them.) */
json_t *symcheck_finding_json(const symcheck_finding *finding);
/* One condition's pack content with its sources (for `pack show` and the
   API): its usual urgency and, when it has any, "urgency_by_age": [{"ages":
   [min, max], "urgency", "source" and "where" | "estimate" and "note"}].
   New reference. */
json_t *symcheck_condition_json(const symcheck_pack *pack, const symcheck_condition *condition);
/* The whole pack's content: info, stats, complaints, findings, conditions,
   red flags, sources. New reference. */
json_t *symcheck_pack_json(const symcheck_pack *pack);
/* Every source of the pack, in pack order: {key, authors, year (a number,
   "n.d." or null), title, journal, publisher, doi, pmid, url, grade,
   numbers (how many numbers cite it), cited_by: {conditions: [{id, name,
   numbers}], findings: [{id, name}] (defaults), red_flags: [{finding,
   name, message}], urgencies: [{id, name}]}}. New reference (json_decref);
   NULL when out of memory. */
json_t *symcheck_sources_json(const symcheck_pack *pack);

/* Any jansson value as compact JSON text, byte for byte what
   json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY) gives, several times
   faster (jansson 2.14 allocates and formats a loop-check key for every
   object and array it writes). NUL-terminated; *length gets its length
   when not NULL. The caller frees it with free(); NULL when out of memory
   or the value nests deeper than 64 levels. */
char *symcheck_json_text(const json_t *value, size_t *length);

/* ---- Explanations (added by the server part for POST /api/v1/explain) -- */
/*
 * Why one condition is ranked where it is, for the answers so far:
 *   {"condition": {"id", "name"}, "probability", "probability_words",
 *    "for": [{"finding", "name", "question", "value", "weight"}],
 *    "against": [...], "answered", "answers": "<encoded>", "notice"}
 * with weights as in symcheck_evidence, strongest first. Returns a new
 * reference (json_decref), or NULL when the condition is not one of the
 * interview's complaint's conditions or memory ran out.
 */
json_t *symcheck_explain_json(symcheck_interview *interview, const symcheck_condition *condition);

#ifdef __cplusplus
}
#endif
#endif /* SYMCHECK_H */
