/*
 * test_stories.c - readers' stories and their moderation end to end: the
 * real `symcheck serve` on a loopback port with a real SQLite file, driven
 * as a browser would (cookies, url-encoded forms), with `symcheck stories`
 * and `symcheck editor` run against the same database. A story is 303'd
 * once stored, stays invisible while pending, appears once approved;
 * HTML and SQL in it stay text; forms without the CSRF token are refused;
 * the honeypot, the limits (422 beside the field, 429) and the editors'
 * login, queue, decisions and audit records do what a person would expect.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "http_client.h"
#include "run_process.h"
#include "server_store.h"

#define SLUG "anal-mucus-discharge"
#define ARTICLE "/symptoms/" SLUG
#define STORIES ARTICLE "/stories"
#define PASSWORD "correct horse battery"

static const char *const S_GENEROUS[] = {
    "--rate-limit", "0", "--story-limit", "1000", "--login-limit", "1000", NULL};

/* A browser: the server and the cookies it was given. */
typedef struct browser {
  server_process *server;
  char csrf[80];
  char session[80];
} browser;

static int S_setup(void **state) {
  return server_fixture_start(state, S_GENEROUS);
}

static int S_teardown(void **state) {
  return server_fixture_stop(state);
}

/* Form encoding of one value (application/x-www-form-urlencoded). */
static void S_encode(char *out, size_t size, const char *text) {
  size_t n = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p != '\0' && n + 4 < size; p++) {
    if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
        strchr("-_.~", *p) != NULL) {
      out[n++] = (char)*p;
    } else {
      n += (size_t)snprintf(out + n, size - n, "%%%02X", *p);
    }
  }
  out[n] = '\0';
}

/* Keeps the value of a Set-Cookie for `name` in `slot`. */
static void S_take_cookie(const http_response *r, const char *name, char *slot, size_t size) {
  size_t length = strlen(name);
  for (const char *h = r->headers; (h = strstr(h, "Set-Cookie: ")) != NULL; h++) {
    const char *value = h + strlen("Set-Cookie: ");
    if (strncmp(value, name, length) == 0 && value[length] == '=') {
      snprintf(slot, size, "%.*s", (int)strcspn(value + length + 1, ";\r\n"), value + length + 1);
    }
  }
}

/* Sends a request with the browser's cookies; keeps the cookies it sets. */
static void S_send(browser *b, const char *method, const char *path, const char *form,
                   http_response *r) {
  size_t form_length = form != NULL ? strlen(form) : 0;
  size_t size = form_length + 1024;
  char *request = malloc(size);
  int n = snprintf(request, size,
                   "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                   "Cookie: symcheck_csrf=%s; symcheck_session=%s\r\n",
                   method, path, b->csrf, b->session);
  if (form != NULL) {
    n += snprintf(request + n, size - (size_t)n,
                  "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: %zu\r\n",
                  form_length);
  }
  n += snprintf(request + n, size - (size_t)n, "\r\n%s", form != NULL ? form : "");
  assert_int_equal(http_raw(b->server->port, request, (size_t)n, r), 0);
  free(request);
  S_take_cookie(r, "symcheck_csrf", b->csrf, sizeof b->csrf);
  S_take_cookie(r, "symcheck_session", b->session, sizeof b->session);
}

/* A new browser that has read the article once (and so has its token). */
static browser S_browser(server_process *s) {
  browser b = {.server = s};
  http_response r;
  S_send(&b, "GET", ARTICLE, NULL, &r);
  assert_int_equal(r.status, 200);
  http_response_free(&r);
  assert_int_equal(strlen(b.csrf), 64);
  return b;
}

/* POSTs a story with these fields and the browser's token. */
static void S_share(browser *b, const char *title, const char *story, const char *initial,
                    const char *extra, http_response *r) {
  static char form[64 * 1024];
  char t[4096], s[40000], i[64];
  S_encode(t, sizeof t, title);
  S_encode(s, sizeof s, story);
  S_encode(i, sizeof i, initial);
  snprintf(form, sizeof form, "title=%s&story=%s&initial=%s&consent=yes&website=&csrf=%s%s", t, s,
           i, b->csrf, extra != NULL ? extra : "");
  S_send(b, "POST", STORIES, form, r);
}

