/*
 * ddxplus_data.c - reads the DDXPlus evidence and condition files (jansson)
 * into the layout of ddxplus.h, and the small helpers shared by the other
 * ddxplus_*.c files (look-ups, identifiers, errors).
 *
 * The evidence file keys each evidence by code; `code_question` names the
 * evidence it follows (only when that evidence exists and is another one).
 * The English release carries the French questions and value labels too.
 * A few English value labels are literal translations of the French
 * ("heartbreaking" for "déchirante"); they are reworded (S_plain_english).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ddxplus.h"

/* Transliterations of the accented letters DDXPlus uses (UTF-8). */
static const char *S_transliterate(const unsigned char *p, size_t *consumed) {
  static const struct {
    const char *utf8;
    const char *ascii;
  } table[] = {{"\xc3\xa9", "e"}, {"\xc3\xa8", "e"}, {"\xc3\xaa", "e"}, {"\xc3\xab", "e"},
               {"\xc3\xa0", "a"}, {"\xc3\xa2", "a"}, {"\xc3\xa7", "c"}, {"\xc3\xb4", "o"},
               {"\xc3\xae", "i"}, {"\xc3\xaf", "i"}, {"\xc3\xb9", "u"}, {"\xc3\xbb", "u"},
               {"\xc3\x89", "e"}, {"\xc5\x93", "oe"}};
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    size_t n = strlen(table[i].utf8);
    if (memcmp(p, table[i].utf8, n) == 0) {
      *consumed = n;
      return table[i].ascii;
    }
  }
  *consumed = 1;
  return NULL;
}

void ddx_slug(const char *text, char sep, char *out, size_t size) {
  size_t n = 0;
  bool pending = false;
  const unsigned char *p = (const unsigned char *)text;
  while (*p != '\0' && n + 3 < size) {
    size_t consumed = 1;
    const char *ascii = NULL;
    char c = 0;
    if (*p >= 0x80) {
      ascii = S_transliterate(p, &consumed);
    } else if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
      c = (char)*p;
    } else if (*p >= 'A' && *p <= 'Z') {
      c = (char)(*p - 'A' + 'a');
    }
    p += consumed;
    if (ascii == NULL && c == 0) {
      pending = n > 0;
      continue;
    }
    if (pending) {
      out[n++] = sep;
      pending = false;
    }
    if (ascii != NULL) {
      for (; *ascii != '\0' && n + 1 < size; ascii++) {
        out[n++] = *ascii;
      }
    } else {
      out[n++] = c;
    }
  }
  out[n] = '\0';
}

long ddx_find_evidence(const symcheck_ddxplus *data, const char *code) {
  for (size_t i = 0; i < data->evidence_count; i++) {
    if (strcmp(data->evidences[i].code, code) == 0) {
      return (long)i;
    }
  }
  return -1;
}

long ddx_find_condition(const symcheck_ddxplus *data, const char *name) {
  for (size_t i = 0; i < data->condition_count; i++) {
    if (strcmp(data->conditions[i].name, name) == 0) {
      return (long)i;
    }
  }
  return -1;
}

long ddx_find_value(const ddx_evidence *evidence, const char *code) {
  for (size_t i = 0; i < evidence->value_count; i++) {
    if (strcmp(evidence->values[i].code, code) == 0) {
      return (long)i;
    }
  }
  return -1;
}

size_t ddx_default_choice(const ddx_evidence *evidence) {
  return evidence->kind == DDX_YES_NO ? 1 : evidence->default_value;
}

void ddx_patient_clear(ddx_patient *patient) {
  free(patient->choice);
  free(patient->selected);
  free(patient->positive);
  free(patient->differential);
  memset(patient, 0, sizeof *patient);
}

static char *S_strdup(const char *text) {
  size_t n = strlen(text) + 1;
  char *copy = malloc(n);
  if (copy != NULL) {
    memcpy(copy, text, n);
  }
  return copy;
}

/* A JSON scalar as text: strings as they are, integers in decimal. */
static char *S_scalar_text(const json_t *value) {
  char buf[64];
  if (json_is_string(value)) {
    return S_strdup(json_string_value(value));
  }
  if (json_is_integer(value)) {
    snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(value));
    return S_strdup(buf);
  }
  return NULL;
}

static const char *S_meaning(const json_t *evidence, const char *code, const char *lang) {
  const json_t *m = json_object_get(json_object_get(evidence, "value_meaning"), code);
  const char *text = json_string_value(json_object_get(m, lang));
  return text != NULL ? text : code;
}

