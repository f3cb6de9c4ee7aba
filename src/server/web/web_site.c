/*
 * web_site.c - the site the pages share (packs and templates), the layout
 * every page is wrapped in, and the small pieces several pages show: a
 * level's banner data, a condition card, Markdown rendered safely.
 */
#include "web_internal.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

web_site *web_site_new(const char *web_dir, const symcheck_pack *const *packs, size_t pack_count,
                       char *err, size_t err_size) {
  char dir[4096];
  snprintf(dir, sizeof dir, "%s/templates", web_dir);
  template_set *templates = template_set_load(dir, err, err_size);
  if (templates == NULL) {
    return NULL;
  }
  static const char *const S_needed[] = {"layout",    "error",        "home",     "article",
                                         "condition", "demographics", "question", "results",
                                         "emergency", "summary",      "stories",  "stories_refused",
                                         "login",     "editor",       "sources"};
  for (size_t i = 0; i < sizeof S_needed / sizeof S_needed[0]; i++) {
    if (!template_set_has(templates, S_needed[i])) {
      snprintf(err, err_size, "%s/%s.html: the template is missing", dir, S_needed[i]);
      template_set_free(templates);
      return NULL;
    }
  }
  web_site *site = calloc(1, sizeof *site);
  const symcheck_pack **list = calloc(pack_count + 1, sizeof *list);
  if (site == NULL || list == NULL) {
    free(site);
    free(list);
    snprintf(err, err_size, "out of memory");
    template_set_free(templates);
    return NULL;
  }
  site->templates = templates;
  memcpy(list, packs, pack_count * sizeof *list);
  site->packs = list;
  site->pack_count = pack_count;
  return site;
}

void web_site_free(web_site *site) {
  if (site == NULL) {
    return;
  }
  template_set_free(site->templates);
  free(site->packs);
  free(site);
}

void web_page_free(web_page *page) {
  if (page == NULL) {
    return;
  }
  free(page->body);
  memset(page, 0, sizeof *page);
}

const char *web_param_get(const web_params *params, const char *name) {
  for (size_t i = 0; params != NULL && i < params->count; i++) {
    if (strcmp(params->items[i].name, name) == 0) {
      return params->items[i].value;
    }
  }
  return NULL;
}

const symcheck_complaint *web_find_complaint(const web_site *site, const char *id,
                                             const symcheck_pack **pack) {
  for (size_t i = 0; id != NULL && i < site->pack_count; i++) {
    const symcheck_complaint *c = symcheck_pack_find_complaint(site->packs[i], id);
    if (c != NULL) {
      *pack = site->packs[i];
      return c;
    }
  }
  return NULL;
}

void web_complaint_url(const symcheck_complaint *c, char *url, size_t size) {
  snprintf(url, size, "%s/%s", c->article != NULL ? "/symptoms" : "/quiz", c->id);
}

const symcheck_pack *web_find_pack(const web_site *site, const char *id) {
  for (size_t i = 0; id != NULL && i < site->pack_count; i++) {
    if (strcmp(symcheck_pack_get_info(site->packs[i])->id, id) == 0) {
      return site->packs[i];
    }
  }
  return NULL;
}

static int S_out_of_memory(web_page *page) {
  memset(page, 0, sizeof *page);
  page->status = 500;
  return -1;
}

int web_render(const web_site *site, const char *name, const char *title, const char *lang,
               json_t *data, int status, web_page *page) {
  memset(page, 0, sizeof *page);
  if (data == NULL) {
    return S_out_of_memory(page);
  }
  json_object_set_new(data, "notice", json_string(SYMCHECK_NOTICE));
  char *body = template_render(site->templates, name, data);
  json_decref(data);
  char full_title[512];
  snprintf(full_title, sizeof full_title, "%s - symcheck", title);
  json_t *layout =
      json_pack("{s:s, s:s, s:s, s:s}", "title", full_title, "lang", lang != NULL ? lang : "en",
                "notice", SYMCHECK_NOTICE, "body", body != NULL ? body : "");
  char *html =
      layout != NULL && body != NULL ? template_render(site->templates, "layout", layout) : NULL;
  json_decref(layout);
  free(body);
  if (html == NULL) {
    return S_out_of_memory(page);
  }
  page->status = status;
  page->content_type = WEB_HTML;
  page->body = html;
  page->length = strlen(html);
  return 0;
}

int web_render_error(const web_site *site, int status, const char *heading, const char *message,
                     web_page *page) {
  json_t *data = json_pack("{s:s, s:s}", "heading", heading, "message", message);
  return web_render(site, "error", heading, NULL, data, status, page);
}

int web_page_not_found(const web_site *site, web_page *page) {
  return web_render_error(site, 404, "Page not found",
                          "There is no page at this address. Start again from the list of "
                          "symptoms.",
                          page);
}

