/* Unit tests: syntax compression of the renaming writer (AO_JS_ID_SYNTAX),
 * one rule per test, with the cases that must stay as they are. */
#include "../harness.h"

#include <assetopt/js_parse.h>

#include <stdlib.h>
#include <string.h>

static char *cmp_run(const char *s, unsigned flags)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_buf out = AO_BUF_INIT(0);
  ao_buf_puts(&out, "");
  ao_status st = ao_js_minify_idents(src, n, NULL, flags | AO_JS_ID_SYNTAX, &out,
                                     NULL);
  free(src);
  if(st) {
    ao_buf_free(&out);
    char *r = ao_malloc(16);
    memcpy(r, "<error>", 8);
    return r;
  }
  size_t len;
  return (char *)ao_buf_detach(&out, &len);
}

#define COMPRESSES(src, want)               \
  do {                                      \
    char *got_ = cmp_run((src), 0);         \
    CHECK_STR(got_, (want));                \
    ao_free(got_);                          \
  } while(0)

AO_TEST(js_compress_braces_of_one_statement_dropped)
{
  COMPRESSES("for(;;){x()}while(y){x()}do{x()}while(y);if(a){var v=1}",
             "for(;;)x();while(y)x();do x();while(y);if(a)var v=1");
}

AO_TEST(js_compress_braces_kept_for_declarations)
{
  COMPRESSES("if(a){let b=1}if(a){const c=1}if(a){function f(){}}"
             "if(a){class C{}}if(a){}",
             "if(a){let e=1}if(a){let e=1}if(a){function f(){}}"
             "if(a){class e{}}if(a){}");
}

AO_TEST(js_compress_dangling_else_keeps_braces)
{
  COMPRESSES("if(a){for(;;)if(!b)x(y)}else z()",
             "if(a)for(;;)b||x(y);else z()");
  COMPRESSES("if(a){for(;;)if(b)c=1}else z()",
             "if(a){for(;;)if(b)c=1}else z()");
  COMPRESSES("if(a){while(b)if(c)d=1}else z()",
             "if(a){while(b)if(c)d=1}else z()");
  /* an open statement keeps its braces wherever an else could follow */
  COMPRESSES("if(a)for(;;){if(b)c()}else d()", "if(a)for(;;){if(b)c()}else d()");
  COMPRESSES("if(a)if(b)c();else{if(d)e()}else f()",
             "if(a)if(b)c();else{if(d)e()}else f()");
  COMPRESSES("if(a){{if(b)c()}}else d()", "if(a){if(b)c()}else d()");
  COMPRESSES("if(a){if(b)c()}", "if(a){if(b)c()}");
}

AO_TEST(js_compress_negated_if_becomes_or)
{
  COMPRESSES("if(a)b();if(!a)b();if(!(a&&c))b();if(!!a)b()",
             "if(a)b();a||b();(a&&c)||b();!a||b()");
}

AO_TEST(js_compress_if_needing_parentheses_stays)
{
  COMPRESSES("if(a||c)b();if(a)b=1;if(a)b||c;if(a??c)b();if(!a)b??c",
             "if(a||c)b();if(a)b=1;if(a)b||c;if(a??c)b();if(!a)b??c");
}

AO_TEST(js_compress_if_else_becomes_conditional)
{
  COMPRESSES("if(a)b();else c()", "a?b():c()");
  COMPRESSES("if(a)b();else if(c)d();else e()", "a?b():c?d():e()");
  COMPRESSES("if(a)b=1;else b=2", "a?b=1:b=2");
  COMPRESSES("if(a=1)b();else c()", "if(a=1)b();else c()");
}

AO_TEST(js_compress_statement_start_rules)
{
  COMPRESSES("if(function(){}())b()", "if(function(){}())b()");
  COMPRESSES("if({}.x)b()", "if({}.x)b()");
}

AO_TEST(js_compress_expression_statements_joined_in_bodies)
{
  COMPRESSES("if(a){b();c()}for(;;){d();e()}", "if(a)b(),c();for(;;)d(),e()");
  COMPRESSES("if(a){b();var c}", "if(a){b();var c}");
}