/* The id of a just-stored story: the newest pending one with this title,
   read with `symcheck stories list`. */
static char *S_cli_db(const server_process *s) {
  static char url[256];
  snprintf(url, sizeof url, "sqlite:%s/db.sqlite", s->dir);
  return url;
}

static run_result S_cli(const server_process *s, const char *a, const char *b, const char *c,
                        const char *d, const char *input) {
  const char *argv[10] = {SYMCHECK_BINARY};
  size_t n = 1;
  for (const char *const *arg = (const char *const[]){a, b, c, d, NULL}; *arg != NULL; arg++) {
    argv[n++] = *arg;
  }
  argv[n++] = "--db";
  argv[n++] = S_cli_db(s);
  run_result result;
  assert_int_equal(run_process(argv, input, 30000, &result), 0);
  return result;
}

static long long S_id_of(const server_process *s, const char *title) {
  run_result list = S_cli(s, "stories", "list", NULL, NULL, NULL);
  assert_int_equal(list.exit_code, 0);
  long long id = 0;
  for (const char *line = list.out; line != NULL && *line != '\0' && id == 0;) {
    const char *end = strchr(line, '\n');
    size_t length = end != NULL ? (size_t)(end - line) : strlen(line);
    const char *tab = NULL; /* the last tab of this line: the title follows */
    for (const char *p = line; p < line + length; p++) {
      tab = *p == '\t' ? p : tab;
    }
    if (tab != NULL && (size_t)(line + length - tab - 1) == strlen(title) &&
        strncmp(tab + 1, title, strlen(title)) == 0) {
      id = strtoll(line, NULL, 10);
    }
    line = end != NULL ? end + 1 : NULL;
  }
  run_result_free(&list);
  return id;
}

static void S_cli_ok(const server_process *s, const char *a, const char *b, const char *c) {
  run_result r = S_cli(s, a, b, c, NULL, NULL);
  if (r.exit_code != 0) {
    fail_msg("symcheck %s %s %s: %d %s", a, b, c, r.exit_code, r.err);
  }
  run_result_free(&r);
}

static char *S_article(browser *b) {
  http_response r;
  S_send(b, "GET", ARTICLE, NULL, &r);
  assert_int_equal(r.status, 200);
  assert_true(r.body_length < 100 * 1024);
  char *body = strdup(r.body);
  http_response_free(&r);
  return body;
}

static void S_location_is(const http_response *r, const char *wanted) {
  char location[512];
  assert_int_equal(r->status, 303);
  assert_true(http_header(r, "Location", location, sizeof location));
  assert_string_equal(location, wanted);
}

static void test_story_waits_then_shows(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  http_response r;
  S_share(&b, "Mucus for months", "It started after a holiday.\nIt went away with more fibre.", "K",
          NULL, &r);
  S_location_is(&r, ARTICLE "?story=sent#stories");
  http_response_free(&r);
  S_send(&b, "GET", ARTICLE "?story=sent", NULL, &r);
  assert_non_null(strstr(r.body, "waits for an editor"));
  assert_null(strstr(r.body, "Mucus for months")); /* pending: nobody sees it */
  http_response_free(&r);

  long long id = S_id_of(s, "Mucus for months");
  assert_true(id > 0);
  run_result pending = S_cli(s, "stories", "list", "--status", "pending", NULL);
  assert_non_null(strstr(pending.out, "\tpending\t"));
  assert_non_null(strstr(pending.out, "\t" SLUG "\tK\tMucus for months\n"));
  run_result_free(&pending);
  char text[32];
  snprintf(text, sizeof text, "%lld", id);
  S_cli_ok(s, "stories", "approve", text);

  char *page = S_article(&b);
  const char *story = strstr(page, "<h3 class=\"story-title\">Mucus for months</h3>");
  assert_non_null(story);
  assert_non_null(strstr(story, "It started after a holiday.\nIt went away with more fibre."));
  assert_non_null(strstr(story, "K, <time datetime=\""));
  assert_non_null(strstr(page, "others are saying") != NULL ? strstr(page, "others are saying")
                                                            : strstr(page, "1 other reader"));
  assert_non_null(strstr(page, "readers' own words"));
  assert_non_null(strstr(page, "not medical advice"));
  assert_non_null(strstr(page, "symcheck is not a diagnosis."));
  free(page);
}

