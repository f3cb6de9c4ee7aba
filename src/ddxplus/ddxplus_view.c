/*
 * ddxplus_view.c - the lay view of the DDXPlus data set under the clinical
 * overlay (clinical.yaml): the same patients and evidences, but with the
 * answers a person can give. The 164 anatomical sites of the "where" questions
 * become the overlay's short list of body sites (a site option is chosen
 * when any of the sites it stands for is), a 0-10 scale that is not an
 * amount becomes a few labelled ranges, the English questions and labels
 * take the overlay's corrections, and a "yes" answers "no" to the findings
 * the overlay says it excludes (a current smoker is no former smoker,
 * though the data set's independent sampling makes some patients both).
 * The fitter, the differential and
 * the evaluation all read the view, so the pack's options and the replayed
 * patients' answers always match.
 */
#include <stdlib.h>
#include <string.h>

#include "ddxplus.h"

const symcheck_ddxplus *ddx_base(const symcheck_ddxplus *data) {
  return data->base != NULL ? data->base : data;
}

/* text with every correction applied, in the view's arena. */
static char *S_corrected(arena *a, const ddx_clinical *cl, const char *text) {
  char out[2048];
  snprintf(out, sizeof out, "%s", text);
  for (size_t i = 0; i < cl->correction_count; i++) {
    const ddx_correction *c = &cl->corrections[i];
    char *hit = strstr(out, c->from);
    if (hit != NULL) {
      char rest[2048];
      snprintf(rest, sizeof rest, "%s", hit + strlen(c->from));
      snprintf(hit, sizeof out - (size_t)(hit - out), "%s%s", c->to, rest);
    }
  }
  return arena_strdup(a, out);
}

/* The group of a value: per value index, the groups it belongs to as a bit
   in `member` (group g at member[v * groups + g]). */
static bool *S_membership(arena *a, const ddx_evidence *ev, const ddx_clinical_answers *ans) {
  bool *member = arena_calloc(a, ev->value_count * ans->group_count + 1, sizeof *member);
  for (size_t g = 0; member != NULL && g < ans->group_count; g++) {
    for (size_t i = 0; i < ans->groups[g].value_count; i++) {
      for (size_t v = 0; v < ev->value_count; v++) {
        if (strcmp(ev->values[v].id, ans->groups[g].values[i]) == 0) {
          member[v * ans->group_count + g] = true;
        }
      }
    }
  }
  return member;
}

/* The view's copy of evidence e: lay options, corrected English. */
static int S_evidence(arena *a, const ddx_clinical *cl, const ddx_evidence *from, size_t e,
                      ddx_evidence *to) {
  const ddx_clinical_answers *ans = &cl->answers[e];
  *to = *from;
  to->question_en = S_corrected(a, cl, from->question_en);
  to->low = ans->low;
  to->high = ans->high;
  to->low_fr = ans->low_fr;
  to->high_fr = ans->high_fr;
  size_t n = ans->group_count > 0 ? ans->group_count : from->value_count;
  to->values = arena_calloc(a, n + 1, sizeof *to->values);
  if (to->question_en == NULL || to->values == NULL) {
    return -1;
  }
  to->value_count = n;
  for (size_t v = 0; v < n; v++) {
    ddx_value *out = &to->values[v];
    if (ans->group_count > 0) {
      const ddx_clinical_group *g = &ans->groups[v];
      *out = (ddx_value){(char *)g->id,       (char *)g->id, (char *)g->label,
                         (char *)g->label_fr, g->sex,        g->label_child};
    } else {
      *out = from->values[v];
      out->en = S_corrected(a, cl, from->values[v].en);
      if (out->en == NULL) {
        return -1;
      }
    }
  }
  if (ans->group_count > 0) {
    to->numeric = false;
  }
  return 0;
}

/* The overlay's `excludes`: each yes/no evidence the patient answered
   "yes" makes the evidences it excludes "no" (yes is option 0, no 1). */
static void S_apply_excludes(const symcheck_ddxplus *base, const ddx_clinical *cl,
                             ddx_patient *to) {
  for (size_t e = 0; e < base->evidence_count; e++) {
    const ddx_clinical_finding *cf = &cl->findings[e];
    if (to->choice[e] != 0) {
      continue;
    }
    for (size_t i = 0; i < cf->exclude_count; i++) {
      for (size_t x = 0; x < base->evidence_count; x++) {
        if (strcmp(base->evidences[x].id, cf->excludes[i]) == 0) {
          to->choice[x] = 1;
          to->positive[x] = false;
        }
      }
    }
  }
}