AO_TEST(js_compress_inserted_semicolons_survive)
{
  COMPRESSES("if(!a){b()\n}\n(c)", "a||b();(c)");
  COMPRESSES("if(a){b()\n}\n(c)", "if(a)b();(c)");
  COMPRESSES("if(a)b()\nelse c()", "a?b():c()");
  COMPRESSES("var a=1\nvar b=2", "var a=1,b=2");
}

AO_TEST(js_compress_declarations_merged)
{
  COMPRESSES("var a=1;var b=2;let c;let d;const e=1;const f=2;var g",
             "var a=1,b=2;let c,d;const e=1,f=2;var g");
  COMPRESSES("let a;const b=1;var c", "let a;const b=1;var c");
}

AO_TEST(js_compress_numbers_shortest)
{
  COMPRESSES("x=[1000,0.50,1.0,0x10,1e21,100e-2,0.0,5..a,1.5e-7,017,1_000,10n]",
             "x=[1e3,.5,1,16,1e21,1,0,5 .a,15e-8,017,1_000,10n]");
}

AO_TEST(js_compress_off_without_syntax_flag)
{
  char *got = NULL;
  size_t n = strlen("if(a){b()}var c;var d");
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, "if(a){b()}var c;var d", n);
  ao_buf out = AO_BUF_INIT(0);
  ao_buf_puts(&out, "");
  CHECK(!ao_js_minify_idents(src, n, NULL, 0, &out, NULL));
  size_t len;
  got = (char *)ao_buf_detach(&out, &len);
  CHECK_STR(got, "if(a){b()}var c;var d");
  ao_free(got);
  free(src);
}

AO_TEST(js_compress_plain_block_of_one_statement)
{
  COMPRESSES("{a()}if(x){{return}}", "a();if(x)return");
  COMPRESSES("function f(){{'use strict'}return 1}",
             "function f(){{'use strict'}return 1}");
  COMPRESSES("if(a){{if(b)c=1}}else d()", "if(a){if(b)c=1}else d()");
}

AO_TEST(js_compress_new_without_arguments)
{
  COMPRESSES("x=new A();y=new a.b.C();z=new A().b;w=new A()();v=new A()`t`;"
             "u=new A(1);t=new (f())()",
             "x=new A;y=new a.b.C;z=new A().b;w=new A()();v=new A()`t`;"
             "u=new A(1);t=new(f())()");
}

AO_TEST(js_compress_bracket_string_becomes_dot)
{
  COMPRESSES("a['b'];a?.['c'];a['if'];a['1x'];a['b-c'];a[\"\\x41\"];1['a']",
             "a.b;a?.c;a.if;a['1x'];a['b-c'];a[\"\\x41\"];1 .a");
}

AO_TEST(js_compress_if_return_becomes_conditional_return)
{
  COMPRESSES("function f(){if(a)return b;return c}", "function f(){return a?b:c}");
  COMPRESSES("function f(){if(a)return b;else return c}",
             "function f(){return a?b:c}");
  COMPRESSES("function f(){if(a)return b;if(c)return d;return e}",
             "function f(){return a?b:c?d:e}");
  COMPRESSES("function f(){if(a){if(b)return c;return d}return e}",
             "function f(){return a?b?c:d:e}");
}

AO_TEST(js_compress_if_return_kept_when_it_would_change)
{
  COMPRESSES("function f(){if(a)return;return c}", "function f(){if(a)return;return c}");
  COMPRESSES("function f(){if(a)return b,c;return d}",
             "function f(){if(a)return b,c;return d}");
  COMPRESSES("function f(){if(a=1)return b;return d}",
             "function f(){if(a=1)return b;return d}");
  COMPRESSES("function f(){if(a)return b;x();return d}",
             "function f(){if(a)return b;x();return d}");
  COMPRESSES("function f(){if(a)return b\nreturn c}", "function f(){return a?b:c}");
}