static void test_newest_first_with_count(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  const char *titles[] = {"Older story here", "Newer story here"};
  for (size_t i = 0; i < 2; i++) {
    http_response r;
    S_share(&b, titles[i], "Enough words to make a story of it.", "M", NULL, &r);
    assert_int_equal(r.status, 303);
    http_response_free(&r);
    char id[32];
    snprintf(id, sizeof id, "%lld", S_id_of(s, titles[i]));
    S_cli_ok(s, "stories", "approve", id);
  }
  char *page = S_article(&b);
  const char *newer = strstr(page, "Newer story here"), *older = strstr(page, "Older story here");
  assert_non_null(newer);
  assert_non_null(older);
  assert_true(newer < older);
  run_result approved = S_cli(s, "stories", "list", "--status", "approved", NULL);
  size_t count = 0;
  for (const char *p = approved.out; (p = strchr(p, '\n')) != NULL; p++) {
    count++;
  }
  char wanted[64];
  snprintf(wanted, sizeof wanted, "Read what %zu others are saying", count);
  assert_non_null(strstr(page, wanted));
  run_result_free(&approved);
  free(page);
}

static void test_html_and_script_stay_text(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  http_response r;
  const char *title = "<script>alert('t')</script><b>T</b>";
  const char *story = "<img src=x onerror=alert(1)> <a href=\"javascript:alert(2)\">x</a> "
                      "</p><script>alert(3)</script>";
  S_share(&b, title, story, "Q", NULL, &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);
  char id[32];
  snprintf(id, sizeof id, "%lld", S_id_of(s, title));
  S_cli_ok(s, "stories", "approve", id);
  char *page = S_article(&b);
  assert_non_null(
      strstr(page, "&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;&lt;b&gt;T&lt;/b&gt;"));
  assert_non_null(strstr(page, "&lt;img src=x onerror=alert(1)&gt;"));
  assert_null(strstr(page, "<script>alert"));
  assert_null(strstr(page, "<img src=x"));
  assert_null(strstr(page, "href=\"javascript:"));
  free(page);
  /* refused with every field full of markup (the initial too): the form
     shown again keeps it as text */
  S_share(&b, title, story, "<script>", NULL, &r);
  assert_int_equal(r.status, 422);
  assert_null(strstr(r.body, "<script>alert"));
  assert_non_null(strstr(r.body, "value=\"&lt;script&gt;\""));
  assert_non_null(strstr(r.body, ">&lt;img src=x onerror=alert(1)&gt; &lt;a href="));
  assert_non_null(strstr(r.body, "&lt;script&gt;alert(3)&lt;/script&gt;</textarea>"));
  http_response_free(&r);
}

static void test_sql_metacharacters_are_literal(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  const char *title = "Robert'); DROP TABLE stories;-- 100% _x_ \\ \"q\"";
  const char *story = "' OR '1'='1'; --\nSELECT * FROM editors; /* % _ \\ */ \"done\"";
  http_response r;
  S_share(&b, title, story, "R", NULL, &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);
  long long id = S_id_of(s, title); /* the CLI prints the title as stored */
  assert_true(id > 0);
  char text[32];
  snprintf(text, sizeof text, "%lld", id);
  S_cli_ok(s, "stories", "approve", text);
  char *page = S_article(&b);
  assert_non_null(strstr(page, "Robert&#39;); DROP TABLE stories;-- 100% _x_ \\ &quot;q&quot;"));
  assert_non_null(strstr(page, "&#39; OR &#39;1&#39;=&#39;1&#39;; --\nSELECT * FROM editors; "
                               "/* % _ \\ */ &quot;done&quot;"));
  free(page);
}

