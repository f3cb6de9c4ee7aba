/*
 * pack_with_complaints.h - a test pack whose complaints a test writes out:
 * the tiny pack's other files linked into a temporary folder beside the
 * given complaints.yaml text, so a search test can be read against the
 * exact phrases it searches.
 */
#ifndef SYMCHECK_TEST_PACK_WITH_COMPLAINTS_H
#define SYMCHECK_TEST_PACK_WITH_COMPLAINTS_H

#include "symcheck.h"

typedef struct pack_with_complaints {
  char dir[64];
  symcheck_pack *pack;
} pack_with_complaints;

/* Writes `complaints_yaml` beside links to tests/packs/tiny's other files
   and loads the pack; fails the test (cmocka) on any error. The caller
   frees it with pack_with_complaints_free. */
pack_with_complaints *pack_with_complaints_load(const char *complaints_yaml);
/* Frees the pack and removes its folder. NULL is a no-op. */
void pack_with_complaints_free(pack_with_complaints *fixture);

#endif
