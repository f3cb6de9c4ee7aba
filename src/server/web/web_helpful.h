/*
 * web_helpful.h - "Was this article helpful?" as a part of the article,
 * without HTTP: the Yes / No form (a POST to /symptoms/{slug}/helpful
 * with the CSRF token) and how many people found the article helpful,
 * read from the server's srv_db (server_store.h). routes_helpful.c is the
 * HTTP side: the vote itself, its cookie and its limit.
 */
#ifndef SYMCHECK_SERVER_WEB_HELPFUL_H
#define SYMCHECK_SERVER_WEB_HELPFUL_H

#include "server_store.h"
#include "web.h"

#include <stdbool.h>

/* What the section shows besides the count. */
typedef struct web_helpful_view {
  const char *csrf; /* the form's CSRF token */
  bool voted;       /* the reader's vote has just been counted: thank them */
} web_helpful_view;

/*
 * The inside of the article's helpful section for complaint `slug`, as
 * HTML in *html (malloc'd, the caller frees). When the database does not
 * answer, the section says the count cannot be shown and still offers the
 * form. Returns 0, or -1 when memory ran out (*html NULL).
 */
int web_helpful_section(const web_site *site, srv_db *db, const char *slug,
                        const web_helpful_view *view, char **html);

#endif /* SYMCHECK_SERVER_WEB_HELPFUL_H */
