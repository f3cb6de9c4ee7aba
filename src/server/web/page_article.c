/*
 * page_article.c - "/symptoms/{slug}": the complaint's article. The pack's
 * Markdown is parsed with cmark and cut at its level-2 headings into
 * sections (each gets an id for links and the contents list); the condition
 * cards go into the section about conditions, and the places for readers'
 * stories and the helpful vote (filled by a later part) go before "About
 * this article". All HTML comes from cmark in safe mode or the templates.
 */
#define _GNU_SOURCE

#include "quiz_stats.h"
#include "web_internal.h"

#include <cmark.h>
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define S_TEXT_SIZE 256
/* Cards shown open; the others show their name, rarity and urgency and
   open on a tap, so a long list stays readable on a phone. */
#define S_OPEN_CARDS 3

/* The plain text of a heading node, written to text. */
static void S_node_text(cmark_node *node, char *text, size_t size) {
  size_t length = 0;
  text[0] = '\0';
  cmark_iter *iter = cmark_iter_new(node);
  cmark_event_type event;
  while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
    cmark_node *n = cmark_iter_get_node(iter);
    cmark_node_type type = cmark_node_get_type(n);
    if (event == CMARK_EVENT_ENTER && (type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE)) {
      int written = snprintf(text + length, size - length, "%s", cmark_node_get_literal(n));
      length = written < 0 ? length : length + (size_t)written;
      length = length < size ? length : size - 1;
    }
  }
  cmark_iter_free(iter);
}

/* "When to see a doctor" -> "when-to-see-a-doctor". */
static void S_slug(const char *text, char *slug, size_t size) {
  size_t n = 0;
  bool dash = false;
  for (const char *p = text; *p != '\0' && n + 2 < size; p++) {
    if (isalnum((unsigned char)*p)) {
      if (dash && n > 0) {
        slug[n++] = '-';
      }
      slug[n++] = (char)tolower((unsigned char)*p);
      dash = false;
    } else {
      dash = true;
    }
  }
  slug[n] = '\0';
  if (n == 0) {
    snprintf(slug, size, "section");
  }
}

static bool S_starts_with(const char *text, const char *prefix) {
  return strncasecmp(text, prefix, strlen(prefix)) == 0;
}

/* Moves `first` and its following siblings up to `stop` into a new
   document and renders it as safe HTML (a JSON string). */
static json_t *S_render_nodes(cmark_node *first, cmark_node *stop) {
  cmark_node *doc = cmark_node_new(CMARK_NODE_DOCUMENT);
  for (cmark_node *n = first; n != NULL && n != stop;) {
    cmark_node *next = cmark_node_next(n);
    cmark_node_unlink(n);
    cmark_node_append_child(doc, n);
    n = next;
  }
  char *html = cmark_render_html(doc, CMARK_OPT_SAFE);
  json_t *value = json_string(html != NULL ? html : "");
  free(html);
  cmark_node_free(doc);
  return value;
}

static bool S_is_h2(cmark_node *n) {
  return cmark_node_get_type(n) == CMARK_NODE_HEADING && cmark_node_get_heading_level(n) == 2;
}

/* Fills data with title, intro_html and sections from the Markdown. */
static void S_sections(const char *markdown, json_t *data, char *title, size_t title_size) {
  cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_SAFE);
  cmark_node *first = cmark_node_first_child(doc);
  if (first != NULL && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
      cmark_node_get_heading_level(first) == 1) {
    S_node_text(first, title, title_size);
    cmark_node *next = cmark_node_next(first);
    cmark_node_free(first);
    first = next;
  }
  cmark_node *stop = first;
  while (stop != NULL && !S_is_h2(stop)) {
    stop = cmark_node_next(stop);
  }
  json_object_set_new(data, "intro_html", S_render_nodes(first, stop));
  json_t *sections = json_array();
  while (stop != NULL) {
    cmark_node *heading = stop;
    for (stop = cmark_node_next(heading); stop != NULL && !S_is_h2(stop);) {
      stop = cmark_node_next(stop);
    }
    char text[S_TEXT_SIZE], slug[S_TEXT_SIZE];
    S_node_text(heading, text, sizeof text);
    S_slug(text, slug, sizeof slug);
    json_t *section = json_pack("{s:s, s:s}", "heading", text, "id", slug);
    json_object_set_new(section, "html", S_render_nodes(cmark_node_next(heading), stop));
    cmark_node_free(heading);
    json_array_append_new(sections, section);
  }
  json_object_set_new(data, "sections", sections);
  cmark_node_free(doc);
}

