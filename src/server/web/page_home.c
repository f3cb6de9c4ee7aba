/*
 * page_home.c - "/": a search box for the symptom and the complaints of
 * every pack in one list, grouped by body area. The search is the library's complaint search
 * across every pack (word forms, UK/US spellings, typos; every word counts),
 * the same the API answers. When a pack has the general entry, the page
 * links to its quiz ("My symptom is not listed"); a search that found
 * nothing offers it first, then the closest complaints.
 */
#include "web_internal.h"

#include <stdlib.h>
#include <string.h>

/* Most search results listed. */
#define S_MAX_MATCHES 20
/* Closest complaints offered when nothing matched. */
#define S_MAX_CLOSEST 5
/* Longest search text looked at. */
#define S_MAX_QUERY 200
/* The complaint id of the general entry (packs/general). */
#define S_GENERAL_ENTRY "symptom-not-listed"

static json_t *S_complaint_item(const symcheck_complaint *c) {
  char url[256];
  web_complaint_url(c, url, sizeof url);
  json_t *item = json_pack("{s:s, s:s}", "name", c->name, "url", url);
  if (c->synonym_count > 0) {
    json_object_set_new(item, "also", json_string(c->synonyms[0]));
  }
  return item;
}

/* Every pack's complaints but the general entry (linked on its own), in
   one list by body area (symcheck_list_complaints): a person looks for a
   symptom, not for the pack that holds it. */
static json_t *S_site_groups(const web_site *site) {
  const symcheck_pack *const *packs = (const symcheck_pack *const *)site->packs;
  size_t total = 0;
  for (size_t p = 0; p < site->pack_count; p++) {
    total += symcheck_pack_complaint_count(packs[p]);
  }
  json_t *groups = json_array();
  symcheck_search_hit *list = calloc(total + 1, sizeof *list);
  if (list == NULL) {
    return groups;
  }
  size_t n = symcheck_list_complaints(packs, site->pack_count, list, total);
  json_t *group = NULL;
  for (size_t i = 0; i < n; i++) {
    const symcheck_complaint *c = symcheck_pack_complaint(packs[list[i].pack], list[i].complaint);
    if (strcmp(c->id, S_GENERAL_ENTRY) == 0) {
      continue;
    }
    const char *area = symcheck_complaint_area(c);
    if (group == NULL || strcmp(json_string_value(json_object_get(group, "name")), area) != 0) {
      group = json_pack("{s:s, s:[]}", "name", area, "complaints");
      json_array_append_new(groups, group);
    }
    json_array_append_new(json_object_get(group, "complaints"), S_complaint_item(c));
  }
  free(list);
  return groups;
}

/* The complaints of one search across the packs, best first. */
static json_t *S_search(const web_site *site, const char *query, symcheck_search_mode mode,
                        size_t max) {
  symcheck_search_hit hits[S_MAX_MATCHES];
  const symcheck_pack *const *packs = (const symcheck_pack *const *)site->packs;
  size_t n = symcheck_search_complaints(packs, site->pack_count, query, mode, hits, max);
  json_t *items = json_array();
  for (size_t i = 0; i < n; i++) {
    const symcheck_complaint *c = symcheck_pack_complaint(packs[hits[i].pack], hits[i].complaint);
    json_array_append_new(items, S_complaint_item(c));
  }
  return items;
}

/* The general entry, "My symptom is not listed", when a pack has it. */
static void S_general_entry(const web_site *site, json_t *data) {
  for (size_t p = 0; p < site->pack_count; p++) {
    const symcheck_complaint *c = symcheck_pack_find_complaint(site->packs[p], S_GENERAL_ENTRY);
    if (c != NULL) {
      char url[256];
      snprintf(url, sizeof url, "/quiz/%s", c->id);
      json_object_set_new(data, "general_url", json_string(url));
      json_object_set_new(data, "general_name", json_string(c->name));
      return;
    }
  }
}

int web_page_home(const web_site *site, const web_params *params, web_page *page) {
  const char *query = web_param_get(params, "q");
  json_t *data = json_object();
  S_general_entry(site, data);
  json_object_set_new(data, "groups", S_site_groups(site));
  if (query != NULL && query[0] != '\0') {
    char text[S_MAX_QUERY + 1];
    snprintf(text, sizeof text, "%s", query);
    json_object_set_new(data, "searched", json_true());
    json_object_set_new(data, "query", json_string(text));
    json_t *matches = S_search(site, text, SYMCHECK_SEARCH_MATCHES, S_MAX_MATCHES);
    bool found = json_array_size(matches) > 0;
    json_object_set_new(data, "has_matches", json_boolean(found));
    json_object_set_new(data, "matches", matches);
    if (!found) {
      json_t *closest = S_search(site, text, SYMCHECK_SEARCH_CLOSEST, S_MAX_CLOSEST);
      json_object_set_new(data, "has_closest", json_boolean(json_array_size(closest) > 0));
      json_object_set_new(data, "closest", closest);
    }
  }
  return web_render(site, "home", "Check your symptoms", NULL, data, 200, page);
}
