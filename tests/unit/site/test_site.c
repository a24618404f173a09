/* Unit tests: globs, hashed names, the SCC order, byte edits, the cache. */
#include "../harness.h"

#include <assetopt/fs.h>
#include <assetopt/glob.h>
#include <assetopt/site.h>

#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>

AO_TEST(glob_matches_like_gitignore)
{
  static const struct { const char *pat, *path; int want; } cases[] = {
    { "*.html", "index.html", 1 },
    { "*.html", "a/b/page.html", 1 },       /* no '/': any folder */
    { "/robots.txt", "robots.txt", 1 },
    { "/robots.txt", "sub/robots.txt", 0 }, /* anchored */
    { ".well-known/**", ".well-known/a/b.txt", 1 },
    { "assets/*.js", "assets/x.js", 1 },
    { "assets/*.js", "assets/sub/x.js", 0 },
    { "assets/**/*.js", "assets/x.js", 1 },
    { "assets/**/*.js", "assets/a/b/x.js", 1 },
    { "**/*.map", "x.map", 1 },
    { "img/*.{png,jpg}", "img/a.jpg", 1 },
    { "img/*.{png,jpg}", "img/a.gif", 0 },
    { "file?.txt", "file1.txt", 1 },
    { "file?.txt", "file10.txt", 0 },
    { "[a-c]*.css", "b.css", 1 },
    { "[!a-c]*.css", "b.css", 0 },
    { "sitemap*.xml", "sitemap-2.xml", 1 },
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    if(!CHECK_INT(ao_glob_match(cases[i].pat, cases[i].path), cases[i].want))
      fprintf(stderr, "    pattern %s path %s\n", cases[i].pat, cases[i].path);
}

AO_TEST(name_fixed_list)
{
  CHECK(ao_name_fixed("index.html"));
  CHECK(ao_name_fixed("docs/page.htm"));
  CHECK(ao_name_fixed("robots.txt"));
  CHECK(!ao_name_fixed("docs/robots.txt"));
  CHECK(ao_name_fixed("sitemap-index.xml"));
  CHECK(ao_name_fixed("sw.js"));
  CHECK(ao_name_fixed("app.webmanifest"));
  CHECK(ao_name_fixed(".well-known/assetlinks.json"));
  CHECK(ao_name_fixed("_headers"));
  CHECK(!ao_name_fixed("css/site.css"));
  CHECK(!ao_name_fixed("js/sw.json"));
}

AO_TEST(name_with_hash_inserts_before_extension)
{
  static const struct { const char *rel, *want; } cases[] = {
    { "css/site.css", "css/site.abcdefghij.css" },
    { "logo.png", "logo.abcdefghij.png" },
    { "js/app.js.map", "js/app.abcdefghij.js.map" },
    { "archive.tar.gz", "archive.tar.abcdefghij.gz" },
    { "LICENSE", "LICENSE.abcdefghij" },
    { "a.b/noext", "a.b/noext.abcdefghij" },
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char *got = ao_name_with_hash(cases[i].rel, "abcdefghij");
    CHECK_STR(got, cases[i].want);
    free(got);
  }
}

/* n nodes, edges as pairs; checks every edge goes to an equal or lower
 * component, and which nodes share one. */
static size_t scc(size_t n, const size_t (*e)[2], size_t ne, size_t *comp)
{
  size_t start[16] = { 0 }, adj[32];
  size_t k = 0;
  for(size_t v = 0; v < n; v++) {
    start[v] = k;
    for(size_t i = 0; i < ne; i++)
      if(e[i][0] == v)
        adj[k++] = e[i][1];
  }
  start[n] = k;
  return ao_graph_scc(n, start, adj, comp);
}

AO_TEST(graph_scc_orders_dependencies_first)
{
  /* 0 → 1 → 2 ↔ 3, 4 → 0, 5 alone, 3 → 3 */
  const size_t e[][2] = { { 0, 1 }, { 1, 2 }, { 2, 3 }, { 3, 2 }, { 4, 0 },
                          { 3, 3 } };
  size_t comp[6];
  size_t nc = scc(6, e, sizeof(e) / sizeof(e[0]), comp);
  CHECK_INT(nc, 5);
  CHECK(comp[2] == comp[3]);
  for(size_t i = 0; i < sizeof(e) / sizeof(e[0]); i++)
    CHECK(comp[e[i][1]] <= comp[e[i][0]]);
  CHECK(comp[0] != comp[1] && comp[1] != comp[2] && comp[4] != comp[0]);
}

AO_TEST(graph_scc_long_chain_no_recursion)
{
  enum { N = 200000 };
  size_t *start = malloc((N + 1) * sizeof(size_t));
  size_t *adj = malloc(N * sizeof(size_t));
  size_t *comp = malloc(N * sizeof(size_t));
  REQUIRE(start && adj && comp);
  for(size_t i = 0; i < N; i++) {
    start[i] = i;
    adj[i] = (i + 1) % N; /* one big cycle */
  }
  start[N] = N;
  CHECK_INT(ao_graph_scc(N, start, adj, comp), 1);
  start[N] = N - 1; /* drop the closing edge: a chain of N components */
  start[N - 1] = N - 1;
  CHECK_INT(ao_graph_scc(N, start, adj, comp), N);
  CHECK(comp[N - 1] < comp[0]);
  free(start);
  free(adj);
  free(comp);
}

AO_TEST(apply_edits_replaces_and_inserts)
{
  const char *src = "<a href=x.css><b>";
  ao_edit e[] = { { 8, 5, "x.h.css", 7 }, { 13, 0, " i=1", 4 } };
  ao_buf out = AO_BUF_INIT(0);
  REQUIRE(!ao_apply_edits((const unsigned char *)src, strlen(src), e, 2, &out));
  CHECK_STR((char *)out.data, "<a href=x.h.css i=1><b>");
  ao_buf_reset(&out);
  ao_edit bad[] = { { 8, 5, "", 0 }, { 9, 1, "", 0 } }; /* overlap */
  CHECK_INT(ao_apply_edits((const unsigned char *)src, strlen(src), bad, 2, &out),
            AO_USAGE);
  CHECK_INT(out.len, 0);
  ao_buf_free(&out);
}

AO_TEST(cache_round_trip_and_damage_is_a_miss)
{
  char dir[] = "/tmp/aocache-XXXXXX";
  REQUIRE(mkdtemp(dir));
  ao_cache c;
  REQUIRE(!ao_cache_open(&c, dir));
  unsigned char key[32] = { 1, 2, 3 };
  ao_buf out = AO_BUF_INIT(0);
  CHECK(!ao_cache_get(&c, key, &out));
  CHECK(!ao_cache_put(&c, key, "payload", 7));
  CHECK(ao_cache_get(&c, key, &out));
  CHECK_MEM(out.data, out.len, "payload", 7);
  /* flip a byte of the entry: it must read as a miss */
  char path[512];
  snprintf(path, sizeof(path), "%s/v2/01/0102030000000000000000000000000000000000000000000000000000000000", dir);
  FILE *f = fopen(path, "r+b");
  REQUIRE(f);
  fseek(f, 18, SEEK_SET); /* a payload byte */
  fputc('X', f);
  fclose(f);
  ao_buf_reset(&out);
  CHECK(!ao_cache_get(&c, key, &out));
  CHECK(!ao_fs_exists(path)); /* and it is forgotten */
  ao_cache_close(&c);
  ao_buf_free(&out);
  ao_fs_remove_tree(dir);
}

AO_TEST(glob_has_no_exponential_backtracking)
{
  /* each of these takes hours with naive backtracking */
  char stars[80], alternating[128] = "";
  memset(stars, '*', 60);
  strcpy(stars + 60, "..tml");
  CHECK(!ao_glob_match(stars, "a/b/c/index.html"));
  for(int i = 0; i < 25; i++)
    strcat(alternating, "*a");
  strcat(alternating, "*b");
  CHECK(!ao_glob_match(alternating,
                       "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  CHECK(ao_glob_match("**/**/**/**/**/**/x.js", "a/b/x.js"));
  CHECK(ao_glob_match("img/*.{png,{jpg,jpeg}}", "img/a.jpeg"));
}
