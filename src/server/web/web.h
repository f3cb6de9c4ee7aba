/*
 * web.h - the HTML pages of `symcheck serve`, as a layer that knows nothing
 * of sockets or HTTP libraries: each page function takes the site (loaded
 * packs and templates) and the request's parameters, and fills a web_page
 * (status, content type, body) that the caller sends and then frees.
 *
 * Pages: home (search and complaint list), the symptom article, the quiz
 * (demographics, one question per page, results or emergency advice), the
 * condition page, the printable summary for a doctor and its FHIR R4
 * download. The quiz keeps no session: the answers travel in the form as
 * the engine's encoded answers (symcheck_interview_encode), so the browser's
 * back button and any number of identical servers just work.
 */
#ifndef SYMCHECK_SERVER_WEB_H
#define SYMCHECK_SERVER_WEB_H

#include "server_store.h"
#include "symcheck.h"
#include "template.h"

#include <stddef.h>

/* Every page is below this size; the tests hold the pages to it. */
#define WEB_PAGE_LIMIT (100 * 1024)

/* The Content-Security-Policy every page is written for (no inline script
   or style, nothing from another host). */
#define WEB_CSP                                                                                    \
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "                      \
  "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

typedef struct web_site web_site;

/* One query or form parameter; a name may repeat (checkboxes). Borrowed. */
typedef struct web_param {
  const char *name;
  const char *value;
} web_param;

typedef struct web_params {
  size_t count;
  const web_param *items;
} web_params;

/* What a quiz's result page showed, for the quiz statistics
   (quiz_stats.h): ids borrowed from the pack, all NULL on other pages. */
typedef struct web_quiz_outcome {
  const char *complaint;
  const char *condition; /* the condition ranked first */
  const char *triage;    /* the triage level's id */
} web_quiz_outcome;

/* A rendered page. body is owned (free with web_page_free). */
typedef struct web_page {
  int status;               /* 200, 400, 404, 500 */
  const char *content_type; /* static string */
  char *body;
  size_t length;
  const char *download_name; /* static; non-NULL: send as an attachment */
  web_quiz_outcome outcome;  /* set by a quiz's result page */
} web_page;

/*
 * Makes the site over `packs` (the list is copied; the packs are borrowed and
 * must outlive the site) with
 * the templates of `web_dir`/templates. Returns NULL with a one-line
 * message in err when the templates cannot be loaded. Free with
 * web_site_free.
 */
web_site *web_site_new(const char *web_dir, const symcheck_pack *const *packs, size_t pack_count,
                       char *err, size_t err_size);
void web_site_free(web_site *site);

/* Frees the body and resets the page. NULL is a no-op. */
void web_page_free(web_page *page);

/* The first value of parameter `name`, or NULL. */
const char *web_param_get(const web_params *params, const char *name);

/*
 * The pages. Each returns 0 with *page filled (its status says whether the
 * request was good: an unknown slug gives a 404 page, unreadable answers a
 * 400 page), or -1 when memory ran out (page->status 500, no body).
 */
/* "/": ?q=TEXT searches the complaints. */
int web_page_home(const web_site *site, const web_params *params, web_page *page);
/* What the article shows besides the pack's text: sections other parts of
   the site rendered from their templates (borrowed HTML, NULL for none),
   and the status to answer with (0 means 200; the story form shown again
   with its errors is 422). */
typedef struct web_article_parts {
  int status;
  const char *stories_html; /* inside <section id="stories"> */
  const char *helpful_html; /* inside <section id="helpful"> */
  /* Completed quizzes per top condition (srv_store_quiz_top), which order
     the condition cards once there are enough (quiz_stats.h); NULL: the
     pack's priors alone. */
  const srv_condition_counts *quiz_counts;
} web_article_parts;

/* "/symptoms/{slug}"; `parts` may be NULL (the pack's text alone). */
int web_page_article(const web_site *site, const char *slug, const web_article_parts *parts,
                     web_page *page);
/* "/conditions/{pack}/{id}". */
int web_page_condition(const web_site *site, const char *pack_id, const char *condition_id,
                       web_page *page);
/* "/quiz/{complaint}": demographics, a question, or the result. */
int web_page_quiz(const web_site *site, const char *complaint, const web_params *params,
                  web_page *page);
/* "/quiz/{complaint}/summary": the printable summary for a doctor. */
int web_page_summary(const web_site *site, const char *complaint, const web_params *params,
                     web_page *page);
/* "/quiz/{complaint}/fhir": the same as a FHIR R4 Bundle (JSON download). */
int web_page_fhir(const web_site *site, const char *complaint, const web_params *params,
                  web_page *page);
/* Any other path: a 404 page. */
int web_page_not_found(const web_site *site, web_page *page);
/* "/about/sources" (pack_id NULL): the packs and how many of their figures
   cite a source; "/about/sources/{pack}": every source of that pack and
   what it supports (404 for an unknown pack). */
int web_page_sources(const web_site *site, const char *pack_id, web_page *page);

#endif /* SYMCHECK_SERVER_WEB_H */
