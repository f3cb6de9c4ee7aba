/*
 * explain.h - why a condition is on the list: the answers that raised it
 * and those that argued against it, each with its weight.
 */
#ifndef SYMCHECK_EXPLAIN_H
#define SYMCHECK_EXPLAIN_H

#include "symcheck.h"

/* Fills for_answers / against_answers of the ranked conditions from..to-1
   of r (malloc'd; freed by symcheck_result_free). Returns 0, or -1 when
   out of memory. */
int explain_conditions(symcheck_interview *iv, symcheck_result *r, size_t from, size_t to);

#endif