AO_TEST(js_compress_typeof_strict_equality_loosened)
{
  COMPRESSES("x=typeof a==='s';y='s'!==typeof a;z=a&&typeof b==='s'||c",
             "x=typeof a=='s';y='s'!=typeof a;z=a&&typeof b=='s'||c");
  COMPRESSES("x=typeof a==='s'===b;y=c<typeof a==='s';z=typeof a==='s'+d;"
             "w=typeof a===b",
             "x=typeof a=='s'===b;y=c<typeof a==='s';z=typeof a==='s'+d;"
             "w=typeof a===b");
}

AO_TEST(js_compress_string_concatenation_joined)
{
  COMPRESSES("x='a'+'b'+'c';y=z+'a'+'b';w=f('a'+'b')", "x='abc';y=z+'ab';w=f('ab')");
  COMPRESSES("x='a'+'b'*c;y=z-'a'+'b';v='a'+\"b\";u='\\0'+'1';t=c*'a'+'b'",
             "x='a'+'b'*c;y=z-'a'+'b';v='a'+\"b\";u='\\0'+'1';t=c*'a'+'b'");
  COMPRESSES("function f(){'use '+'strict';return this}",
             "function f(){'use '+'strict';return this}");
}

AO_TEST(js_compress_arrow_parameter_parentheses)
{
  COMPRESSES("f((a)=>a,async(b)=>b,(c,d)=>c,(...e)=>e,([g])=>g,(h=1)=>h)",
             "f(e=>e,async e=>e,(e,t)=>e,(...e)=>e,([e])=>e,(e=1)=>e)");
}

AO_TEST(js_compress_quoted_property_keys)
{
  COMPRESSES("x={'a':1,'b-c':2,'if':3,'get':4,\"d\"(){},'1':5};"
             "class C{'e'(){}'static'(){}}({'f':y}=z)",
             "x={a:1,'b-c':2,if:3,'get':4,d(){},'1':5};"
             "class C{e(){}'static'(){}}({f:y}=z)");
}

AO_TEST(js_compress_literal_after_postfix_line)
{
  /* a ';' inserted before true: the ++ before it ends another statement,
   * so the literal shortens as it would after a written ';' */
  COMPRESSES("a++\ntrue\nb--\nfalse", "a++;!0;b--;!1");
}

AO_TEST(js_compress_var_of_plain_block_merges)
{
  /* a plain block's lone var, once its braces go, merges like any other
   * (minifying the output again changes nothing) */
  COMPRESSES("var a=1;{var b=2}{var c=3}var d=4;{x()}{var e=5}",
             "var a=1,b=2,c=3,d=4;x();var e=5");
  COMPRESSES("var a=1,b=2,c=3,d=4;x();var e=5", "var a=1,b=2,c=3,d=4;x();var e=5");
}

