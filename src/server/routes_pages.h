/*
 * routes_pages.h - the web pages' rows of the server's route table
 * (server_router.c lists WEB_PAGE_ROUTES among its rows) and their
 * handlers, which adapt a ulfius request to the page layer of web.h.
 */
#ifndef SYMCHECK_SERVER_ROUTES_PAGES_H
#define SYMCHECK_SERVER_ROUTES_PAGES_H

#include "server.h"
#include "web.h"

/* The site the pages share (made on the first call), or NULL after
   answering 503 when it could not be made. */
const web_site *web_route_site(srv_ctx *ctx);
/* Sends `page` (rc: what the page function returned) with the headers
   every page has, then frees it; rc != 0 answers 500. */
void web_route_send(srv_ctx *ctx, int rc, web_page *page);

void web_route_home(srv_ctx *ctx);
void web_route_article(srv_ctx *ctx);
void web_route_condition(srv_ctx *ctx);
void web_route_quiz(srv_ctx *ctx);
void web_route_summary(srv_ctx *ctx);
void web_route_fhir(srv_ctx *ctx);
void web_route_static(srv_ctx *ctx);
/* The HTML "page not found" answer (404) for an address no route matches
   outside /api/: a person who mistypes a link gets a page, not JSON. */
void web_route_not_found(srv_ctx *ctx);

/* The pages' route rows; static files are not rate limited (one page
   fetches three of them). */
#define WEB_PAGE_ROUTES                                                                            \
  {"GET", "/", web_route_home, true, NULL},                                                        \
      {"GET", "/symptoms/{slug}", web_route_article, true, NULL},                                  \
      {"GET", "/conditions/{pack}/{id}", web_route_condition, true, NULL},                         \
      {"GET", "/quiz/{complaint}", web_route_quiz, true, NULL},                                    \
      {"GET", "/quiz/{complaint}/summary", web_route_summary, true, NULL},                         \
      {"GET", "/quiz/{complaint}/fhir", web_route_fhir, true, NULL},                               \
      {"GET", "/static/*", web_route_static, false, NULL},

#endif /* SYMCHECK_SERVER_ROUTES_PAGES_H */
