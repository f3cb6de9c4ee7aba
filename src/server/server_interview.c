/*
 * server_interview.c - POST /api/v1/interview and POST /api/v1/explain.
 * The API is stateless: each call carries the profile, the complaint and
 * every answer so far; the server replays them into a fresh interview and
 * answers with symcheck_interview_json_text (exactly what `symcheck
 * diagnose --json` prints) or symcheck_explain_json. Nothing about the person is
 * kept after the answer is sent.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>

#include "server.h"
#include "server_request.h"

/* Finds the complaint (in the named pack, or in any) and starts the
   interview with every answer applied. NULL with *err set on failure. */
static symcheck_interview *S_start(const srv_server *s, const srv_request *req, srv_error *err) {
  const symcheck_pack *pack = NULL;
  if (req->pack != NULL) {
    pack = srv_pack_find(s, req->pack);
    if (pack == NULL) {
      srv_error_set(err, 404, "unknown_pack", "pack", "There is no pack \"%s\".", req->pack);
      return NULL;
    }
  }
  for (size_t i = 0; pack == NULL && i < s->pack_count; i++) {
    if (symcheck_pack_find_complaint(s->packs[i], req->complaint) != NULL) {
      pack = s->packs[i];
    }
  }
  if (pack == NULL || symcheck_pack_find_complaint(pack, req->complaint) == NULL) {
    srv_error_set(err, 404, "unknown_complaint", "complaint",
                  "There is no complaint \"%s\"; GET /api/v1/complaints lists them.",
                  req->complaint);
    return NULL;
  }
  symcheck_error lib_err = {0};
  symcheck_interview *iv = symcheck_interview_new(pack, req->complaint, &req->profile, &lib_err);
  if (iv == NULL) {
    srv_error_set(err, 422, "invalid_value", "", "%s", lib_err.message);
    return NULL;
  }
  for (size_t i = 0; i < req->answer_count; i++) {
    const srv_answer *a = &req->answers[i];
    if (symcheck_interview_answer(iv, a->id, a->value, &lib_err) == 0) {
      continue;
    }
    char field[64];
    bool unknown = symcheck_pack_find_finding(pack, a->id) == NULL;
    snprintf(field, sizeof field, "answers[%zu].%s", i, unknown ? "id" : "value");
    srv_error_set(err, 422, unknown ? "unknown_finding" : "invalid_answer", field, "%s",
                  lib_err.message);
    symcheck_interview_free(iv);
    return NULL;
  }
  return iv;
}

/* Decodes the body and starts the interview; answers the error itself. */
static symcheck_interview *S_begin(srv_ctx *ctx, bool need_condition, srv_request *req) {
  srv_error err;
  const struct _u_request *r = ctx->request;
  if (srv_request_decode(r->binary_body, r->binary_body_length, need_condition, req, &err) != 0) {
    srv_reply_error(ctx, &err);
    return NULL;
  }
  symcheck_interview *iv = S_start(ctx->server, req, &err);
  if (iv == NULL) {
    srv_reply_error(ctx, &err);
    srv_request_free(req);
  }
  return iv;
}

/* The step goes out as the library writes it, without a jansson tree in
   between; a result is counted by its triage level. */
void srv_handle_interview(srv_ctx *ctx) {
  srv_request req;
  symcheck_interview *iv = S_begin(ctx, false, &req);
  if (iv == NULL) {
    return;
  }
  size_t length = 0;
  char *step = symcheck_interview_json_text(iv, &length);
  if (step != NULL && symcheck_interview_should_stop(iv)) {
    srv_metrics_interview_done(ctx->server->metrics, symcheck_interview_triage(iv).level);
  }
  srv_reply_json_text(ctx, 200, step, length);
  symcheck_interview_free(iv);
  srv_request_free(&req);
}

void srv_handle_explain(srv_ctx *ctx) {
  srv_request req;
  symcheck_interview *iv = S_begin(ctx, true, &req);
  if (iv == NULL) {
    return;
  }
  const symcheck_pack *pack = symcheck_interview_pack(iv);
  const symcheck_condition *c = symcheck_pack_find_condition(pack, req.condition);
  json_t *body = c != NULL ? symcheck_explain_json(iv, c) : NULL;
  if (body == NULL) {
    srv_error err;
    srv_error_set(&err, 404, "unknown_condition", "condition",
                  "\"%s\" is not one of the conditions for this complaint.", req.condition);
    srv_reply_error(ctx, &err);
  } else {
    srv_reply_json(ctx, 200, body);
  }
  symcheck_interview_free(iv);
  srv_request_free(&req);
}
