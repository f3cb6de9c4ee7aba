/*
 * ddxplus_write.c - writes a fitted DDXPlus model as a pack folder in the
 * format of docs/pack-format.md: pack.yaml (with provenance comments),
 * sources.yaml (DDXPlus itself and clinical.yaml's sources),
 * complaints.yaml (one complaint per root symptom, as DDXPlus patients
 * present with one), findings.yaml (one finding per evidence, follow-ups
 * after their parent), conditions.yaml, red_flags.yaml, differential.yaml
 * (ddxplus_differential.c) and README.md.
 *
 * Every number cites the source DDXPLUS: it is fitted from, or (for the
 * floor of an evidence a pathology never shows) set by the structure of,
 * the DDXPlus files. What a clinician decides (urgency with its source,
 * ICD-10 code, plain names, who a question is for, children's questions)
 * comes from the hand-written clinical.yaml (ddxplus_clinical.c), whose
 * sources are copied into sources.yaml; the fitter never writes that file.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ddxplus.h"

#define S_ATTRIBUTION                                                                              \
  "Derived from DDXPlus (CC BY 4.0): Fansi Tchango A., Goel R., Wen Z., Martel J., Ghosn J. "      \
  "DDXPlus: A New Dataset For Automatic Medical Diagnosis. NeurIPS 2022 Datasets and "             \
  "Benchmarks, pp. 31306-31318. arXiv:2205.09148. Changed: its evidences turned into "             \
  "questions of a symcheck pack, some English labels reworded, and probabilities fitted "          \
  "from its synthetic patients."

/* The pack's own sentences, in English and French. */
typedef struct S_words {
  const char *language;
  const char *title;
  const char *why_risk, *why_symptom, *and;
  const char *scale;
  const char *group;      /* %d: severity */
  const char *summary;    /* %s name, %s other-language name */
  const char *prevalence; /* %.1f */
  const char *self_care;
  const char *advice[SYMCHECK_LEVEL_COUNT];
  const char *red_flag; /* %s condition */
} S_words;

static const S_words S_english = {
    "en",
    "Common complaints (fitted from DDXPlus)",
    "It is a risk factor that helps tell apart conditions such as",
    "It helps tell apart conditions; it is most common with",
    "and",
    "Answer on a scale from 0 to 10, where 0 is not at all and 10 is the most.",
    "DDXPlus severity %d of 5 (1 is the most severe)",
    "%s (in French: %s). The signs and numbers here come from the DDXPlus synthetic patients, "
    "not from a clinical review.",
    "about %.1f in 100 DDXPlus patients",
    "This pack has no home-care advice of its own for this condition. Follow the advice of the "
    "triage level and of a clinician.",
    {"Look after yourself at home; see a doctor if it gets worse or does not improve.",
     "See a doctor in the next few weeks.", "See a doctor within 1-2 days.",
     "Get urgent care today.", "Go to an emergency department now.", "Call an ambulance now."},
    "This could be a sign of a serious condition such as %s."};

static const S_words S_french = {
    "fr",
    "Motifs de consultation courants (ajustés sur DDXPlus)",
    "C'est un facteur de risque qui aide à distinguer des maladies comme",
    "Cela aide à distinguer des maladies ; c'est le plus fréquent avec",
    "et",
    "Répondez sur une échelle de 0 à 10, où 0 veut dire pas du tout et 10 le plus possible.",
    "Gravité DDXPlus %d sur 5 (1 est la plus grave)",
    "%s (en anglais : %s). Les signes et les chiffres viennent des patients synthétiques de "
    "DDXPlus, pas d'une relecture clinique.",
    "environ %.1f sur 100 patients DDXPlus",
    "Ce pack ne donne pas de conseils de soins à domicile pour cette maladie. Suivez le niveau "
    "d'urgence indiqué et l'avis d'un soignant.",
    {"Soignez-vous à la maison ; consultez si cela s'aggrave ou ne s'améliore pas.",
     "Consultez un médecin dans les prochaines semaines.",
     "Consultez un médecin dans les 1 à 2 jours.", "Faites-vous soigner en urgence aujourd'hui.",
     "Allez aux urgences maintenant.", "Appelez une ambulance maintenant."},
    "Cela pourrait être le signe d'une maladie grave comme %s."};

static bool S_fr(const S_words *w) {
  return w == &S_french;
}

/* The name of a pathology in the pack's language: the overlay's plain
   English name when it has one. */
static const char *S_name(const symcheck_ddxplus *data, const ddx_clinical *cl, const S_words *w,
                          size_t c) {
  if (S_fr(w)) {
    return data->conditions[c].name_fr;
  }
  const char *plain = cl->conditions[c].name;
  return plain != NULL ? plain : data->conditions[c].name;
}

