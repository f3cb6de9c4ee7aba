/*
 * routes_helpful.h - the helpful vote's HTTP side: POST
 * /symptoms/{slug}/helpful (its row joins WEB_PAGE_ROUTES) and the
 * article's helpful section for a request.
 */
#ifndef SYMCHECK_SERVER_ROUTES_HELPFUL_H
#define SYMCHECK_SERVER_ROUTES_HELPFUL_H

#include "server.h"
#include "web.h"

#define WEB_VOTER_COOKIE "symcheck_voter" /* the browser's random voter id */
#define WEB_VOTER_SECONDS (365 * 24 * 60 * 60)

/*
 * POST /symptoms/{slug}/helpful with helpful=yes|no and csrf: checks the
 * CSRF token (403), the answer (400) and the client's vote limit (429),
 * gives the browser a voter id cookie when it has none, stores the vote
 * under the SHA-256 of that id (voting again replaces it; 503 when the
 * database does not answer) and answers 303 to
 * /symptoms/{slug}?voted=1#helpful.
 */
void web_route_helpful(srv_ctx *ctx);

/*
 * The article's helpful section for this request (the form with `csrf`,
 * the count, the thanks after ?voted=1), as malloc'd HTML the caller
 * frees; NULL when memory ran out.
 */
char *web_route_helpful_section(srv_ctx *ctx, const web_site *site, const char *csrf);

#endif /* SYMCHECK_SERVER_ROUTES_HELPFUL_H */
