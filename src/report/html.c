/* The HTML report: one self-contained file (inline CSS and JS, data as
 * JSON in the page, no network) with a zoomable treemap of the output by
 * folder and file, colour by type, budget status and a sortable table. */
#include "report_int.h"

#include <string.h>

static const char page_head[] =
  "<!DOCTYPE html>\n"
  "<html lang=\"en\">\n"
  "<head>\n"
  "<meta charset=\"utf-8\">\n"
  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
  "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n";

static const char page_style[] =
  "<style>\n"
  "*{box-sizing:border-box}\n"
  "body{margin:0;font:13px/1.4 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d1d1f;background:#fafafa}\n"
  "header{padding:12px 16px;background:#fff;border-bottom:1px solid #ddd;display:flex;flex-wrap:wrap;gap:8px 24px;align-items:baseline}\n"
  "h1{font-size:16px;margin:0}\n"
  "h2{font-size:14px;margin:20px 16px 8px}\n"
  ".muted{color:#666}\n"
  "#crumbs{padding:8px 16px;font-size:13px}\n"
  "#crumbs a{color:#0b57d0;cursor:pointer;text-decoration:underline}\n"
  "#map{position:relative;height:62vh;min-height:320px;margin:0 16px;background:#fff;border:1px solid #ccc;overflow:hidden}\n"
  ".cell{position:absolute;overflow:hidden;border:1px solid rgba(255,255,255,.85);font-size:11px;line-height:14px;color:#111}\n"
  ".cell.dir{background:#e9e9ee;cursor:zoom-in}\n"
  ".cell.dir>.lbl{display:block;height:16px;padding:1px 4px;font-weight:600;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;background:rgba(0,0,0,.06)}\n"
  ".cell.file{padding:2px 4px;white-space:nowrap;text-overflow:ellipsis}\n"
  ".cell.file.over{box-shadow:inset 0 0 0 3px #c00}\n"
  ".cell.file:hover,.cell.dir:hover>.lbl{filter:brightness(.92)}\n"
  "#legend{display:flex;flex-wrap:wrap;gap:12px;margin:8px 16px}\n"
  "#legend span{display:inline-flex;align-items:center;gap:4px}\n"
  "#legend i{display:inline-block;width:12px;height:12px;border:1px solid #999}\n"
  "select{font:inherit}\n"
  "table{border-collapse:collapse;margin:0 16px 24px;background:#fff;min-width:60%}\n"
  "th,td{padding:3px 10px;border-bottom:1px solid #eee;text-align:right;white-space:nowrap}\n"
  "th{cursor:pointer;user-select:none;background:#f0f0f3;position:sticky;top:0}\n"
  "th:first-child,td:first-child,th:nth-child(2),td:nth-child(2){text-align:left}\n"
  "th.asc::after{content:\" \\25B2\"}\n"
  "th.desc::after{content:\" \\25BC\"}\n"
  "tr.over td{color:#b00}\n"
  ".ok{color:#137333}.bad{color:#b00;font-weight:600}\n"
  "#budgets{margin:0 16px;padding:0;list-style:none}\n"
  "#budgets li{padding:2px 0}\n"
  "</style>\n";

static const char page_body[] =
  "</head>\n"
  "<body>\n"
  "<header>\n"
  "<h1 id=\"title\"></h1>\n"
  "<span id=\"totals\" class=\"muted\"></span>\n"
  "<label>size: <select id=\"measure\"><option value=\"r\">optimized (raw)</option><option value=\"g\">gzip</option><option value=\"b\">brotli</option></select></label>\n"
  "</header>\n"
  "<div id=\"crumbs\"></div>\n"
  "<div id=\"map\" role=\"img\" aria-label=\"treemap of the output by folder and file\"></div>\n"
  "<div id=\"legend\"></div>\n"
  "<h2>Budgets</h2>\n"
  "<ul id=\"budgets\"></ul>\n"
  "<h2>Files</h2>\n"
  "<table id=\"files\"><thead><tr><th data-k=\"p\">file</th><th data-k=\"k\">type</th><th data-k=\"o\">original</th><th data-k=\"r\">optimized</th><th data-k=\"g\">gzip</th><th data-k=\"b\">brotli</th><th data-k=\"sv\">saving</th></tr></thead><tbody></tbody></table>\n";