AO_TEST(js_compress_const_becomes_let_when_never_assigned)
{
  COMPRESSES("function f(){const a=1,b=2;return a+b}",
             "function f(){let e=1,t=2;return e+t}");
  /* members of the value may change; the binding does not */
  COMPRESSES("function f(){const a={};a.b=1;a[0]=2;a.c++;a[1]++;return a}",
             "function f(){let e={};e.b=1;e[0]=2;e.c++;e[1]++;return e}");
  COMPRESSES("function f(x){const i=0;x[i]=1;const j=0;[x[j]]=x;return j}",
             "function f(e){let t=0;e[t]=1;let n=0;[e[n]]=e;return n}");
  COMPRESSES("function f(x){for(const k in x)g(k);for(const v of x)g(v)}",
             "function f(e){for(let t in e)g(t);for(let t of e)g(t)}");
  /* let and const side by side become one statement */
  COMPRESSES("function f(){let a=g()\nconst b=2\nlet c=3\nreturn a+b+c}",
             "function f(){let e=g(),t=2,n=3;return e+t+n}");
  /* assigned: the TypeError stays */
  COMPRESSES("function f(){const a=1;a=2}", "function f(){const e=1;e=2}");
  COMPRESSES("function f(){const a=1;a++}", "function f(){const e=1;e++}");
  COMPRESSES("function f(){const a=1;a+=1}", "function f(){const e=1;e+=1}");
  COMPRESSES("function f(x){const a=1;[a]=x}", "function f(e){const t=1;[t]=e}");
  COMPRESSES("function f(x){const a=1;({a}=x)}",
             "function f(e){const t=1;({a:t}=e)}");
  COMPRESSES("function f(x){const a=1;for(a of x);}",
             "function f(e){const t=1;for(t of e);}");
  /* an array pattern right after a statement head is no member access */
  COMPRESSES("function f(x,a){const i=0;if(x)[i]=a;return i}",
             "function f(e,t){const n=0;if(e)[n]=t;return n}");
  COMPRESSES("function f(x){const i=0;x.y[i]=2;f()[i]=3;new x[i];return i}",
             "function f(e){let t=0;e.y[t]=2;f()[t]=3;new e[t];return t}");
  /* one assigned binding keeps the whole merged statement const */
  COMPRESSES("function f(){const a=1;const b=2;b=3;return a}",
             "function f(){const e=1,t=2;t=3;return e}");
  COMPRESSES("function f(){let a=1;const b=2;b=3;return a}",
             "function f(){let e=1;const t=2;t=3;return e}");
  /* names some other code may reach stay const */
  COMPRESSES("function f(){const a=1;eval(\"a=2\")}",
             "function f(){const a=1;eval(\"a=2\")}");
  COMPRESSES("function f(o){const a=1;with(o){a}}", "function f(e){const a=1;with(e)a}");
  COMPRESSES("const a=1;const b=2", "const a=1,b=2");
}

AO_TEST(js_compress_blocks_in_statement_lists_flattened)
{
  COMPRESSES("function f(){{a();b()}{var x=1;c(x)}}",
             "function f(){a();b();var e=1;c(e)}");
  COMPRESSES("a()\n{b()}\nc()", "a();b();c()");
  COMPRESSES("switch(x){case 1:{a();b()}case 2:{let y;g(y)}}",
             "switch(x){case 1:a();b();case 2:{let e;g(e)}}");
  /* the statements join their new neighbours */
  COMPRESSES("if(a){{b();c()}}else{{d()}}", "if(a)b(),c();else d()");
  COMPRESSES("var a=1;{var b=2;c()}", "var a=1,b=2;c()");
  COMPRESSES("function f(){if(a)return 1;{return 2}}", "function f(){return a?1:2}");
  /* a block scope that holds something stays, and so does a labelled
     block and a string that would become a directive */
  COMPRESSES("{let x=1;a()}{function g(){}b()}{class C{}c()}{\"s\";x()}",
             "{let e=1;a()}{function g(){}b()}{class e{}c()}{\"s\";x()}");
  COMPRESSES("function f(){{x=function(){};y()}{z();x=class{}}}",
             "function f(){x=function(){},y();z(),x=class{}}");
  COMPRESSES("l:{a();break l}", "e:{a();break e}");
}

AO_TEST(js_compress_jumps_that_do_nothing_go)
{
  COMPRESSES("function f(){a();return}", "function f(){a()}");
  COMPRESSES("function f(){a()\nreturn\n}", "function f(){a()}");
  COMPRESSES("function f(x){switch(x){case 1:a();break;case 2:{b();break}"
             "default:c();break}}",
             "function f(e){switch(e){case 1:a();break;case 2:b();break;default:c()}}");
  COMPRESSES("for(;;){a();continue}", "for(;;)a();");
  COMPRESSES("do{a();continue;continue}while(x)", "do a();while(x)");
  COMPRESSES("do{a();{b();continue}}while(x)", "do a(),b();while(x)");
  COMPRESSES("for(;;){continue}", "for(;;){}");
  /* a jump somewhere else, or to a label, stays */
  COMPRESSES("function f(x){switch(x){case 1:{a();break}case 2:b()}}",
             "function f(e){switch(e){case 1:a();break;case 2:b()}}");
  COMPRESSES("l:for(;;){a();continue l}", "e:for(;;){a();continue e}");
  COMPRESSES("x:switch(a){case 1:break x}", "e:switch(a){case 1:break e}");
  COMPRESSES("for(;;){if(a)continue}", "for(;;){if(a)continue}");
  COMPRESSES("function f(){var a;return;var b}", "function f(){var e;return;var t}");
  COMPRESSES("function f(){for(;;){switch(x){case 1:continue}}}",
             "function f(){for(;;)switch(x){case 1:continue}}");
  COMPRESSES("function f(){return 1}", "function f(){return 1}");
}