/* English labels of the release that are literal translations of the
   French; replaced by the words an English speaker would use. */
static const char *S_plain_english(const char *label) {
  static const struct {
    const char *release, *plain;
  } table[] = {{"heartbreaking", "tearing"},
               {"haunting", "shooting"},
               {"tedious", "nagging"},
               {"sensitive", "tender"},
               {"a knife stroke", "stabbing"},
               {"tugging", "pulling"},
               {"a cramp", "cramping"},
               {"a pulse", "throbbing"},
               {"scary", "frightening"},
               {"NA", "Not applicable"},
               {"N", "No"},
               {"Caraibes", "Caribbean"},
               {"palace", "palate"},
               {"ischio jambier(R)", "hamstring(R)"},
               {"ischio jambier(L)", "hamstring(L)"},
               {"commissure(R)", "corner of the mouth(R)"},
               {"commissure(L)", "corner of the mouth(L)"},
               {"vermilion(R)", "edge of the lip(R)"},
               {"vermilion(L)", "edge of the lip(L)"}};
  for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
    if (strcmp(label, table[i].release) == 0) {
      return table[i].plain;
    }
  }
  return label;
}

/* Values of a categorical or multi-choice evidence, with unique option ids. */
static int S_read_values(ddx_evidence *ev, const json_t *json, const char *default_code) {
  const json_t *possible = json_object_get(json, "possible-values");
  size_t count = json_array_size(possible);
  ev->values = calloc(count + 1, sizeof *ev->values);
  if (ev->values == NULL) {
    return -1;
  }
  size_t n = 0;
  for (size_t i = 0; i < count; i++) {
    char *code = S_scalar_text(json_array_get(possible, i));
    if (code == NULL) {
      return -1;
    }
    if (ev->kind == DDX_MULTI && strcmp(code, default_code) == 0) {
      free(code);
      continue;
    }
    ddx_value *v = &ev->values[n];
    v->code = code;
    if (ev->numeric) {
      char label[32], id[32];
      snprintf(label, sizeof label, "%s", code);
      snprintf(id, sizeof id, "level_%s", code);
      v->en = S_strdup(label);
      v->fr = S_strdup(label);
      v->id = S_strdup(id);
    } else {
      char id[96];
      v->en = S_strdup(S_plain_english(S_meaning(json, code, "en")));
      v->fr = S_strdup(S_meaning(json, code, "fr"));
      ddx_slug(v->en, '_', id, sizeof id - 8);
      if (id[0] == '\0') {
        ddx_slug(code, '_', id, sizeof id - 8);
      }
      for (size_t j = 0; j < n; j++) {
        if (strcmp(ev->values[j].id, id) == 0) {
          size_t len = strlen(id);
          snprintf(id + len, sizeof id - len, "_%zu", n);
          break;
        }
      }
      v->id = S_strdup(id);
    }
    if (ev->kind == DDX_SINGLE && strcmp(code, default_code) == 0) {
      ev->default_value = n;
    }
    n++;
    ev->value_count = n;
  }
  for (size_t i = 0; i < n; i++) {
    if (ev->values[i].id == NULL || ev->values[i].en == NULL || ev->values[i].fr == NULL) {
      return -1;
    }
  }
  return 0;
}

/* A categorical evidence whose only values are N and Y reads as yes/no. */
static bool S_is_no_yes(const json_t *json, const char **yes_code) {
  const json_t *possible = json_object_get(json, "possible-values");
  if (json_array_size(possible) != 2) {
    return false;
  }
  const char *a = json_string_value(json_array_get(possible, 0));
  const char *b = json_string_value(json_array_get(possible, 1));
  if (a == NULL || b == NULL) {
    return false;
  }
  const char *ma = S_meaning(json, a, "en"), *mb = S_meaning(json, b, "en");
  if (strcmp(ma, "N") == 0 && strcmp(mb, "Y") == 0) {
    *yes_code = b;
    return true;
  }
  if (strcmp(ma, "Y") == 0 && strcmp(mb, "N") == 0) {
    *yes_code = a;
    return true;
  }
  return false;
}

