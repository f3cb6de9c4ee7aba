/*
 * json.c - every JSON symcheck produces for questions, results and pack
 * content, in one place, so that the CLI (`diagnose --json`, `pack show
 * --json`) and the HTTP API answer with exactly the same documents.
 * Shapes are documented in include/symcheck.h and docs/openapi.yaml.
 *
 * Each document is written as text with json_writer (an interview step
 * is answered many times a second; building a jansson tree to write it
 * cost several times the step itself). The json_t functions parse that
 * same text, so both forms always agree.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "interview_internal.h"
#include "json_writer.h"

/* The parsed form of what w wrote (the text is freed); NULL when out of
   memory. */
static json_t *S_parse(json_writer *w) {
  size_t length = 0;
  char *text = json_writer_finish(w, &length);
  if (text == NULL) {
    return NULL;
  }
  json_t *value = json_loadb(text, length, 0, NULL);
  free(text);
  return value;
}

static void S_citation_fields(json_writer *w, const symcheck_citation *c) {
  if (c->estimate || c->source == NULL) {
    json_writer_key_bool(w, "estimate", true);
  } else {
    json_writer_key_string(w, "source", c->source->key);
  }
  if (c->where != NULL) {
    json_writer_key_string(w, "where", c->where);
  }
  if (c->note != NULL) {
    json_writer_key_string(w, "note", c->note);
  }
}

static void S_level_fields(json_writer *w, symcheck_level level) {
  json_writer_key_integer(w, "level", (long long)level);
  json_writer_key_string(w, "id", symcheck_level_id(level));
  json_writer_key_string(w, "advice", symcheck_level_advice(level));
}

static void S_level(json_writer *w, const char *key, symcheck_level level) {
  json_writer_key(w, key);
  json_writer_object(w);
  S_level_fields(w, level);
  json_writer_object_end(w);
}

/* A condition's urgency with what it rests on: {level, id, advice,
   source and where | estimate and note}. */
static void S_cited_level(json_writer *w, const char *key, symcheck_level level,
                          const symcheck_citation *citation) {
  json_writer_key(w, key);
  json_writer_object(w);
  S_level_fields(w, level);
  if (citation != NULL && (citation->source != NULL || citation->estimate)) {
    S_citation_fields(w, citation);
  }
  json_writer_object_end(w);
}

static void S_rarity(json_writer *w, symcheck_rarity rarity) {
  json_writer_key(w, "rarity");
  json_writer_object(w);
  json_writer_key_string(w, "id", symcheck_rarity_id(rarity));
  json_writer_key_string(w, "label", symcheck_rarity_label(rarity));
  json_writer_object_end(w);
}

/* "ages": [min, max] and "sex" when given (pack content only: a question
   shown to a person lists what applies to them). */
static void S_applies(json_writer *w, const symcheck_applies *a) {
  if (a->has_ages) {
    json_writer_key(w, "ages");
    json_writer_array(w);
    json_writer_integer(w, a->min_age);
    json_writer_integer(w, a->max_age);
    json_writer_array_end(w);
  }
  if (a->has_sex) {
    json_writer_key_string(w, "sex", symcheck_sex_id(a->sex));
  }
}

/* Pack content: "implies": [{"finding", "answer"}] when the option (a
   yes_no finding's "yes") implies other answers. */