AO_TEST(js_compress_else_after_a_leaving_statement_goes)
{
  COMPRESSES("function f(c){if(c){a();return 1}else{b();return 2}}",
             "function f(e){if(e){a();return 1}b();return 2}");
  COMPRESSES("function f(c){if(c)throw e;else b()}", "function f(t){if(t)throw e;b()}");
  COMPRESSES("for(;;){if(c)break;else{a();b()}}", "for(;;){if(c)break;a();b()}");
  COMPRESSES("function f(c){if(c)return;else var x=1;var y=2;return x+y}",
             "function f(e){if(e)return;var t=1,n=2;return t+n}");
  COMPRESSES("function f(c){if(c)return 1;else if(d)return 2;else return 3}",
             "function f(e){return e?1:d?2:3}");
  COMPRESSES("function f(){if(a)return b;else{c();return d}}",
             "function f(){if(a)return b;c();return d}");
  COMPRESSES("function f(c){if(c){a();return 1}\nelse\n{b()}\n}",
             "function f(e){if(e){a();return 1}b()}");
  /* a block scope stays a block */
  COMPRESSES("function f(c){if(c){return}else{let x=1;g(x)}}",
             "function f(e){if(e)return;{let e=1;g(e)}}");
  /* a function declaration, a labelled statement, an if that may not
     leave, an if in a body position keep their else */
  COMPRESSES("function f(c){if(c)return;else function g(){}}",
             "function f(e){if(e)return;else function t(){}}");
  COMPRESSES("function f(){if(a){return}else l:b()}", "function f(){if(a)return;else e:b()}");
  COMPRESSES("if(a){if(b)return}else c()", "if(a){if(b)return}else c()");
  COMPRESSES("function f(){x:if(a)return;else b()}", "function f(){e:if(a)return;else b()}");
  COMPRESSES("do if(a)continue;else b();while(c)", "do if(a)continue;else b();while(c)");
}

AO_TEST(js_compress_arrow_body_of_one_return_becomes_expression)
{
  COMPRESSES("f(x=>{return y\n})", "f(e=>y)");
  COMPRESSES("f(x=>{return y;})", "f(e=>y)");
  COMPRESSES("f=x=>{return y}\n(z)", "f=e=>y;(z)");
  COMPRESSES("f(async x=>{return await y})", "f(async e=>await y)");
  COMPRESSES("f(x=>{return x=>{return x}})", "f(e=>e=>e)");
  COMPRESSES("f(x=>{if(a)return b;return c})", "f(e=>a?b:c)");
  COMPRESSES("f(x=>{if(a)return{};return c})", "f(e=>a?{}:c)");
  /* an object literal first would read as a block; a comma expression
     would end the arrow; 'in' may not appear in a for head */
  COMPRESSES("f(x=>{return{a:1}})", "f(e=>{return{a:1}})");
  COMPRESSES("f(x=>{if({}.a)return b;return c})", "f(e=>{return{}.a?b:c})");
  COMPRESSES("f(x=>{return a,b})", "f(e=>{return a,b})");
  COMPRESSES("for(let g=x=>{return a in b};;);", "for(let e=e=>{return a in b};;);");
  COMPRESSES("f(x=>{\"use strict\";return y})", "f(e=>{\"use strict\";return y})");
  COMPRESSES("f(()=>{return})", "f(()=>{})");
}
