"""JSON minification against Python's json: the minified text parses to the
same values, with numbers and strings spelled exactly as before, member
order and duplicates kept; invalid JSON is an error with line:col."""
import glob
import json
import os
import tempfile

import aotest


def _exact(text):
    # numbers as their spelling, objects as ordered pairs (duplicates kept)
    return json.loads(text, parse_float=lambda s: ("num", s), parse_int=lambda s: ("num", s),
                      parse_constant=lambda s: ("const", s), object_pairs_hook=list)


def _files():
    files = sorted(f for f in glob.glob(os.path.join(aotest.TESTDATA, "minify", "json", "*"))
                   if not f.endswith(".expected"))
    c = aotest.corpus()
    if c:
        for ext in ("json", "webmanifest", "map"):
            files += sorted(glob.glob(os.path.join(c, "**", "*." + ext), recursive=True))
    return files


def test_json_values_and_spelling_kept():
    tmp = tempfile.mkdtemp(prefix="aojson-")
    for f in _files():
        out = os.path.join(tmp, "out.json")
        aotest.run("minify", "--type", "json", f, "-o", out, check=0)
        a = open(f, "rb").read()
        b = open(out, "rb").read()
        assert len(b) <= len(a), f
        ta, tb = a.decode("utf-8-sig"), b.decode("utf-8-sig")
        assert _exact(ta) == _exact(tb), f
        assert not any(c in tb for c in "\n\t") or "\n" in ta, f
        # nothing but whitespace outside strings went away
        assert json.dumps(json.loads(ta)) == json.dumps(json.loads(tb)), f


def test_json_invalid_is_an_error_with_position():
    tmp = tempfile.mkdtemp(prefix="aojson-")
    cases = [('{"a": 1,}', "1:9"), ('[1,\n 2,\n 3', "3:3"), ("{'a': 1}", "1:2"),
             ("[1] [2]", "1:5"), ('"\\x"', "1:2")]
    for text, pos in cases:
        src = os.path.join(tmp, "bad.json")
        with open(src, "w") as fh:
            fh.write(text)
        out = os.path.join(tmp, "out.json")
        p = aotest.run("minify", src, "-o", out)
        assert p.returncode != 0, text
        assert f"{src}:{pos}: error:" in p.stderr, (text, p.stderr)
        assert not os.path.exists(out)
