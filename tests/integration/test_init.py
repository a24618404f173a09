"""assetopt init: framework detection and a config that build accepts."""
import json
import os

import aotest
from aotest import run


def init_in(files, *args, check=0):
    d = aotest.tmpdir()
    for name, text in files.items():
        os.makedirs(os.path.join(d, os.path.dirname(name)), exist_ok=True)
        open(os.path.join(d, name), "w").write(text)
    p = run("init", *args, cwd=d, check=check)
    return d, p


def test_detects_frameworks():
    cases = [
        ({"vite.config.ts": ""}, "vite", "dist"),
        ({"next.config.mjs": ""}, "next-export", "out"),
        ({"hugo.toml": ""}, "hugo", "public"),
        ({"angular.json": "{}"}, "webpack", "dist"),
        ({"webpack.config.js": ""}, "webpack", "dist"),
        ({"package.json": '{"dependencies": {"react-scripts": "5"}}'}, "webpack", "build"),
        ({"README": "nothing"}, "plain", "dist"),
    ]
    for files, preset, inp in cases:
        d, p = init_in(files)
        cfg = json.load(open(os.path.join(d, "assetopt.json")))
        assert cfg["preset"] == preset and cfg["input"] == inp, (files, cfg)
        assert f"preset {preset}" in p.stderr


def test_refuses_to_overwrite_and_starter_config_builds():
    d, _ = init_in({"vite.config.js": ""})
    run("init", cwd=d, check=2)
    run("init", "--force", "--preset", "plain", cwd=d, check=0)
    assert json.load(open(os.path.join(d, "assetopt.json")))["preset"] == "plain"
    run("init", "--force", "--preset", "nope", cwd=d, check=2)
    # the starter configuration is one build accepts
    aotest.copy_site("plain", os.path.join(d, "dist"))
    run("build", "--no-cache", cwd=d, check=0)
    assert os.path.exists(os.path.join(d, "dist-optimized", "asset-manifest.json"))