static const char *S_level_id(symcheck_level level) {
  static const char *const ids[] = {"self_care",   "primary_care", "primary_care_soon",
                                    "urgent_care", "emergency",    "ambulance"};
  return ids[level];
}

/* Writes text as a double-quoted YAML scalar. */
static void S_quote(FILE *f, const char *text) {
  fputc('"', f);
  for (const char *p = text; *p != '\0'; p++) {
    if (*p == '"' || *p == '\\') {
      fputc('\\', f);
      fputc(*p, f);
    } else if ((unsigned char)*p < 0x20) {
      fputc(' ', f);
    } else {
      fputc(*p, f);
    }
  }
  fputc('"', f);
}

static FILE *S_open(const char *dir, const char *name, symcheck_error *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  if (f == NULL) {
    error_set(err, path, 0, "", "cannot write %s: %s", path, strerror(errno));
  }
  return f;
}

static int S_close(FILE *f, const char *dir, const char *name, symcheck_error *err) {
  int failed = ferror(f);
  if (fclose(f) != 0 || failed) {
    error_set(err, name, 0, "", "writing %s/%s failed", dir, name);
    return -1;
  }
  return 0;
}

/* Probability of showing the evidence at all (not its default). */
static double S_positive(const ddx_evidence *ev, const double *row, size_t k) {
  if (ev->kind == DDX_MULTI) {
    double best = 0;
    for (size_t v = 0; v < k; v++) {
      best = row[v] > best ? row[v] : best;
    }
    return best;
  }
  return 1 - row[ddx_default_choice(ev)];
}

/* The "why we ask" line: the pathologies that show the evidence most. */
static void S_why(const symcheck_ddxplus *data, const ddx_clinical *cl, const ddx_fit *fit,
                  const S_words *w, size_t e, char *out, size_t size) {
  const ddx_evidence *ev = &data->evidences[e];
  const size_t k = fit->options[e];
  long best[3] = {-1, -1, -1};
  for (size_t c = 0; c < data->condition_count; c++) {
    double p = S_positive(ev, fit->p[e] + c * k, k);
    for (size_t r = 0; r < 3; r++) {
      if (best[r] < 0 || p > S_positive(ev, fit->p[e] + (size_t)best[r] * k, k)) {
        memmove(best + r + 1, best + r, (2 - r) * sizeof best[0]);
        best[r] = (long)c;
        break;
      }
    }
  }
  snprintf(out, size, "%s %s, %s %s %s.", ev->antecedent ? w->why_risk : w->why_symptom,
           S_name(data, cl, w, (size_t)best[0]), S_name(data, cl, w, (size_t)best[1]), w->and,
           S_name(data, cl, w, (size_t)best[2]));
}

static void S_number(FILE *f, double p) {
  fprintf(f, "%.4g", p);
}

/* A probability table: a bare number for yes/no, else {option: p, ...}. */
static void S_table(FILE *f, const ddx_evidence *ev, const double *row, size_t k) {
  if (ev->kind == DDX_YES_NO) {
    S_number(f, row[0]);
    return;
  }
  fputc('{', f);
  for (size_t v = 0; v < k; v++) {
    fprintf(f, "%s%s: ", v > 0 ? ", " : "", ev->values[v].id);
    S_number(f, row[v]);
  }
  fputc('}', f);
}

/* A YAML flow list of quoted texts. */
static void S_write_list(FILE *f, const char *const *items, size_t count) {
  fputc('[', f);
  for (size_t i = 0; i < count; i++) {
    fputs(i > 0 ? ", " : "", f);
    S_quote(f, items[i]);
  }
  fputc(']', f);
}

/* The overlay's limits on who is asked: ages, sex, the child's question;
   and the findings its "yes" answers "no". */
static void S_write_audience(FILE *f, const ddx_clinical *cl, const S_words *w, size_t e,
                             const char *question) {
  const ddx_clinical_finding *cf = &cl->findings[e];
  if (cf->min_age >= 0) {
    fprintf(f, "  ages: [%d, %d]\n", cf->min_age, cf->max_age);
  }
  if (cf->sex != NULL) {
    fprintf(f, "  sex: %s\n", cf->sex);
  }
  if (cf->exclude_count > 0) {
    fputs("  excludes: ", f);
    S_write_list(f, cf->excludes, cf->exclude_count);
    fputc('\n', f);
  }
  char child[1024];
  if (ddx_clinical_question_child(cl, w->language, e, question, child, sizeof child)) {
    fputs("  question_child: ", f);
    S_quote(f, child);
    fputc('\n', f);
  }
}

