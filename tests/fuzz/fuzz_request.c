/*
 * fuzz_request.c - libFuzzer target over the server's request decoder
 * (src/server/server_request.c): any bytes must give either a request or
 * an error with a 4xx/5xx status, a code and a message, never a crash or
 * a leak. Both the interview and the explain forms are tried.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server_request.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  for (int need_condition = 0; need_condition < 2; need_condition++) {
    srv_request request;
    srv_error err;
    memset(&err, 0, sizeof err);
    if (srv_request_decode((const char *)data, size, need_condition, &request, &err) == 0) {
      if (request.complaint == NULL || request.profile.age < 0 || request.profile.age > 120 ||
          (need_condition && request.condition == NULL)) {
        abort();
      }
      for (size_t i = 0; i < request.answer_count; i++) {
        if (request.answers[i].id == NULL || request.answers[i].value == NULL) {
          abort();
        }
      }
      srv_request_free(&request);
    } else if (err.status < 400 || err.status > 599 || err.code[0] == '\0' ||
               err.message[0] == '\0') {
      abort();
    }
  }
  return 0;
}
