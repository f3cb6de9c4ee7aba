/*
 * web_stories.h - readers' stories and their moderation as pages, without
 * HTTP: the stories section of the article (approved stories, newest
 * first, and the form to share one), the checks a sent story must pass,
 * and the editors' login and moderation queue. The storage is the
 * server's srv_db (server_store.h); routes_stories.c is the HTTP side.
 *
 * Every string here is the reader's or editor's plain text: the templates
 * escape it, nothing is ever written as HTML.
 */
#ifndef SYMCHECK_SERVER_WEB_STORIES_H
#define SYMCHECK_SERVER_WEB_STORIES_H

#include "server_store.h"
#include "web.h"

#include <stdbool.h>
#include <stdint.h>

/* Approved stories the article shows at most at once ("Older stories"
   links to the next ones), and the escaped bytes they may take, so the
   page stays under WEB_PAGE_LIMIT whatever the stories hold. */
#define WEB_STORIES_PER_PAGE 10
#define WEB_STORIES_BUDGET (24 * 1024)

/* The story form as sent, and the message beside each field that needs
   one (NULL when the field is fine). Strings are borrowed. */
typedef struct web_story_form {
  const char *title;
  const char *story;
  const char *initial;
  bool consent;
  const char *title_error;
  const char *story_error;
  const char *initial_error;
  const char *consent_error;
} web_story_form;

/* Checks the form against the limits of server_store.h (counted in
   characters, valid UTF-8, no control characters but the story's line
   breaks and tabs, an initial of one letter, consent given) and sets the
   *_error messages. True when there is none. */
bool web_story_check(web_story_form *form);

/* The same checks one field at a time, for the editors' corrections and
   rejection reasons: the message to show, or NULL when the text is fine. */
const char *web_story_title_problem(const char *title);
const char *web_story_text_problem(const char *story);
const char *web_reason_problem(const char *reason);

/* True when some pack of the site has the complaint `slug`. */
bool web_complaint_exists(const web_site *site, const char *slug);

/* What the stories section shows besides the list. */
typedef struct web_stories_view {
  const char *csrf;           /* the form's CSRF token */
  const web_story_form *form; /* NULL: an empty form */
  bool sent;                  /* the reader's story has just been received */
  size_t from;                /* approved stories to skip (older pages) */
} web_stories_view;

/*
 * The inside of the article's stories section for complaint `slug`, as
 * HTML in *html (malloc'd, the caller frees). When the database does not
 * answer, the section says so and the form is still shown. Returns 0, or
 * -1 when memory ran out (*html NULL).
 */
int web_stories_section(const web_site *site, srv_db *db, const char *slug,
                        const web_stories_view *view, char **html);

/* The bytes `text` takes once the templates have HTML-escaped it; pages
   use it to stay under WEB_PAGE_LIMIT. */
size_t web_escaped_size(const char *text);

/* A short page refusing a form (403 without a valid token or session,
   404 no such story, 429 too many stories or logins, 503 database down):
   a heading that fits the status, one sentence and a link back to
   `back_url`. Same return as the pages of web.h. */
int web_page_form_refused(const web_site *site, int status, const char *message,
                          const char *back_url, web_page *page);

/* The editors' login form; `error` (NULL: none) is shown beside it, with
   `status`. */
int web_page_editor_login(const web_site *site, const char *csrf, const char *name,
                          const char *error, int status, web_page *page);

/* A message beside one story's reject reason or edit fields in the queue,
   after a refused action (the editor's text is kept). */
typedef struct web_queue_problem {
  int64_t story_id;
  const char *reason; /* the reason as typed */
  const char *reason_error;
  const char *title; /* the edit as typed */
  const char *story;
  const char *edit_error;
} web_queue_problem;

/*
 * The moderation queue for `editor`: pending stories newest first, each
 * with approve, reject (with a reason) and edit forms, then the latest
 * audit records. `done` (NULL: none) is a line saying what just happened;
 * `problem` (NULL: none) is shown beside its story, with `status`.
 */
int web_page_editor_queue(const web_site *site, srv_db *db, const char *editor, const char *csrf,
                          const char *done, const web_queue_problem *problem, int status,
                          web_page *page);

#endif /* SYMCHECK_SERVER_WEB_STORIES_H */