static void S_write_options(FILE *f, const S_words *w, const ddx_evidence *ev) {
  fputs("  options:\n", f);
  for (size_t v = 0; v < ev->value_count; v++) {
    fprintf(f, "    - {id: %s, label: ", ev->values[v].id);
    S_quote(f, S_fr(w) ? ev->values[v].fr : ev->values[v].en);
    if (!S_fr(w) && ev->values[v].child != NULL) { /* children's words are English only */
      fputs(", label_child: ", f);
      S_quote(f, ev->values[v].child);
    }
    if (ev->values[v].sex != NULL) {
      fprintf(f, ", sex: %s", ev->values[v].sex);
    }
    fputs("}\n", f);
  }
}

/* A 0-10 scale: the overlay's words at both ends, else the generic line. */
static void S_write_scale(FILE *f, const S_words *w, const ddx_evidence *ev) {
  const char *low = S_fr(w) ? ev->low_fr : ev->low, *high = S_fr(w) ? ev->high_fr : ev->high;
  if (low != NULL && high != NULL) {
    fputs("  scale: {low: ", f);
    S_quote(f, low);
    fputs(", high: ", f);
    S_quote(f, high);
    fputs("}\n", f);
  } else {
    fputs("  explain: ", f);
    S_quote(f, w->scale);
    fputc('\n', f);
  }
}

static void S_write_finding(FILE *f, const symcheck_ddxplus *data, const ddx_clinical *cl,
                            const ddx_fit *fit, const S_words *w, size_t e) {
  const ddx_evidence *ev = &data->evidences[e];
  static const char *const types[] = {"yes_no", "single", "multi"};
  const char *question = S_fr(w) ? ev->question_fr : ev->question_en;
  char why[512];
  S_why(data, cl, fit, w, e, why, sizeof why);
  fprintf(f, "- id: %s\n  kind: %s\n  name: ", ev->id, ev->antecedent ? "risk_factor" : "symptom");
  S_quote(f, question);
  fputs("\n  question: ", f);
  S_quote(f, question);
  fputs("\n  why: ", f);
  S_quote(f, why);
  fprintf(f, "\n  type: %s\n", types[ev->kind]);
  S_write_audience(f, cl, w, e, question);
  if (ev->numeric) {
    S_write_scale(f, w, ev);
  }
  if (ev->parent >= 0) {
    fprintf(f, "  ask_if: {finding: %s, answer: [yes]}\n", data->evidences[ev->parent].id);
  }
  if (ev->kind != DDX_YES_NO) {
    S_write_options(f, w, ev);
  }
  fputs("  default: {p: ", f);
  S_table(f, ev, fit->p[e] + data->condition_count * fit->options[e], fit->options[e]);
  fputs(", source: DDXPLUS}\n", f);
}

static int S_write_findings(const symcheck_ddxplus *data, const ddx_clinical *cl,
                            const ddx_fit *fit, const S_words *w, const char *dir,
                            symcheck_error *err) {
  FILE *f = S_open(dir, "findings.yaml", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# One finding per DDXPlus evidence; follow-ups come after their parent. Ages, sex\n"
        "# and question_child come from clinical.yaml.\n",
        f);
  for (int pass = 0; pass < 2; pass++) {
    for (size_t e = 0; e < data->evidence_count; e++) {
      if ((data->evidences[e].parent >= 0) == (pass == 1)) {
        S_write_finding(f, data, cl, fit, w, e);
      }
    }
  }
  return S_close(f, dir, "findings.yaml", err);
}

static const char *S_rarity(double share) {
  return share >= 0.03    ? "common"
         : share >= 0.01  ? "uncommon"
         : share >= 0.003 ? "rare"
                          : "very_rare";
}

static void S_write_prior(FILE *f, const ddx_fit *fit, size_t c) {
  fputs("  prior:\n    weight: ", f);
  S_number(f, fit->prior[c]);
  fputs("\n    age: {", f);
  for (size_t b = 0; b < DDX_BAND_COUNT; b++) {
    fprintf(f, "%s%s: ", b > 0 ? ", " : "", ddx_bands[b].id);
    S_number(f, fit->age_factor[c * DDX_BAND_COUNT + b]);
  }
  fputs("}\n    sex: {female: ", f);
  S_number(f, fit->sex_factor[c * 2 + SYMCHECK_SEX_FEMALE]);
  fputs(", male: ", f);
  S_number(f, fit->sex_factor[c * 2 + SYMCHECK_SEX_MALE]);
  fputs("}\n    source: DDXPLUS\n", f);
}

/* The urgency and what it rests on; `where` or the estimate's note go in
   a comment for the reader. */
