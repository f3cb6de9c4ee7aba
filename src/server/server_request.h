/*
 * server_request.h - the request decoder: the body of POST /interview or
 * POST /explain as bytes in, a checked srv_request (or an error saying
 * which field is wrong) out. A pure function with no socket and no pack,
 * so the fuzzer (tests/fuzz/fuzz_request.c) can drive it directly.
 * Checking ids against the loaded packs is the handlers' job.
 */
#ifndef SYMCHECK_SERVER_REQUEST_H
#define SYMCHECK_SERVER_REQUEST_H

#include <stdbool.h>
#include <stddef.h>

#include "server_error.h"
#include "symcheck.h"

#define SRV_MAX_ANSWERS 256 /* more answers than any pack has findings */
#define SRV_MAX_ID 128      /* longest id or value text accepted */

typedef struct srv_answer {
  char *id;    /* finding id */
  char *value; /* as symcheck_interview_answer takes it */
} srv_answer;

typedef struct srv_request {
  char *pack; /* pack id to look the complaint up in, or NULL for any */
  char *complaint;
  symcheck_profile profile;
  char *condition; /* explain only: the condition id */
  size_t answer_count;
  srv_answer *answers;
} srv_request;

/*
 * Decodes `length` bytes of JSON:
 *   {"profile": {"age": 0..120, "sex": "female"|"male"}, "complaint": ID,
 *    "pack": ID (optional), "answers": [{"id": ID, "value": TEXT|NUMBER|[TEXT...]}]
 *    (optional), "condition": ID (required when need_condition)}
 * Returns 0 and fills *out (free with srv_request_free), or -1 with *err
 * set: 400 invalid_json / invalid_type, 422 missing_field / out_of_range /
 * invalid_value / too_many_answers. *out is left empty on error.
 */
int srv_request_decode(const char *body, size_t length, bool need_condition, srv_request *out,
                       srv_error *err);

/* Frees what srv_request_decode allocated and empties it. NULL is a no-op. */
void srv_request_free(srv_request *request);

#endif /* SYMCHECK_SERVER_REQUEST_H */