static void test_forms_without_token_are_refused(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  /* the token missing, empty, or another one */
  const char *tokens[] = {NULL, "",
                          "0000000000000000000000000000000000000000000000000000000000000000"};
  for (size_t i = 0; i < sizeof tokens / sizeof tokens[0]; i++) {
    char form[256];
    snprintf(form, sizeof form,
             "title=Forged+story&story=Twenty+characters+at+least&initial=F&consent=yes%s%s",
             tokens[i] != NULL ? "&csrf=" : "", tokens[i] != NULL ? tokens[i] : "");
    http_response r;
    S_send(&b, "POST", STORIES, form, &r);
    assert_int_equal(r.status, 403);
    assert_non_null(strstr(r.body, "security code"));
    assert_non_null(strstr(r.body, "symcheck is not a diagnosis."));
    http_response_free(&r);
  }
  /* a browser with no cookie at all, even with some token in the form */
  browser stranger = {.server = s};
  char form[256];
  snprintf(form, sizeof form,
           "title=Forged+story&story=Twenty+characters+at+least&initial=F&consent=yes&csrf=%s",
           b.csrf);
  http_response r;
  S_send(&stranger, "POST", STORIES, form, &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);
  assert_int_equal(S_id_of(s, "Forged story"), 0);
}

static void test_honeypot_keeps_nothing(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  http_response r;
  S_share(&b, "Buy cheap pills", "Visit our shop for cheap pills today.", "S",
          "&website=http%3A%2F%2Fspam.example", &r);
  S_location_is(&r, ARTICLE "?story=sent#stories"); /* looks accepted */
  http_response_free(&r);
  assert_int_equal(S_id_of(s, "Buy cheap pills"), 0);
}

/* A NUL in a field would cut the story short without a word: the form is
   refused whole, saying so, and nothing is stored. */
static void test_nul_in_a_field_is_refused(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  http_response r;
  S_share(&b, "Cut short", "The first half of my story.", "N",
          "&story=The%20first%20half%00and%20the%20hidden%20rest", &r);
  assert_int_equal(r.status, 400);
  assert_non_null(strstr(r.body, "NUL character"));
  http_response_free(&r);
  assert_int_equal(S_id_of(s, "Cut short"), 0);
}

/* Asserts the 422 page shows `message` in the field's error paragraph,
   which the field names in aria-describedby. */
static void S_error_beside(const http_response *r, const char *field, const char *message) {
  char error[256], described[256];
  snprintf(error, sizeof error, "<p id=\"%s-error\" class=\"field-error\">%s", field, message);
  snprintf(described, sizeof described, "aria-describedby=\"%s-hint %s-error\"", field, field);
  if (strstr(r->body, error) == NULL || strstr(r->body, described) == NULL) {
    fail_msg("no \"%s\" beside %s", message, field);
  }
}

static void test_limits_answer_422_beside_the_field(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  char title[512] = "", story[8192] = "";
  for (int i = 0; i < 121; i++) {
    strcat(title, "t");
  }
  http_response r;
  S_share(&b, title, "A story long enough to pass the check.", "A", NULL, &r);
  assert_int_equal(r.status, 422);
  S_error_beside(&r, "story-title", "The title is too long");
  assert_non_null(strstr(r.body, title)); /* the reader's text is kept */
  assert_non_null(strstr(r.body, "A story long enough to pass the check.</textarea>"));
  assert_true(r.body_length < 100 * 1024);
  http_response_free(&r);

  S_share(&b, "Short", "Too short.", "A", NULL, &r);
  assert_int_equal(r.status, 422);
  S_error_beside(&r, "story-text", "Tell a little more");
  http_response_free(&r);

  for (int i = 0; i < 4001; i++) {
    strcat(story, "s");
  }
  S_share(&b, "Long", story, "A", NULL, &r);
  assert_int_equal(r.status, 422);
  S_error_beside(&r, "story-text", "The story is too long");
  http_response_free(&r);

  S_share(&b, "Initial", "A story long enough to pass the check.", "AB", NULL, &r);
  assert_int_equal(r.status, 422);
  S_error_beside(&r, "story-initial", "Give one letter only");
  http_response_free(&r);

  char form[512];
  snprintf(form, sizeof form,
           "title=No+consent&story=A+story+long+enough+to+pass.&initial=C&website=&csrf=%s",
           b.csrf);
  S_send(&b, "POST", STORIES, form, &r);
  assert_int_equal(r.status, 422);
  assert_non_null(strstr(r.body, "<p id=\"story-consent-error\" class=\"field-error\">Tick"));
  http_response_free(&r);

  /* limits count characters: 120 two-byte letters are a fine title */
  title[0] = '\0';
  for (int i = 0; i < 120; i++) {
    strcat(title, "\xc3\xa9");
  }
  S_share(&b, title, "A story long enough to pass the check.", "\xc3\x89", NULL, &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);
  assert_true(S_id_of(s, title) > 0);
}