static void S_write_urgency(FILE *f, const ddx_clinical_condition *cc) {
  fprintf(f, "  urgency: %s\n", S_level_id(cc->urgency));
  if (cc->source != NULL) {
    fprintf(f, "  urgency_source: %s  # %s\n", cc->source, cc->where);
  } else {
    fputs("  urgency_estimate: true  # ", f);
    for (const char *p = cc->note; *p != '\0'; p++) {
      fputc((unsigned char)*p < 0x20 ? ' ' : *p, f);
    }
    fputc('\n', f);
  }
}

/* Ends a likelihood line: the data set, or the overlay's source or
   estimate when it set the value. */
static void S_write_likelihood_citation(FILE *f, const ddx_clinical_likelihood *l) {
  if (l == NULL) {
    fputs(", source: DDXPLUS}\n", f);
    return;
  }
  if (l->source != NULL) {
    fprintf(f, ", source: %s, where: ", l->source);
    S_quote(f, l->where);
  } else {
    fputs(", estimate: true, note: ", f);
    S_quote(f, l->note);
  }
  fputs("}\n", f);
}

static void S_write_condition(FILE *f, const symcheck_ddxplus *data, const ddx_clinical *cl,
                              const ddx_fit *fit, const S_words *w, size_t c) {
  const ddx_condition *cond = &data->conditions[c];
  const ddx_clinical_condition *cc = &cl->conditions[c];
  char text[512];
  fprintf(f, "- id: %s\n  name: ", cond->id);
  S_quote(f, S_name(data, cl, w, c));
  fprintf(f, "\n  icd10: %s\n", cc->icd10);
  if (cc->snomed != NULL) {
    fprintf(f, "  snomed: \"%s\"\n", cc->snomed);
  }
  fputs("  group: ", f);
  snprintf(text, sizeof text, w->group, cond->severity);
  S_quote(f, text);
  fputs("\n  summary: ", f);
  snprintf(text, sizeof text, w->summary, S_name(data, cl, w, c),
           S_fr(w) ? cond->name : cond->name_fr);
  S_quote(f, text);
  fputs("\n  rarity: ", f);
  snprintf(text, sizeof text, w->prevalence, 100 * fit->prior[c]);
  fprintf(f, "%s\n  prevalence: {text: ", S_rarity(fit->prior[c]));
  S_quote(f, text);
  fputs(", source: DDXPLUS}\n", f);
  S_write_urgency(f, cc);
  S_write_prior(f, fit, c);
  fputs("  likelihoods:\n", f);
  for (size_t e = 0; e < data->evidence_count; e++) {
    fprintf(f, "    %s: {p: ", data->evidences[e].id);
    S_table(f, &data->evidences[e], fit->p[e] + c * fit->options[e], fit->options[e]);
    S_write_likelihood_citation(f, ddx_clinical_likelihood_of(cl, c, data->evidences[e].id));
  }
  fputs("  self_care: ", f);
  S_quote(f, w->self_care);
  fputs("\n  see_doctor: ", f);
  S_quote(f, w->advice[cc->urgency]);
  fputc('\n', f);
}

static int S_write_conditions(const symcheck_ddxplus *data, const ddx_clinical *cl,
                              const ddx_fit *fit, const S_words *w, const char *dir,
                              symcheck_error *err) {
  FILE *f = S_open(dir, "conditions.yaml", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# The 49 DDXPlus pathologies. Urgency, urgency_source, icd10, snomed and the plain\n"
        "# English names come from the hand-written clinical.yaml; the numbers from DDXPlus.\n",
        f);
  for (size_t c = 0; c < data->condition_count; c++) {
    S_write_condition(f, data, cl, fit, w, c);
  }
  return S_close(f, dir, "conditions.yaml", err);
}

bool ddx_is_complaint(const ddx_evidence *ev) {
  return ev->kind == DDX_YES_NO && !ev->antecedent && ev->parent < 0 && ev->value_count == 0;
}

/* Whether the pack folder holds the article (hand-written in
   packs/ddxplus/articles); a folder without it (an evaluation fold's
   temporary pack) links none. */
static bool S_article_exists(const char *dir, const char *article) {
  char path[1200];
  snprintf(path, sizeof path, "%s/%s", dir, article);
  return access(path, R_OK) == 0;
}

/* The name, synonyms, group and article of one complaint: English from
   the overlay; French with the French name and synonyms and no group or
   article (the groups and articles are English). */
static void S_write_lay(FILE *f, const S_words *w, const char *dir, const char *name,
                        const char *name_fr, const char *const *synonyms, size_t count,
                        const char *const *synonyms_fr, size_t count_fr, const char *group,
                        const char *article) {
  fputs("  name: ", f);
  S_quote(f, S_fr(w) ? name_fr : name);
  fputs("\n  synonyms: ", f);
  S_write_list(f, S_fr(w) ? synonyms_fr : synonyms, S_fr(w) ? count_fr : count);
  if (!S_fr(w)) {
    fputs("\n  group: ", f);
    S_quote(f, group);
  }
  if (!S_fr(w) && article != NULL && S_article_exists(dir, article)) {
    fprintf(f, "\n  article: %s", article);
  }
  fputc('\n', f);
}

