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
#include <strings.h>

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
  snprintf(url, sizeof url, "/symptoms/%s", c->id);
  json_t *item = json_pack("{s:s, s:s}", "name", c->name, "url", url);
  if (c->synonym_count > 0) {
    json_object_set_new(item, "also", json_string(c->synonyms[0]));
  }
  return item;
}

/* The group named `name` in groups (an array of {name, complaints}),
   added at the end when absent. */
static json_t *S_group(json_t *groups, const char *name) {
  size_t i;
  json_t *group;
  json_array_foreach(groups, i, group) {
    if (strcmp(json_string_value(json_object_get(group, "name")), name) == 0) {
      return group;
    }
  }
  group = json_pack("{s:s, s:[]}", "name", name, "complaints");
  json_array_append_new(groups, group);
  return group;
}

static int S_by_name(const void *a, const void *b) {
  const char *x = json_string_value(json_object_get(*(json_t *const *)a, "name"));
  const char *y = json_string_value(json_object_get(*(json_t *const *)b, "name"));
  return strcasecmp(x, y);
}

/* Sorts each group's complaints by name, so a group reads as an index. */
static void S_sort_groups(json_t *groups) {
  size_t i;
  json_t *group;
  json_array_foreach(groups, i, group) {
    json_t *list = json_object_get(group, "complaints");
    size_t n = json_array_size(list);
    json_t **items = calloc(n + 1, sizeof *items);
    if (items == NULL) {
      continue;
    }
    for (size_t k = 0; k < n; k++) {
      items[k] = json_incref(json_array_get(list, k));
    }
    qsort(items, n, sizeof *items, S_by_name);
    json_array_clear(list);
    for (size_t k = 0; k < n; k++) {
      json_array_append_new(list, items[k]);
    }
    free(items);
  }
}

/* Every pack's complaints, but the general entry (linked on its own), in
   one list by body area: groups in order of first appearance (packs in load
   order), complaints without a group last under "Other", each group sorted
   by name. A person looks for a symptom, not for the pack that holds it. */
static json_t *S_site_groups(const web_site *site) {
  json_t *groups = json_array();
  for (size_t pass = 0; pass < 2; pass++) { /* the grouped, then the rest */
    for (size_t p = 0; p < site->pack_count; p++) {
      const symcheck_pack *pack = site->packs[p];
      for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
        const symcheck_complaint *c = symcheck_pack_complaint(pack, i);
        if ((c->group != NULL) != (pass == 0) || strcmp(c->id, S_GENERAL_ENTRY) == 0) {
          continue;
        }
        json_t *group = S_group(groups, c->group != NULL ? c->group : "Other");
        json_array_append_new(json_object_get(group, "complaints"), S_complaint_item(c));
      }
    }
  }
  S_sort_groups(groups);
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
