/*
 * test_web_template.c - the page templates' renderer: text from data is
 * always escaped (a script in any field shows as text), raw output only
 * where the template asks for it, loops, conditions, scopes and partials,
 * HTML comments left out of the output, and broken templates refused at
 * load with the file and line.
 */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "temp_dir.h"
#include "template.h"

#define SCRIPT "<script>alert(\"x\" & 'y')</script>"
#define ESCAPED "&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;"

/* Renders `text` as a one-template set over the JSON `data`. */
static char *S_render(const char *text, const char *data) {
  char err[256] = "";
  template_set *set = template_set_from_text("t", text, err, sizeof err);
  assert_non_null(set);
  json_t *json = data != NULL ? json_loads(data, 0, NULL) : NULL;
  char *out = template_render(set, "t", json);
  json_decref(json);
  template_set_free(set);
  assert_non_null(out);
  return out;
}

static void S_expect(const char *text, const char *data, const char *expected) {
  char *out = S_render(text, data);
  assert_string_equal(out, expected);
  free(out);
}

static void test_escapes_by_default(void **state) {
  (void)state;
  json_t *data =
      json_pack("{s:s, s:[{s:s}], s:{s:s}}", "a", SCRIPT, "list", "b", SCRIPT, "obj", "c", SCRIPT);
  char err[128];
  template_set *set = template_set_from_text(
      "t", "<p title=\"{{a}}\">{{a}}</p>{{#list}}<i>{{b}}</i>{{/list}}{{obj.c}}", err, sizeof err);
  assert_non_null(set);
  char *out = template_render(set, "t", data);
  assert_non_null(out);
  assert_string_equal(out, "<p title=\"" ESCAPED "\">" ESCAPED "</p><i>" ESCAPED "</i>" ESCAPED);
  assert_null(strstr(out, "<script"));
  free(out);
  template_set_free(set);
  json_decref(data);
}

static void test_raw_only_when_asked(void **state) {
  (void)state;
  S_expect("{{{html}}}|{{html}}", "{\"html\": \"<em>hi</em>\"}",
           "<em>hi</em>|&lt;em&gt;hi&lt;/em&gt;");
}

static void test_loops_and_conditions(void **state) {
  (void)state;
  S_expect("{{#items}}[{{name}}]{{/items}}{{^items}}none{{/items}}",
           "{\"items\": [{\"name\": \"a\"}, {\"name\": \"b\"}]}", "[a][b]");
  S_expect("{{#items}}[{{name}}]{{/items}}{{^items}}none{{/items}}", "{\"items\": []}", "none");
  S_expect("{{#yes}}Y{{/yes}}{{#no}}N{{/no}}{{^no}}!{{/no}}{{#missing}}M{{/missing}}",
           "{\"yes\": true, \"no\": false}", "Y!");
  S_expect("{{#s}}{{.}}{{/s}}{{#e}}E{{/e}}", "{\"s\": [\"x\", \"y\"], \"e\": \"\"}", "xy");
  S_expect("{{n}} {{r}} {{t}} {{z}}", "{\"n\": 42, \"r\": 0.5, \"t\": true, \"z\": null}",
           "42 0.5 true ");
}

static void test_scopes(void **state) {
  (void)state;
  /* inner names first, then outwards; dotted paths do not fall back */
  S_expect("{{#o}}{{a}}{{b}}{{o.a}}{{/o}}{{o.b}}|{{x.y.z}}",
           "{\"b\": \"outer\", \"o\": {\"a\": \"inner\"}, \"x\": {\"y\": {\"z\": \"deep\"}}}",
           "innerouterinner|deep");
  S_expect("{{#o}}{{/o}}", NULL, "");
}

/* Loads the templates written into a temporary folder. */
static template_set *S_load_dir(const char *const *files, size_t count, char *err,
                                size_t err_size) {
  char dir[256];
  assert_true(temp_dir_make(dir, sizeof dir, "templates"));
  for (size_t i = 0; i < count; i += 2) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(files[i + 1], f);
    fclose(f);
  }
  template_set *set = template_set_load(dir, err, err_size);
  for (size_t i = 0; i < count; i += 2) {
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, files[i]);
    unlink(path);
  }
  rmdir(dir);
  return set;
}

static void test_partials_and_load(void **state) {
  (void)state;
  static const char *const files[] = {"page.html", "<ul>{{#xs}}{{>item}}{{/xs}}</ul>",
                                      "item.html", "<li>{{name}}</li>",
                                      "notes.txt", "not a template {{#"};
  char err[256] = "";
  template_set *set = S_load_dir(files, 6, err, sizeof err);
  assert_non_null(set);
  assert_true(template_set_has(set, "page"));
  assert_false(template_set_has(set, "notes"));
  json_t *data = json_pack("{s:[{s:s},{s:s}]}", "xs", "name", "a<b", "name", "c");
  char *out = template_render(set, "page", data);
  assert_string_equal(out, "<ul><li>a&lt;b</li><li>c</li></ul>");
  assert_null(template_render(set, "nope", data));
  free(out);
  json_decref(data);
  template_set_free(set);
}

static void S_expect_error(const char *text, const char *message) {
  char err[256] = "";
  assert_null(template_set_from_text("bad", text, err, sizeof err));
  if (strstr(err, message) == NULL) {
    fail_msg("error \"%s\" does not contain \"%s\"", err, message);
  }
}

static void test_comments_left_out(void **state) {
  (void)state;
  /* a comment on lines of its own goes with its line break; one inside a
     line leaves the line; tags inside a comment are not rendered */
  S_expect("<p>a</p>\n<!-- page_x.c renders `a`,\n  {{#a}}see{{/b}} -->\n<p>{{a}}<!--x-->b</p>\n",
           "{\"a\": \"A\"}", "<p>a</p>\n<p>Ab</p>\n");
  S_expect("<!---->{{a}}<!-- {{ -->", "{\"a\": \"<!--\"}", "&lt;!--");
  S_expect_error("a\n<!-- {{a}}", "bad.html:2: a comment (<!--) is not closed");
}

static void test_broken_templates_refused(void **state) {
  (void)state;
  S_expect_error("a\nb\n{{#x}}\n{{/y}}", "bad.html:4: {{/y}} closes {{#x}}");
  S_expect_error("{{#x}} never closed", "{{#x}} is never closed");
  S_expect_error("line 1\n{{/x}}", "bad.html:2: {{/x}} closes no section");
  S_expect_error("{{x", "bad.html:1: a tag is not closed");
  S_expect_error("{{x y}}", "is not a valid name");
  S_expect_error("{{>nothing}}", "{{>nothing}} names no template");
  char err[256] = "";
  assert_null(template_set_load("/nonexistent/templates", err, sizeof err));
  assert_non_null(strstr(err, "/nonexistent/templates"));
}

static void test_shipped_templates_load(void **state) {
  (void)state;
  char err[256] = "";
  template_set *set = template_set_load(SYMCHECK_SOURCE_DIR "/web/templates", err, sizeof err);
  if (set == NULL) {
    fail_msg("%s", err);
  }
  assert_true(template_set_has(set, "layout"));
  template_set_free(set);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_escapes_by_default),
      cmocka_unit_test(test_raw_only_when_asked),

      cmocka_unit_test(test_loops_and_conditions),
      cmocka_unit_test(test_scopes),
      cmocka_unit_test(test_comments_left_out),
      cmocka_unit_test(test_partials_and_load),
      cmocka_unit_test(test_broken_templates_refused),
      cmocka_unit_test(test_shipped_templates_load),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