/* Adds the probabilities the complaint's quiz lists at its start for a
   person of 40 of that sex to sum (per pack condition); returns how many
   conditions that apply to that person it leaves out (those at a
   differential's floor), or SIZE_MAX when out of memory. */
static size_t S_start_listed(const symcheck_pack *pack, const symcheck_complaint *complaint,
                             symcheck_sex sex, double *sum) {
  symcheck_profile person = {.age = 40, .sex = sex};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint->id, &person, NULL);
  symcheck_result *r = iv != NULL ? symcheck_interview_result(iv) : NULL;
  size_t applying = 0;
  for (size_t i = 0; i < complaint->condition_count; i++) {
    applying += symcheck_applies_to(&complaint->conditions[i]->applies, 40, sex) ? 1 : 0;
  }
  size_t n = r != NULL ? applying - r->condition_count : SIZE_MAX;
  for (size_t i = 0; r != NULL && i < r->condition_count; i++) {
    sum[r->conditions[i].condition->index] += r->conditions[i].probability;
  }
  symcheck_result_free(r);
  symcheck_interview_free(iv);
  return n;
}

/* For a pack whose results leave out the conditions at its floor (a
   DDXPlus complaint has all 49 in scope), the conditions its quiz lists at
   the start for a woman or a man of 40, most likely first, into order;
   returns how many, or 0 when the results list every condition that applies
   (or memory ran out) and the usual order stands. */
static size_t S_start_order(const symcheck_pack *pack, const symcheck_complaint *complaint,
                            const symcheck_condition **order) {
  double *sum = calloc(symcheck_pack_condition_count(pack) + 1, sizeof *sum);
  size_t women = sum != NULL ? S_start_listed(pack, complaint, SYMCHECK_SEX_FEMALE, sum) : 0;
  size_t men = sum != NULL ? S_start_listed(pack, complaint, SYMCHECK_SEX_MALE, sum) : 0;
  size_t n = 0;
  if (sum == NULL || women == SIZE_MAX || men == SIZE_MAX || (women == 0 && men == 0)) {
    free(sum);
    return 0;
  }
  for (size_t i = 0; i < complaint->condition_count; i++) {
    const symcheck_condition *c = complaint->conditions[i];
    size_t at = n;
    for (; sum[c->index] > 0 && at > 0 && sum[order[at - 1]->index] < sum[c->index]; at--) {
      order[at] = order[at - 1];
    }
    if (sum[c->index] > 0) {
      order[at] = c;
      n++;
    }
  }
  free(sum);
  return n;
}

/* The complaint's conditions as cards: by quiz statistics once there are
   enough, else those its quiz lists at the start (S_start_order) or by
   prior weight (quiz_stats.h); *by_counts says whether by statistics. */
static json_t *S_cards(const symcheck_pack *pack, const symcheck_complaint *complaint,
                       const web_article_parts *parts, bool *by_counts, bool *by_start) {
  json_t *cards = json_array();
  const symcheck_condition **order = calloc(complaint->condition_count + 1, sizeof *order);
  *by_counts = false;
  if (order == NULL) {
    return cards;
  }
  *by_counts = quiz_stats_order(complaint, parts != NULL ? parts->quiz_counts : NULL, order);
  size_t count = complaint->condition_count;
  size_t listed = *by_counts ? 0 : S_start_order(pack, complaint, order);
  *by_start = listed > 0;
  count = listed > 0 ? listed : count;
  for (size_t i = 0; i < count; i++) {
    json_t *card = web_condition_card(pack, order[i]);
    json_object_set_new(card, "open", json_boolean(i < S_OPEN_CARDS));
    json_array_append_new(cards, card);
  }
  free(order);
  return cards;
}

/* Marks where the cards and the stories/vote places go; returns whether
   a "Related" section exists. */
static bool S_place_slots(json_t *sections, json_t *data) {
  bool cards = false, slots = false, related = false;
  size_t i;
  json_t *section;
  json_array_foreach(sections, i, section) {
    const char *heading = json_string_value(json_object_get(section, "heading"));
    if (!cards && strcasestr(heading, "condition") != NULL) {
      json_object_set_new(section, "cards_here", json_true());
      cards = true;
    }
    if (!slots && (S_starts_with(heading, "About") || S_starts_with(heading, "References"))) {
      json_object_set_new(section, "slots_before", json_true());
      slots = true;
    }
    related = related || S_starts_with(heading, "Related");
  }
  json_object_set_new(data, "cards_after", json_boolean(!cards));
  json_object_set_new(data, "slots_after", json_boolean(!slots));
  return related;
}

