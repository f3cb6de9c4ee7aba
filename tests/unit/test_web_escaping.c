/*
 * test_web_escaping.c - a pack whose every text field carries a script
 * (names, questions, why, summaries, red-flag messages, the pack title,
 * sources' authors and titles) and
 * whose article holds raw HTML and a javascript: link: every page shows the
 * script as text and runs nothing. The pack is the tiny test pack, copied
 * to a temporary folder with its text rewritten.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "temp_dir.h"
#include "web.h"

#define TINY SYMCHECK_SOURCE_DIR "/tests/packs/tiny"
#define SCRIPT "<script>alert(1)</script>"
#define SHOWN "&lt;script&gt;alert(1)&lt;/script&gt;"

static const char *const S_files[] = {"pack.yaml", "complaints.yaml", "findings.yaml",
                                      "conditions.yaml", "red_flags.yaml"};
static const char *const S_text_keys[] = {
    "name:", "question:", "why:", "summary:", "message:", "title:", "authors:"};

typedef struct fixture {
  char dir[256];
  symcheck_pack *pack;
  web_site *site;
} fixture;

/* Writes `line`, with a script put in front of the value of a text key. */
static void S_rewrite_line(FILE *out, const char *line) {
  const char *key = line + strspn(line, " -");
  for (size_t i = 0; i < sizeof S_text_keys / sizeof S_text_keys[0]; i++) {
    size_t n = strlen(S_text_keys[i]);
    if (strncmp(key, S_text_keys[i], n) == 0 && key[n] == ' ' && key[n + 1] != '{' &&
        key[n + 1] != '[') {
      fprintf(out, "%.*s '" SCRIPT " ", (int)(key + n - line), line);
      for (const char *p = key + n + 1; *p != '\0' && *p != '\n'; p++) {
        fputs(*p == '\'' ? "''" : (char[]){*p, '\0'}, out);
      }
      fputs("'\n", out);
      return;
    }
  }
  fputs(line, out);
}

static void S_copy(const char *from, const char *to, bool rewrite, const char *extra) {
  FILE *in = fopen(from, "r");
  FILE *out = fopen(to, "w");
  assert_non_null(in);
  assert_non_null(out);
  char line[4096];
  while (fgets(line, sizeof line, in) != NULL) {
    if (rewrite) {
      S_rewrite_line(out, line);
    } else {
      fputs(line, out);
    }
  }
  if (extra != NULL) {
    fputs(extra, out);
  }
  fclose(in);
  fclose(out);
}

static int S_setup(void **state) {
  fixture *f = calloc(1, sizeof *f);
  assert_true(temp_dir_make(f->dir, sizeof f->dir, "web-escape"));
  char from[512], to[512];
  for (size_t i = 0; i < sizeof S_files / sizeof S_files[0]; i++) {
    snprintf(from, sizeof from, "%s/%s", TINY, S_files[i]);
    snprintf(to, sizeof to, "%s/%s", f->dir, S_files[i]);
    S_copy(from, to, true, NULL);
  }
  snprintf(to, sizeof to, "%s/articles", f->dir);
  assert_int_equal(mkdir(to, 0700), 0);
  snprintf(to, sizeof to, "%s/articles/sore-throat.md", f->dir);
  S_copy(TINY "/articles/sore-throat.md", to, false,
         "\n## " SCRIPT " heading\n\n" SCRIPT "\n\n<img src=x onerror=alert(1)>\n\n"
         "[a link](javascript:alert(1)) and [another](https://example.org/\"onmouseover=x)\n");
  symcheck_diagnostics diagnostics = {0};
  f->pack = symcheck_pack_load(f->dir, &diagnostics);
  for (size_t i = 0; i < diagnostics.count; i++) {
    print_error("%s:%d: %s: %s\n", diagnostics.items[i].file, diagnostics.items[i].line,
                diagnostics.items[i].field, diagnostics.items[i].message);
  }
  symcheck_diagnostics_free(&diagnostics);
  assert_non_null(f->pack);
  char err[256] = "";
  const symcheck_pack *packs[] = {f->pack};
  f->site = web_site_new(SYMCHECK_SOURCE_DIR "/web", packs, 1, err, sizeof err);
  assert_non_null(f->site);
  *state = f;
  return 0;
}

static int S_teardown(void **state) {
  fixture *f = *state;
  web_site_free(f->site);
  symcheck_pack_free(f->pack);
  char path[512];
  for (size_t i = 0; i < sizeof S_files / sizeof S_files[0]; i++) {
    snprintf(path, sizeof path, "%s/%s", f->dir, S_files[i]);
    unlink(path);
  }
  snprintf(path, sizeof path, "%s/articles/sore-throat.md", f->dir);
  unlink(path);
  snprintf(path, sizeof path, "%s/articles", f->dir);
  rmdir(path);
  rmdir(f->dir);
  free(f);
  return 0;
}

/* The page shows the script as text and holds nothing that would run. */
static void S_safe(web_page *page) {
  assert_non_null(page->body);
  if (strstr(page->body, SCRIPT) != NULL || strstr(page->body, "javascript:") != NULL ||
      strstr(page->body, "onerror=") != NULL || strstr(page->body, "\"onmouseover") != NULL) {
    fail_msg("unsafe page:\n%s", page->body);
  }
  web_page_free(page);
}