/* Patient pt of the base in the view's options. */
static int S_patient(arena *a, const symcheck_ddxplus *base, symcheck_ddxplus *view,
                     const ddx_clinical *cl, bool *const *member, const ddx_patient *from,
                     ddx_patient *to) {
  *to = *from;
  to->choice = arena_calloc(a, base->evidence_count + 1, sizeof *to->choice);
  to->selected = arena_calloc(a, view->slot_count + 1, sizeof *to->selected);
  to->positive = arena_calloc(a, base->evidence_count + 1, sizeof *to->positive);
  if (to->choice == NULL || to->selected == NULL || to->positive == NULL) {
    return -1;
  }
  memcpy(to->choice, from->choice, base->evidence_count * sizeof *to->choice);
  memcpy(to->positive, from->positive, base->evidence_count * sizeof *to->positive);
  for (size_t e = 0; e < base->evidence_count; e++) {
    const ddx_evidence *old = &base->evidences[e], *ev = &view->evidences[e];
    const size_t groups = member[e] != NULL ? ev->value_count : 0;
    for (size_t v = 0; old->kind == DDX_MULTI && v < old->value_count; v++) {
      for (size_t g = 0; g < groups; g++) {
        to->selected[ev->slot + g] |= from->selected[old->slot + v] && member[e][v * groups + g];
      }
      if (groups == 0) {
        to->selected[ev->slot + v] = from->selected[old->slot + v];
      }
    }
    for (size_t g = 0; old->kind == DDX_SINGLE && g < groups; g++) {
      if (member[e][from->choice[e] * groups + g]) {
        to->choice[e] = (uint8_t)g;
        to->positive[e] = g != ev->default_value;
      }
    }
  }
  S_apply_excludes(base, cl, to);
  return 0;
}

/* Evidences of the view, their slots and their value-to-group tables. */
static int S_evidences(symcheck_ddxplus *view, const symcheck_ddxplus *base, const ddx_clinical *cl,
                       bool **member) {
  arena *a = &view->strings;
  view->evidences = arena_calloc(a, base->evidence_count + 1, sizeof *view->evidences);
  if (view->evidences == NULL) {
    return -1;
  }
  size_t slot = 0;
  for (size_t e = 0; e < base->evidence_count; e++) {
    const ddx_evidence *old = &base->evidences[e];
    ddx_evidence *ev = &view->evidences[e];
    if (S_evidence(a, cl, old, e, ev) != 0) {
      return -1;
    }
    if (cl->answers[e].group_count > 0) {
      member[e] = S_membership(a, old, &cl->answers[e]);
      if (member[e] == NULL) {
        return -1;
      }
      for (size_t g = 0; old->kind == DDX_SINGLE && g < ev->value_count; g++) {
        ev->default_value =
            member[e][old->default_value * ev->value_count + g] ? g : ev->default_value;
      }
    }
    ev->slot = slot;
    slot += ev->kind == DDX_MULTI ? ev->value_count : 0;
  }
  view->slot_count = slot;
  return 0;
}

symcheck_ddxplus *ddx_view_new(const symcheck_ddxplus *data, const ddx_clinical *clinical) {
  const symcheck_ddxplus *base = ddx_base(data);
  symcheck_ddxplus *view = calloc(1, sizeof *view);
  bool **member = calloc(base->evidence_count + 1, sizeof *member);
  if (view == NULL || member == NULL) {
    free(view);
    free(member);
    return NULL;
  }
  *view = *base;
  view->base = base;
  view->strings = (arena){0};
  int rc = S_evidences(view, base, clinical, member);
  view->patients =
      rc == 0 ? arena_calloc(&view->strings, base->patient_count + 1, sizeof *view->patients)
              : NULL;
  view->patient_capacity = base->patient_count;
  rc = view->patients != NULL ? 0 : -1;
  for (size_t i = 0; rc == 0 && i < base->patient_count; i++) {
    rc = S_patient(&view->strings, base, view, clinical, member, &base->patients[i],
                   &view->patients[i]);
  }
  free(member);
  if (rc != 0) {
    symcheck_ddxplus_free(view);
    return NULL;
  }
  return view;
}
