/*
 * ddxplus_csv.c - reads DDXPlus patient tables (CSV) into patients.
 *
 * Columns are found by name, so both header forms work: the official one
 * (AGE, DIFFERENTIAL_DIAGNOSIS, SEX, PATHOLOGY, EVIDENCES, INITIAL_EVIDENCE)
 * and the renamed one of the 2,611-patient file (age or id, top5_diagnoses,
 * sex, diagnosis, features, feature_id). The differential and the evidences
 * are Python list literals: [['Name', 0.1], ...] and ['E_53', 'E_54_@_V_179'].
 * Line endings may be LF or CRLF. A bad row stops the read with the file,
 * line and column named, and adds nothing.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ddxplus.h"

enum { COL_AGE, COL_DIFFERENTIAL, COL_SEX, COL_PATHOLOGY, COL_EVIDENCES, COL_INITIAL, COL_COUNT };

static const char *const S_column_names[COL_COUNT][3] = {
    {"AGE", "id", NULL},
    {"DIFFERENTIAL_DIAGNOSIS", "top5_diagnoses", NULL},
    {"SEX", NULL, NULL},
    {"PATHOLOGY", "diagnosis", NULL},
    {"EVIDENCES", "features", NULL},
    {"INITIAL_EVIDENCE", "feature_id", NULL}};

/* A growable buffer for one CSV field. */
typedef struct S_field {
  char *text;
  size_t length, capacity;
} S_field;

typedef struct S_reader {
  FILE *file;
  const char *path;
  int line; /* line the current record starts on */
  int next_line;
  S_field fields[16];
  size_t field_count;
} S_reader;

static int S_field_push(S_field *f, char c) {
  if (f->length + 1 >= f->capacity) {
    size_t capacity = f->capacity == 0 ? 256 : f->capacity * 2;
    char *text = realloc(f->text, capacity);
    if (text == NULL) {
      return -1;
    }
    f->text = text;
    f->capacity = capacity;
  }
  f->text[f->length++] = c;
  f->text[f->length] = '\0';
  return 0;
}

/* Reads one record; returns 1, 0 at end of file, -1 on a malformed one. */
static int S_read_record(S_reader *r) {
  r->line = r->next_line;
  r->field_count = 0;
  bool quoted = false, any = false;
  S_field *f = &r->fields[0];
  f->length = 0;
  if (f->text != NULL) {
    f->text[0] = '\0';
  }
  int c;
  while ((c = fgetc(r->file)) != EOF) {
    any = true;
    if (c == '\n') {
      r->next_line++;
    }
    if (quoted) {
      if (c == '"') {
        int d = fgetc(r->file);
        if (d != '"') {
          quoted = false;
          if (d != EOF) {
            ungetc(d, r->file);
          }
          continue;
        }
      }
      if (S_field_push(f, (char)c) != 0) {
        return -1;
      }
      continue;
    }
    if (c == '"') {
      quoted = true;
    } else if (c == ',' || c == '\n') {
      if (++r->field_count >= sizeof r->fields / sizeof r->fields[0]) {
        return -1;
      }
      if (c == '\n') {
        return 1;
      }
      f = &r->fields[r->field_count];
      f->length = 0;
      if (f->text != NULL) {
        f->text[0] = '\0';
      }
    } else if (c != '\r' && S_field_push(f, (char)c) != 0) {
      return -1;
    }
  }
  if (quoted) {
    return -1;
  }
  if (any) {
    r->field_count++;
    return 1;
  }
  return 0;
}

static const char *S_field_text(const S_reader *r, size_t i) {
  return i < r->field_count && r->fields[i].text != NULL ? r->fields[i].text : "";
}

static int S_map_header(const S_reader *r, size_t *columns, symcheck_error *err) {
  for (size_t c = 0; c < COL_COUNT; c++) {
    columns[c] = SIZE_MAX;
    for (size_t i = 0; i < r->field_count && columns[c] == SIZE_MAX; i++) {
      for (size_t k = 0; k < 3 && S_column_names[c][k] != NULL; k++) {
        if (strcasecmp(S_field_text(r, i), S_column_names[c][k]) == 0) {
          columns[c] = i;
        }
      }
    }
    if (columns[c] == SIZE_MAX) {
      error_set(err, r->path, 1, S_column_names[c][0],
                "the header has no %s column (expected the official DDXPlus header or the "
                "renamed one: age,top5_diagnoses,sex,diagnosis,features,feature_id)",
                S_column_names[c][0]);
      return -1;
    }
  }
  return 0;
}

