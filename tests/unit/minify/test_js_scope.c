/* Unit tests: JavaScript parser, scope analysis and renaming. Each scope
 * hazard is its own named test; outputs are compared exactly, so a change
 * in naming order shows up here first. */
#include "../harness.h"

#include <assetopt/js_parse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *ren_flags(const char *s, unsigned flags, ao_status *st, char *err,
                       size_t errlen)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "t.js", src, n);
  ao_buf_puts(&out, "");
  *st = ao_js_minify_idents(src, n, NULL, flags, &out, &d);
  if(err) {
    ao_buf m = AO_BUF_INIT(0);
    ao_diags_format(&d, &m);
    snprintf(err, errlen, "%s", m.data ? (char *)m.data : "");
    ao_buf_free(&m);
  }
  ao_diags_free(&d);
  free(src);
  size_t len;
  return (char *)ao_buf_detach(&out, &len);
}

/* renamed script, or "<status N>" */
static char *ren(const char *s, unsigned flags)
{
  ao_status st;
  char *r = ren_flags(s, flags, &st, NULL, 0);
  if(st) {
    ao_free(r);
    r = ao_malloc(32);
    snprintf(r, 32, "<status %d>", (int)st);
  }
  return r;
}

#define RENAMES(src, want)                  \
  do {                                      \
    char *got_ = ren((src), 0);             \
    CHECK_STR(got_, (want));                \
    ao_free(got_);                          \
  } while(0)

#define RENAMES_MOD(src, want)                      \
  do {                                              \
    char *got_ = ren((src), AO_JS_ID_MODULE);       \
    CHECK_STR(got_, (want));                        \
    ao_free(got_);                                  \
  } while(0)

AO_TEST(js_scope_script_globals_keep_names)
{
  RENAMES("var alpha = 1; function beta(gamma) { return gamma + alpha }",
          "var alpha=1;function beta(e){return e+alpha}");
  RENAMES("let topLet = 1; class TopClass {}", "let topLet=1;class TopClass{}");
}

AO_TEST(js_scope_names_follow_declaration_order)
{
  /* the same parameter gets the same name whatever its use count */
  RENAMES("(function (rare, often) { return often + often + often + rare })",
          "(function(e,t){return t+t+t+e})");
  RENAMES("(function (a, b) { return a })(function (c, d) { return d + d })",
          "(function(e,t){return e})(function(e,t){return t+t})");
}

AO_TEST(js_scope_sibling_scopes_reuse_names)
{
  RENAMES("(function(){ function f1(aa) { return aa } function f2(bb) { return bb } })",
          "(function(){function e(e){return e}function t(e){return e}})");
}

AO_TEST(js_scope_shadowing)
{
  RENAMES("(function (value) { { let value = 2; value++ } return value })",
          "(function(e){{let e=2;e++}return e})");
}

AO_TEST(js_scope_inner_free_reference_not_captured)
{
  /* the inner function refers to the global e: no binding may take that name */
  RENAMES("(function (outer) { return function () { return e + outer } })",
          "(function(t){return function(){return e+t}})");
}

AO_TEST(js_scope_var_hoisting)
{
  RENAMES("(function () { x = 1; { var x; } return x })",
          "(function(){e=1;{var e}return e})");
}

AO_TEST(js_scope_tdz_block)
{
  RENAMES("(function(){ try { use } catch (err) {} let use = 1; return use })",
          "(function(){try{e}catch(e){}let e=1;return e})");
}

AO_TEST(js_scope_direct_eval_keeps_chain)
{
  RENAMES("(function (keep) { return eval('keep') })",
          "(function(keep){return eval('keep')})");
  /* a sibling function without eval is renamed */
  RENAMES("(function () { function a(keep) { return eval('keep') } function b(rename) { return rename } })",
          "(function(){function a(keep){return eval('keep')}function b(e){return e}})");
}

AO_TEST(js_scope_indirect_eval_does_not_block)
{
  RENAMES("(function (local) { return (0, window.eval)('local') })",
          "(function(e){return(0,window.eval)('local')})");
}

