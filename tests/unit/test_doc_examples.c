/*
 * test_doc_examples.c - the docs match the code (issue 11): every example
 * command of README.md (the `build/symcheck ...` lines of its ```sh
 * blocks) and of the man page (docs/symcheck.1, its EXAMPLES section) runs
 * against the built binary and the bundled packs and must exit 0 without a
 * word on stderr; the encoded answers quoted in the man page and in
 * include/symcheck.h decode; and the header's code example, cut out and
 * built by CMake (doc_example_header), runs.
 *
 * The commands run in a temporary folder laid out like the repository:
 * tests/ and each folder of packs/ link to the source's, var/symcheck.db is a fresh
 * database holding 13 pending stories (the README approves 12 and rejects
 * 13), and ../shared/data/ddxplus holds the 300-patient sample of
 * tests/data/ddxplus under the names of the full data set, which is not in
 * the repository. An example that writes a pack (`fit --out packs/ddxplus`)
 * writes it in the temporary folder, and packs/ is laid anew before the
 * next example, so none shadows the bundled packs.
 */
#define _XOPEN_SOURCE 700

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "run_process.h"
#include "server_store.h"
#include "symcheck.h"
#include "temp_dir.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TIMEOUT_MS 240000
#define MAX_ARGS 32
#define COMMAND_SIZE 2048
#define PASSWORD "a-long-test-password"
#define SAMPLE_DIR SYMCHECK_SOURCE_DIR "/tests/data/ddxplus"

typedef struct S_place {
  char top[64];   /* the temporary folder */
  char work[128]; /* top/repo: the current folder of the examples */
  char home[1024];
} S_place;

static void S_link(const char *target, const char *path) {
  if (symlink(target, path) != 0) {
    fail_msg("cannot link %s to %s", path, target);
  }
}

/* top/repo with tests/ and var/symcheck.db, and top/shared/data/ddxplus. */
static int S_setup(void **state) {
  static S_place place;
  if (!temp_dir_make(place.top, sizeof place.top, "docs") ||
      getcwd(place.home, sizeof place.home) == NULL) {
    return -1;
  }
  snprintf(place.work, sizeof place.work, "%s/repo", place.top);
  char path[512];
  mkdir(place.work, 0700);
  snprintf(path, sizeof path, "%s/tests", place.work);
  S_link(SYMCHECK_SOURCE_DIR "/tests", path);
  snprintf(path, sizeof path, "%s/var", place.work);
  mkdir(path, 0700);
  static const char *const data[][2] = {
      {"release_evidences.json", "release_evidences.json"},
      {"release_conditions.json", "release_conditions.json"},
      {"patients_300.csv", "release_test_patients_mini_version.txt"}};
  const char *const folders[] = {"shared", "shared/data", "shared/data/ddxplus"};
  for (size_t i = 0; i < 3; i++) {
    snprintf(path, sizeof path, "%s/%s", place.top, folders[i]);
    mkdir(path, 0700);
  }
  for (size_t i = 0; i < 3; i++) {
    char target[512];
    snprintf(target, sizeof target, "%s/%s", SAMPLE_DIR, data[i][0]);
    snprintf(path, sizeof path, "%s/shared/data/ddxplus/%s", place.top, data[i][1]);
    S_link(target, path);
  }
  /* the database the README's stories commands find by default */
  char url[600];
  snprintf(url, sizeof url, "sqlite:%s/var/symcheck.db", place.work);
  srv_db *db = NULL;
  char why[256];
  if (srv_db_open(url, &db, why, sizeof why) != SRV_DB_OK) {
    return -1;
  }
  for (int i = 0; i < 13; i++) {
    int64_t id = 0;
    srv_store_story_add(db, "anal-mucus-discharge", "A title", "A story long enough to keep.", "J",
                        &id);
  }
  srv_db_close(db);
  *state = &place;
  return chdir(place.work);
}

static int S_teardown(void **state) {
  S_place *place = *state;
  int rc = chdir(place->home);
  temp_dir_remove(place->top);
  return rc;
}

/* packs/ of the current folder: a link to each bundled pack, laid anew
   before every example so that what one wrote (a fitted pack) is gone. The
   links themselves are removed, never what they point to. */
static void S_lay_packs(void) {
  assert_true(temp_dir_remove("packs"));
  assert_int_equal(mkdir("packs", 0700), 0);
  DIR *dir = opendir(SYMCHECK_SOURCE_DIR "/packs");
  assert_non_null(dir);
  struct dirent *entry;
  while ((entry = readdir(dir)) != NULL) {
    if (entry->d_name[0] != '.') {
      char target[1024], path[512];
      snprintf(target, sizeof target, "%s/packs/%s", SYMCHECK_SOURCE_DIR, entry->d_name);
      snprintf(path, sizeof path, "packs/%s", entry->d_name);
      S_link(target, path);
    }
  }
  closedir(dir);
}

/* Turns the link `path` (if it is one) into a copy of what it points to,
   so that an example writing there never writes into the source tree. */
