/*
 * json_sources.c - every source of a pack with what it supports: which
 * conditions cite it (and with how many numbers), which findings' defaults,
 * which red flags and which conditions' urgencies. `symcheck pack sources`
 * and the web page /about/sources both show it, so a reader can audit what
 * rests on each source.
 */
#include <string.h>

#include "symcheck.h"

/* The source as JSON: its bibliographic fields. */
static json_t *S_source(const symcheck_source *s) {
  json_t *year =
      s->year > 0 ? json_integer(s->year) : (s->undated ? json_string("n.d.") : json_null());
  return json_pack("{s:s, s:s?, s:o, s:s, s:s?, s:s?, s:s?, s:s?, s:s, s:s}", "key", s->key,
                   "authors", s->authors, "year", year, "title", s->title, "journal", s->journal,
                   "publisher", s->publisher, "doi", s->doi, "pmid", s->pmid, "url", s->url,
                   "grade", s->grade);
}

/* How many of a condition's numbers cite `s`. */
static size_t S_condition_numbers(const symcheck_condition *c, const symcheck_source *s) {
  size_t n = (size_t)(c->prior_citation.source == s) + (size_t)(c->prevalence_citation.source == s);
  for (size_t i = 0; i < c->likelihood_count; i++) {
    n += c->likelihoods[i].citation.source == s;
  }
  return n;
}

/* True when c's urgency, or one of its urgencies by age, cites s. */
static bool S_urgency_cites(const symcheck_condition *c, const symcheck_source *s) {
  bool cites = c->urgency_citation.source == s;
  for (size_t i = 0; i < c->urgency_by_age_count; i++) {
    cites = cites || c->urgency_by_age[i].citation.source == s;
  }
  return cites;
}

/* What cites `s`: conditions (with counts), findings, red flags,
   urgencies; adds their numbers to *numbers. */
static json_t *S_uses(const symcheck_pack *pack, const symcheck_source *s, size_t *numbers) {
  json_t *conditions = json_array(), *findings = json_array(), *flags = json_array(),
         *urgencies = json_array();
  for (size_t i = 0; i < symcheck_pack_condition_count(pack); i++) {
    const symcheck_condition *c = symcheck_pack_condition(pack, i);
    size_t n = S_condition_numbers(c, s);
    if (n > 0) {
      json_array_append_new(conditions, json_pack("{s:s, s:s, s:I}", "id", c->id, "name", c->name,
                                                  "numbers", (json_int_t)n));
      *numbers += n;
    }
    if (S_urgency_cites(c, s)) {
      json_array_append_new(urgencies, json_pack("{s:s, s:s}", "id", c->id, "name", c->name));
    }
  }
  for (size_t i = 0; i < symcheck_pack_finding_count(pack); i++) {
    const symcheck_finding *f = symcheck_pack_finding(pack, i);
    if (f->default_citation.source == s) {
      json_array_append_new(findings, json_pack("{s:s, s:s}", "id", f->id, "name", f->name));
      (*numbers)++;
    }
  }
  for (size_t i = 0; i < symcheck_pack_red_flag_count(pack); i++) {
    const symcheck_red_flag *rf = symcheck_pack_red_flag(pack, i);
    if (rf->citation.source == s) {
      json_array_append_new(flags, json_pack("{s:s, s:s, s:s}", "finding", rf->finding->id, "name",
                                             rf->finding->name, "message", rf->message));
    }
  }
  return json_pack("{s:o, s:o, s:o, s:o}", "conditions", conditions, "findings", findings,
                   "red_flags", flags, "urgencies", urgencies);
}

json_t *symcheck_sources_json(const symcheck_pack *pack) {
  json_t *list = json_array();
  for (size_t i = 0; list != NULL && i < symcheck_pack_source_count(pack); i++) {
    const symcheck_source *s = symcheck_pack_source(pack, i);
    json_t *item = S_source(s);
    size_t numbers = 0;
    json_t *uses = S_uses(pack, s, &numbers);
    if (item == NULL || uses == NULL) {
      json_decref(item);
      json_decref(uses);
      json_decref(list);
      return NULL;
    }
    json_object_set_new(item, "cited_by", uses);
    json_object_set_new(item, "numbers", json_integer((json_int_t)numbers));
    json_array_append_new(list, item);
  }
  return list;
}
