/*
 * web_internal.h - what the page files of the web layer share: the site,
 * looking up complaints and packs, wrapping a page in the layout, Markdown
 * to safe HTML, and the data of levels and condition cards that several
 * pages show. Not used outside src/server/web/.
 */
#ifndef SYMCHECK_SERVER_WEB_INTERNAL_H
#define SYMCHECK_SERVER_WEB_INTERNAL_H

#include "web.h"

#include <jansson.h>
#include <stdbool.h>

struct web_site {
  template_set *templates;
  const symcheck_pack **packs; /* owned list of borrowed packs */
  size_t pack_count;
};

#define WEB_HTML "text/html; charset=utf-8"

/* The complaint with that id in the first pack that has it (and that pack
   in *pack), or NULL. */
const symcheck_complaint *web_find_complaint(const web_site *site, const char *id,
                                             const symcheck_pack **pack);
/* Where a link to complaint c goes: its article ("/symptoms/{id}"), or its
   quiz ("/quiz/{id}") when it has none, into url. */
void web_complaint_url(const symcheck_complaint *c, char *url, size_t size);
/* The pack with that id, or NULL. */
const symcheck_pack *web_find_pack(const web_site *site, const char *id);

/*
 * Renders template `name` over `data` (stolen: released here) and wraps it
 * in the layout with `title` (the page's own part; " - symcheck" is added)
 * and `lang` (NULL: "en"). Fills page with `status`. Returns 0, or -1 when
 * memory ran out (page->status 500).
 */
int web_render(const web_site *site, const char *name, const char *title, const char *lang,
               json_t *data, int status, web_page *page);

/* A short error page ("error" template) with a heading and one sentence. */
int web_render_error(const web_site *site, int status, const char *heading, const char *message,
                     web_page *page);

/* CommonMark as HTML, rendered safely (raw HTML and unsafe links dropped),
   as a new JSON string; JSON null when text is NULL. */
json_t *web_markdown(const char *text);

/* The level's id, title, advice and icon flags. New reference. */
json_t *web_level_json(symcheck_level level);

/* A condition card: name, summary, rarity, urgency, top and always
   symptoms, link. New reference. */
json_t *web_condition_card(const symcheck_pack *pack, const symcheck_condition *condition);

/* A source as a reader cites it: {authors, year ("n.d." when undated),
   title, in (journal or publisher), doi, doi_url, url (http(s) only)}.
   New reference. */
json_t *web_source_reference(const symcheck_source *source);

/* The article's Markdown with each `[@KEY]` replaced by the full
   reference of the pack's source KEY (unknown keys are left as they are).
   malloc'd (the caller frees it); NULL when out of memory. */
char *web_expand_citations(const symcheck_pack *pack, const char *markdown);

/* `url` when it is http(s), else NULL: only such links are written. */
const char *web_safe_url(const char *url);

/* Appends "name=value" (percent-encoded) to a query string being built in
   buf (adding "&" after the first). False when it does not fit. */
bool web_query_add(char *buf, size_t size, const char *name, const char *value);

#endif /* SYMCHECK_SERVER_WEB_INTERNAL_H */