static const char page_script[] =
  "(function () {\n"
  "  \"use strict\";\n"
  "  var D = JSON.parse(document.getElementById(\"data\").textContent);\n"
  "  var COLORS = { script: \"#f2c94c\", stylesheet: \"#6fa8dc\", image: \"#93c47d\", font: \"#c27ba0\",\n"
  "    document: \"#f6a26b\", media: \"#b4a7d6\", other: \"#cccccc\" };\n"
  "  var measure = D.measure === \"raw\" ? \"r\" : D.measure === \"brotli\" ? \"b\" : \"g\";\n"
  "  var root = null, zoom = null;\n"
  "\n"
  "  function human(n) {\n"
  "    if (n < 1000) return n + \" B\";\n"
  "    if (n < 1e6) return (n / 1e3).toFixed(1) + \" kB\";\n"
  "    if (n < 1e9) return (n / 1e6).toFixed(2) + \" MB\";\n"
  "    return (n / 1e9).toFixed(2) + \" GB\";\n"
  "  }\n"
  "  function el(tag, cls, text) {\n"
  "    var e = document.createElement(tag);\n"
  "    if (cls) e.className = cls;\n"
  "    if (text != null) e.textContent = text;\n"
  "    return e;\n"
  "  }\n"
  "\n"
  "  function build() {\n"
  "    var r = { name: D.title || \"/\", path: \"\", dirs: {}, kids: [], size: 0, parent: null };\n"
  "    D.files.forEach(function (f) {\n"
  "      var parts = f.p.split(\"/\"), node = r;\n"
  "      for (var i = 0; i < parts.length - 1; i++) {\n"
  "        var name = parts[i];\n"
  "        if (!node.dirs[name]) {\n"
  "          var d = { name: name, path: (node.path ? node.path + \"/\" : \"\") + name, dirs: {}, kids: [], size: 0, parent: node };\n"
  "          node.dirs[name] = d;\n"
  "          node.kids.push(d);\n"
  "        }\n"
  "        node = node.dirs[name];\n"
  "      }\n"
  "      node.kids.push({ name: parts[parts.length - 1], path: f.p, file: f, size: 0, parent: node });\n"
  "    });\n"
  "    return r;\n"
  "  }\n"
  "  function sizeOf(node) {\n"
  "    if (node.file) return (node.size = node.file[measure]);\n"
  "    var s = 0;\n"
  "    node.kids.forEach(function (k) { s += sizeOf(k); });\n"
  "    return (node.size = s);\n"
  "  }\n"
  "\n"
  "  /* squarified treemap: rows whose worst aspect ratio stops improving */\n"
  "  function squarify(items, x, y, w, h) {\n"
  "    var out = [], total = 0;\n"
  "    items.forEach(function (it) { total += it.v; });\n"
  "    if (!(w > 0 && h > 0) || !(total > 0)) {\n"
  "      items.forEach(function (it) { out.push({ n: it.n, x: x, y: y, w: 0, h: 0 }); });\n"
  "      return out;\n"
  "    }\n"
  "    var scale = w * h / total, row = [], i = 0;\n"
  "    var list = items.map(function (it) { return { n: it.n, a: it.v * scale }; });\n"
  "    function worst(r, side) {\n"
  "      var s = 0, mx = 0, mn = Infinity;\n"
  "      r.forEach(function (q) { s += q.a; mx = Math.max(mx, q.a); mn = Math.min(mn, q.a); });\n"
  "      if (!(s > 0) || !(mn > 0)) return Infinity;\n"
  "      return Math.max(side * side * mx / (s * s), s * s / (side * side * mn));\n"
  "    }\n"
  "    function flush() {\n"
  "      var s = 0;\n"
  "      row.forEach(function (q) { s += q.a; });\n"
  "      if (w >= h) {\n"
  "        var cw = h > 0 ? s / h : 0, yy = y;\n"
  "        row.forEach(function (q) { var hh = cw > 0 ? q.a / cw : 0; out.push({ n: q.n, x: x, y: yy, w: cw, h: hh }); yy += hh; });\n"
  "        x += cw; w -= cw;\n"
  "      } else {\n"
  "        var ch = w > 0 ? s / w : 0, xx = x;\n"
  "        row.forEach(function (q) { var ww = ch > 0 ? q.a / ch : 0; out.push({ n: q.n, x: xx, y: y, w: ww, h: ch }); xx += ww; });\n"
  "        y += ch; h -= ch;\n"
  "      }\n"
  "      row = [];\n"
  "    }\n"
  "    while (i < list.length) {\n"
  "      var side = Math.min(w, h);\n"
  "      if (!row.length || worst(row.concat([list[i]]), side) <= worst(row, side)) row.push(list[i++]);\n"
  "      else flush();\n"
  "    }\n"
  "    if (row.length) flush();\n"
  "    return out;\n"
  "  }\n"
  "\n"
  "  function draw(node, box, x, y, w, h) {\n"
  "    var kids = node.kids.slice().sort(function (a, b) { return b.size - a.size || (a.path < b.path ? -1 : 1); });\n"
  "    /* every file gets a cell, however small */\n"
  "    var items = kids.map(function (k) { return { n: k, v: Math.max(k.size, node.size * 1e-6, 1e-9) }; });\n"
  "    squarify(items, x, y, w, h).forEach(function (r) {\n"
  "      var k = r.n, c;\n"
  "      if (k.file) {\n"
  "        var f = k.file;\n"
  "        c = el(\"div\", \"cell file\" + (f.s === 1 ? \" over\" : \"\"));\n"
  "        c.style.background = COLORS[f.t] || COLORS.other;\n"
  "        c.dataset.path = f.p;\n"
  "        c.title = f.p + \"\\n\" + f.k + \" · optimized \" + human(f.r) + \" · gzip \" + human(f.g) +\n"
  "          \" · brotli \" + human(f.b) + (f.s === 1 ? \"\\nover budget\" : \"\");\n"
  "        if (r.w > 40 && r.h > 14) c.textContent = k.name;\n"
  "      } else {\n"
  "        c = el(\"div\", \"cell dir\");\n"
  "        c.dataset.path = k.path;\n"
  "        c.title = k.path + \"/ · \" + human(k.size);\n"
  "        var label = el(\"span\", \"lbl\", k.name + \"/ \" + human(k.size));\n"
  "        c.appendChild(label);\n"
  "        c.addEventListener(\"click\", function (ev) { ev.stopPropagation(); zoomTo(k); });\n"
  "      }\n"
  "      c.style.left = r.x + \"px\"; c.style.top = r.y + \"px\";\n"
  "      c.style.width = Math.max(r.w, 0) + \"px\"; c.style.height = Math.max(r.h, 0) + \"px\";\n"
  "      box.appendChild(c);\n"
  "      if (!k.file) {\n"
  "        var lh = r.h > 34 && r.w > 30 ? 16 : 0;\n"
  "        draw(k, box, r.x + 1, r.y + lh + 1, Math.max(r.w - 2, 0), Math.max(r.h - lh - 2, 0));\n"
  "      }\n"
  "    });\n"
  "  }\n"
  "\n"
  "  function crumbs() {\n"
  "    var c = document.getElementById(\"crumbs\");\n"
  "    c.textContent = \"\";\n"
  "    var chain = [], n = zoom;\n"
  "    while (n) { chain.unshift(n); n = n.parent; }\n"
  "    chain.forEach(function (node, i) {\n"
  "      if (i) c.appendChild(document.createTextNode(\" / \"));\n"
  "      var label = i ? node.name : \"(root)\";\n"
  "      if (i < chain.length - 1) {\n"
  "        var a = el(\"a\", null, label);\n"
  "        a.addEventListener(\"click\", function () { zoomTo(node); });\n"
  "        c.appendChild(a);\n"
  "      } else {\n"
  "        c.appendChild(el(\"strong\", null, label));\n"
  "      }\n"
  "    });\n"
  "    c.appendChild(document.createTextNode(\"  (\" + human(zoom.size) + \")\"));\n"
  "  }\n"
  "\n"
  "  function render() {\n"
  "    var map = document.getElementById(\"map\");\n"
  "    map.textContent = \"\";\n"
  "    sizeOf(root);\n"
  "    draw(zoom, map, 0, 0, map.clientWidth, map.clientHeight);\n"
  "    crumbs();\n"
  "  }\n"
  "  function zoomTo(node) { zoom = node; render(); }\n"
  "\n"
  "  function legend() {\n"
  "    var l = document.getElementById(\"legend\"), seen = {};\n"
  "    D.files.forEach(function (f) { seen[f.t] = true; });\n"
  "    Object.keys(COLORS).forEach(function (t) {\n"
  "      if (!seen[t]) return;\n"
  "      var s = el(\"span\"), i = el(\"i\");\n"
  "      i.style.background = COLORS[t];\n"
  "      s.appendChild(i); s.appendChild(document.createTextNode(t));\n"
  "      l.appendChild(s);\n"
  "    });\n"
  "    if (D.files.some(function (f) { return f.s === 1; })) {\n"
  "      var s = el(\"span\"), i = el(\"i\");\n"
  "      i.style.boxShadow = \"inset 0 0 0 3px #c00\";\n"
  "      s.appendChild(i); s.appendChild(document.createTextNode(\"over budget\"));\n"
  "      l.appendChild(s);\n"
  "    }\n"
  "  }\n"
  "\n"
  "  function budgets() {\n"
  "    var ul = document.getElementById(\"budgets\");\n"
  "    if (!D.budgets || !D.budgets.length) { ul.appendChild(el(\"li\", \"muted\", \"no budget checked\")); return; }\n"
  "    D.budgets.forEach(function (b) {\n"
  "      var li = el(\"li\");\n"
  "      li.appendChild(el(\"span\", b.over ? \"bad\" : \"ok\", b.over ? \"over \" : \"ok \"));\n"
  "      li.appendChild(document.createTextNode(b.rule + \": \" + (b.count ? b.actual + \" files\" : human(b.actual)) +\n"
  "        \" of \" + b.limitText));\n"
  "      ul.appendChild(li);\n"
  "    });\n"
  "  }\n"
  "\n"
  "  var sortKey = measure, sortDir = -1;\n"
  "  function table() {\n"
  "    var tb = document.querySelector(\"#files tbody\");\n"
  "    tb.textContent = \"\";\n"
  "    var rows = D.files.slice();\n"
  "    rows.forEach(function (f) { f.sv = f.o ? (f.o - f.r) / f.o : 0; });\n"
  "    rows.sort(function (a, b) {\n"
  "      var x = a[sortKey], y = b[sortKey];\n"
  "      var c = typeof x === \"string\" ? (x < y ? -1 : x > y ? 1 : 0) : x - y;\n"
  "      return c * sortDir || (a.p < b.p ? -1 : 1);\n"
  "    });\n"
  "    rows.forEach(function (f) {\n"
  "      var tr = el(\"tr\", f.s === 1 ? \"over\" : null);\n"
  "      tr.appendChild(el(\"td\", null, f.p));\n"
  "      tr.appendChild(el(\"td\", null, f.k));\n"
  "      [f.o, f.r, f.g, f.b].forEach(function (v) { tr.appendChild(el(\"td\", null, human(v))); });\n"
  "      tr.appendChild(el(\"td\", null, (f.sv * 100).toFixed(1) + \"%\"));\n"
  "      tb.appendChild(tr);\n"
  "    });\n"
  "    document.querySelectorAll(\"#files th\").forEach(function (th) {\n"
  "      th.className = th.dataset.k === sortKey ? (sortDir > 0 ? \"asc\" : \"desc\") : \"\";\n"
  "    });\n"
  "  }\n"
  "\n"
  "  document.querySelectorAll(\"#files th\").forEach(function (th) {\n"
  "    th.addEventListener(\"click\", function () {\n"
  "      var k = th.dataset.k;\n"
  "      if (k === sortKey) sortDir = -sortDir;\n"
  "      else { sortKey = k; sortDir = k === \"p\" || k === \"k\" ? 1 : -1; }\n"
  "      table();\n"
  "    });\n"
  "  });\n"
  "  var sel = document.getElementById(\"measure\");\n"
  "  sel.value = measure;\n"
  "  sel.addEventListener(\"change\", function () { measure = sel.value; render(); });\n"
  "  window.addEventListener(\"resize\", render);\n"
  "\n"
  "  document.title = (D.title ? D.title + \" · \" : \"\") + \"assetopt sizes\";\n"
  "  document.getElementById(\"title\").textContent = document.title;\n"
  "  var t = D.total;\n"
  "  document.getElementById(\"totals\").textContent = D.files.length + \" files · original \" + human(t.o) +\n"
  "    \" · optimized \" + human(t.r) + \" · gzip \" + human(t.g) + \" · brotli \" + human(t.b);\n"
  "  root = build();\n"
  "  zoom = root;\n"
  "  legend();\n"
  "  budgets();\n"
  "  table();\n"
  "  render();\n"
  "})();\n";