static void S_copy_link(const char *path) {
  char target[1024];
  ssize_t n = readlink(path, target, sizeof target - 1);
  if (n <= 0) {
    return;
  }
  target[n] = '\0';
  assert_int_equal(unlink(path), 0);
  const char *copy[] = {"/bin/cp", "-r", target, path, NULL};
  run_result r;
  assert_int_equal(run_process(copy, NULL, TIMEOUT_MS, &r), 0);
  assert_int_equal(r.exit_code, 0);
  run_result_free(&r);
}

/* Splits a command line into words: blanks separate, double quotes group,
   a backslash before a newline joins lines, # starts a comment. Writes into
   `command` (changed in place); returns the word count. */
static int S_words(char *command, const char **argv, int max) {
  int n = 0;
  char *in = command, *out = command;
  while (*in != '\0' && n < max) {
    while (*in == ' ' || *in == '\t' || *in == '\n' || (*in == '\\' && in[1] == '\n')) {
      in += *in == '\\' ? 2 : 1;
    }
    if (*in == '\0' || *in == '#') {
      break;
    }
    argv[n++] = out;
    bool quoted = false;
    while (*in != '\0' && (quoted || (*in != ' ' && *in != '\t' && *in != '\n'))) {
      if (*in == '"') {
        quoted = !quoted;
        in++;
      } else {
        *out++ = *in++;
      }
    }
    char *end = out;
    out += *in != '\0' ? 1 : 0;
    in += *in != '\0' ? 1 : 0;
    *end = '\0';
  }
  return n;
}

/* Runs one example: `[echo "TEXT" |] PROGRAM ARGS...` where PROGRAM is
   `program` (build/symcheck, or symcheck in the man page). $PASSWORD is the
   test password; an `editor` command gets it on stdin. */
static void S_run_example(const char *where, const char *program, const char *line) {
  char command[COMMAND_SIZE];
  snprintf(command, sizeof command, "%s", line);
  const char *words[MAX_ARGS + 4];
  int n = S_words(command, words, MAX_ARGS + 3);
  const char *input = "";
  int start = 0;
  if (n > 3 && strcmp(words[0], "echo") == 0 && strcmp(words[2], "|") == 0) {
    input = strcmp(words[1], "$PASSWORD") == 0 ? PASSWORD "\n" : words[1];
    start = 3;
  }
  assert_true(n > start);
  assert_string_equal(words[start], program);
  const char *argv[MAX_ARGS + 2] = {SYMCHECK_BINARY};
  int argc = 1;
  for (int i = start + 1; i < n; i++) {
    argv[argc++] = words[i];
  }
  if (argc > 1 && strcmp(argv[1], "editor") == 0 && input[0] == '\0') {
    input = PASSWORD "\n"; /* not a terminal: the first line of stdin */
  }
  S_lay_packs();
  for (int i = 1; i + 1 < argc; i++) {
    if (strcmp(argv[i], "--out") == 0) {
      S_copy_link(argv[i + 1]);
    }
  }
  run_result r;
  assert_int_equal(run_process(argv, input, TIMEOUT_MS, &r), 0);
  assert_false(r.timed_out);
  if (r.exit_code != 0 || r.err[0] != '\0') {
    fail_msg("%s example `%s` exits %d: %s", where, line, r.exit_code, r.err);
  }
  run_result_free(&r);
}

static char *S_read(const char *path) {
  FILE *f = fopen(path, "r");
  if (f == NULL) {
    fail_msg("cannot open %s", path);
  }
  char *text = calloc(1, 1 << 18);
  assert_non_null(text);
  size_t n = fread(text, 1, (1 << 18) - 1, f);
  fclose(f);
  text[n] = '\0';
  return text;
}

/* Appends `line` to the command being collected; true when the command is
   complete (the line does not end in a backslash). */
static bool S_collect(char *command, const char *line, size_t length) {
  size_t used = strlen(command);
  snprintf(command + used, COMMAND_SIZE - used, "%.*s\n", (int)length, line);
  return length == 0 || line[length - 1] != '\\';
}

static void test_readme_examples_run(void **state) {
  (void)state;
  char *readme = S_read(SYMCHECK_SOURCE_DIR "/README.md");
  size_t examples = 0;
  bool in_sh = false;
  char command[COMMAND_SIZE] = "";
  for (char *line = readme; *line != '\0';) {
    size_t length = strcspn(line, "\n");
    bool more = line[length] == '\n';
    line[length] = '\0'; /* one line at a time */
    if (strncmp(line, "```", 3) == 0) {
      in_sh = !in_sh && strncmp(line, "```sh", 5) == 0;
    } else if (in_sh && (command[0] != '\0' || strncmp(line, "build/symcheck ", 15) == 0 ||
                         strstr(line, "| build/symcheck ") != NULL)) {
      if (S_collect(command, line, length)) {
        S_run_example("README.md", "build/symcheck", command);
        examples++;
        command[0] = '\0';
      }
    }
    line += length + more;
  }
  /* the quiz, diagnose, pack, editor, stories, fit and eval examples */
  if (examples < 18) {
    fail_msg("only %zu README examples found", examples);
  }
  free(readme);
}