/* The path of the "Older stories" link, or "" when there is none. */
static void S_older(const char *body, char *href, size_t size) {
  const char *link = strstr(body, "<a class=\"button\" href=\"");
  href[0] = '\0';
  if (link == NULL || strstr(link, "Older stories") == NULL) {
    return;
  }
  link += strlen("<a class=\"button\" href=\"");
  snprintf(href, size, "%.*s", (int)strcspn(link, "\""), link);
  href[strcspn(href, "#")] = '\0'; /* a browser keeps the fragment to itself */
}

static void test_long_stories_keep_pages_small(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  static char story[4001];
  memset(story, '"', 4000); /* escapes to six bytes each */
  enum { S_LONG = 12 };
  for (int i = 0; i < S_LONG; i++) {
    char title[128];
    int n = snprintf(title, sizeof title, "Long story %02d ", i);
    memset(title + n, '<', (size_t)(120 - n));
    title[120] = '\0';
    http_response r;
    S_share(&b, title, story, "W", NULL, &r);
    assert_int_equal(r.status, 303);
    http_response_free(&r);
    char id[32];
    snprintf(id, sizeof id, "%lld", S_id_of(s, title));
    S_cli_ok(s, "stories", "approve", id);
  }
  /* every one is reached through "Older stories", each page under 100 KB */
  int seen[S_LONG] = {0};
  char path[256] = ARTICLE;
  for (int pages = 0; path[0] != '\0'; pages++) {
    assert_true(pages < 20);
    http_response r;
    S_send(&b, "GET", path, NULL, &r);
    assert_int_equal(r.status, 200);
    if (r.body_length >= 100 * 1024) {
      fail_msg("%s is %zu bytes", path, r.body_length);
    }
    for (const char *p = r.body; (p = strstr(p, "Long story ")) != NULL; p++) {
      seen[atoi(p + strlen("Long story "))]++;
    }
    S_older(r.body, path, sizeof path);
    http_response_free(&r);
  }
  for (int i = 0; i < S_LONG; i++) {
    assert_int_equal(seen[i], 1);
  }
}

/* Per-test fixtures: a server of the test's own with tight limits, stopped
   by the teardown even when an assertion fails. */
static int S_start_limited(void **state, const char *stories, const char *logins) {
  const char *const extra[] = {"--rate-limit", "0", "--story-limit", stories, "--login-limit",
                               logins,         NULL};
  return server_fixture_start(state, extra);
}

static int S_two_stories(void **state) {
  return S_start_limited(state, "2", "1000");
}

static int S_three_logins(void **state) {
  return S_start_limited(state, "1000", "3");
}

static void test_story_limit_429(void **state) {
  server_process *s = *state;
  browser b = S_browser(s);
  for (int i = 0; i < 3; i++) {
    http_response r;
    char title[32];
    snprintf(title, sizeof title, "Story number %d", i);
    S_share(&b, title, "Enough words to make a story of it.", "N", NULL, &r);
    assert_int_equal(r.status, i < 2 ? 303 : 429);
    if (i == 2) {
      char retry[32];
      assert_true(http_header(&r, "Retry-After", retry, sizeof retry));
      assert_true(atoi(retry) >= 1);
      assert_non_null(strstr(r.body, "wait an hour"));
    }
    http_response_free(&r);
  }
  assert_int_equal(S_id_of(s, "Story number 2"), 0);
}

static void S_add_editor(const server_process *s, const char *name) {
  run_result r = S_cli(s, "editor", "add", name, NULL, PASSWORD "\n");
  if (r.exit_code != 0) {
    fail_msg("editor add %s: %s", name, r.err);
  }
  run_result_free(&r);
}

static void S_login(browser *b, const char *name, const char *password, http_response *r) {
  char form[512], n[128], p[128];
  S_encode(n, sizeof n, name);
  S_encode(p, sizeof p, password);
  snprintf(form, sizeof form, "name=%s&password=%s&csrf=%s", n, p, b->csrf);
  S_send(b, "POST", "/editor/login", form, r);
}