/* A complaint's ask_first, as the overlay gives it. */
static void S_write_ask_first(FILE *f, const ddx_ask_first *a) {
  if (a->count == 0) {
    return;
  }
  fputs("  ask_first:\n    findings: [", f);
  for (size_t i = 0; i < a->count; i++) {
    fprintf(f, "%s%s", i > 0 ? ", " : "", a->findings[i]);
  }
  fputs("]\n", f);
  if (a->source != NULL) {
    fprintf(f, "    source: %s\n    where: ", a->source);
    S_quote(f, a->where);
  } else {
    fputs("    estimate: true\n    note: ", f);
    S_quote(f, a->note);
  }
  fputc('\n', f);
}

/* True when one of the red flag's ask_in is the complaint. */
static bool S_asks_in(const ddx_clinical_flag *rf, const char *complaint) {
  for (size_t k = 0; k < rf->ask_in_count; k++) {
    if (strcmp(rf->ask_in[k], complaint) == 0) {
      return true;
    }
  }
  return false;
}

/* True when id is the given finding or already among the screen's first n. */
static bool S_listed(const char *id, const char *given, const char *const *screen, size_t n) {
  bool found = given != NULL && strcmp(id, given) == 0;
  for (size_t i = 0; i < n && !found; i++) {
    found = strcmp(screen[i], id) == 0;
  }
  return found;
}

/* The complaint's screen: the findings of the overlay's red flags that
   name it in ask_in, each once and never its own given finding (a flag's
   `also` finding is left to the interview: the loader takes into a screen
   only findings a red flag names). */
static void S_write_screen(FILE *f, const ddx_clinical *cl, const char *complaint,
                           const char *given) {
  const char *screen[64];
  size_t n = 0;
  for (size_t i = 0; i < cl->flag_count; i++) {
    const ddx_clinical_flag *rf = &cl->flags[i];
    if (S_asks_in(rf, complaint) && n < sizeof screen / sizeof *screen &&
        !S_listed(rf->finding, given, screen, n)) {
      screen[n++] = rf->finding;
    }
  }
  fputs("  screen: ", f);
  S_write_list(f, screen, n);
  fputc('\n', f);
}

/* The overlay's new complaints: given answers of the data set's findings. */
static void S_write_extras(FILE *f, const ddx_clinical *cl, const S_words *w, const char *dir) {
  for (size_t i = 0; i < cl->extra_count; i++) {
    const ddx_clinical_extra *x = &cl->extras[i];
    fprintf(f, "- id: %s\n", x->id);
    S_write_lay(f, w, dir, x->name, x->name_fr, x->synonyms, x->synonym_count, x->synonyms_fr,
                x->synonym_fr_count, x->group, x->article);
    fputs("  given: {", f);
    for (size_t g = 0; g < x->given_count; g++) {
      fprintf(f, "%s%s: %s", g > 0 ? ", " : "", x->given_findings[g], x->given_answers[g]);
    }
    fputs("}\n", f);
    S_write_screen(f, cl, x->id, NULL);
    S_write_ask_first(f, &x->ask_first);
    fputs("  conditions: all\n  other_prior: 0.01\n", f);
  }
}

static int S_write_complaints(const symcheck_ddxplus *data, const ddx_clinical *cl,
                              const S_words *w, const char *dir, symcheck_error *err) {
  FILE *f = S_open(dir, "complaints.yaml", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# One complaint per root symptom: a DDXPlus patient presents with one of them\n"
        "# (its initial evidence); then the new lay complaints of clinical.yaml. Every\n"
        "# pathology is in scope of every complaint. Names, synonyms, groups and articles\n"
        "# come from the hand-written clinical.yaml.\n",
        f);
  for (size_t e = 0; e < data->evidence_count; e++) {
    const ddx_evidence *ev = &data->evidences[e];
    if (!ddx_is_complaint(ev)) {
      continue;
    }
    const ddx_clinical_complaint *lay = &cl->complaints[e];
    char slug[64];
    ddx_slug(ev->code, '-', slug, sizeof slug);
    fprintf(f, "- id: %s\n", slug);
    S_write_lay(f, w, dir, lay->name, ev->question_fr, lay->synonyms, lay->synonym_count,
                lay->synonyms_fr, lay->synonym_fr_count, lay->group, lay->article);
    if (lay->unlisted && !S_fr(w)) { /* the curated packs that cover it are English */
      fputs("  listed: false\n", f);
    }
    fprintf(f, "  given: {%s: yes}\n", ev->id);
    S_write_screen(f, cl, slug, ev->id);
    S_write_ask_first(f, &lay->ask_first);
    fputs("  conditions: all\n  other_prior: 0.01\n", f);
  }
  S_write_extras(f, cl, w, dir);
  return S_close(f, dir, "complaints.yaml", err);
}

