/*
 * json.c - every JSON symcheck produces for questions, results and pack
 * content, in one place, so that the CLI (`diagnose --json`, `pack show
 * --json`) and the HTTP API answer with exactly the same documents.
 * Shapes are documented in include/symcheck.h and docs/openapi.yaml.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "interview_internal.h"

/* Adds a new reference, stealing it; NULL values become JSON null. */
static void S_set(json_t *obj, const char *key, json_t *value) {
  json_object_set_new(obj, key, value != NULL ? value : json_null());
}

static json_t *S_string_or_null(const char *text) {
  return text != NULL ? json_string(text) : json_null();
}

static json_t *S_citation(const symcheck_citation *c) {
  json_t *o = json_object();
  if (c->estimate || c->source == NULL) {
    S_set(o, "estimate", json_true());
  } else {
    S_set(o, "source", json_string(c->source->key));
  }
  return o;
}

static json_t *S_level(symcheck_level level) {
  return json_pack("{s:i, s:s, s:s}", "level", (int)level, "id", symcheck_level_id(level), "advice",
                   symcheck_level_advice(level));
}

json_t *symcheck_finding_json(const symcheck_finding *f) {
  json_t *options = json_array();
  for (size_t i = 0; i < f->option_count; i++) {
    json_t *o = json_pack("{s:s, s:s}", "id", f->options[i].id, "label", f->options[i].label);
    if (f->type == SYMCHECK_ANSWER_DURATION || f->type == SYMCHECK_ANSWER_NUMBER) {
      S_set(o, "min", json_real(f->options[i].min));
      S_set(o, "max", json_real(f->options[i].max));
    }
    json_array_append_new(options, o);
  }
  json_t *q =
      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", f->id, "name", f->name, "kind", f->kind,
                "text", f->question, "why", f->why, "type", symcheck_answer_type_id(f->type));
  S_set(q, "explain", S_string_or_null(f->explain));
  S_set(q, "unit", S_string_or_null(f->unit));
  S_set(q, "options", options);
  S_set(q, "allows_unknown", json_true());
  S_set(q, "red_flag", json_boolean(f->red_flag));
  S_set(q, "follow_up_of", f->parent != NULL ? json_string(f->parent->id) : NULL);
  return q;
}

static json_t *S_finding_refs(const symcheck_finding *const *items, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_array_append_new(a, json_pack("{s:s, s:s}", "id", items[i]->id, "name", items[i]->name));
  }
  return a;
}

static json_t *S_evidence(const symcheck_evidence *e, size_t n) {
  json_t *a = json_array();
  for (size_t i = 0; i < n; i++) {
    json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:f}", "finding", e[i].finding->id, "name",
                                       e[i].finding->name, "value", e[i].value, "weight",
                                       e[i].weight));
  }
  return a;
}

static json_t *S_ranked(const symcheck_ranked_condition *rc) {
  const symcheck_condition *c = rc->condition;
  char words[64];
  symcheck_probability_words(rc->probability, words, sizeof words);
  json_t *o = json_pack("{s:s, s:s, s:s, s:f, s:s}", "id", c->id, "name", c->name, "icd10",
                        c->icd10, "probability", rc->probability, "probability_words", words);
  S_set(o, "rarity",
        json_pack("{s:s, s:s}", "id", symcheck_rarity_id(c->rarity), "label",
                  symcheck_rarity_label(c->rarity)));
  S_set(o, "urgency", S_level(c->urgency));
  S_set(o, "top_symptoms", S_finding_refs(rc->top_symptoms, rc->top_symptom_count));
  S_set(o, "always", S_finding_refs(rc->always, rc->always_count));
  S_set(o, "why",
        json_pack("{s:o, s:o}", "for", S_evidence(rc->for_answers, rc->for_count), "against",
                  S_evidence(rc->against_answers, rc->against_count)));
  return o;
}

/* A condition as a step in the middle of the interview lists it: the
   ranking alone. Why it fits comes with the result, or from
   symcheck_explain_json. */
static json_t *S_brief(const symcheck_ranked_condition *rc) {
  char words[64];
  symcheck_probability_words(rc->probability, words, sizeof words);
  return json_pack("{s:s, s:s, s:f, s:s}", "id", rc->condition->id, "name", rc->condition->name,
                   "probability", rc->probability, "probability_words", words);
}

/* Every condition in full for the result; the first few in brief while
   questions remain. */
static json_t *S_conditions(const symcheck_result *r) {
  json_t *a = json_array();
  size_t shown = r->condition_count;
  if (!r->should_stop && shown > SYMCHECK_STEP_CONDITIONS) {
    shown = SYMCHECK_STEP_CONDITIONS;
  }
  for (size_t i = 0; i < shown; i++) {
    const symcheck_ranked_condition *rc = &r->conditions[i];
    json_array_append_new(a, r->should_stop ? S_ranked(rc) : S_brief(rc));
  }
  return a;
}