/* POSTs an editor's action on story `id` with extra fields. */
static void S_act(browser *b, long long id, const char *action, const char *fields,
                  http_response *r) {
  char path[128], form[1024];
  snprintf(path, sizeof path, "/editor/stories/%lld/%s", id, action);
  snprintf(form, sizeof form, "csrf=%s%s", b->csrf, fields);
  S_send(b, "POST", path, form, r);
}

/* A pending story by a reader; its id. */
static long long S_pending(server_process *s, const char *title) {
  browser reader = S_browser(s);
  http_response r;
  S_share(&reader, title, "Something happened and then it got better.", "P", NULL, &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);
  long long id = S_id_of(s, title);
  assert_true(id > 0);
  return id;
}

static void S_logs_in(server_process *s, browser *b) {
  http_response r;
  S_send(b, "GET", "/editor", NULL, &r);
  S_location_is(&r, "/editor/login"); /* no session yet */
  http_response_free(&r);
  S_send(b, "GET", "/editor/login", NULL, &r);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "autocomplete=\"current-password\""));
  http_response_free(&r);
  S_login(b, "ed", "wrong password", &r);
  assert_int_equal(r.status, 403);
  assert_non_null(strstr(r.body, "The name or the password is wrong."));
  assert_string_equal(b->session, "");
  http_response_free(&r);
  S_login(b, "nobody", PASSWORD, &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);
  S_login(b, "ed", PASSWORD, &r);
  S_location_is(&r, "/editor");
  assert_non_null(strstr(r.headers, "symcheck_session="));
  const char *cookie = strstr(r.headers, "Set-Cookie: symcheck_session=");
  assert_non_null(cookie);
  char line[256];
  snprintf(line, sizeof line, "%.*s", (int)strcspn(cookie, "\r\n"), cookie);
  assert_non_null(strstr(line, "Path=/editor"));
  assert_non_null(strstr(line, "HttpOnly"));
  assert_non_null(strstr(line, "SameSite=Strict"));
  assert_non_null(strstr(line, "Max-Age=28800"));
  http_response_free(&r);
  assert_int_equal(strlen(b->session), 64);
  (void)s;
}

/* The audit trail as the store has it: "action story detail" lines of
   editor `name`, newest first. */
static char *S_audit(const server_process *s, const char *name) {
  srv_db *db = NULL;
  char why[256];
  assert_int_equal(srv_db_open(S_cli_db(s), &db, why, sizeof why), SRV_DB_OK);
  srv_audit_list audit = {0};
  assert_int_equal(srv_store_audit_list(db, 100, &audit), SRV_STORE_OK);
  char *text = calloc(1, 8192);
  for (size_t i = 0; i < audit.count; i++) {
    const srv_audit_entry *e = &audit.items[i];
    assert_int_equal(strlen(e->at), 20); /* when: "YYYY-MM-DDTHH:MM:SSZ" */
    if (strcmp(e->editor, name) == 0) {
      size_t used = strlen(text);
      snprintf(text + used, 8192 - used, "%s %lld %s\n", e->action, (long long)e->story_id,
               e->detail);
    }
  }
  srv_audit_list_free(&audit);
  srv_db_close(db);
  return text;
}