/* Budget status of a file: 1 when a failing rule names it or counts it
 * among its largest contributors, 0 otherwise. */
static int over_budget(const ao_budget_report *r, const char *path)
{
  for(size_t i = 0; r && i < r->n; i++) {
    const ao_budget_result *x = &r->items[i];
    if(!x->over)
      continue;
    if(!strcmp(x->file, path))
      return 1;
    for(size_t k = 0; k < x->ntop; k++)
      if(!strcmp(x->top[k].path, path))
        return 1;
  }
  return 0;
}

static void data_json(const ao_assets *a, const ao_report_opts *o, ao_buf *b)
{
  ao__report_sum total = { 0 };
  for(size_t i = 0; i < a->n; i++)
    ao__report_add(&total, &a->items[i]);
  ao_buf_puts(b, "{\"title\": ");
  ao__budget_json_str(b, o->title ? o->title : "");
  ao_buf_printf(b, ", \"measure\": \"%s\", \"generator\": \"assetopt %s\", "
                "\"total\": {\"o\": %llu, \"r\": %llu, \"g\": %llu, \"b\": %llu}"
                ", \"files\": [", ao_measure_name(o->measure), AO_VERSION,
                (unsigned long long)total.original,
                (unsigned long long)total.raw, (unsigned long long)total.gzip,
                (unsigned long long)total.brotli);
  for(size_t i = 0; i < a->n; i++) {
    const ao_asset *x = &a->items[i];
    ao_buf_puts(b, i ? ",\n{\"p\": " : "\n{\"p\": ");
    ao__budget_json_str(b, x->path);
    ao_buf_printf(b, ", \"k\": \"%s\", \"t\": \"%s\", \"o\": %llu, \"r\": %llu, "
                  "\"g\": %llu, \"b\": %llu, \"s\": %d}", ao_kind_name(x->kind),
                  ao_rtype_name(ao_rtype_of_kind(x->kind)),
                  (unsigned long long)x->original, (unsigned long long)x->raw,
                  (unsigned long long)x->gzip, (unsigned long long)x->brotli,
                  over_budget(o->budget, x->path));
  }
  ao_buf_puts(b, "], \"budgets\": [");
  for(size_t i = 0; o->budget && i < o->budget->n; i++) {
    const ao_budget_result *x = &o->budget->items[i];
    ao_buf_puts(b, i ? ",\n{\"rule\": " : "\n{\"rule\": ");
    ao__budget_json_str(b, x->name);
    ao_buf_puts(b, ", \"limitText\": ");
    ao__budget_json_str(b, x->rule->limit_text ? x->rule->limit_text : "");
    ao_buf_printf(b, ", \"actual\": %llu, \"limit\": %llu, \"count\": %s, "
                  "\"over\": %s}", (unsigned long long)x->actual,
                  (unsigned long long)x->rule->limit,
                  x->rule->count ? "true" : "false", x->over ? "true" : "false");
  }
  ao_buf_puts(b, "]}");
}