static void test_home_and_article(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_home(f->site, NULL, &page), 0);
  assert_non_null(strstr(page.body, SHOWN " Sore throat"));
  S_safe(&page);
  assert_int_equal(web_page_article(f->site, "sore-throat", NULL, &page), 0);
  if (strstr(page.body, "alert(1) heading</h2>") == NULL) {
    fail_msg("no heading from the article's last section:\n%s", page.body);
  }
  assert_non_null(strstr(page.body, SHOWN " Common cold"));
  S_safe(&page);
  assert_int_equal(web_page_article(f->site, "cough", NULL, &page), 0);
  S_safe(&page);
}

static void test_condition_pages(void **state) {
  fixture *f = *state;
  for (size_t i = 0; i < symcheck_pack_condition_count(f->pack); i++) {
    web_page page;
    const symcheck_condition *c = symcheck_pack_condition(f->pack, i);
    assert_int_equal(web_page_condition(f->site, "tiny", c->id, &page), 0);
    assert_int_equal(page.status, 200);
    assert_non_null(strstr(page.body, SHOWN));
    S_safe(&page);
  }
}

/* /about/sources shows the sources' authors and titles, and the names of
   what cites them, as text. */
static void test_sources_page(void **state) {
  fixture *f = *state;
  web_page page;
  assert_int_equal(web_page_sources(f->site, NULL, &page), 0);
  assert_non_null(strstr(page.body, SHOWN));
  S_safe(&page);
  assert_int_equal(web_page_sources(f->site, "tiny", &page), 0);
  assert_int_equal(page.status, 200);
  assert_non_null(strstr(page.body, SHOWN " &quot;Test Authors&quot;"));
  assert_non_null(strstr(page.body, SHOWN " Figures made up"));
  assert_non_null(strstr(page.body, SHOWN " Common cold</a>"));
  S_safe(&page);
}

/* The value of form field `name` on the page. */
static void S_field(const char *html, const char *name, char *out, size_t size) {
  char needle[64];
  snprintf(needle, sizeof needle, "name=\"%s\" value=\"", name);
  const char *at = strstr(html, needle);
  out[0] = '\0';
  if (at != NULL) {
    at += strlen(needle);
    snprintf(out, size, "%.*s", (int)strcspn(at, "\""), at);
  }
}

static void test_quiz_results_and_summary(void **state) {
  fixture *f = *state;
  char a[1024] = "", q[128] = "";
  bool result = false;
  for (int step = 0; step < 12 && !result; step++) {
    web_param items[] = {{"age", "30"}, {"sex", "female"}, {"a", a}, {"q", q}, {"v", "unknown"}};
    web_params params = {q[0] != '\0' ? 5 : 3, items};
    web_page page;
    assert_int_equal(web_page_quiz(f->site, "sore-throat", &params, &page), 0);
    assert_int_equal(page.status, 200);
    bool question = strstr(page.body, "<form class=\"question\"") != NULL;
    if (question) {
      assert_non_null(strstr(page.body, "<h1>" SHOWN));
    }
    result = strstr(page.body, "<h2 id=\"causes-h\">") != NULL;
    if (question) {
      S_field(page.body, "a", a, sizeof a);
      S_field(page.body, "q", q, sizeof q);
    } else {
      assert_true(result);
      assert_non_null(strstr(page.body, "<h3 id=\"r-cold\">" SHOWN " Common cold</h3>"));
    }
    S_safe(&page);
  }
  assert_true(result);
  web_param items[] = {{"age", "30"}, {"sex", "female"}, {"a", a}};
  web_params params = {3, items};
  web_page page;
  assert_int_equal(web_page_summary(f->site, "sore-throat", &params, &page), 0);
  assert_non_null(strstr(page.body, SHOWN));
  S_safe(&page);
  assert_int_equal(web_page_fhir(f->site, "sore-throat", &params, &page), 0);
  assert_non_null(strstr(page.body, "<script>")); /* JSON data, not HTML: kept as written */
  web_page_free(&page);
}

static void test_red_flag_message(void **state) {
  fixture *f = *state;
  web_param items[] = {{"age", "30"},         {"sex", "male"},   {"a", ""},
                       {"q", "danger_signs"}, {"v", "selected"}, {"opt", "breathing"}};
  web_params params = {6, items};
  web_page page;
  assert_int_equal(web_page_quiz(f->site, "sore-throat", &params, &page), 0);
  assert_non_null(strstr(page.body, "<section class=\"emergency"));
  /* the reason quotes the answer, then the red flag's message */
  assert_non_null(strstr(page.body,
                         "<p class=\"em-message\">You said: Struggling to breathe. " SHOWN
                         " Call an ambulance now."));
  S_safe(&page);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_home_and_article), cmocka_unit_test(test_condition_pages),
      cmocka_unit_test(test_sources_page),     cmocka_unit_test(test_quiz_results_and_summary),
      cmocka_unit_test(test_red_flag_message),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