static json_t *S_related(const symcheck_pack *pack, const symcheck_complaint *complaint) {
  json_t *items = json_array();
  for (size_t i = 0; i < symcheck_pack_complaint_count(pack); i++) {
    const symcheck_complaint *c = symcheck_pack_complaint(pack, i);
    if (c != complaint && c->article != NULL) {
      char url[256];
      snprintf(url, sizeof url, "/symptoms/%s", c->id);
      json_array_append_new(items, json_pack("{s:s, s:s}", "name", c->name, "url", url));
    }
  }
  return items;
}

/* Who reviewed the article's pack, and how many of the complaint's
   conditions a clinician has reviewed ("not yet" when none). */
static json_t *S_about(const symcheck_pack_info *info, const symcheck_complaint *complaint) {
  json_t *reviewers = json_array();
  for (size_t i = 0; i < info->reviewer_count; i++) {
    json_array_append_new(reviewers, json_string(info->reviewers[i]));
  }
  size_t reviewed = 0;
  for (size_t i = 0; i < complaint->condition_count; i++) {
    reviewed += complaint->conditions[i]->review.by != NULL;
  }
  char clinician[160];
  if (reviewed == 0) {
    snprintf(clinician, sizeof clinician, "Not yet reviewed by a clinician.");
  } else {
    snprintf(clinician, sizeof clinician, "A clinician has reviewed %zu of its %zu conditions.",
             reviewed, complaint->condition_count);
  }
  return json_pack("{s:o, s:s, s:s, s:s}", "reviewers", reviewers, "last_reviewed",
                   info->last_reviewed, "pack_title", info->title, "clinician", clinician);
}

/* The sections other parts rendered (stories, the helpful vote). */
static void S_parts(const web_article_parts *parts, json_t *data) {
  if (parts != NULL && parts->stories_html != NULL) {
    json_object_set_new(data, "stories", json_string(parts->stories_html));
  }
  if (parts != NULL && parts->helpful_html != NULL) {
    json_object_set_new(data, "helpful", json_string(parts->helpful_html));
  }
}

int web_page_article(const web_site *site, const char *slug, const web_article_parts *parts,
                     web_page *page) {
  const symcheck_pack *pack = NULL;
  const symcheck_complaint *complaint = web_find_complaint(site, slug, &pack);
  if (complaint == NULL) {
    return web_page_not_found(site, page);
  }
  const symcheck_pack_info *info = symcheck_pack_get_info(pack);
  char title[S_TEXT_SIZE];
  snprintf(title, sizeof title, "%s", complaint->name);
  json_t *data = json_object();
  char *article =
      complaint->article != NULL ? web_expand_citations(pack, complaint->article) : NULL;
  if (article != NULL) {
    S_sections(article, data, title, sizeof title);
    free(article);
  } else {
    json_object_set_new(data, "sections", json_array());
  }
  bool related = S_place_slots(json_object_get(data, "sections"), data);
  json_object_set_new(data, "has_sections",
                      json_boolean(json_array_size(json_object_get(data, "sections")) > 0));
  if (!related) {
    json_object_set_new(data, "related", json_pack("{s:o}", "items", S_related(pack, complaint)));
  }
  char quiz[256];
  snprintf(quiz, sizeof quiz, "/quiz/%s", complaint->id);
  json_object_set_new(data, "title", json_string(title));
  json_object_set_new(data, "complaint", json_string(complaint->name));
  json_object_set_new(data, "slug", json_string(complaint->id));
  json_object_set_new(data, "quiz_url", json_string(quiz));
  json_object_set_new(data, "lang", json_string(info->language));
  bool by_counts, by_start = false;
  json_object_set_new(data, "cards", S_cards(pack, complaint, parts, &by_counts, &by_start));
  json_object_set_new(data, "cards_by_counts", json_boolean(by_counts));
  json_object_set_new(data, "cards_by_start", json_boolean(by_start));
  json_object_set_new(data, "about", S_about(info, complaint));
  S_parts(parts, data);
  int status = parts != NULL && parts->status != 0 ? parts->status : 200;
  return web_render(site, "article", title, NULL, data, status, page);
}