AO_TEST(js_scope_with_keeps_names_seen_through_it)
{
  RENAMES("(function (obj, prop, other) { with (obj) { prop } return other })",
          "(function(e,prop,t){with(e){prop}return t})");
}

AO_TEST(js_scope_arguments_never_renamed)
{
  RENAMES("(function (first) { return arguments[0] + first })",
          "(function(e){return arguments[0]+e})");
}

AO_TEST(js_scope_shorthand_property_expanded)
{
  RENAMES("(function (value) { return { value } })",
          "(function(e){return{value:e}})");
}

AO_TEST(js_scope_shorthand_destructuring_expanded)
{
  RENAMES("(function (o) { var { value, other = 1 } = o; return value + other })",
          "(function(e){var{value:t,other:n=1}=e;return t+n})");
  RENAMES("(function (o) { let value; ({ value = 2 } = o); return value })",
          "(function(e){let t;({value:t=2}=e);return t})");
}

AO_TEST(js_scope_default_parameter_scope)
{
  /* the default refers to the outer binding, not the body's var */
  RENAMES("(function () { var outer = 1; function f(p = outer) { var outer = 2; return p + outer } return f })",
          "(function(){var e=1;function t(t=e){var e=2;return t+e}return t})");
}

AO_TEST(js_scope_body_lexical_never_takes_parameter_name)
{
  RENAMES("(function (unused) { const local = 1; return local })",
          "(function(e){const t=1;return t})");
}

AO_TEST(js_scope_named_function_expression)
{
  RENAMES("(function () { return function fact(n) { return n ? n * fact(n - 1) : 1 } })",
          "(function(){return function t(e){return e?e*t(e-1):1}})");
}

AO_TEST(js_scope_class_body_and_name)
{
  RENAMES("(function () { class Inner { m() { return Inner } } return Inner })",
          "(function(){class e{m(){return e}}return e})");
  RENAMES("(function () { return class Named { #p = 1; static s = Named; get g() { return this.#p } } })",
          "(function(){return class e{#p=1;static s=e;get g(){return this.#p}}})");
}

AO_TEST(js_scope_catch_parameter)
{
  RENAMES("(function () { try {} catch (problem) { return problem } })",
          "(function(){try{}catch(e){return e}})");
  /* var of the catch parameter's name: both keep their names */
  RENAMES("(function () { try {} catch (same) { var same = 1 } return same })",
          "(function(){try{}catch(same){var same=1}return same})");
}

AO_TEST(js_scope_labels_named_by_depth)
{
  /* labels are a namespace of their own: the same letters as variables */
  RENAMES("(function () { outer: for (var index;;) { break outer } })",
          "(function(){e:for(var e;;){break e}})");
  RENAMES("a: { b: for (;;) { continue b; } c: { break a; } }",
          "e:{t:for(;;){continue t}t:{break e}}");
  RENAMES("a: { (function () { a: for (;;) break a; }); break a; }",
          "e:{(function(){t:for(;;)break t});break e}");
}

AO_TEST(js_scope_block_function_keeps_name)
{
  RENAMES("(function () { { function inBlock() {} } return inBlock })",
          "(function(){{function inBlock(){}}return inBlock})");
}

AO_TEST(js_scope_module_exports_keep_public_names)
{
  RENAMES_MOD("export const pub = 1; const priv = 2; export { priv }; export { priv as alias };",
              "export const pub=1;const e=2;export{e as priv};export{e as alias};");
  RENAMES_MOD("import { longName } from 'm'; import def, * as ns from 'n'; longName(def, ns);",
              "import{longName as e}from'm';import t,*as n from'n';e(t,n);");
  RENAMES_MOD("export { x as y } from 'm'; export * as z from 'n';",
              "export{x as y}from'm';export*as z from'n';");
}

AO_TEST(js_scope_module_top_level_await)
{
  RENAMES_MOD("const data = await load(); use(data);", "const e=await load();use(e);");
}

AO_TEST(js_scope_generators_and_async)
{
  RENAMES("(function* (limit) { yield* other(limit); yield limit })",
          "(function*(e){yield*other(e);yield e})");
  RENAMES("(async (input) => { for await (const item of input) await item })",
          "(async(e)=>{for await(const t of e)await t})");
}

