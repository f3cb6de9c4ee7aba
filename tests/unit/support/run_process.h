/*
 * run_process.h - runs a program for end-to-end tests: feeds it text on
 * stdin, captures stdout, stderr and the exit code, and kills it when it
 * runs longer than a timeout. Used by test_cli.c and other e2e tests.
 */
#ifndef SYMCHECK_TEST_RUN_PROCESS_H
#define SYMCHECK_TEST_RUN_PROCESS_H

#include <stdbool.h>

typedef struct run_result {
  int exit_code;  /* the program's exit status; -1 when it died of a signal */
  bool timed_out; /* true when it was killed for running too long */
  char *out;      /* everything written to stdout, NUL-terminated */
  char *err;      /* everything written to stderr, NUL-terminated */
} run_result;

/*
 * Runs argv[0] (a path) with the NULL-terminated argv, writing `input`
 * (may be NULL for none) to its stdin and then closing it. Waits at most
 * timeout_ms. Returns 0 and fills *result (free it with run_result_free),
 * or -1 when the process could not be started (result left empty).
 */
int run_process(const char *const *argv, const char *input, int timeout_ms, run_result *result);

/* Runs the symcheck binary under test with the NULL-terminated arguments
   that follow (at most 30), `input` on its stdin, waiting at most
   timeout_ms; fails the test (cmocka) when it cannot start or times out.
   Free the result with run_result_free. */
run_result run_symcheck(int timeout_ms, const char *input, ...);

/* Frees the captured output and resets the struct. NULL is a no-op. */
void run_result_free(run_result *result);

#endif /* SYMCHECK_TEST_RUN_PROCESS_H */
