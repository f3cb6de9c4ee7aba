/*
 * page_condition.c - "/conditions/{pack}/{id}": one condition from the
 * pack: its card (summary, rarity, symptoms, urgency), how common it is,
 * self-care and when to see a doctor, the symptom articles that list it,
 * and the sources its numbers cite.
 */
#include "web_internal.h"

#include <string.h>

/* Adds the source of a citation to `sources` once. */
static void S_add_source(json_t *sources, const symcheck_citation *citation) {
  const symcheck_source *s = citation->source;
  if (citation->estimate || s == NULL) {
    return;
  }
  size_t i;
  json_t *item;
  json_array_foreach(sources, i, item) {
    if (strcmp(json_string_value(json_object_get(item, "key")), s->key) == 0) {
      return;
    }
  }
  json_t *entry = web_source_reference(s);
  json_object_set_new(entry, "key", json_string(s->key)); /* to list it once; not shown */
  json_array_append_new(sources, entry);
}

static json_t *S_sources(const symcheck_condition *c) {
  json_t *sources = json_array();
  S_add_source(sources, &c->prevalence_citation);
  S_add_source(sources, &c->prior_citation);
  S_add_source(sources, &c->urgency_citation);
  for (size_t i = 0; i < c->urgency_by_age_count; i++) {
    S_add_source(sources, &c->urgency_by_age[i].citation);
  }
  for (size_t i = 0; i < c->likelihood_count; i++) {
    S_add_source(sources, &c->likelihoods[i].citation);
  }
  return sources;
}

static json_t *S_articles(const symcheck_pack *pack, const symcheck_condition *c) {
  json_t *list = json_array();
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    const symcheck_complaint *complaint = symcheck_pack_complaint(pack, i);
    for (size_t k = 0; k < complaint->condition_count; k++) {
      if (complaint->conditions[k] == c && complaint->article != NULL) {
        char url[256];
        snprintf(url, sizeof url, "/symptoms/%s", complaint->id);
        json_array_append_new(list, json_pack("{s:s, s:s}", "name", complaint->name, "url", url));
        break;
      }
    }
  }
  return list;
}

int web_page_condition(const web_site *site, const char *pack_id, const char *condition_id,
                       web_page *page) {
  const symcheck_pack *pack = web_find_pack(site, pack_id);
  const symcheck_condition *c = pack != NULL && condition_id != NULL
                                    ? symcheck_pack_find_condition(pack, condition_id)
                                    : NULL;
  if (c == NULL) {
    return web_page_not_found(site, page);
  }
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  json_t *data = json_object();
  json_object_set_new(data, "card", web_condition_card(pack, c));
  json_object_set_new(data, "icd10", c->icd10 != NULL ? json_string(c->icd10) : json_null());
  json_object_set_new(data, "self_care_html", web_markdown(c->self_care));
  json_object_set_new(data, "see_doctor_html", web_markdown(c->see_doctor));
  json_object_set_new(data, "articles", S_articles(pack, c));
  json_object_set_new(data, "sources", S_sources(c));
  json_object_set_new(data, "lang", json_string(info->language));
  json_object_set_new(data, "last_reviewed", json_string(info->last_reviewed));
  json_object_set_new(data, "review",
                      c->review.by != NULL
                          ? json_pack("{s:s, s:s}", "by", c->review.by, "date", c->review.date)
                          : json_null());
  return web_render(site, "condition", c->name, NULL, data, 200, page);
}