/* The overlay's cited red flags, after the fitted ones. Returns how many. */
static size_t S_write_clinical_flags(FILE *f, const ddx_clinical *cl, const S_words *w) {
  if (cl->flag_count > 0) {
    fputs("# Alarm signs given by cited sources (clinical.yaml `red_flags`).\n", f);
  }
  for (size_t i = 0; i < cl->flag_count; i++) {
    const ddx_clinical_flag *rf = &cl->flags[i];
    fprintf(f, "- finding: %s\n  answer: %s\n", rf->finding, rf->answer);
    if (rf->also_finding != NULL) {
      fprintf(f, "  also: {finding: %s, answer: %s}\n", rf->also_finding, rf->also_answer);
    }
    if (rf->min_age >= 0) {
      fprintf(f, "  min_age: %d\n", rf->min_age);
    }
    if (rf->max_age >= 0) {
      fprintf(f, "  max_age: %d\n", rf->max_age);
    }
    fprintf(f, "  level: %s\n  message: ", S_level_id(rf->level));
    S_quote(f, S_fr(w) ? rf->message_fr : rf->message);
    fprintf(f, "\n  source: %s\n  where: ", rf->source);
    S_quote(f, rf->where);
    fputc('\n', f);
  }
  return cl->flag_count;
}

static int S_write_red_flags(const symcheck_ddxplus *data, const ddx_clinical *cl,
                             const ddx_fit *fit, const S_words *w, const char *dir,
                             symcheck_error *err) {
  FILE *f = S_open(dir, "red_flags.yaml", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# Alarm signs of severe pathologies (severity 1 or 2): root symptoms shown by at\n"
        "# least half of that pathology's patients which, when present, point to a severe\n"
        "# pathology more often than not (see src/ddxplus/ddxplus_fit.c). They set urgent_care; "
        "higher\n"
        "# levels come from the conditions' own urgency (clinical.yaml). The message says why;\n"
        "# the advice shown is the level's own.\n",
        f);
  size_t written = 0;
  for (size_t e = 0; e < data->evidence_count; e++) {
    if ((int)fit->red_flag[e] < 0) {
      continue;
    }
    written++;
    char message[512];
    snprintf(message, sizeof message, w->red_flag,
             S_name(data, cl, w, (size_t)fit->red_flag_condition[e]));
    fprintf(f, "- finding: %s\n  answer: yes\n  level: %s\n  message: ", data->evidences[e].id,
            S_level_id(fit->red_flag[e]));
    S_quote(f, message);
    fputs("\n  source: DDXPLUS\n", f);
  }
  written += S_write_clinical_flags(f, cl, w);
  if (written == 0) {
    fputs("[]\n", f);
  }
  return S_close(f, dir, "red_flags.yaml", err);
}

static void S_provenance(FILE *f, const symcheck_ddxplus *data, const ddx_fit *fit,
                         const symcheck_fit_options *o, const char *prefix) {
  fprintf(f, "%sGenerated by `symcheck fit ddxplus`; do not edit by hand, refit instead.\n",
          prefix);
  fprintf(f, "%sCommand: %s\n", prefix, o->command != NULL ? o->command : "(library call)");
  fprintf(f, "%sFitted on %zu of %zu patients", prefix, fit->patients, data->patient_count);
  if (o->folds >= 2) {
    fprintf(f, " (fold %zu of %zu left out)", o->exclude_fold + 1, o->folds);
  }
  fprintf(f, "; floor %g, smoothing %g.\n%sInputs (sha256):\n", o->floor, o->smoothing, prefix);
  for (size_t i = 0; i < o->input_count; i++) {
    char hex[65] = "unreadable";
    ddx_sha256_file(o->inputs[i], hex);
    const char *base = strrchr(o->inputs[i], '/');
    fprintf(f, "%s  %s  %s\n", prefix, hex, base != NULL ? base + 1 : o->inputs[i]);
  }
}