static int S_read_evidence(ddx_evidence *ev, const char *code, const json_t *json, const char *path,
                           symcheck_error *err) {
  const char *question = json_string_value(json_object_get(json, "question_en"));
  const char *type = json_string_value(json_object_get(json, "data_type"));
  if (question == NULL || type == NULL || strlen(type) != 1 || strchr("BCM", type[0]) == NULL) {
    error_set(err, path, 0, code, "evidence %s lacks question_en or a data_type of B, C or M",
              code);
    return -1;
  }
  char id[64];
  ddx_slug(code, '_', id, sizeof id);
  const char *fr = json_string_value(json_object_get(json, "question_fr"));
  ev->code = S_strdup(code);
  ev->id = S_strdup(id);
  ev->question_en = S_strdup(question);
  ev->question_fr = S_strdup(fr != NULL ? fr : question);
  ev->antecedent = json_is_true(json_object_get(json, "is_antecedent"));
  ev->parent = -1;
  if (ev->code == NULL || ev->id == NULL || ev->question_en == NULL || ev->question_fr == NULL) {
    return -1;
  }
  if (type[0] == 'B') {
    ev->kind = DDX_YES_NO;
    ev->default_value = 1;
    return 0;
  }
  const char *yes_code = NULL;
  if (type[0] == 'C' && S_is_no_yes(json, &yes_code)) {
    ev->kind = DDX_YES_NO;
    ev->default_value = 1;
    ev->yes_code = S_strdup(yes_code);
    return ev->yes_code != NULL ? 0 : -1;
  }
  char *default_code = S_scalar_text(json_object_get(json, "default_value"));
  if (default_code == NULL) {
    error_set(err, path, 0, code, "evidence %s has no default_value", code);
    return -1;
  }
  ev->kind = type[0] == 'C' ? DDX_SINGLE : DDX_MULTI;
  ev->numeric = json_is_integer(json_array_get(json_object_get(json, "possible-values"), 0));
  int rc = S_read_values(ev, json, default_code);
  free(default_code);
  return rc;
}

static json_t *S_load_json(const char *dir, const char *name, symcheck_error *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  json_error_t jerr;
  json_t *root = json_load_file(path, 0, &jerr);
  if (root == NULL) {
    error_set(err, path, jerr.line > 0 ? jerr.line : 0, "", "cannot read %s: %s", name, jerr.text);
    return NULL;
  }
  if (!json_is_object(root)) {
    error_set(err, path, 1, "", "%s is not a JSON object", name);
    json_decref(root);
    return NULL;
  }
  return root;
}

static int S_read_evidences(symcheck_ddxplus *data, const json_t *root, const char *dir,
                            symcheck_error *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/release_evidences.json", dir);
  data->evidence_count = json_object_size(root);
  data->evidences = calloc(data->evidence_count + 1, sizeof *data->evidences);
  if (data->evidences == NULL) {
    return -1;
  }
  size_t i = 0;
  const char *code;
  const json_t *json;
  json_object_foreach((json_t *)root, code, json) {
    if (S_read_evidence(&data->evidences[i], code, json, path, err) != 0) {
      return -1;
    }
    i++;
  }
  i = 0;
  json_object_foreach((json_t *)root, code, json) {
    const char *parent = json_string_value(json_object_get(json, "code_question"));
    long p = parent != NULL ? ddx_find_evidence(data, parent) : -1;
    if (p >= 0 && (size_t)p != i && data->evidences[p].kind == DDX_YES_NO) {
      data->evidences[i].parent = p;
    }
    i++;
  }
  size_t slot = 0;
  for (i = 0; i < data->evidence_count; i++) {
    data->evidences[i].slot = slot;
    if (data->evidences[i].kind == DDX_MULTI) {
      slot += data->evidences[i].value_count;
    }
  }
  data->slot_count = slot;
  return 0;
}

