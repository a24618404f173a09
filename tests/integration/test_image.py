"""assetopt image: files and pipes, exit codes, options, metadata handling.
Pixel equality is checked by the unit tests (tests/unit/image); these test
the command line around it."""
import os
import struct
import subprocess

import aotest

IMG = os.path.join(aotest.TESTDATA, "image")


def _run_bytes(args, data=None):
    return subprocess.run([aotest.BIN, *args], input=data, capture_output=True,
                          timeout=120)


def _chunks(png):
    out, p = [], 8
    while p + 12 <= len(png):
        n = struct.unpack(">I", png[p:p + 4])[0]
        out.append(png[p + 4:p + 8].decode("latin-1"))
        p += n + 12
    return out


def _src(name):
    with open(os.path.join(IMG, name), "rb") as f:
        return f.read()


def test_png_to_file_is_smaller_and_valid():
    d = aotest.tmpdir()
    out = os.path.join(d, "o.png")
    p = aotest.run("image", os.path.join(IMG, "rgb.png"), "-o", out, check=0)
    data = open(out, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert len(data) < len(_src("rgb.png"))
    c = _chunks(data)
    assert c[0] == "IHDR" and c[-1] == "IEND" and "IDAT" in c
    assert "tEXt" not in c and "iCCP" in c, c
    assert "rgb.png" in p.stderr


def test_pipe_stdin_to_stdout():
    src = _src("few_colours.png")
    p = _run_bytes(["image", "-q"], src)
    assert p.returncode == 0, p.stderr
    assert p.stdout[:8] == b"\x89PNG\r\n\x1a\n" and len(p.stdout) <= len(src)
    assert p.stderr == b""
    j = _src("photo.jpg")
    p = _run_bytes(["image", "-", "-q"], j)
    assert p.returncode == 0 and p.stdout[:3] == b"\xff\xd8\xff"
    assert len(p.stdout) <= len(j)


def test_keep_metadata():
    src = _src("rgb.png")
    p = _run_bytes(["image", "-q", "--keep-metadata"], src)
    assert p.returncode == 0
    assert "tEXt" in _chunks(p.stdout) and "tIME" in _chunks(p.stdout)
    j = _src("orient6.jpg")
    plain = _run_bytes(["image", "-q"], j).stdout
    kept = _run_bytes(["image", "-q", "--keep-metadata"], j).stdout
    assert b"a comment to strip" not in plain and b"Exif\0\0MM" in plain
    assert b"a comment to strip" in kept


def test_unchanged_when_nothing_smaller():
    src = _src("animated.png")
    p = _run_bytes(["image"], src)
    assert p.returncode == 0
    assert p.stdout == src
    assert b"APNG" in p.stderr


def test_corrupt_inputs_exit_3_with_message():
    for name in ("bad_huffman.jpg", "bad_crc.png", "truncated.png"):
        d = aotest.tmpdir()
        out = os.path.join(d, "o")
        p = aotest.run("image", os.path.join(IMG, name), "-o", out)
        if p.returncode == 0:
            # accepted only as "left unchanged", with a note
            assert open(out, "rb").read() == _src(name) and "note" in p.stderr, name
        else:
            assert p.returncode == 3, (name, p.returncode, p.stderr)
            assert "error" in p.stderr and name in p.stderr, p.stderr
            assert not os.path.exists(out)


def test_pixel_limit_and_not_an_image():
    p = aotest.run("image", os.path.join(IMG, "huge.png"), "-o", os.devnull, check=3)
    assert "limit" in p.stderr
    p = aotest.run("image", os.path.join(IMG, "rgb.png"), "--max-pixels", "100",
                   "-o", os.devnull, check=3)
    d = aotest.tmpdir()
    txt = os.path.join(d, "a.txt")
    open(txt, "w").write("hello")
    p = aotest.run("image", txt, "-o", os.devnull, check=3)
    assert "not a PNG or JPEG" in p.stderr
    gif = os.path.join(d, "a.gif")
    open(gif, "wb").write(b"GIF89a" + b"\0" * 20)
    out = os.path.join(d, "o.gif")
    aotest.run("image", gif, "-o", out, "-q", check=0)
    assert open(out, "rb").read() == open(gif, "rb").read()


def test_usage_errors():
    aotest.run("image", "--quality", "0", os.path.join(IMG, "rgb.png"), check=2)
    aotest.run("image", "--effort", "12", os.path.join(IMG, "rgb.png"), check=2)
    aotest.run("image", "--webp-mode", "maybe", os.path.join(IMG, "rgb.png"), check=2)
    aotest.run("image", "--quality", "50", "--quality-min", "60",
               os.path.join(IMG, "rgb.png"), check=2)
    aotest.run("image", os.path.join(IMG, "missing.png"), check=3)
    p = aotest.run("image", "--help", check=0)
    assert "--lossy" in p.stdout and "--webp" in p.stdout


def test_lossy_and_webp():
    d = aotest.tmpdir()
    out = os.path.join(d, "o.png")
    webp = os.path.join(d, "o.webp")
    aotest.run("image", os.path.join(IMG, "noise.png"), "--lossy", "--quality", "90",
               "--quality-min", "0", "-o", out, "--webp", webp, "-q", check=0)
    data = open(out, "rb").read()
    assert data[25] == 3, "lossy PNG is a palette image"
    assert len(data) < len(_src("noise.png"))
    w = open(webp, "rb").read()
    assert w[:4] == b"RIFF" and w[8:12] == b"WEBP"
    jw = os.path.join(d, "j.webp")
    aotest.run("image", os.path.join(IMG, "photo.jpg"), "-o", os.devnull,
               "--webp", jw, "--webp-quality", "70", "-q", check=0)
    assert open(jw, "rb").read()[8:12] == b"WEBP"


def test_corpus_never_grows():
    c = aotest.corpus()
    if not c:
        raise aotest.Skip("no corpus")
    d = aotest.tmpdir()
    n = 0
    for kind in ("png", "jpeg"):
        folder = os.path.join(c, kind)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder), key=lambda n: os.path.getsize(os.path.join(folder, n)))[:4]:
            src = os.path.join(folder, name)
            out = os.path.join(d, name)
            aotest.run("image", "-q", "-e", "1", src, "-o", out, check=0)
            assert os.path.getsize(out) <= os.path.getsize(src), name
            n += 1
    assert n > 0