AO_TEST(js_scope_keep_names_option)
{
  char *r = ren("(function () { function named() {} const arrow = () => 1; return [named, arrow] })",
                AO_JS_ID_KEEP_NAMES);
  CHECK_STR(r, "(function(){function named(){}const arrow=()=>1;return[named,arrow]})");
  ao_free(r);
}

AO_TEST(js_scope_asi_semicolons_inserted)
{
  RENAMES("a\n++b\nfunction f() { return\n1 }\nx = y\n(z)",
          "a;++b;function f(){return;1}x=y(z)");
  RENAMES("do x(); while (0) y()", "do x();while(0);y()");
}

AO_TEST(js_scope_tokens_that_would_merge_get_a_space)
{
  RENAMES("a = b + +c; d = e - -f; g = 1 .toString(); h = i / /re/.source",
          "a=b+ +c;d=e- -f;g=1 .toString();h=i/ /re/.source");
}

AO_TEST(js_scope_legal_comments_kept)
{
  RENAMES("/*! keep */\n(function (value) { /* drop */ return value })",
          "/*! keep */(function(e){return e})");
}

AO_TEST(js_parse_syntax_errors_have_positions)
{
  ao_status st;
  char err[256];
  char *r = ren_flags("var a = 1;\nvar = 2;\n", 0, &st, err, sizeof err);
  CHECK_INT(st, AO_SYNTAX);
  CHECK(strstr(err, "t.js:2:5: error:") != NULL);
  ao_free(r);
  r = ren_flags("function (", 0, &st, err, sizeof err);
  CHECK_INT(st, AO_SYNTAX);
  ao_free(r);
  r = ren_flags("export const a = 1", 0, &st, err, sizeof err);
  CHECK_INT(st, AO_SYNTAX);   /* export in a script */
  ao_free(r);
  r = ren_flags("'unterminated", 0, &st, err, sizeof err);
  CHECK_INT(st, AO_SYNTAX);
  ao_free(r);
}

AO_TEST(js_parse_grammar_coverage)
{
  static const char *const ok[] = {
    "a?.b?.[c]?.(d)", "x ?\?= y ||= z &&= w", "label: { break label }",
    "for (const [k, v] of m) ; for (let i in o) ; for (;;) break",
    "new.target; import.meta", "async function f() { await x; for await (y of z); }",
    "class A { static { } static x; 'y'() {} [z] = 1; #p; get #q() {} accessor = 1 }",
    "({ get a() {}, set a(v) {}, async *g() {}, [k]: 1, ...rest, 'q': 2, 3: 4 })",
    "let [a, , b = 1, ...c] = d; let { e: { f }, ...g } = h",
    "`a${`b${c}`}d`; tag`x`", "x = y => y; z = async y => y; w = async (a, b) => {}",
    "switch (a) { case 1: let b; default: }", "if (a) b; else if (c) d; else e",
    "#!/usr/bin/env node\nx", "var let_ = 1; let = 2; yield = 3; async = 4", NULL
  };
  for(int i = 0; ok[i]; i++) {
    ao_status st;
    char err[256];
    char *r = ren_flags(ok[i], 0, &st, err, sizeof err);
    if(!CHECK_INT(st, AO_OK))
      fprintf(stderr, "  input: %s\n  %s\n", ok[i], err);
    ao_free(r);
  }
  ao_status st;
  char *r = ren_flags("import x from 'y'; export default 1; await z", AO_JS_ID_MODULE, &st, NULL, 0);
  CHECK_INT(st, AO_OK);
  ao_free(r);
}

AO_TEST(js_scope_deterministic)
{
  const char *s = "(function(a,b,c){return function(d){return a+b+c+d}})";
  char *x = ren(s, 0), *y = ren(s, 0);
  CHECK_STR(x, y);
  ao_free(x);
  ao_free(y);
}

