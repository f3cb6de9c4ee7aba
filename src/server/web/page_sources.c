/*
 * page_sources.c - "/about/sources": every source of every pack, written
 * as a reader cites it (authors, year, title, journal or publisher, DOI
 * link), with what it supports: the conditions that cite it and with how
 * many numbers, the findings' defaults, the red flags and the urgencies
 * (symcheck_sources_json). Also the full reference of one source, which
 * the condition page lists as numbered citations.
 */
#include "web_internal.h"

#include <stdio.h>
#include <string.h>

json_t *web_source_reference(const symcheck_source *s) {
  char year[16];
  if (s->year > 0) {
    snprintf(year, sizeof year, "%d", s->year);
  } else {
    snprintf(year, sizeof year, "n.d.");
  }
  const char *in = s->journal != NULL ? s->journal : s->publisher;
  json_t *ref = json_pack("{s:s, s:s, s:s}", "authors", s->authors != NULL ? s->authors : "",
                          "year", year, "title", s->title);
  if (in != NULL) {
    json_object_set_new(ref, "in", json_string(in));
  }
  if (s->doi != NULL) {
    char doi_url[512];
    snprintf(doi_url, sizeof doi_url, "https://doi.org/%s", s->doi);
    json_object_set_new(ref, "doi", json_string(s->doi));
    json_object_set_new(ref, "doi_url", json_string(doi_url));
  }
  if (web_safe_url(s->url) != NULL) {
    json_object_set_new(ref, "url", json_string(s->url));
  }
  return ref;
}

/* The red flags' findings, each name once (a finding may fire several). */
static json_t *S_distinct_names(const json_t *flags) {
  json_t *names = json_array();
  size_t i, k;
  const json_t *flag, *seen;
  json_array_foreach(flags, i, flag) {
    const char *name = json_string_value(json_object_get(flag, "name"));
    bool found = false;
    json_array_foreach(names, k, seen) {
      found = found || strcmp(json_string_value(json_object_get(seen, "name")), name) == 0;
    }
    if (!found) {
      json_array_append_new(names, json_pack("{s:s}", "name", name));
    }
  }
  return names;
}

/* One source of the list: its reference and what cites it, with links to
   the conditions. */
static json_t *S_entry(const symcheck_pack *pack, const json_t *item) {
  const symcheck_source *s = NULL;
  const char *key = json_string_value(json_object_get(item, "key"));
  for (size_t i = 0; key != NULL && i < symcheck_pack_source_count(pack); i++) {
    if (strcmp(symcheck_pack_source(pack, i)->key, key) == 0) {
      s = symcheck_pack_source(pack, i);
    }
  }
  if (s == NULL) {
    return NULL;
  }
  json_t *entry = json_pack("{s:o}", "ref", web_source_reference(s));
  const json_t *by = json_object_get(item, "cited_by");
  json_t *conditions = json_array();
  size_t i;
  const json_t *c;
  json_array_foreach(json_object_get(by, "conditions"), i, c) {
    char url[512];
    snprintf(url, sizeof url, "/conditions/%s/%s", symcheck_pack_get_info(pack)->id,
             json_string_value(json_object_get(c, "id")));
    json_array_append_new(conditions,
                          json_pack("{s:O, s:s, s:O}", "name", json_object_get(c, "name"), "url",
                                    url, "numbers", json_object_get(c, "numbers")));
  }
  json_object_set_new(entry, "conditions", conditions);
  json_object_set(entry, "findings", json_object_get(by, "findings"));
  json_object_set_new(entry, "findings_count",
                      json_integer((json_int_t)json_array_size(json_object_get(by, "findings"))));
  json_object_set_new(entry, "red_flags", S_distinct_names(json_object_get(by, "red_flags")));
  json_object_set(entry, "urgencies", json_object_get(by, "urgencies"));
  json_object_set(entry, "numbers", json_object_get(item, "numbers"));
  static const char *const kinds[] = {"conditions", "findings", "red_flags", "urgencies"};
  for (size_t k = 0; k < sizeof kinds / sizeof *kinds; k++) {
    char has[32];
    snprintf(has, sizeof has, "has_%s", kinds[k]);
    json_object_set_new(entry, has,
                        json_boolean(json_array_size(json_object_get(entry, kinds[k])) > 0));
  }
  return entry;
}

static json_t *S_pack(const symcheck_pack *pack) {
  json_t *list = symcheck_sources_json(pack);
  json_t *sources = json_array();
  size_t i;
  const json_t *item;
  json_array_foreach(list, i, item) {
    json_t *entry = S_entry(pack, item);
    if (entry != NULL) {
      json_array_append_new(sources, entry);
    }
  }
  json_decref(list);
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
  return json_pack("{s:s, s:s, s:o, s:I, s:I}", "id", info->id, "title", info->title, "sources",
                   sources, "sourced", (json_int_t)stats.sourced, "numbers",
                   (json_int_t)stats.probabilities);
}

int web_page_sources(const web_site *site, const char *pack_id, web_page *page) {
  json_t *packs = json_array();
  for (size_t i = 0; i < site->pack_count; i++) {
    const symcheck_pack *pack = site->packs[i];
    const symcheck_pack_info *info = symcheck_pack_get_info(pack);
    if (pack_id == NULL) {
      symcheck_pack_stats stats = symcheck_pack_get_stats(pack);
      char url[256];
      snprintf(url, sizeof url, "/about/sources/%s", info->id);
      json_array_append_new(packs, json_pack("{s:s, s:s, s:s, s:I, s:I, s:I}", "id", info->id,
                                             "title", info->title, "url", url, "count",
                                             (json_int_t)symcheck_pack_source_count(pack),
                                             "sourced", (json_int_t)stats.sourced, "numbers",
                                             (json_int_t)stats.probabilities));
    } else if (strcmp(info->id, pack_id) == 0) {
      json_array_append_new(packs, S_pack(pack));
    }
  }
  if (pack_id != NULL && json_array_size(packs) == 0) {
    json_decref(packs);
    return web_page_not_found(site, page);
  }
  json_t *data = json_pack("{s:o, s:b}", "packs", packs, "index", pack_id == NULL);
  return web_render(site, "sources", "Sources of our medical knowledge", NULL, data, 200, page);
}