json_t *web_markdown(const char *text) {
  if (text == NULL) {
    return json_null();
  }
  char *html = cmark_markdown_to_html(text, strlen(text), CMARK_OPT_SAFE);
  json_t *value = json_string(html != NULL ? html : "");
  free(html);
  return value;
}

/* Banner titles and icon shapes of the triage levels, by level. */
static const char *const S_level_titles[SYMCHECK_LEVEL_COUNT] = {
    "Look after yourself at home",       "See a GP within 2 weeks",
    "See or phone a doctor in 1-2 days", "Get seen in person today",
    "Go to an emergency department now", "Call an ambulance now"};

json_t *web_level_json(symcheck_level level) {
  json_t *o = json_pack("{s:i, s:s, s:s, s:s}", "level", (int)level, "id", symcheck_level_id(level),
                        "title", S_level_titles[level], "advice", symcheck_level_advice(level));
  const char *icon = level == SYMCHECK_LEVEL_SELF_CARE           ? "icon_ok"
                     : level <= SYMCHECK_LEVEL_PRIMARY_CARE_SOON ? "icon_info"
                     : level == SYMCHECK_LEVEL_URGENT_CARE       ? "icon_warn"
                                                                 : "icon_alert";
  json_object_set_new(o, icon, json_true());
  return o;
}

static json_t *S_finding_names(const symcheck_finding *const *items, size_t count) {
  json_t *a = json_array();
  for (size_t i = 0; i < count; i++) {
    json_array_append_new(a, json_pack("{s:s}", "name", items[i]->name));
  }
  return a;
}

/* The condition's other urgencies by age (no person known): ages, level,
   and the estimate's reason or the source and where it says so. */
static json_t *S_urgency_by_age(const symcheck_condition *c) {
  json_t *list = json_array();
  for (size_t i = 0; i < c->urgency_by_age_count; i++) {
    const symcheck_age_urgency *e = &c->urgency_by_age[i];
    json_t *item = json_pack("{s:i, s:i}", "min_age", e->min_age, "max_age", e->max_age);
    json_object_set_new(item, "urgency", web_level_json(e->urgency));
    if (e->citation.source != NULL) {
      json_object_set_new(item, "source", json_string(e->citation.source->key));
    }
    const char *why = e->citation.source != NULL ? e->citation.where : e->citation.note;
    if (why != NULL) {
      json_object_set_new(item, "why", json_string(why));
    }
    json_array_append_new(list, item);
  }
  return list;
}

json_t *web_condition_card(const symcheck_pack *pack, const symcheck_condition *c) {
  const char *pack_id = symcheck_pack_get_info(pack)->id;
  char url[512];
  snprintf(url, sizeof url, "/conditions/%s/%s", pack_id, c->id);
  json_t *card =
      json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "id", c->id, "name", c->name, "rarity",
                symcheck_rarity_label(c->rarity), "rarity_id", symcheck_rarity_id(c->rarity), "url",
                url, "group", c->group != NULL ? c->group : "");
  json_object_set_new(card, "summary_html", web_markdown(c->summary));
  json_object_set_new(card, "prevalence",
                      c->prevalence != NULL ? json_string(c->prevalence) : json_null());
  json_object_set_new(card, "urgency", web_level_json(c->urgency));
  json_object_set_new(card, "urgency_by_age", S_urgency_by_age(c));
  json_object_set_new(
      card, "top_symptoms",
      S_finding_names((const symcheck_finding *const *)c->top_symptoms, c->top_symptom_count));
  json_object_set_new(card, "always",
                      S_finding_names((const symcheck_finding *const *)c->always, c->always_count));
  json_object_set_new(card, "review",
                      c->review.by != NULL
                          ? json_pack("{s:s, s:s}", "by", c->review.by, "date", c->review.date)
                          : json_null());
  return card;
}

const char *web_safe_url(const char *url) {
  if (url == NULL) {
    return NULL;
  }
  bool safe = strncmp(url, "https://", 8) == 0 || strncmp(url, "http://", 7) == 0;
  return safe ? url : NULL;
}

bool web_query_add(char *buf, size_t size, const char *name, const char *value) {
  static const char S_hex[] = "0123456789ABCDEF";
  size_t length = strlen(buf);
  int written = snprintf(buf + length, size - length, "%s%s=", length ? "&" : "", name);
  if (written < 0 || (size_t)written >= size - length) {
    return false;
  }
  length += (size_t)written;
  for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
    bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
                 strchr("-._~", *p) != NULL;
    if (length + (plain ? 1 : 3) >= size) {
      return false;
    }
    if (plain) {
      buf[length++] = (char)*p;
    } else {
      buf[length++] = '%';
      buf[length++] = S_hex[*p >> 4];
      buf[length++] = S_hex[*p & 15];
    }
  }
  buf[length] = '\0';
  return true;
}