AO_TEST(js_scope_corpus_renamed_output_reparses)
{
  const char *c = ao_t_corpus();
  if(!c) {
    ao_t_skip(t, "no corpus");
    return;
  }
  static const char *const files[] = { "js/jquery-3.7.1.js", "js/lodash-4.17.21.js",
                                       "js/three-0.160.0.module.mjs", NULL };
  for(int i = 0; files[i]; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", c, files[i]);
    size_t n;
    unsigned char *src = ao_t_read(path, &n);
    if(!src)
      continue;
    unsigned flags = strstr(files[i], ".mjs") ? AO_JS_ID_MODULE : 0;
    ao_buf out = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, path, src, n);
    CHECK_INT(ao_js_minify_idents(src, n, NULL, flags, &out, &d), AO_OK);
    CHECK(out.len < n / 5 * 3);
    REQUIRE(!ao_buf_reserve(&out, AO_PAD));
    memset(out.data + out.len, 0, AO_PAD);
    ao_js_parsed p;
    CHECK_INT(ao_js_parse(out.data, out.len, (int)flags, &p, &d), AO_OK);
    ao_js_parsed_free(&p);
    ao_buf_free(&out);
    ao_diags_free(&d);
    free(src);
  }
}

AO_TEST(js_scope_out_of_memory_is_a_status)
{
  const char *s = "(function(a){var b={a};return function(){return a+b}})";
  for(long k = 1; k < 40; k++) {
    ao_alloc_fail_after(k);
    ao_status st;
    char *r = ren_flags(s, 0, &st, NULL, 0);
    ao_alloc_fail_after(0);
    CHECK(st == AO_OK || st == AO_NOMEM);
    ao_free(r);
  }
}

AO_TEST(js_scope_semicolon_before_brace)
{
  /* a statement's ';' goes before '}', an empty statement's stays */
  RENAMES("(function () { x(); if (a) { y(); } for (;;) ; while (b) ; l: ; { ; } })",
          "(function(){x();if(a){y()}for(;;);while(b);e:;{;}})");
  RENAMES("class A { f = 1; g; }", "class A{f=1;g}");
}

#define SYNTAX(src, want)                           \
  do {                                              \
    char *got_ = ren((src), AO_JS_ID_SYNTAX);       \
    CHECK_STR(got_, (want));                        \
    ao_free(got_);                                  \
  } while(0)

AO_TEST(js_syntax_true_false_become_bang_numbers)
{
  SYNTAX("x = [true, false, !true, a ? true : false]", "x=[!0,!1,!!0,a?!0:!1]");
  SYNTAX("x = 2 ** true; y = -true; z = typeof false;", "x=2**!0;y=-!0;z=typeof!1;");
}

AO_TEST(js_syntax_true_stays_before_member_call_or_exponent)
{
  SYNTAX("x = true.toString(); y = false[k]; z = true ** 2; w = true`t`",
         "x=true.toString();y=false[k];z=true**2;w=true`t`");
}

AO_TEST(js_syntax_true_stays_as_property_name)
{
  SYNTAX("x = { true: 1, false() {} }; y = o.true; class C { true = 1 }",
         "x={true:1,false(){}};y=o.true;class C{true=1}");
}

AO_TEST(js_syntax_undefined_becomes_void_zero)
{
  SYNTAX("x = undefined; y = a === undefined; f(undefined)",
         "x=void 0;y=a===void 0;f(void 0)");
}

AO_TEST(js_syntax_undefined_stays_when_shadowed_or_assigned)
{
  SYNTAX("(function (undefined) { return undefined })", "(function(e){return e})");
  SYNTAX("undefined = 1; [undefined] = a; for (undefined in o);",
         "undefined=1;[undefined]=a;for(undefined in o);");
  SYNTAX("x = delete undefined; y = undefined.x; z = { undefined }",
         "x=delete undefined;y=undefined.x;z={undefined}");
}

AO_TEST(js_syntax_undefined_stays_under_with_and_eval)
{
  SYNTAX("with (o) { x = undefined }", "with(o)x=undefined");
  SYNTAX("(function () { eval(s); return undefined })", "(function(){eval(s);return undefined})");
}