ao_status ao_report_html(const ao_assets *a, const ao_report_opts *o,
                         ao_buf *out)
{
  ao_report_opts def;
  if(!o) {
    ao_report_opts_init(&def);
    o = &def;
  }
  ao_buf data = AO_BUF_INIT(0);
  data_json(a, o, &data);
  if(data.err) {
    ao_status s = data.err;
    ao_buf_free(&data);
    return s;
  }
  ao_buf_puts(out, page_head);
  ao_buf_puts(out, "<title>");
  ao__budget_xml_str(out, o->title && *o->title ? o->title : "assetopt sizes");
  ao_buf_puts(out, "</title>\n");
  ao_buf_puts(out, page_style);
  ao_buf_puts(out, page_body);
  ao_buf_puts(out, "<script type=\"application/json\" id=\"data\">");
  /* '<' only occurs inside JSON strings: escape it so no "</script>" or
   * "<!--" can end the element early */
  for(size_t i = 0; i < data.len; i++) {
    if(data.data[i] == '<')
      ao_buf_puts(out, "\\u003c");
    else
      ao_buf_putc(out, data.data[i]);
  }
  ao_buf_puts(out, "</script>\n<script>\n");
  ao_buf_puts(out, page_script);
  ao_buf_puts(out, "</script>\n</body>\n</html>\n");
  ao_buf_free(&data);
  return out->err;
}
