/*
 * cmd_fit.c - `symcheck fit ddxplus`: builds the DDXPlus pack from the
 * evidence, condition and patient files (the fitting itself is in the
 * library, ddxplus_*.c, so that `symcheck eval --folds` refits the same way).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "symcheck_eval.h"

#define S_MAX_PATIENT_FILES 16

static const char S_usage[] =
    "usage: symcheck fit ddxplus --data DIR --out DIR [--patients FILE]... [--exclude FOLD/K]\n"
    "                            [--floor P] [--smoothing N] [--stop-confidence P]\n"
    "                            [--min-information-gain BITS] [--language en|fr]\n"
    "                            [--clinical FILE]\n"
    "\n"
    "Builds a pack from the DDXPlus files in DIR (release_evidences.json,\n"
    "release_conditions.json) and patient tables (default: DIR/\n"
    "release_test_patients_mini_version.txt). --exclude 2/5 leaves out fold 2 of 5\n"
    "(folds are dealt round-robin within each pathology, in file order).\n"
    "--language fr writes the questions, labels and names in French.\n"
    "--clinical is the hand-written overlay of urgencies, ICD-10 codes and who is\n"
    "asked what (default: OUT/clinical.yaml); it is read, never written.\n"
    "\n"
    "example: symcheck fit ddxplus --data ../shared/data/ddxplus --out packs/ddxplus\n";

typedef struct S_args {
  const char *data, *out;
  const char *patients[S_MAX_PATIENT_FILES];
  size_t patient_count;
  symcheck_fit_options fit;
} S_args;

static int S_fail(const char *message, const char *detail) {
  fprintf(stderr, "symcheck fit: %s%s\n%s", message, detail != NULL ? detail : "", S_usage);
  return 2;
}

static int S_number(const char *text, double *out) {
  char *end;
  *out = strtod(text, &end);
  return end != text && *end == '\0' ? 0 : -1;
}

static int S_exclude(const char *text, symcheck_fit_options *fit) {
  unsigned long fold, folds;
  char slash;
  if (sscanf(text, "%lu%c%lu", &fold, &slash, &folds) != 3 || slash != '/' || folds < 2 ||
      fold < 1 || fold > folds) {
    return -1;
  }
  fit->folds = folds;
  fit->exclude_fold = fold - 1;
  return 0;
}

/* Parses one option and its value; returns 0, or -1 when it is wrong. */
static int S_option(S_args *a, const char *name, const char *value) {
  if (strcmp(name, "--data") == 0) {
    a->data = value;
  } else if (strcmp(name, "--out") == 0) {
    a->out = value;
  } else if (strcmp(name, "--patients") == 0 && a->patient_count < S_MAX_PATIENT_FILES) {
    a->patients[a->patient_count++] = value;
  } else if (strcmp(name, "--exclude") == 0) {
    return S_exclude(value, &a->fit);
  } else if (strcmp(name, "--clinical") == 0) {
    a->fit.clinical = value;
  } else if (strcmp(name, "--language") == 0 &&
             (strcmp(value, "en") == 0 || strcmp(value, "fr") == 0)) {
    a->fit.language = value;
  } else if (strcmp(name, "--floor") == 0) {
    return S_number(value, &a->fit.floor);
  } else if (strcmp(name, "--smoothing") == 0) {
    return S_number(value, &a->fit.smoothing);
  } else if (strcmp(name, "--stop-confidence") == 0) {
    return S_number(value, &a->fit.stop_confidence);
  } else if (strcmp(name, "--min-information-gain") == 0) {
    return S_number(value, &a->fit.min_information_gain);
  } else {
    return -1;
  }
  return 0;
}

/* The command for the pack's provenance. A path outside the working
   folder (absolute, or with "..") is written as its last part, so the
   pack names no file outside itself; the inputs' sha256 identify them. */
static void S_command_line(int argc, char **argv, char *out, size_t size) {
  size_t n = (size_t)snprintf(out, size, "symcheck fit");
  for (int i = 1; i < argc && n < size; i++) {
    const char *arg = argv[i];
    const char *slash = strrchr(arg, '/');
    if (slash != NULL && (arg[0] == '/' || strstr(arg, "..") != NULL)) {
      arg = slash[1] != '\0' ? slash + 1 : arg;
    }
    n += (size_t)snprintf(out + n, size - n, " %s", arg);
  }
}

static int S_run(S_args *a, char *command) {
  symcheck_error err;
  symcheck_ddxplus *data = symcheck_ddxplus_load(a->data, &err);
  if (data == NULL) {
    fprintf(stderr, "symcheck fit: %s\n", err.message);
    return 1;
  }
  char evidences[1024], conditions[1024], fallback[1024];
  snprintf(evidences, sizeof evidences, "%s/release_evidences.json", a->data);
  snprintf(conditions, sizeof conditions, "%s/release_conditions.json", a->data);
  if (a->patient_count == 0) {
    snprintf(fallback, sizeof fallback, "%s/release_test_patients_mini_version.txt", a->data);
    a->patients[a->patient_count++] = fallback;
  }
  const char *inputs[S_MAX_PATIENT_FILES + 2] = {evidences, conditions};
  int rc = 0;
  for (size_t i = 0; rc == 0 && i < a->patient_count; i++) {
    inputs[i + 2] = a->patients[i];
    if (symcheck_ddxplus_read_patients(data, a->patients[i], &err) < 0) {
      fprintf(stderr, "symcheck fit: %s:%d: %s: %s\n", err.file, err.line, err.field, err.message);
      rc = 1;
    }
  }
  a->fit.command = command;
  a->fit.inputs = inputs;
  a->fit.input_count = a->patient_count + 2;
  if (rc == 0 && symcheck_ddxplus_write_pack(data, &a->fit, a->out, &err) != 0) {
    fprintf(stderr, "symcheck fit: %s\n", err.message);
    rc = 1;
  }
  if (rc == 0) {
    printf("wrote %s from %zu patients\n", a->out, symcheck_ddxplus_patient_count(data));
  }
  symcheck_ddxplus_free(data);
  return rc;
}

int cmd_fit(int argc, char **argv) {
  if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
    fputs(S_usage, stdout);
    return 0;
  }
  if (argc < 2 || strcmp(argv[1], "ddxplus") != 0) {
    return S_fail("the only data set is ddxplus", NULL);
  }
  S_args a = {.fit = symcheck_fit_defaults()};
  for (int i = 2; i < argc; i += 2) {
    if (strcmp(argv[i], "--help") == 0) {
      fputs(S_usage, stdout);
      return 0;
    }
    if (i + 1 >= argc || S_option(&a, argv[i], argv[i + 1]) != 0) {
      return S_fail("unknown option or bad value: ", argv[i]);
    }
  }
  if (a.data == NULL || a.out == NULL) {
    return S_fail("--data and --out are required", NULL);
  }
  char command[2048];
  S_command_line(argc, argv, command, sizeof command);
  return S_run(&a, command);
}