static void S_implies(json_writer *w, const symcheck_option *o) {
  if (o->implies_count == 0) {
    return;
  }
  json_writer_key(w, "implies");
  json_writer_array(w);
  for (size_t i = 0; i < o->implies_count; i++) {
    const symcheck_implication *imp = &o->implies[i];
    json_writer_object(w);
    json_writer_key_string(w, "finding", imp->finding->id);
    json_writer_key_string(w, "answer", imp->finding->options[imp->option].id);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

/* Option i of f: labelled for someone of `age` when asked of a person;
   pack content (with_applies) gives both labels as written. */
static void S_option(json_writer *w, const symcheck_finding *f, size_t i, int age,
                     bool with_applies) {
  const symcheck_option *o = &f->options[i];
  char label[512];
  json_writer_object(w);
  json_writer_key_string(w, "id", o->id);
  json_writer_key_string(w, "label",
                         with_applies ? o->label
                                      : symcheck_option_label_for(f, i, age, label, sizeof label));
  if (with_applies && o->label_child != NULL) {
    json_writer_key_string(w, "label_child", o->label_child);
  }
  if (f->type == SYMCHECK_ANSWER_DURATION || f->type == SYMCHECK_ANSWER_NUMBER) {
    json_writer_key_real(w, "min", o->min);
    json_writer_key_real(w, "max", o->max);
  }
  if (with_applies) {
    S_applies(w, &o->applies);
    S_implies(w, o);
  }
  json_writer_object_end(w);
}

/* A probability row as {option: p} (yes_no: just P(yes) as a number). */
static void S_row(json_writer *w, const symcheck_finding *f, const double *p) {
  if (f->type == SYMCHECK_ANSWER_YES_NO) {
    json_writer_real(w, p[0]);
    return;
  }
  json_writer_object(w);
  for (size_t i = 0; i < f->option_count; i++) {
    json_writer_key_real(w, f->options[i].id, p[i]);
  }
  json_writer_object_end(w);
}

/* The question fields of a finding. With a person (`iv`), the question is
   worded for them and lists only the options that apply to them; without
   one (pack content) it adds whom it applies to and its default row. */
static void S_finding(json_writer *w, const symcheck_finding *f, const symcheck_interview *iv,
                      bool with_default) {
  char question[1024];
  int age = iv != NULL ? iv->profile.age : 18;
  json_writer_object(w);
  json_writer_key_string(w, "id", f->id);
  json_writer_key_string(w, "name", f->name);
  json_writer_key_string(w, "kind", f->kind);
  json_writer_key_string(w, "text",
                         symcheck_finding_question_for(f, age, question, sizeof question));
  if (iv != NULL && symcheck_age_is_child(age) && f->question_child == NULL) {
    json_writer_key_bool(w, "answer_for_child", true);
  }
  json_writer_key_string(w, "why", f->why);
  json_writer_key_string(w, "type", symcheck_answer_type_id(f->type));
  json_writer_key_string(w, "explain", f->explain);
  json_writer_key_string(w, "unit", f->unit);
  if (f->scale_low != NULL) {
    json_writer_key(w, "scale");
    json_writer_object(w);
    json_writer_key_string(w, "low", f->scale_low);
    json_writer_key_string(w, "high", f->scale_high);
    json_writer_object_end(w);
  }
  json_writer_key(w, "options");
  json_writer_array(w);
  for (size_t i = 0; i < f->option_count; i++) {
    if (iv == NULL || interview_option_applies(iv, f, i)) {
      S_option(w, f, i, age, iv == NULL);
    }
  }
  json_writer_array_end(w);
  json_writer_key_bool(w, "allows_unknown", true);
  json_writer_key_bool(w, "red_flag", f->red_flag);
  json_writer_key_string(w, "follow_up_of", f->parent != NULL ? f->parent->id : NULL);
  if (f->universal_screen) {
    json_writer_key_bool(w, "universal_screen", true);
  }
  if (iv == NULL) {
    S_applies(w, &f->applies);
    if (f->question_child != NULL) {
      json_writer_key_string(w, "question_child", f->question_child);
    }
  }
  if (with_default) {
    json_writer_key(w, "default");
    json_writer_object(w);
    S_citation_fields(w, &f->default_citation);
    json_writer_key(w, "p");
    S_row(w, f, f->default_p);
    json_writer_object_end(w);
  }
  json_writer_object_end(w);
}

json_t *symcheck_finding_json(const symcheck_finding *f) {
  json_writer w;
  json_writer_init(&w, 2048);
  S_finding(&w, f, NULL, false);
  return S_parse(&w);
}

static void S_finding_refs(json_writer *w, const char *key, const symcheck_finding *const *items,
                           size_t n) {
  json_writer_key(w, key);
  json_writer_array(w);
  for (size_t i = 0; i < n; i++) {
    json_writer_object(w);
    json_writer_key_string(w, "id", items[i]->id);
    json_writer_key_string(w, "name", items[i]->name);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

/* "implied_by": {"finding", "option"} of the answer that implied another. */
static void S_implied_by(json_writer *w, const symcheck_finding *by, size_t option) {
  json_writer_key(w, "implied_by");
  json_writer_object(w);
  json_writer_key_string(w, "finding", by->id);
  json_writer_key_string(w, "option", by->options[option].id);
  json_writer_object_end(w);
}

/* Each reason: the answer, its weight, which way and how strongly it
   points in words, and what implied it when it was implied. */
static void S_evidence(json_writer *w, const char *key, const symcheck_evidence *e, size_t n) {
  char words[512];
  json_writer_key(w, key);
  json_writer_array(w);
  for (size_t i = 0; i < n; i++) {
    json_writer_object(w);
    json_writer_key_string(w, "finding", e[i].finding->id);
    json_writer_key_string(w, "name", e[i].finding->name);
    json_writer_key_string(w, "value", e[i].value);
    json_writer_key_real(w, "weight", e[i].weight);
    json_writer_key_string(w, "direction", e[i].weight >= 0.0 ? "towards" : "away_from");
    json_writer_key_string(w, "strength", e[i].strength);
    symcheck_evidence_words(&e[i], words, sizeof words);
    json_writer_key_string(w, "words", words);
    if (e[i].implied_by != NULL) {
      S_implied_by(w, e[i].implied_by, e[i].implied_option);
    }
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

/* id, name (icd10 when full) and probability: all a step in the middle
   of the interview shows of a condition, and the start of a result's. */
static void S_ranking_fields(json_writer *w, const symcheck_ranked_condition *rc, bool full) {
  char words[64];
  symcheck_probability_words(rc->probability, words, sizeof words);
  json_writer_key_string(w, "id", rc->condition->id);
  json_writer_key_string(w, "name", rc->condition->name);
  if (full) {
    json_writer_key_string(w, "icd10", rc->condition->icd10);
  }
  json_writer_key_real(w, "probability", rc->probability);
  json_writer_key_string(w, "probability_words", words);
}

/* A condition of the result: the ranking, then why it fits. */
static void S_ranked(json_writer *w, const symcheck_ranked_condition *rc) {
  const symcheck_condition *c = rc->condition;
  json_writer_object(w);
  S_ranking_fields(w, rc, true);
  S_rarity(w, c->rarity);
  S_cited_level(w, "urgency", rc->urgency, rc->urgency_citation); /* the person's */
  S_finding_refs(w, "top_symptoms", rc->top_symptoms, rc->top_symptom_count);
  S_finding_refs(w, "always", rc->always, rc->always_count);
  if (rc->for_answers != NULL) { /* the first SYMCHECK_RESULT_EXPLAINED */
    json_writer_key(w, "why");
    json_writer_object(w);
    S_evidence(w, "for", rc->for_answers, rc->for_count);
    S_evidence(w, "against", rc->against_answers, rc->against_count);
    json_writer_object_end(w);
  }
  json_writer_object_end(w);
}

/* Every condition in full for the result (why it fits for the first
   SYMCHECK_RESULT_EXPLAINED); the first few in brief while
   questions remain (why each fits comes with the result, or from
   symcheck_explain_json). */
static void S_conditions(json_writer *w, const symcheck_result *r) {
  size_t shown = r->condition_count;
  if (!r->should_stop && shown > SYMCHECK_STEP_CONDITIONS) {
    shown = SYMCHECK_STEP_CONDITIONS;
  }
  json_writer_key(w, "conditions");
  json_writer_array(w);
  for (size_t i = 0; i < shown; i++) {
    if (r->should_stop) {
      S_ranked(w, &r->conditions[i]);
    } else {
      json_writer_object(w);
      S_ranking_fields(w, &r->conditions[i], false);
      json_writer_object_end(w);
    }
  }
  json_writer_array_end(w);
}

static void S_condition_ref(json_writer *w, const char *key, const symcheck_condition *c) {
  json_writer_key(w, key);
  json_writer_object(w);
  json_writer_key_string(w, "id", c->id);
  json_writer_key_string(w, "name", c->name);
  json_writer_object_end(w);
}

/* {"kind": "red_flag", "finding", "option" (the one given)} | {"kind": "condition",
   "condition": {"id", "name"}} | {"kind": "default"} */
static void S_set_by(json_writer *w, const symcheck_interview *iv, const symcheck_triage *t) {
  json_writer_key(w, "set_by");
  json_writer_object(w);
  json_writer_key_string(w, "kind", symcheck_triage_cause_id(t->set_by));
  if (t->set_by == SYMCHECK_SET_BY_RED_FLAG) {
    json_writer_key_string(w, "finding", t->red_flag->finding->id);
    json_writer_key_string(
        w, "option", t->red_flag->finding->options[interview_red_flag_answer(iv, t->red_flag)].id);
  } else if (t->set_by == SYMCHECK_SET_BY_CONDITION) {
    S_condition_ref(w, "condition", t->condition);
  }
  json_writer_object_end(w);
}

static void S_triage(json_writer *w, const symcheck_interview *iv, const symcheck_triage *t) {
  json_writer_key(w, "triage");
  json_writer_object(w);
  S_level_fields(w, t->level);
  json_writer_key_string(w, "reason", t->reason);
  S_set_by(w, iv, t);
  json_writer_key(w, "red_flag");
  if (t->red_flag != NULL) {
    const symcheck_red_flag *rf = t->red_flag;
    json_writer_object(w);
    json_writer_key_string(w, "finding", rf->finding->id);
    size_t answer = interview_red_flag_answer(iv, rf);
    json_writer_key_string(w, "answer", rf->finding->options[answer].id);
    json_writer_key_string(w, "message", rf->message);
    json_writer_object_end(w);
  } else {
    json_writer_null(w);
  }
  json_writer_object_end(w);
}

/* [{"condition": {"id", "name"}, "asked": [finding ids]}] */
static void S_ruled_out(json_writer *w, const symcheck_result *r) {
  json_writer_key(w, "ruled_out");
  json_writer_array(w);
  for (size_t i = 0; i < r->ruled_out_count; i++) {
    const symcheck_ruled_out *ro = &r->ruled_out[i];
    json_writer_object(w);
    S_condition_ref(w, "condition", ro->condition);
    json_writer_key(w, "asked");
    json_writer_array(w);
    for (size_t k = 0; k < ro->asked_count; k++) {
      json_writer_string(w, ro->asked[k]->id);
    }
    json_writer_array_end(w);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

static void S_answers(json_writer *w, const symcheck_interview *iv) {
  char value[1024];
  json_writer_key(w, "answer_list");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_interview_answer_count(iv); i++) {
    const symcheck_finding *f = symcheck_interview_answer_at(iv, i, value, sizeof value);
    json_writer_object(w);
    json_writer_key_string(w, "id", f->id);
    json_writer_key_string(w, "value", value);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

/* "implied": the answers other answers implied, in pack order:
   [{"id", "value" (an option id), "implied_by": {"finding", "option"}}]. */
static void S_implied(json_writer *w, const symcheck_interview *iv) {
  json_writer_key(w, "implied");
  json_writer_array(w);
  for (size_t i = 0; i < iv->pack->finding_count; i++) {
    const symcheck_finding *f = &iv->pack->findings[i];
    const answer_slot *s = &iv->slots[i];
    if (s->implied) {
      json_writer_object(w);
      json_writer_key_string(w, "id", f->id);
      json_writer_key_string(w, "value", f->options[s->option].id);
      S_implied_by(w, &iv->pack->findings[s->by_finding], s->by_option);
      json_writer_object_end(w);
    }
  }
  json_writer_array_end(w);
}

/* "key": "text", or "key": null when there is none. */
static void S_key_text_or_null(json_writer *w, const char *key, const char *text) {
  if (text != NULL) {
    json_writer_key_string(w, key, text);
  } else {
    json_writer_key(w, key);
    json_writer_null(w);
  }
}

static void S_step(json_writer *w, symcheck_interview *iv, const symcheck_result *r,
                   const char *encoded) {
  const symcheck_finding *next = symcheck_interview_next(iv);
  json_writer_object(w);
  json_writer_key_string(w, "status", r->should_stop ? "result" : "question");
  json_writer_key(w, "question");
  if (next != NULL) {
    S_finding(w, next, iv, false);
  } else {
    json_writer_null(w);
  }
  S_conditions(w, r);
  json_writer_key_real(w, "other_probability", r->other_probability);
  S_triage(w, iv, &r->triage);
  S_ruled_out(w, r);
  json_writer_key_integer(w, "answered", (long long)r->answered);
  json_writer_key_integer(w, "screen_asked", (long long)r->screen_asked);
  json_writer_key_integer(w, "max_questions", iv->max_questions);
  json_writer_key_bool(w, "should_stop", r->should_stop);
  char note[256];
  symcheck_stop_words(r->stop_reason, r->answered, note, sizeof note);
  S_key_text_or_null(w, "stop_reason",
                     r->should_stop ? symcheck_stop_reason_id(r->stop_reason) : NULL);
  S_key_text_or_null(w, "stop_note", note[0] != '\0' ? note : NULL);
  json_writer_key(w, "complaint");
  json_writer_object(w);
  json_writer_key_string(w, "id", iv->complaint->id);
  json_writer_key_string(w, "name", iv->complaint->name);
  json_writer_key_bool(w, "triage_only", iv->complaint->condition_count == 0);
  if (iv->complaint->condition_count == 0) { /* no condition gives this advice */
    S_key_text_or_null(w, "self_care", iv->complaint->self_care);
    S_key_text_or_null(w, "see_doctor", iv->complaint->see_doctor);
  }
  json_writer_object_end(w);
  json_writer_key(w, "profile");
  json_writer_object(w);
  json_writer_key_integer(w, "age", iv->profile.age);
  json_writer_key_string(w, "sex", symcheck_sex_id(iv->profile.sex));
  json_writer_object_end(w);
  json_writer_key_string(w, "answers", encoded);
  S_answers(w, iv);
  S_implied(w, iv);
  json_writer_key_string(w, "notice", SYMCHECK_NOTICE);
  json_writer_object_end(w);
}

char *symcheck_interview_json_text(symcheck_interview *iv, size_t *length) {
  /* The reasons for and against each condition cost more than the rest of
     the step together; only the result shows them. */
  symcheck_result *r =
      symcheck_interview_should_stop(iv) ? symcheck_interview_result(iv) : interview_ranking(iv);
  char *encoded = symcheck_interview_encode(iv);
  char *text = NULL;
  if (r != NULL && encoded != NULL) {
    json_writer w;
    json_writer_init(&w, r->should_stop ? 32768 : 4096);
    S_step(&w, iv, r, encoded);
    text = json_writer_finish(&w, length);
  }
  free(encoded);
  symcheck_result_free(r);
  return text;
}

json_t *symcheck_interview_json(symcheck_interview *iv) {
  char *text = symcheck_interview_json_text(iv, NULL);
  json_t *value = text != NULL ? json_loads(text, 0, NULL) : NULL;
  free(text);
  return value;
}

static void S_source(json_writer *w, const symcheck_source *s) {
  json_writer_object(w);
  json_writer_key_string(w, "key", s->key);
  json_writer_key_string(w, "authors", s->authors);
  if (s->year > 0) {
    json_writer_key_integer(w, "year", s->year);
  } else {
    json_writer_key_string(w, "year", s->undated ? "n.d." : NULL);
  }
  json_writer_key_string(w, "title", s->title);
  json_writer_key_string(w, "journal", s->journal);
  json_writer_key_string(w, "publisher", s->publisher);
  json_writer_key_string(w, "doi", s->doi);
  json_writer_key_string(w, "pmid", s->pmid);
  json_writer_key_string(w, "url", s->url);
  json_writer_key_string(w, "grade", s->grade);
  json_writer_object_end(w);
}

/* "stats": how many of the numbers cite a source, and the share. */
static void S_stats(json_writer *w, symcheck_pack_stats stats) {
  json_writer_key(w, "stats");
  json_writer_object(w);
  json_writer_key_integer(w, "probabilities", (long long)stats.probabilities);
  json_writer_key_integer(w, "sourced", (long long)stats.sourced);
  json_writer_key_integer(w, "estimates", (long long)stats.estimates);
  json_writer_key_integer(w, "without_where", (long long)stats.without_where);
  json_writer_key_real(w, "cited_share",
                       stats.probabilities > 0 ? (double)stats.sourced / (double)stats.probabilities
                                               : 0.0);
  json_writer_object_end(w);
}

/* "review": who checked the condition and when, or null when nobody has. */
static void S_review(json_writer *w, const symcheck_review *r) {
  json_writer_key(w, "review");
  if (r->by == NULL) {
    json_writer_null(w);
    return;
  }
  json_writer_object(w);
  json_writer_key_string(w, "by", r->by);
  json_writer_key_string(w, "date", r->date);
  json_writer_key_string(w, "sources_version", r->sources_version);
  json_writer_object_end(w);
}

/* The sources a condition cites, each once, in pack order. */
static void S_condition_sources(json_writer *w, const symcheck_pack *pack,
                                const symcheck_condition *c) {
  json_writer_key(w, "sources");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    const symcheck_source *s = symcheck_pack_source(pack, i);
    bool cited = c->prevalence_citation.source == s || c->prior_citation.source == s;
    for (size_t k = 0; k < c->likelihood_count && !cited; k++) {
      cited = c->likelihoods[k].citation.source == s;
    }
    if (cited) {
      S_source(w, s);
    }
  }
  json_writer_array_end(w);
}

static void S_prior(json_writer *w, const symcheck_pack *pack, const symcheck_condition *c) {
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  json_writer_key(w, "prior");
  json_writer_object(w);
  S_citation_fields(w, &c->prior_citation);
  json_writer_key_real(w, "weight", c->prior);
  json_writer_key(w, "age");
  json_writer_object(w);
  for (size_t i = 0; i < info->age_band_count; i++) {
    json_writer_key_real(w, info->age_bands[i].id, c->age_factor[i]);
  }
  json_writer_object_end(w);
  json_writer_key(w, "sex");
  json_writer_object(w);
  json_writer_key_real(w, "female", c->sex_factor[SYMCHECK_SEX_FEMALE]);
  json_writer_key_real(w, "male", c->sex_factor[SYMCHECK_SEX_MALE]);
  json_writer_object_end(w);
  json_writer_object_end(w);
}

static void S_likelihoods(json_writer *w, const symcheck_condition *c) {
  json_writer_key(w, "likelihoods");
  json_writer_array(w);
  for (size_t i = 0; i < c->likelihood_count; i++) {
    const symcheck_likelihood *l = &c->likelihoods[i];
    json_writer_object(w);
    S_citation_fields(w, &l->citation);
    json_writer_key_string(w, "finding", l->finding->id);
    json_writer_key(w, "p");
    S_row(w, l->finding, l->p);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

/* "urgency_by_age": [{"ages": [min, max], "urgency": {...}, "source" and
   "where" | "estimate" and "note"}], only when the condition has any. */
static void S_urgency_by_age(json_writer *w, const symcheck_condition *c) {
  if (c->urgency_by_age_count == 0) {
    return;
  }
  json_writer_key(w, "urgency_by_age");
  json_writer_array(w);
  for (size_t i = 0; i < c->urgency_by_age_count; i++) {
    const symcheck_age_urgency *e = &c->urgency_by_age[i];
    json_writer_object(w);
    json_writer_key(w, "ages");
    json_writer_array(w);
    json_writer_integer(w, e->min_age);
    json_writer_integer(w, e->max_age);
    json_writer_array_end(w);
    S_level(w, "urgency", e->urgency);
    S_citation_fields(w, &e->citation);
    json_writer_object_end(w);
  }
  json_writer_array_end(w);
}

static void S_condition(json_writer *w, const symcheck_pack *pack, const symcheck_condition *c) {
  const symcheck_finding *top[5], *always[8];
  size_t ntop = symcheck_condition_top_symptoms(c, top, 5);
  size_t nalways = symcheck_condition_always(c, always, 8);
  json_writer_object(w);
  json_writer_key_string(w, "id", c->id);
  json_writer_key_string(w, "name", c->name);
  json_writer_key_string(w, "icd10", c->icd10);
  json_writer_key_string(w, "snomed", c->snomed);
  S_review(w, &c->review);
  S_stats(w, symcheck_condition_stats(c));
  json_writer_key_string(w, "summary", c->summary);
  json_writer_key_string(w, "group", c->group);
  S_applies(w, &c->applies);
  S_rarity(w, c->rarity);
  json_writer_key(w, "prevalence");
  json_writer_object(w);
  S_citation_fields(w, &c->prevalence_citation);
  json_writer_key_string(w, "text", c->prevalence);
  json_writer_object_end(w);
  S_level(w, "urgency", c->urgency);
  if (c->urgency_citation.source != NULL) {
    json_writer_key_string(w, "urgency_source", c->urgency_citation.source->key);
  } else if (c->urgency_citation.estimate) {
    json_writer_key_bool(w, "urgency_estimate", true);
  }
  S_urgency_by_age(w, c);
  S_prior(w, pack, c);
  S_likelihoods(w, c);
  S_finding_refs(w, "top_symptoms", top, ntop);
  S_finding_refs(w, "always", always, nalways);
  json_writer_key_string(w, "self_care", c->self_care);
  json_writer_key_string(w, "see_doctor", c->see_doctor);
  S_condition_sources(w, pack, c);
  json_writer_object_end(w);
}

json_t *symcheck_condition_json(const symcheck_pack *pack, const symcheck_condition *c) {
  json_writer w;
  json_writer_init(&w, 8192);
  S_condition(&w, pack, c);
  return S_parse(&w);
}

static void S_complaint(json_writer *w, const symcheck_complaint *c) {
  json_writer_object(w);
  json_writer_key_string(w, "id", c->id);
  json_writer_key_string(w, "name", c->name);
  json_writer_key(w, "synonyms");
  json_writer_array(w);
  for (size_t i = 0; i < c->synonym_count; i++) {
    json_writer_string(w, c->synonyms[i]);
  }
  json_writer_array_end(w);
  json_writer_key_string(w, "article", c->article_path);
  json_writer_key(w, "given");
  json_writer_object(w);
  for (size_t i = 0; i < c->given_count; i++) {
    const symcheck_finding *f = c->given_findings[i];
    json_writer_key_string(w, f->id, f->options[c->given_options[i]].id);
  }
  json_writer_object_end(w);
  S_finding_refs(w, "screen", c->screen, c->screen_count);
  json_writer_key(w, "conditions");
  json_writer_array(w);
  for (size_t i = 0; i < c->condition_count; i++) {
    json_writer_string(w, c->conditions[i]->id);
  }
  json_writer_array_end(w);
  json_writer_key_real(w, "other_prior", c->other_prior);
  json_writer_object_end(w);
}

static void S_info_fields(json_writer *w, const symcheck_pack *pack) {
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  json_writer_key_string(w, "id", info->id);
  json_writer_key_string(w, "title", info->title);
  json_writer_key_string(w, "version", info->version);
  json_writer_key_string(w, "language", info->language);
  json_writer_key_string(w, "last_reviewed", info->last_reviewed);
  json_writer_key(w, "reviewers");
  json_writer_array(w);
  for (size_t i = 0; i < info->reviewer_count; i++) {
    json_writer_string(w, info->reviewers[i]);
  }
  json_writer_array_end(w);
  json_writer_key_string(w, "licence", info->licence);
  json_writer_key_string(w, "attribution", info->attribution);
  json_writer_key_string(w, "emergency_number", info->emergency_number);
  S_stats(w, stats);
}

/* "key": [option ids] of finding f. */
static void S_option_ids(json_writer *w, const char *key, const symcheck_finding *f, size_t n,
                         const size_t *options) {
  json_writer_key(w, key);
  json_writer_array(w);
  for (size_t i = 0; i < n; i++) {
    json_writer_string(w, f->options[options[i]].id);
  }
  json_writer_array_end(w);
}

static void S_red_flag(json_writer *w, const symcheck_red_flag *rf) {
  json_writer_object(w);
  json_writer_key_string(w, "finding", rf->finding->id);
  json_writer_key_string(w, "answer", rf->finding->options[rf->option].id);
  S_option_ids(w, "answers", rf->finding, rf->option_count, rf->options);
  if (rf->also != NULL) {
    json_writer_key(w, "also");
    json_writer_object(w);
    json_writer_key_string(w, "finding", rf->also->id);
    S_option_ids(w, "answers", rf->also, rf->also_count, rf->also_options);
    json_writer_object_end(w);
  }
  json_writer_key_integer(w, "min_age", rf->min_age);
  json_writer_key_integer(w, "max_age", rf->max_age);
  json_writer_key_string(w, "message", rf->message);
  S_level(w, "level", rf->level);
  if (rf->citation.source != NULL || rf->citation.estimate) {
    S_citation_fields(w, &rf->citation);
  }
  json_writer_key_string(w, "note", rf->note);
  json_writer_key_string(w, "where", rf->where);
  json_writer_object_end(w);
}

static void S_pack(json_writer *w, const symcheck_pack *pack) {
  json_writer_object(w);
  S_info_fields(w, pack);
  json_writer_key(w, "complaints");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    S_complaint(w, symcheck_pack_complaint(pack, i));
  }
  json_writer_array_end(w);
  json_writer_key(w, "screen");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_screen_count(pack); i++) {
    json_writer_string(w, symcheck_pack_finding(pack, i)->id);
  }
  json_writer_array_end(w);
  json_writer_key(w, "findings");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    S_finding(w, symcheck_pack_finding(pack, i), NULL, true);
  }
  json_writer_array_end(w);
  json_writer_key(w, "conditions");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    S_condition(w, pack, symcheck_pack_condition(pack, i));
  }
  json_writer_array_end(w);
  json_writer_key(w, "red_flags");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_red_flag_count(pack); i++) {
    S_red_flag(w, symcheck_pack_red_flag(pack, i));
  }
  json_writer_array_end(w);
  json_writer_key(w, "sources");
  json_writer_array(w);
  for (size_t i = 0; i < symcheck_pack_source_count(pack); i++) {
    S_source(w, symcheck_pack_source(pack, i));
  }
  json_writer_array_end(w);
  json_writer_key_string(w, "notice", SYMCHECK_NOTICE);
  json_writer_object_end(w);
}

json_t *symcheck_pack_json(const symcheck_pack *pack) {
  json_writer w;
  json_writer_init(&w, 65536);
  S_pack(&w, pack);
  return S_parse(&w);
}