/* Next quoted string of a Python literal at *p: copies it to out. */
static bool S_next_string(const char **p, char *out, size_t size) {
  const char *s = *p;
  while (*s != '\0' && *s != '\'' && *s != '"') {
    s++;
  }
  if (*s == '\0') {
    return false;
  }
  char quote = *s++;
  size_t n = 0;
  while (*s != '\0' && *s != quote) {
    if (*s == '\\' && s[1] != '\0') {
      s++;
    }
    if (n + 1 < size) {
      out[n++] = *s;
    }
    s++;
  }
  out[n] = '\0';
  if (*s != quote) {
    return false;
  }
  *p = s + 1;
  return true;
}

static int S_set_evidence(const symcheck_ddxplus *data, ddx_patient *pt, const char *item) {
  char code[96];
  snprintf(code, sizeof code, "%s", item);
  char *at = strstr(code, "_@_");
  const char *value = NULL;
  if (at != NULL) {
    *at = '\0';
    value = at + 3;
  }
  long e = ddx_find_evidence(data, code);
  if (e < 0) {
    return -1;
  }
  const ddx_evidence *ev = &data->evidences[e];
  if (ev->kind == DDX_YES_NO) {
    /* A binary evidence listed is yes; an N/Y one says which. */
    bool yes = value == NULL || (ev->yes_code != NULL && strcmp(value, ev->yes_code) == 0);
    pt->choice[e] = yes ? 0 : 1;
    return 0;
  }
  if (value == NULL) {
    return -1;
  }
  long v = ddx_find_value(ev, value);
  if (ev->kind == DDX_SINGLE) {
    if (v < 0) {
      return -1;
    }
    pt->choice[e] = (uint8_t)v;
  } else if (v >= 0) {
    pt->selected[ev->slot + (size_t)v] = 1;
  }
  /* A multi value that is not an option is the default: none chosen. */
  return 0;
}

static void S_mark_positive(const symcheck_ddxplus *data, ddx_patient *pt) {
  for (size_t e = 0; e < data->evidence_count; e++) {
    const ddx_evidence *ev = &data->evidences[e];
    if (ev->kind == DDX_MULTI) {
      for (size_t v = 0; v < ev->value_count; v++) {
        pt->positive[e] = pt->positive[e] || pt->selected[ev->slot + v] != 0;
      }
    } else {
      pt->positive[e] = pt->choice[e] != ddx_default_choice(ev);
    }
  }
}

static int S_parse_evidences(const symcheck_ddxplus *data, ddx_patient *pt, const char *text,
                             char *bad, size_t bad_size) {
  for (size_t e = 0; e < data->evidence_count; e++) {
    pt->choice[e] = (uint8_t)ddx_default_choice(&data->evidences[e]);
  }
  char item[96];
  const char *p = text;
  while (S_next_string(&p, item, sizeof item)) {
    if (S_set_evidence(data, pt, item) != 0) {
      snprintf(bad, bad_size, "%s", item);
      return -1;
    }
  }
  S_mark_positive(data, pt);
  return 0;
}

static int S_parse_differential(const symcheck_ddxplus *data, ddx_patient *pt, const char *text,
                                char *bad, size_t bad_size) {
  pt->differential = calloc(data->condition_count + 1, sizeof *pt->differential);
  if (pt->differential == NULL) {
    return -1;
  }
  char name[160];
  const char *p = text;
  while (S_next_string(&p, name, sizeof name)) {
    char *end;
    while (*p == ',' || *p == ' ') {
      p++;
    }
    double probability = strtod(p, &end);
    long c = ddx_find_condition(data, name);
    if (c < 0 || end == p) {
      snprintf(bad, bad_size, "%s", name);
      return -1;
    }
    p = end;
    if (probability >= 0.01 && pt->differential_count < data->condition_count) {
      pt->differential[pt->differential_count++] = (size_t)c;
    }
  }
  return 0;
}