static json_t *S_triage(const symcheck_triage *t) {
  json_t *o = S_level(t->level);
  S_set(o, "reason", json_string(t->reason));
  json_t *flag = NULL;
  if (t->red_flag != NULL) {
    const symcheck_red_flag *rf = t->red_flag;
    flag = json_pack("{s:s, s:s, s:s}", "finding", rf->finding->id, "answer",
                     rf->finding->options[rf->option].id, "message", rf->message);
  }
  S_set(o, "red_flag", flag);
  return o;
}

static json_t *S_answers(const symcheck_interview *iv) {
  json_t *a = json_array();
  char value[1024];
  for (size_t i = 0; i < symcheck_interview_answer_count(iv); i++) {
    const symcheck_finding *f = symcheck_interview_answer_at(iv, i, value, sizeof value);
    json_array_append_new(a, json_pack("{s:s, s:s}", "id", f->id, "value", value));
  }
  return a;
}

json_t *symcheck_interview_json(symcheck_interview *iv) {
  /* The reasons for and against each condition cost more than the rest of
     the step together; only the result shows them. */
  symcheck_result *r =
      symcheck_interview_should_stop(iv) ? symcheck_interview_result(iv) : interview_ranking(iv);
  char *encoded = symcheck_interview_encode(iv);
  if (r == NULL || encoded == NULL) {
    symcheck_result_free(r);
    free(encoded);
    return NULL;
  }
  const symcheck_finding *next = symcheck_interview_next(iv);
  json_t *o = json_object();
  S_set(o, "status", json_string(r->should_stop ? "result" : "question"));
  S_set(o, "question", next != NULL ? symcheck_finding_json(next) : NULL);
  S_set(o, "conditions", S_conditions(r));
  S_set(o, "other_probability", json_real(r->other_probability));
  S_set(o, "triage", S_triage(&r->triage));
  S_set(o, "answered", json_integer((json_int_t)r->answered));
  S_set(o, "max_questions", json_integer(iv->max_questions));
  S_set(o, "should_stop", json_boolean(r->should_stop));
  S_set(o, "complaint",
        json_pack("{s:s, s:s}", "id", iv->complaint->id, "name", iv->complaint->name));
  S_set(o, "profile",
        json_pack("{s:i, s:s}", "age", iv->profile.age, "sex", symcheck_sex_id(iv->profile.sex)));
  S_set(o, "answers", json_string(encoded));
  S_set(o, "answer_list", S_answers(iv));
  S_set(o, "notice", json_string(SYMCHECK_NOTICE));
  free(encoded);
  symcheck_result_free(r);
  return o;
}

/* A probability row as {option: p} (yes_no: just P(yes) as a number). */
static json_t *S_row(const symcheck_finding *f, const double *p) {
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    return json_real(p[0]);
  }
  json_t *o = json_object();
  for (size_t i = 0; i < f->option_count; i++) {
    S_set(o, f->options[i].id, json_real(p[i]));
  }
  return o;
}

static json_t *S_source(const symcheck_source *s) {
  return json_pack("{s:s, s:s, s:s, s:s}", "key", s->key, "title", s->title, "url", s->url, "grade",
                   s->grade);
}

/* The sources a condition cites, each once, in pack order. */
static json_t *S_condition_sources(const symcheck_pack *pack, const symcheck_condition *c) {
  json_t *a = json_array();
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    const symcheck_source *s = symcheck_pack_source(pack, i);
    bool cited = c->prevalence_citation.source == s || c->prior_citation.source == s;
    for (size_t k = 0; k < c->likelihood_count && !cited; k++) {
      cited = c->likelihoods[k].citation.source == s;
    }
    if (cited) {
      json_array_append_new(a, S_source(s));
    }
  }
  return a;
}

