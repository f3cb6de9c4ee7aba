/*
 * bench/search.c - how well the complaint search finds what people type:
 * every line of a queries file (tests/search/queries.tsv: query, TAB, the
 * complaint id that should be found, several joined by |) is searched
 * across the packs given, and the share of queries whose answer comes
 * first (top-1) or among the first three (top-3) is printed. The answer
 * `symptom-not-listed` is right when nothing matches, or when that general
 * complaint itself comes first (or among three for top-3). Each miss is
 * printed with what came instead, so a failure can be read, not guessed.
 * The time a search takes is printed for context.
 *
 * Usage: bench_search QUERIES.tsv PACK_DIR...
 * Exits 1 only when a file cannot be read; a rate below the goal is
 * printed as MISSED, never a failure.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "symcheck.h"

enum { S_MAX_PACKS = 16, S_SHOWN = 3 };
#define S_NOT_LISTED "symptom-not-listed"
#define S_GOAL_TOP3 0.90

static double S_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static const char *S_id(const symcheck_pack *const *packs, symcheck_search_hit hit) {
  return symcheck_pack_complaint(packs[hit.pack], hit.complaint)->id;
}

/* True when `id` is one of the |-separated answers. */
static bool S_is_answer(const char *answers, const char *id) {
  size_t n = strlen(id);
  for (const char *p = answers; p != NULL; p = strchr(p, '|'), p = p != NULL ? p + 1 : NULL) {
    if (strncmp(p, id, n) == 0 && (p[n] == '\0' || p[n] == '|')) {
      return true;
    }
  }
  return false;
}

/* Rank (1-based) of the right answer among the hits, 0 when absent; an
   empty list is rank 1 for "symptom-not-listed". */
static size_t S_rank(const symcheck_pack *const *packs, const symcheck_search_hit *hits, size_t n,
                     const char *answers) {
  if (n == 0) {
    return S_is_answer(answers, S_NOT_LISTED) ? 1 : 0;
  }
  for (size_t i = 0; i < n; i++) {
    if (S_is_answer(answers, S_id(packs, hits[i]))) {
      return i + 1;
    }
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 3 || argc - 2 > S_MAX_PACKS) {
    fprintf(stderr, "usage: bench_search QUERIES.tsv PACK_DIR... (at most %d packs)\n",
            S_MAX_PACKS);
    return 1;
  }
  const symcheck_pack *packs[S_MAX_PACKS];
  size_t pack_count = 0;
  for (int i = 2; i < argc; i++) {
    symcheck_pack *pack = symcheck_pack_load(argv[i], NULL);
    if (pack == NULL) {
      fprintf(stderr, "bench_search: %s does not load: run 'symcheck pack check %s'\n", argv[i],
              argv[i]);
      return 1;
    }
    packs[pack_count++] = pack;
  }
  FILE *in = fopen(argv[1], "r");
  if (in == NULL) {
    fprintf(stderr, "bench_search: cannot read %s: give the queries file first\n", argv[1]);
    return 1;
  }
  char line[512];
  size_t queries = 0, top1 = 0, top3 = 0;
  double seconds = 0.0;
  while (fgets(line, sizeof line, in) != NULL) {
    line[strcspn(line, "\r\n")] = '\0';
    char *tab = strchr(line, '\t');
    if (line[0] == '#' || tab == NULL) {
      continue;
    }
    *tab = '\0';
    const char *answers = tab + 1;
    symcheck_search_hit hits[S_SHOWN];
    double start = S_now();
    size_t n =
        symcheck_search_complaints(packs, pack_count, line, SYMCHECK_SEARCH_MATCHES, hits, S_SHOWN);
    seconds += S_now() - start;
    size_t rank = S_rank(packs, hits, n, answers);
    queries++;
    top1 += rank == 1;
    top3 += rank >= 1;
    if (rank != 1) {
      printf("  %-6s %-34s want %-22s got", rank == 0 ? "miss" : "top-3", line, answers);
      for (size_t i = 0; i < n; i++) {
        printf(" %s (%.2f)", S_id(packs, hits[i]), hits[i].score);
      }
      printf(n == 0 ? " nothing\n" : "\n");
    }
  }
  fclose(in);
  for (size_t i = 0; i < pack_count; i++) {
    symcheck_pack_free((symcheck_pack *)packs[i]);
  }
  double rate1 = queries > 0 ? (double)top1 / (double)queries : 0.0;
  double rate3 = queries > 0 ? (double)top3 / (double)queries : 0.0;
  printf("search: %zu queries, top-1 %.1f%% (%zu), top-3 %.1f%% (%zu); goal top-3 >= %.0f%%%s\n",
         queries, 100.0 * rate1, top1, 100.0 * rate3, top3, 100.0 * S_GOAL_TOP3,
         rate3 >= S_GOAL_TOP3 ? "" : "  MISSED");
  printf("search: %.2f ms a query over %zu packs (for context: this machine, this run)\n",
         queries > 0 ? 1000.0 * seconds / (double)queries : 0.0, pack_count);
  return 0;
}
