/*
 * pack.c - read access to a loaded pack: accessors by index and id, the
 * names of the enumerations, age bands, statistics on the citations of its
 * numbers, and the finding nearest a misspelt id. Complaint search is
 * src/search.
 */
#include <stdlib.h>
#include <string.h>

#include "pack_internal.h"
#include "text_distance.h"

static const char *const S_level_ids[SYMCHECK_LEVEL_COUNT] = {
    "self_care", "primary_care", "primary_care_soon", "urgent_care", "emergency", "ambulance"};
static const char *const S_level_advice[SYMCHECK_LEVEL_COUNT] = {
    "Manage at home and watch for changes",  "See a doctor within 2 weeks",
    "See or phone a doctor within 1-2 days", "Get seen in person today",
    "Go to an emergency department now",     "Call an ambulance now"};
static const char *const S_sex_ids[] = {"female", "male"};
static const char *const S_type_ids[] = {"yes_no",   "single",   "multi",
                                         "duration", "severity", "number"};
static const char *const S_rarity_ids[] = {"common", "uncommon", "rare", "very_rare"};
static const char *const S_rarity_labels[] = {"Common", "Uncommon", "Rare", "Very rare"};

void symcheck_diagnostics_free(symcheck_diagnostics *diagnostics) {
  if (diagnostics == NULL) {
    return;
  }
  free(diagnostics->items);
  diagnostics->items = NULL;
  diagnostics->count = 0;
}

const char *symcheck_level_id(symcheck_level level) {
  return (unsigned)level < SYMCHECK_LEVEL_COUNT ? S_level_ids[level] : NULL;
}

const char *symcheck_level_advice(symcheck_level level) {
  return (unsigned)level < SYMCHECK_LEVEL_COUNT ? S_level_advice[level] : NULL;
}

int symcheck_level_parse(const char *id) {
  for (int i = 0; id != NULL && i < SYMCHECK_LEVEL_COUNT; i++) {
    if (strcmp(id, S_level_ids[i]) == 0) {
      return i;
    }
  }
  return -1;
}

int symcheck_sex_parse(const char *text) {
  for (int i = 0; text != NULL && i < 2; i++) {
    if (strcmp(text, S_sex_ids[i]) == 0) {
      return i;
    }
  }
  return -1;
}

const char *symcheck_sex_id(symcheck_sex sex) {
  return (unsigned)sex < 2 ? S_sex_ids[sex] : NULL;
}

const char *symcheck_answer_type_id(symcheck_answer_type type) {
  return (unsigned)type <= SYMCHECK_ANSWER_NUMBER ? S_type_ids[type] : NULL;
}

const char *symcheck_rarity_id(symcheck_rarity rarity) {
  return (unsigned)rarity <= SYMCHECK_RARITY_VERY_RARE ? S_rarity_ids[rarity] : NULL;
}

const char *symcheck_rarity_label(symcheck_rarity rarity) {
  return (unsigned)rarity <= SYMCHECK_RARITY_VERY_RARE ? S_rarity_labels[rarity] : NULL;
}

/* ---- accessors ------------------------------------------------------------ */

const symcheck_pack_info *symcheck_pack_get_info(const symcheck_pack *pack) {
  return &pack->info;
}

size_t symcheck_pack_source_count(const symcheck_pack *pack) {
  return pack->source_count;
}

const symcheck_source *symcheck_pack_source(const symcheck_pack *pack, size_t i) {
  return i < pack->source_count ? &pack->sources[i] : NULL;
}

size_t symcheck_pack_complaint_count(const symcheck_pack *pack) {
  return pack->complaint_count;
}

const symcheck_complaint *symcheck_pack_complaint(const symcheck_pack *pack, size_t i) {
  return i < pack->complaint_count ? &pack->complaints[i] : NULL;
}