static void S_write_settings(FILE *f, const symcheck_fit_options *o) {
  fputs("age_bands:\n", f);
  for (size_t b = 0; b < DDX_BAND_COUNT; b++) {
    fprintf(f, "  - {id: %s, min: %d, max: %d}\n", ddx_bands[b].id, ddx_bands[b].min_age,
            ddx_bands[b].max_age);
  }
  fprintf(f,
          "settings:\n  max_questions: 30\n  stop_confidence: %g\n  min_information_gain: %g\n"
          "  default_level: primary_care\n  rule_out_floor: 0.01\n"
          "  # must-not-miss thresholds chosen by bench/triage_sweep.sh (docs/evaluation.md)\n"
          "  escalation:\n    self_care: 0.5\n"
          "    primary_care: 0.3\n    primary_care_soon: 0.2\n    urgent_care: 0.2\n"
          "    emergency: 0.02\n    ambulance: 0.02\n",
          o->stop_confidence, o->min_information_gain);
}

/* One optional `name: "value"` line of a source. */
static void S_source_field(FILE *f, const char *name, const char *value) {
  if (value != NULL) {
    fprintf(f, "    %s: ", name);
    S_quote(f, value);
    fputc('\n', f);
  }
}

static int S_write_sources(const ddx_clinical *cl, const char *dir, symcheck_error *err) {
  FILE *f = S_open(dir, "sources.yaml", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# Written by symcheck fit ddxplus: the data set, then clinical.yaml's sources\n"
        "# (the urgencies). Edit clinical.yaml and refit; never edit this file.\n"
        "sources:\n  - key: DDXPLUS\n"
        "    authors: \"Fansi Tchango A, Goel R, Wen Z, Martel J, Ghosn J\"\n    year: 2022\n"
        "    title: \"DDXPlus: A New Dataset For Automatic Medical Diagnosis (synthetic "
        "patients, CC BY 4.0)\"\n    publisher: \"NeurIPS 2022 Datasets and Benchmarks\"\n"
        "    url: https://arxiv.org/abs/2205.09148\n    grade: C\n",
        f);
  for (size_t i = 0; i < cl->source_count; i++) {
    const ddx_clinical_source *s = &cl->sources[i];
    fprintf(f, "  - key: %s\n", s->key);
    S_source_field(f, "authors", s->authors);
    fprintf(f, "    year: %s\n", s->year);
    S_source_field(f, "title", s->title);
    S_source_field(f, "journal", s->journal);
    S_source_field(f, "publisher", s->publisher);
    S_source_field(f, "doi", s->doi);
    S_source_field(f, "pmid", s->pmid);
    S_source_field(f, "url", s->url);
    S_source_field(f, "grade", s->grade);
  }
  return S_close(f, dir, "sources.yaml", err);
}

static int S_write_pack_yaml(const symcheck_ddxplus *data, const ddx_clinical *cl,
                             const ddx_fit *fit, const symcheck_fit_options *o, const S_words *w,
                             const char *dir, symcheck_error *err) {
  FILE *f = S_open(dir, "pack.yaml", err);
  if (f == NULL) {
    return -1;
  }
  S_provenance(f, data, fit, o, "# ");
  char date[16];
  time_t now = time(NULL);
  struct tm tm;
  gmtime_r(&now, &tm);
  strftime(date, sizeof date, "%Y-%m-%d", &tm);
  fprintf(f, "id: %s\ntitle: ", S_fr(w) ? "ddxplus_fr" : "ddxplus");
  S_quote(f, w->title);
  fprintf(f, "\nversion: 1.0.0\nlanguage: %s\nlicence: CC-BY-4.0\nattribution: ", w->language);
  S_quote(f, S_ATTRIBUTION);
  fprintf(f,
          "\nreviewers: [\"Not clinically reviewed: fitted automatically from synthetic "
          "patients\"]\nlast_reviewed: %s\nemergency_number: \"999 (UK), 112 (EU), 911 (US)\"\n"
          "generated: true\n",
          date);
  S_write_settings(f, o);
  if (S_close(f, dir, "pack.yaml", err) != 0) {
    return -1;
  }
  return S_write_sources(cl, dir, err);
}