/* Fills one patient from a record; on error names the column in err. */
static int S_parse_row(const symcheck_ddxplus *data, const S_reader *r, const size_t *col,
                       ddx_patient *pt, symcheck_error *err) {
  char bad[160] = "";
  char *end;
  errno = 0;
  long age = strtol(S_field_text(r, col[COL_AGE]), &end, 10);
  const char *sex = S_field_text(r, col[COL_SEX]);
  long pathology = ddx_find_condition(data, S_field_text(r, col[COL_PATHOLOGY]));
  long initial = ddx_find_evidence(data, S_field_text(r, col[COL_INITIAL]));
  pt->choice = calloc(data->evidence_count + 1, 1);
  pt->selected = calloc(data->slot_count + 1, 1);
  pt->positive = calloc(data->evidence_count + 1, sizeof *pt->positive);
  if (pt->choice == NULL || pt->selected == NULL || pt->positive == NULL) {
    error_set(err, r->path, r->line, "", "out of memory");
    return -1;
  }
  const char *column = NULL;
  if (errno != 0 || *end != '\0' || age < 0 || age > 120) {
    column = "AGE";
  } else if (strcmp(sex, "F") != 0 && strcmp(sex, "M") != 0) {
    column = "SEX";
  } else if (pathology < 0) {
    column = "PATHOLOGY";
  } else if (initial < 0) {
    column = "INITIAL_EVIDENCE";
  } else if (S_parse_evidences(data, pt, S_field_text(r, col[COL_EVIDENCES]), bad, sizeof bad) !=
             0) {
    column = "EVIDENCES";
  } else if (S_parse_differential(data, pt, S_field_text(r, col[COL_DIFFERENTIAL]), bad,
                                  sizeof bad) != 0) {
    column = "DIFFERENTIAL_DIAGNOSIS";
  }
  if (column != NULL) {
    error_set(err, r->path, r->line, column, "bad %s value%s%s", column, bad[0] ? ": " : "", bad);
    return -1;
  }
  pt->age = (int)age;
  pt->sex = sex[0] == 'F' ? SYMCHECK_SEX_FEMALE : SYMCHECK_SEX_MALE;
  pt->pathology = (size_t)pathology;
  pt->initial = (size_t)initial;
  return 0;
}

static int S_grow(symcheck_ddxplus *data) {
  if (data->patient_count < data->patient_capacity) {
    return 0;
  }
  size_t capacity = data->patient_capacity == 0 ? 1024 : data->patient_capacity * 2;
  ddx_patient *patients = realloc(data->patients, capacity * sizeof *patients);
  if (patients == NULL) {
    return -1;
  }
  data->patients = patients;
  data->patient_capacity = capacity;
  return 0;
}

/* Recomputes each patient's order among the patients of its pathology. */
static int S_rank(symcheck_ddxplus *data) {
  size_t *rank = calloc(data->patient_count + 1, sizeof *rank);
  size_t *seen = calloc(data->condition_count + 1, sizeof *seen);
  if (rank == NULL || seen == NULL) {
    free(rank);
    free(seen);
    return -1;
  }
  for (size_t i = 0; i < data->patient_count; i++) {
    rank[i] = seen[data->patients[i].pathology]++;
  }
  free(seen);
  free(data->rank_in_pathology);
  data->rank_in_pathology = rank;
  return 0;
}

static long S_read_rows(symcheck_ddxplus *data, S_reader *r, symcheck_error *err) {
  size_t columns[COL_COUNT];
  int rc = S_read_record(r);
  if (rc != 1) {
    error_set(err, r->path, 1, "", "the file is empty or not CSV");
    return -1;
  }
  if (S_map_header(r, columns, err) != 0) {
    return -1;
  }
  size_t first = data->patient_count;
  while ((rc = S_read_record(r)) == 1) {
    if (r->field_count == 1 && S_field_text(r, 0)[0] == '\0') {
      continue;
    }
    if (S_grow(data) != 0) {
      rc = -1;
      break;
    }
    ddx_patient *pt = &data->patients[data->patient_count];
    memset(pt, 0, sizeof *pt);
    if (S_parse_row(data, r, columns, pt, err) != 0) {
      ddx_patient_clear(pt);
      rc = -2;
      break;
    }
    data->patient_count++;
  }
  if (rc == 0 && S_rank(data) == 0) {
    return (long)(data->patient_count - first);
  }
  if (rc == -1) {
    error_set(err, r->path, r->line, "", "malformed CSV record (unclosed quote?) or out of memory");
  }
  while (data->patient_count > first) {
    ddx_patient_clear(&data->patients[--data->patient_count]);
  }
  return -1;
}

long symcheck_ddxplus_read_patients(symcheck_ddxplus *data, const char *csv_path,
                                    symcheck_error *err) {
  FILE *file = fopen(csv_path, "rb");
  if (file == NULL) {
    error_set(err, csv_path, 0, "", "cannot open %s: %s", csv_path, strerror(errno));
    return -1;
  }
  S_reader reader = {.file = file, .path = csv_path, .line = 1, .next_line = 1};
  long added = S_read_rows(data, &reader, err);
  for (size_t i = 0; i < sizeof reader.fields / sizeof reader.fields[0]; i++) {
    free(reader.fields[i].text);
  }
  fclose(file);
  return added;
}