/* Turns man-page text into plain text in place: "\-" to "-", "\e" to "\". */
static void S_unescape(char *text) {
  char *out = text;
  for (const char *p = text; *p != '\0'; p++) {
    if (p[0] == '\\' && (p[1] == '-' || p[1] == 'e')) {
      *out++ = p[1] == '-' ? '-' : '\\';
      p++;
    } else {
      *out++ = *p;
    }
  }
  *out = '\0';
}

static char *S_read_man(void) {
  char *man = S_read(SYMCHECK_SOURCE_DIR "/docs/symcheck.1");
  S_unescape(man);
  return man;
}

static void test_man_page_examples_run(void **state) {
  (void)state;
  char *man = S_read_man();
  char *section = strstr(man, ".SH EXAMPLES\n.nf\n");
  assert_non_null(section);
  char *end = strstr(section, "\n.fi");
  assert_non_null(end);
  end[1] = '\0';
  size_t examples = 0;
  char command[COMMAND_SIZE] = "";
  for (char *line = section + strlen(".SH EXAMPLES\n.nf\n"); *line != '\0';) {
    size_t length = strcspn(line, "\n");
    if (S_collect(command, line, length)) {
      S_run_example("man page", "symcheck", command);
      examples++;
      command[0] = '\0';
    }
    line += length + (line[length] == '\n');
  }
  assert_true(examples >= 8);
  free(man);
}

/* Decodes `encoded` on a new interview of the complaint and checks that
   encoding gives it back. */
static void S_assert_decodes(const char *where, const char *complaint, const char *encoded) {
  symcheck_pack *pack = symcheck_pack_load(SYMCHECK_SOURCE_DIR "/packs/anorectal", NULL);
  assert_non_null(pack);
  symcheck_profile person = {.age = 34, .sex = SYMCHECK_SEX_FEMALE};
  symcheck_interview *iv = symcheck_interview_new(pack, complaint, &person, NULL);
  assert_non_null(iv);
  symcheck_error error = {0};
  if (symcheck_interview_decode(iv, encoded, &error) != 0) {
    fail_msg("%s: the encoded answers '%s' do not decode: %s", where, encoded, error.message);
  }
  char *again = symcheck_interview_encode(iv);
  assert_string_equal(again, encoded);
  free(again);
  symcheck_interview_free(iv);
  symcheck_pack_free(pack);
}

/* The text after `marker` up to the next blank, quote or newline, without
   a final full stop. */
static void S_token_after(const char *text, const char *marker, char *out, size_t size) {
  const char *at = strstr(text, marker);
  if (at == NULL) {
    fail_msg("'%s' not found", marker);
  }
  at += strlen(marker);
  size_t length = strcspn(at, " \n\"");
  length -= length > 0 && at[length - 1] == '.';
  assert_true(length > 1 && length < size);
  memcpy(out, at, length);
  out[length] = '\0';
}

static void test_encoded_answers_in_the_docs_decode(void **state) {
  (void)state;
  char encoded[256];
  char *man = S_read_man();
  char *option = strstr(man, ".BI --answers \" ENCODED\"");
  assert_non_null(option);
  S_token_after(option, "\n.IR ", encoded, sizeof encoded);
  free(man);
  S_assert_decodes("man page", "anal-mucus-discharge", encoded);
  run_result r = run_symcheck(TIMEOUT_MS, NULL, "diagnose", "--complaint", "anal-mucus-discharge",
                              "--age", "34", "--sex", "female", "--answers", encoded, NULL);
  if (r.exit_code != 0) {
    fail_msg("the man page's --answers example '%s' fails: %s", encoded, r.err);
  }
  run_result_free(&r);

  char *header = S_read(SYMCHECK_SOURCE_DIR "/include/symcheck.h");
  S_token_after(header, "complaint diarrhoea; the tests decode it)\n * \"", encoded,
                sizeof encoded);
  free(header);
  S_assert_decodes("include/symcheck.h", "diarrhoea", encoded);
}

static void test_header_code_example_runs(void **state) {
  S_place *place = *state;
  assert_int_equal(chdir(SYMCHECK_SOURCE_DIR), 0); /* the example loads packs/anorectal */
  const char *argv[] = {SYMCHECK_DOC_EXAMPLE, NULL};
  run_result r;
  assert_int_equal(run_process(argv, NULL, TIMEOUT_MS, &r), 0);
  assert_int_equal(chdir(place->work), 0);
  if (r.exit_code != 0 || r.err[0] != '\0') {
    fail_msg("the example of include/symcheck.h exits %d: %s", r.exit_code, r.err);
  }
  assert_non_null(strstr(r.out, "Next question: "));
  assert_non_null(strstr(r.out, "Could be: "));
  assert_non_null(strstr(r.out, SYMCHECK_NOTICE));
  run_result_free(&r);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_readme_examples_run),
      cmocka_unit_test(test_man_page_examples_run),
      cmocka_unit_test(test_encoded_answers_in_the_docs_decode),
      cmocka_unit_test(test_header_code_example_runs),
  };
  return cmocka_run_group_tests(tests, S_setup, S_teardown);
}