const symcheck_complaint *symcheck_pack_find_complaint(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->complaint_count; i++) {
    if (strcmp(pack->complaints[i].id, id) == 0) {
      return &pack->complaints[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_finding_count(const symcheck_pack *pack) {
  return pack->finding_count;
}

const symcheck_finding *symcheck_pack_finding(const symcheck_pack *pack, size_t i) {
  return i < pack->finding_count ? &pack->findings[i] : NULL;
}

const symcheck_finding *symcheck_pack_find_finding(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->finding_count; i++) {
    if (strcmp(pack->findings[i].id, id) == 0) {
      return &pack->findings[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_condition_count(const symcheck_pack *pack) {
  return pack->condition_count;
}

const symcheck_condition *symcheck_pack_condition(const symcheck_pack *pack, size_t i) {
  return i < pack->condition_count ? &pack->conditions[i] : NULL;
}

const symcheck_condition *symcheck_pack_find_condition(const symcheck_pack *pack, const char *id) {
  for (size_t i = 0; id != NULL && i < pack->condition_count; i++) {
    if (strcmp(pack->conditions[i].id, id) == 0) {
      return &pack->conditions[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_red_flag_count(const symcheck_pack *pack) {
  return pack->red_flag_count;
}

const symcheck_red_flag *symcheck_pack_red_flag(const symcheck_pack *pack, size_t i) {
  return i < pack->red_flag_count ? &pack->red_flags[i] : NULL;
}

size_t symcheck_pack_screen_count(const symcheck_pack *pack) {
  return pack->screen_finding_count;
}

int symcheck_finding_option(const symcheck_finding *finding, const char *option_id) {
  for (size_t i = 0; option_id != NULL && i < finding->option_count; i++) {
    if (finding->options[i].id != NULL && strcmp(finding->options[i].id, option_id) == 0) {
      return (int)i;
    }
  }
  return -1;
}

const symcheck_likelihood *symcheck_condition_likelihood(const symcheck_condition *condition,
                                                         const symcheck_finding *finding) {
  for (size_t i = 0; i < condition->likelihood_count; i++) {
    if (condition->likelihoods[i].finding == finding) {
      return &condition->likelihoods[i];
    }
  }
  return NULL;
}

size_t symcheck_pack_age_band(const symcheck_pack *pack, int age) {
  const symcheck_pack_info *info = &pack->info;
  for (size_t i = 0; i < info->age_band_count; i++) {
    if (age <= info->age_bands[i].max_age) {
      return i;
    }
  }
  return info->age_band_count > 0 ? info->age_band_count - 1 : 0;
}

/* ---- statistics ------------------------------------------------------------ */

static void S_count(symcheck_pack_stats *stats, const symcheck_citation *citation) {
  stats->probabilities++;
  if (citation->source != NULL) {
    stats->sourced++;
    stats->without_where += citation->where == NULL;
  } else if (citation->estimate) {
    stats->estimates++;
  }
}

symcheck_pack_stats symcheck_condition_stats(const symcheck_condition *c) {
  symcheck_pack_stats stats = {0};
  S_count(&stats, &c->prior_citation);
  S_count(&stats, &c->prevalence_citation);
  for (size_t j = 0; j < c->likelihood_count; j++) {
    S_count(&stats, &c->likelihoods[j].citation);
  }
  return stats;
}

symcheck_pack_stats symcheck_pack_get_stats(const symcheck_pack *pack) {
  symcheck_pack_stats stats = {.compound_warnings = pack->compound_warnings};
  for (size_t i = 0; i < pack->finding_count; i++) {
    S_count(&stats, &pack->findings[i].default_citation);
  }
  for (size_t i = 0; i < pack->condition_count; i++) {
    symcheck_pack_stats one = symcheck_condition_stats(&pack->conditions[i]);
    stats.probabilities += one.probabilities;
    stats.sourced += one.sourced;
    stats.estimates += one.estimates;
    stats.without_where += one.without_where;
  }
  for (size_t i = 0; i < pack->red_flag_count; i++) {
    const symcheck_citation *c = &pack->red_flags[i].citation;
    stats.without_where +=
        c->source != NULL && c->where == NULL && pack->red_flags[i].where == NULL;
  }
  return stats;
}

/* ---- near misses ------------------------------------------------------------ */

const symcheck_finding *pack_closest_finding(const symcheck_pack *pack, const char *id) {
  const symcheck_finding *best = NULL;
  size_t best_distance = 3; /* suggest only near misses: at most 2 edits */
  for (size_t i = 0; strlen(id) <= TEXT_DISTANCE_MAX_WORD && i < pack->finding_count; i++) {
    size_t d = text_distance(id, pack->findings[i].id);
    if (d < best_distance) {
      best_distance = d;
      best = &pack->findings[i];
    }
  }
  return best;
}