static void test_editor_moderates(void **state) {
  server_process *s = *state;
  S_add_editor(s, "ed");
  long long approve = S_pending(s, "Approve me please");
  long long reject = S_pending(s, "Reject me please");
  long long fix = S_pending(s, "Fix my tpyo");
  browser b = S_browser(s);
  S_logs_in(s, &b);

  http_response r;
  S_send(&b, "GET", "/editor", NULL, &r);
  assert_int_equal(r.status, 200);
  assert_non_null(strstr(r.body, "Approve me please"));
  assert_non_null(strstr(r.body, "Fix my tpyo"));
  assert_non_null(strstr(r.body, "symcheck is not a diagnosis."));
  assert_true(r.body_length < 100 * 1024);
  http_response_free(&r);

  S_act(&b, approve, "approve", "", &r);
  char done[128];
  snprintf(done, sizeof done, "/editor?done=approved&story=%lld#audit-h", approve);
  S_location_is(&r, done);
  http_response_free(&r);

  S_act(&b, reject, "reject", "&reason=", &r);
  assert_int_equal(r.status, 422);
  char error[64];
  snprintf(error, sizeof error, "<p id=\"reason-%lld-error\" class=\"field-error\">Say why",
           reject);
  assert_non_null(strstr(r.body, error));
  http_response_free(&r);
  S_act(&b, reject, "reject", "&reason=Names+a+doctor", &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);

  S_act(&b, fix, "edit", "&title=Fix+my+typo&story=Something+happened+and+then+it+got+better!", &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);
  S_act(&b, fix, "approve", "", &r);
  assert_int_equal(r.status, 303);
  http_response_free(&r);

  char *page = S_article(&b);
  assert_non_null(strstr(page, "Approve me please"));
  assert_null(strstr(page, "Reject me please"));
  assert_non_null(strstr(page, ">Fix my typo<"));
  assert_non_null(strstr(page, "then it got better!"));
  free(page);
  run_result rejected = S_cli(s, "stories", "list", "--status", "rejected", NULL);
  assert_non_null(strstr(rejected.out, "Reject me please"));
  run_result_free(&rejected);

  char *audit = S_audit(s, "ed");
  /* newest first; the edit's detail is the backend's business */
  char expected_head[64];
  snprintf(expected_head, sizeof expected_head, "approve %lld \nedit %lld ", fix, fix);
  assert_int_equal(strncmp(audit, expected_head, strlen(expected_head)), 0);
  char expected_tail[128];
  snprintf(expected_tail, sizeof expected_tail,
           "reject %lld Names a doctor\napprove %lld \nlogin 0 \n", reject, approve);
  assert_non_null(strstr(audit, expected_tail));
  free(audit);

  /* the queue shows the same record */
  S_send(&b, "GET", "/editor", NULL, &r);
  assert_non_null(strstr(r.body, "<td>ed</td><td>reject</td>"));
  assert_null(strstr(r.body, "Approve me please</h2>"));
  http_response_free(&r);

  /* no such story; a form without the token; a browser without a session */
  S_act(&b, 99999999, "approve", "", &r);
  assert_int_equal(r.status, 404);
  http_response_free(&r);
  S_send(&b, "POST", "/editor/stories/abc/approve", "csrf=x", &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);
  char path[64];
  snprintf(path, sizeof path, "/editor/stories/%lld/approve", reject);
  S_send(&b, "POST", path, "csrf=", &r);
  assert_int_equal(r.status, 403);
  http_response_free(&r);
  browser stranger = S_browser(s);
  S_act(&stranger, reject, "approve", "", &r);
  assert_int_equal(r.status, 403);
  assert_non_null(strstr(r.body, "not logged in"));
  http_response_free(&r);

  /* logging out ends the session for good */
  char old_session[80];
  snprintf(old_session, sizeof old_session, "%s", b.session);
  char form[128];
  snprintf(form, sizeof form, "csrf=%s", b.csrf);
  S_send(&b, "POST", "/editor/logout", form, &r);
  S_location_is(&r, "/editor/login");
  http_response_free(&r);
  snprintf(b.session, sizeof b.session, "%s", old_session);
  S_send(&b, "GET", "/editor", NULL, &r);
  S_location_is(&r, "/editor/login");
  http_response_free(&r);
}

static void test_login_limit_429(void **state) {
  server_process *s = *state;
  S_add_editor(s, "lim");
  browser b = S_browser(s);
  for (int i = 0; i < 4; i++) {
    http_response r;
    S_login(&b, "lim", i < 3 ? "wrong password" : PASSWORD, &r);
    assert_int_equal(r.status, i < 3 ? 403 : 429); /* even the right one waits */
    http_response_free(&r);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_story_waits_then_shows),
      cmocka_unit_test(test_newest_first_with_count),
      cmocka_unit_test(test_html_and_script_stay_text),
      cmocka_unit_test(test_sql_metacharacters_are_literal),
      cmocka_unit_test(test_forms_without_token_are_refused),
      cmocka_unit_test(test_honeypot_keeps_nothing),
      cmocka_unit_test(test_nul_in_a_field_is_refused),
      cmocka_unit_test(test_limits_answer_422_beside_the_field),
      cmocka_unit_test(test_long_stories_keep_pages_small),
      cmocka_unit_test_setup_teardown(test_story_limit_429, S_two_stories, S_teardown),
      cmocka_unit_test(test_editor_moderates),
      cmocka_unit_test_setup_teardown(test_login_limit_429, S_three_logins, S_teardown),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