static int S_read_condition(symcheck_ddxplus *data, ddx_condition *c, const char *name,
                            const json_t *json, const char *path, symcheck_error *err) {
  const json_t *severity = json_object_get(json, "severity");
  if (!json_is_integer(severity) || json_integer_value(severity) < 1 ||
      json_integer_value(severity) > 5) {
    error_set(err, path, 0, name, "condition %s has no severity from 1 to 5", name);
    return -1;
  }
  char id[128];
  ddx_slug(name, '_', id, sizeof id);
  const char *fr = json_string_value(json_object_get(json, "cond-name-fr"));
  const char *icd = json_string_value(json_object_get(json, "icd10-id"));
  c->name = S_strdup(name);
  c->name_fr = S_strdup(fr != NULL ? fr : name);
  c->id = S_strdup(id);
  c->icd10 = S_strdup(icd != NULL ? icd : "");
  c->severity = (int)json_integer_value(severity);
  c->listed = calloc(data->evidence_count + 1, sizeof *c->listed);
  if (c->name == NULL || c->name_fr == NULL || c->id == NULL || c->icd10 == NULL ||
      c->listed == NULL) {
    return -1;
  }
  static const char *const parts[] = {"symptoms", "antecedents"};
  for (size_t k = 0; k < 2; k++) {
    const char *code;
    json_t *unused;
    json_object_foreach(json_object_get(json, parts[k]), code, unused) {
      long e = ddx_find_evidence(data, code);
      if (e < 0) {
        error_set(err, path, 0, name, "condition %s lists unknown evidence %s", name, code);
        return -1;
      }
      c->listed[e] = true;
    }
  }
  return 0;
}

static int S_read_conditions(symcheck_ddxplus *data, const json_t *root, const char *dir,
                             symcheck_error *err) {
  char path[1024];
  snprintf(path, sizeof path, "%s/release_conditions.json", dir);
  data->condition_count = json_object_size(root);
  data->conditions = calloc(data->condition_count + 1, sizeof *data->conditions);
  if (data->conditions == NULL) {
    return -1;
  }
  size_t i = 0;
  const char *name;
  const json_t *json;
  json_object_foreach((json_t *)root, name, json) {
    if (S_read_condition(data, &data->conditions[i++], name, json, path, err) != 0) {
      return -1;
    }
  }
  return 0;
}

symcheck_ddxplus *symcheck_ddxplus_load(const char *dir, symcheck_error *err) {
  symcheck_ddxplus *data = calloc(1, sizeof *data);
  json_t *evidences = S_load_json(dir, "release_evidences.json", err);
  json_t *conditions = evidences != NULL ? S_load_json(dir, "release_conditions.json", err) : NULL;
  int rc = data != NULL && conditions != NULL ? 0 : -1;
  if (rc == 0) {
    err != NULL ? (void)memset(err, 0, sizeof *err) : (void)0;
    rc = S_read_evidences(data, evidences, dir, err);
  }
  if (rc == 0) {
    rc = S_read_conditions(data, conditions, dir, err);
  }
  json_decref(evidences);
  json_decref(conditions);
  if (rc != 0) {
    if (err != NULL && err->message[0] == '\0') {
      error_set(err, dir, 0, "", "out of memory reading the DDXPlus files");
    }
    symcheck_ddxplus_free(data);
    return NULL;
  }
  return data;
}

size_t symcheck_ddxplus_patient_count(const symcheck_ddxplus *data) {
  return data->patient_count;
}

size_t symcheck_ddxplus_condition_count(const symcheck_ddxplus *data) {
  return data->condition_count;
}

size_t symcheck_ddxplus_fold(const symcheck_ddxplus *data, size_t patient, size_t folds) {
  if (folds == 0) {
    return 0;
  }
  /* Each pathology starts at its own fold so small ones do not all land in
     fold 0. */
  return (data->rank_in_pathology[patient] + data->patients[patient].pathology) % folds;
}

static void S_free_evidence(ddx_evidence *ev) {
  for (size_t j = 0; j < ev->value_count; j++) {
    free(ev->values[j].code);
    free(ev->values[j].id);
    free(ev->values[j].en);
    free(ev->values[j].fr);
  }
  free(ev->values);
  free(ev->code);
  free(ev->id);
  free(ev->question_en);
  free(ev->question_fr);
  free(ev->yes_code);
}

void symcheck_ddxplus_free(symcheck_ddxplus *data) {
  if (data == NULL) {
    return;
  }
  if (data->base != NULL) { /* a view owns only its arena */
    arena_free(&data->strings);
    free(data);
    return;
  }
  for (size_t i = 0; data->evidences != NULL && i < data->evidence_count; i++) {
    S_free_evidence(&data->evidences[i]);
  }
  free(data->evidences);
  for (size_t i = 0; data->conditions != NULL && i < data->condition_count; i++) {
    ddx_condition *c = &data->conditions[i];
    free(c->name);
    free(c->name_fr);
    free(c->id);
    free(c->icd10);
    free(c->listed);
  }
  free(data->conditions);
  for (size_t i = 0; i < data->patient_count; i++) {
    ddx_patient_clear(&data->patients[i]);
  }
  free(data->patients);
  free(data->rank_in_pathology);
  free(data);
}