static int S_write_readme(const symcheck_ddxplus *data, const ddx_fit *fit,
                          const symcheck_fit_options *o, const char *dir, symcheck_error *err) {
  FILE *f = S_open(dir, "README.md", err);
  if (f == NULL) {
    return -1;
  }
  fputs("# The DDXPlus pack\n\nCommon complaints (cough, chest pain, sore throat, fever, rash...) "
        "over the 49 pathologies of DDXPlus, fitted from its synthetic patients by "
        "`symcheck fit ddxplus`. Its numbers are not clinically reviewed; see "
        "docs/evaluation.md for how well it does.\n\n"
        "## Where the urgencies come from\n\n"
        "Not from the data set. Each condition's urgency, ICD-10 code and plain-language name "
        "are set by hand in `packs/ddxplus/clinical.yaml`, each urgency citing a source "
        "(NHS pages, NICE guidance, reviews; keys `CLN-`, copied into `sources.yaml`) with the "
        "place in it, or marked as an estimate with its reasoning. The same file says which "
        "questions are only for people aged 12 and over (smoking, sex, alcohol and drugs), "
        "which body sites only apply to one sex, and how questions are worded for a child. "
        "`symcheck fit ddxplus` reads it and never writes it (nor `screen.yaml`); to change an "
        "urgency, edit `clinical.yaml` and refit. Most red flags are fitted: root symptoms that "
        "point to a severe DDXPlus pathology; they set urgent care and explain why, and the "
        "advice shown is the level's own. A few more come from `clinical.yaml` (`red_flags`), "
        "each citing its source: a danger sign with an age limit or a second finding (stridor "
        "in a child, weak legs with tingling feet), asked first in the complaints it names."
        "\n\n## What is asked first, and what is never asked\n\n"
        "Also set by hand in `clinical.yaml`: per complaint, the findings a clinician asks "
        "about it first (`ask_first`, cited or an estimate with its reasoning), asked right "
        "after the safety screen; and per yes/no finding, the findings its \"yes\" answers "
        "\"no\" (`excludes`), which are then never asked. The fit and the evaluation read the "
        "patients with those answers too (docs/pack-format.md, \"clinical.yaml\")."
        "\n\n## Words for people\n\n"
        "Also from `clinical.yaml`: the lay names and synonyms of the complaints, the new lay "
        "complaints (chest pain, ear pain), a short list of body sites in place of the data "
        "set's 164 anatomical terms, words at the ends of the 0-10 scales (or worded options "
        "where a scale is not an amount), and corrections of the data set's English. The "
        "articles (`articles/*.md`) are written by hand, with numbered references; a "
        "complaint without one has only its quiz.\n\n## Attribution and licence\n\n",
        f);
  fprintf(f,
          "%s\n\nThis pack is distributed under CC BY 4.0, like the data it is derived from. "
          "The raw patient files are not included.\n\n## Provenance\n\n```\n",
          S_ATTRIBUTION);
  S_provenance(f, data, fit, o, "");
  fputs("```\n", f);
  return S_close(f, dir, "README.md", err);
}

int symcheck_ddxplus_write_pack(const symcheck_ddxplus *data, const symcheck_fit_options *options,
                                const char *out_dir, symcheck_error *err) {
  if (mkdir(out_dir, 0777) != 0 && errno != EEXIST) {
    error_set(err, out_dir, 0, "", "cannot create %s: %s", out_dir, strerror(errno));
    return -1;
  }
  const S_words *w = &S_english;
  if (options->language != NULL && strcmp(options->language, "fr") == 0) {
    w = &S_french;
  } else if (options->language != NULL && strcmp(options->language, "en") != 0) {
    error_set(err, NULL, 0, "language", "the language must be en or fr, not %s", options->language);
    return -1;
  }
  char overlay[1100];
  snprintf(overlay, sizeof overlay, "%s/clinical.yaml", out_dir);
  ddx_clinical *cl =
      ddx_clinical_load(data, options->clinical != NULL ? options->clinical : overlay, err);
  if (cl == NULL) {
    return -1;
  }
  /* Fitted and written in the overlay's lay options; a view given (by the
     evaluation) already is. */
  symcheck_ddxplus *view = data->base == NULL ? ddx_view_new(data, cl) : NULL;
  if (data->base == NULL && view == NULL) {
    ddx_clinical_free(cl);
    error_set(err, NULL, 0, "", "out of memory applying the clinical overlay");
    return -1;
  }
  data = view != NULL ? view : data;
  ddx_fit *fit = ddx_fit_new(data, options, err);
  if (fit == NULL) {
    symcheck_ddxplus_free(view);
    ddx_clinical_free(cl);
    return -1;
  }
  ddx_clinical_apply_likelihoods(cl, data, fit);
  int rc = S_write_pack_yaml(data, cl, fit, options, w, out_dir, err);
  rc = rc == 0 ? S_write_findings(data, cl, fit, w, out_dir, err) : rc;
  rc = rc == 0 ? S_write_conditions(data, cl, fit, w, out_dir, err) : rc;
  rc = rc == 0 ? S_write_complaints(data, cl, w, out_dir, err) : rc;
  rc = rc == 0 ? S_write_red_flags(data, cl, fit, w, out_dir, err) : rc;
  rc = rc == 0 ? ddx_write_differential(data, options, fit, out_dir, err) : rc;
  rc = rc == 0 ? S_write_readme(data, fit, options, out_dir, err) : rc;
  ddx_fit_free(fit);
  symcheck_ddxplus_free(view);
  ddx_clinical_free(cl);
  return rc;
}
