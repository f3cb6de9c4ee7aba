/*
 * pack_load_codes.c - the codes and dates a pack writes by hand, checked
 * before they reach a clinic's system: ICD-10 codes (one code per entry),
 * SNOMED CT concept ids (digits with a Verhoeff check digit) and dates
 * written YYYY-MM-DD. Shared by the pack loader and the DDXPlus fitter's
 * clinical.yaml reader.
 */
#include <ctype.h>
#include <string.h>

#include "pack_load.h"

bool loader_is_date(const char *text) {
  static const char pattern[] = "dddd-dd-dd";
  if (strlen(text) != sizeof pattern - 1) {
    return false;
  }
  for (size_t i = 0; pattern[i] != '\0'; i++) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (pattern[i] == 'd' ? !digit : text[i] != '-') {
      return false;
    }
  }
  int month = (text[5] - '0') * 10 + (text[6] - '0');
  int day = (text[8] - '0') * 10 + (text[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/* A letter and two digits: the head of an ICD-10 code. */
static bool S_icd10_head(const char *code) {
  return code[0] >= 'A' && code[0] <= 'Z' && isdigit((unsigned char)code[1]) &&
         isdigit((unsigned char)code[2]);
}

bool loader_is_icd10(const char *code) {
  size_t n = strlen(code);
  if (n < 3 || !S_icd10_head(code)) {
    return false;
  }
  if (n == 3) {
    return true;
  }
  if (code[3] != '.' || n < 5 || n > 6) {
    return false;
  }
  for (size_t i = 4; i < n; i++) {
    if (!isdigit((unsigned char)code[i]) && !(code[i] >= 'A' && code[i] <= 'Z')) {
      return false;
    }
  }
  return true;
}

void loader_check_icd10(loader *ld, ynode *map, const char *path, const char *key,
                        const char *code) {
  if (code == NULL || loader_is_icd10(code)) {
    return;
  }
  char field[192];
  yaml_path_key(field, sizeof field, path, key);
  const char *dash = strchr(code, '-');
  if (dash != NULL && dash - code >= 3 && S_icd10_head(code)) {
    loader_error(ld, yaml_key_line(map, key), field,
                 "\"%s\" is a range, not one ICD-10 code; write the parent code that covers it "
                 "or the one code that fits best (e.g. %.3s)",
                 code, code);
    return;
  }
  loader_error(ld, yaml_key_line(map, key), field,
               "\"%s\" is not an ICD-10 code; write one code in upper case: a letter, two "
               "digits and an optional dot with one or two characters (e.g. J18.9)",
               code);
}

/* Verhoeff's tables: the dihedral group D5's multiplication and the
   position permutation. */
static const unsigned char S_D[10][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
static const unsigned char S_P[8][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

bool loader_is_snomed(const char *id) {
  size_t n = strlen(id);
  /* SNOMED CT ids are 6 to 18 digits and never start with 0 */
  if (n < 6 || n > 18 || id[0] == '0') {
    return false;
  }
  unsigned check = 0;
  for (size_t i = 0; i < n; i++) {
    char c = id[n - 1 - i];
    if (!isdigit((unsigned char)c)) {
      return false;
    }
    check = S_D[check][S_P[i % 8][c - '0']];
  }
  return check == 0;
}

const char *loader_read_snomed(loader *ld, ynode *map, const char *path) {
  ynode *node = yaml_get(map, "snomed");
  if (yaml_is_null(node)) {
    return NULL;
  }
  const char *text = yaml_text_of(ld, node);
  if (text == NULL || !loader_is_snomed(text)) {
    char field[192];
    yaml_path_key(field, sizeof field, path, "snomed");
    loader_error(ld, yaml_key_line(map, "snomed"), field,
                 "\"%s\" is not a SNOMED CT concept id (6 to 18 digits ending in a Verhoeff "
                 "check digit); copy the id from a SNOMED CT code list or leave the field out",
                 text != NULL ? text : "");
    return NULL;
  }
  return text;
}