json_t *symcheck_condition_json(const symcheck_pack *pack, const symcheck_condition *c) {
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  const symcheck_finding *top[5], *always[8];
  size_t ntop = symcheck_condition_top_symptoms(c, top, 5);
  size_t nalways = symcheck_condition_always(c, always, 8);
  json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", c->id, "name", c->name, "icd10",
                        c->icd10, "summary", c->summary, "group", c->group);
  S_set(o, "rarity",
        json_pack("{s:s, s:s}", "id", symcheck_rarity_id(c->rarity), "label",
                  symcheck_rarity_label(c->rarity)));
  json_t *prevalence = S_citation(&c->prevalence_citation);
  S_set(prevalence, "text", json_string(c->prevalence));
  S_set(o, "prevalence", prevalence);
  S_set(o, "urgency", S_level(c->urgency));
  json_t *prior = S_citation(&c->prior_citation);
  S_set(prior, "weight", json_real(c->prior));
  json_t *age = json_object();
  for (size_t i = 0; i < info->age_band_count; i++) {
    S_set(age, info->age_bands[i].id, json_real(c->age_factor[i]));
  }
  S_set(prior, "age", age);
  S_set(prior, "sex",
        json_pack("{s:f, s:f}", "female", c->sex_factor[SYMCHECK_SEX_FEMALE], "male",
                  c->sex_factor[SYMCHECK_SEX_MALE]));
  S_set(o, "prior", prior);
  json_t *likelihoods = json_array();
  for (size_t i = 0; i < c->likelihood_count; i++) {
    const symcheck_likelihood *l = &c->likelihoods[i];
    json_t *row = S_citation(&l->citation);
    S_set(row, "finding", json_string(l->finding->id));
    S_set(row, "p", S_row(l->finding, l->p));
    json_array_append_new(likelihoods, row);
  }
  S_set(o, "likelihoods", likelihoods);
  S_set(o, "top_symptoms", S_finding_refs(top, ntop));
  S_set(o, "always", S_finding_refs(always, nalways));
  S_set(o, "self_care", S_string_or_null(c->self_care));
  S_set(o, "see_doctor", S_string_or_null(c->see_doctor));
  S_set(o, "sources", S_condition_sources(pack, c));
  return o;
}

static json_t *S_complaint(const symcheck_complaint *c) {
  json_t *synonyms = json_array();
  for (size_t i = 0; i < c->synonym_count; i++) {
    json_array_append_new(synonyms, json_string(c->synonyms[i]));
  }
  json_t *given = json_object();
  for (size_t i = 0; i < c->given_count; i++) {
    const symcheck_finding *f = c->given_findings[i];
    S_set(given, f->id, json_string(f->options[c->given_options[i]].id));
  }
  json_t *conditions = json_array();
  for (size_t i = 0; i < c->condition_count; i++) {
    json_array_append_new(conditions, json_string(c->conditions[i]->id));
  }
  json_t *o = json_pack("{s:s, s:s}", "id", c->id, "name", c->name);
  S_set(o, "synonyms", synonyms);
  S_set(o, "article", S_string_or_null(c->article_path));
  S_set(o, "given", given);
  S_set(o, "screen", S_finding_refs(c->screen, c->screen_count));
  S_set(o, "conditions", conditions);
  S_set(o, "other_prior", json_real(c->other_prior));
  return o;
}

static json_t *S_finding_content(const symcheck_finding *f) {
  json_t *o = symcheck_finding_json(f);
  json_t *def = S_citation(&f->default_citation);
  S_set(def, "p", S_row(f, f->default_p));
  S_set(o, "default", def);
  return o;
}

static json_t *S_info(const symcheck_pack *pack) {
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  json_t *reviewers = json_array();
  for (size_t i = 0; i < info->reviewer_count; i++) {
    json_array_append_new(reviewers, json_string(info->reviewers[i]));
  }
  json_t *o =
      json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", info->id, "title", info->title, "version",
                info->version, "language", info->language, "last_reviewed", info->last_reviewed);
  S_set(o, "reviewers", reviewers);
  S_set(o, "licence", S_string_or_null(info->licence));
  S_set(o, "attribution", S_string_or_null(info->attribution));
  S_set(o, "emergency_number", S_string_or_null(info->emergency_number));
  S_set(o, "stats",
        json_pack("{s:I, s:I, s:I}", "probabilities", (json_int_t)stats.probabilities, "sourced",
                  (json_int_t)stats.sourced, "estimates", (json_int_t)stats.estimates));
  return o;
}

json_t *symcheck_pack_json(const symcheck_pack *pack) {
  json_t *o = S_info(pack);
  json_t *complaints = json_array(), *findings = json_array(), *conditions = json_array();
  json_t *red_flags = json_array(), *sources = json_array();
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    json_array_append_new(complaints, S_complaint(symcheck_pack_complaint(pack, i)));
  }
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    json_array_append_new(findings, S_finding_content(symcheck_pack_finding(pack, i)));
  }
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    json_array_append_new(conditions,
                          symcheck_condition_json(pack, symcheck_pack_condition(pack, i)));
  }
  for (size_t i = 0; i < symcheck_pack_red_flag_count(pack); i++) {
    const symcheck_red_flag *rf = symcheck_pack_red_flag(pack, i);
    json_t *flag = json_pack("{s:s, s:s, s:i, s:s}", "finding", rf->finding->id, "answer",
                             rf->finding->options[rf->option].id, "min_age", rf->min_age, "message",
                             rf->message);
    S_set(flag, "level", S_level(rf->level));
    json_array_append_new(red_flags, flag);
  }
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    json_array_append_new(sources, S_source(symcheck_pack_source(pack, i)));
  }
  S_set(o, "complaints", complaints);
  S_set(o, "findings", findings);
  S_set(o, "conditions", conditions);
  S_set(o, "red_flags", red_flags);
  S_set(o, "sources", sources);
  S_set(o, "notice", json_string(SYMCHECK_NOTICE));
  return o;
}
