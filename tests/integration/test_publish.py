"""assetopt publish against a real S3-compatible server (s3rver) behind a
proxy that checks every SigV4 signature with botocore."""
import os
import shutil
import signal
import subprocess
import time

import aotest
import test_publish_support as S

SITE = os.path.join(aotest.TESTDATA, "publish", "site")
HASHED_CC = "public, max-age=31536000, immutable"
OTHER_CC = "public, max-age=0, must-revalidate"


def site():
    d = os.path.join(aotest.tmpdir(), "out")
    shutil.copytree(SITE, d)
    return d


def assert_equal_to_folder(st, folder, prefix="site/"):
    objs = st.objects(prefix)
    local = aotest.tree(folder)
    got = {k: v for k, v in objs.items() if not k.startswith(".assetopt/")}
    assert sorted(got) == sorted(local), (sorted(got), sorted(local))
    for k, data in local.items():
        assert got[k][0] == data, f"{k}: bytes differ"
    return objs


def test_publish_uploads_everything_with_headers():
    with S.Stack() as st:
        out = site()
        p = st.publish(out)
        assert "13 uploaded" in p.stdout, p.stdout
        assert not st.proxy.bad, st.proxy.bad
        objs = assert_equal_to_folder(st, out)
        assert ".assetopt/manifest.json" in objs
        h = objs["assets/app.3f9a8c2d1e.js"][1]
        assert h["content-type"] == "text/javascript; charset=utf-8", h
        assert h["cache-control"] == HASHED_CC, h
        assert h["sha256"] and len(h["sha256"]) == 64
        h = objs["index.html"][1]
        assert h["content-type"] == "text/html; charset=utf-8", h
        assert h["cache-control"] == OTHER_CC, h
        assert objs["site.webmanifest"][1]["content-type"] == "application/manifest+json"
        assert objs["img/logo.png"][1]["content-type"] == "image/png"
        # special-character keys arrived under their exact names
        assert "files/a b+c~d%e=f&g.txt" in objs and "files/\u1234 unicode.txt" in objs


def test_publish_second_run_uploads_nothing():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        st.proxy.reset_log()
        p = st.publish(out)
        assert "0 uploaded" in p.stdout and "13 unchanged" in p.stdout, p.stdout
        assert st.proxy.count("PUT") == 0 and st.proxy.count("DELETE") == 0
        assert st.proxy.count("GET") == 2, st.proxy.log  # one listing + the manifest


def test_publish_changed_file_uploads_only_it():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        with open(os.path.join(out, "about.html"), "a") as f:
            f.write("<!-- changed -->\n")
        st.proxy.reset_log()
        p = st.publish(out)
        assert "1 uploaded" in p.stdout, p.stdout
        puts = [path for m, path in st.proxy.log if m == "PUT"]
        assert puts == ["/site-bucket/site/about.html",
                        "/site-bucket/site/.assetopt/manifest.json"], puts
        assert_equal_to_folder(st, out)


def test_publish_without_manifest_compares_md5():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        # another tool's publish: no remote manifest
        import botocore.session
        c = botocore.session.get_session().create_client(
            "s3", region_name="us-east-1", endpoint_url=f"http://127.0.0.1:{st.s3.port}",
            aws_access_key_id=S.ACCESS_KEY, aws_secret_access_key="S3RVER")
        c.delete_object(Bucket=S.BUCKET, Key="site/.assetopt/manifest.json")
        st.proxy.reset_log()
        p = st.publish(out, "-v")
        assert "0 uploaded" in p.stdout, p.stdout
        assert "same size and MD5" in p.stdout
        assert st.proxy.count("PUT") == 1  # only the manifest


def test_publish_order_hashed_then_other_then_html_then_manifest():
    with S.Stack() as st:
        out = site()
        st.publish(out, "-j", "3")
        puts = [path.split("/site/", 1)[1] for m, path in st.proxy.log if m == "PUT"]

        def phase(k):
            if k == ".assetopt/manifest.json":
                return 3
            if ".3f9a8c2d1e." in k or ".k3j5x9a2qd." in k:
                return 0
            return 2 if k.endswith(".html") else 1
        phases = [phase(k) for k in puts]
        assert phases == sorted(phases), list(zip(puts, phases))
        assert phases[-1] == 3


def test_publish_delete_keeps_previous_release():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        os.remove(os.path.join(out, "robots.txt"))
        os.rename(os.path.join(out, "assets/app.3f9a8c2d1e.js"),
                  os.path.join(out, "assets/app.9z8y7x6w5v.js"))
        # keep 1 previous release: nothing is deleted yet
        p = st.publish(out, "--delete")
        assert "0 deleted" in p.stdout, p.stdout
        objs = st.objects()
        assert "robots.txt" in objs and "assets/app.3f9a8c2d1e.js" in objs
        # one more release later, the old objects go
        with open(os.path.join(out, "about.html"), "a") as f:
            f.write("<!-- v3 -->\n")
        st.proxy.reset_log()
        p = st.publish(out, "--delete")
        assert "2 deleted" in p.stdout, p.stdout
        dels = sorted(path for m, path in st.proxy.log if m == "DELETE")
        assert dels == ["/site-bucket/site/assets/app.3f9a8c2d1e.js",
                        "/site-bucket/site/robots.txt"], dels
        # deletions came after every upload
        methods = [m for m, _ in st.proxy.log if m in ("PUT", "DELETE")]
        assert methods == sorted(methods, key=lambda m: m == "DELETE"), methods
        assert_equal_to_folder(st, out)


def test_publish_delete_keep_zero():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        os.remove(os.path.join(out, "robots.txt"))
        p = st.publish(out, "--delete", "--keep-releases", "0")
        assert "1 deleted" in p.stdout, p.stdout
        assert_equal_to_folder(st, out)


def test_publish_dry_run_changes_nothing():
    with S.Stack() as st:
        out = site()
        p = st.publish(out, "--dry-run")
        assert "upload  index.html" in p.stdout, p.stdout
        assert "dry run" in p.stdout
        assert st.proxy.count("PUT") == 0
        assert st.objects() == {}


def test_publish_wrong_secret_fails_clearly():
    with S.Stack() as st:
        out = site()
        p = st.publish(out, check=2, env={"AWS_SECRET_ACCESS_KEY": "wrong-SECRET-value"})
        assert "SignatureDoesNotMatch" in p.stderr, p.stderr
        assert "wrong-SECRET-value" not in p.stdout + p.stderr
        assert st.objects() == {}


def test_publish_no_credentials_is_a_config_error():
    with S.Stack() as st:
        p = st.publish(site(), check=2, env={"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""})
        assert "no AWS credentials" in p.stderr


def test_publish_profile_from_shared_files():
    with S.Stack() as st:
        d = aotest.tmpdir()
        cred, conf = os.path.join(d, "credentials"), os.path.join(d, "config")
        with open(cred, "w") as f:
            f.write(f"[default]\naws_access_key_id = nobody\naws_secret_access_key = x\n\n"
                    f"[deploy]\naws_access_key_id = {S.ACCESS_KEY}\n"
                    f"aws_secret_access_key = {S.SECRET_KEY}\n")
        with open(conf, "w") as f:
            f.write("[profile deploy]\nregion = us-east-1\ns3 =\n  addressing_style = path\n")
        env = {"AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_REGION": "",
               "AWS_PROFILE": "deploy", "AWS_SHARED_CREDENTIALS_FILE": cred,
               "AWS_CONFIG_FILE": conf}
        p = st.publish(site(), "-v", env=env)
        assert "profile deploy" in p.stdout, p.stdout
        p = st.publish(site(), "--profile", "missing", env=env, check=2)
        assert "missing" in p.stderr


def test_publish_content_encoding_gzip():
    with S.Stack() as st:
        out = site()
        st.publish(out, "--content-encoding", "gzip")
        objs = st.objects()
        assert "assets/app.3f9a8c2d1e.js.gz" not in objs
        body, h = objs["assets/app.3f9a8c2d1e.js"]
        with open(os.path.join(out, "assets/app.3f9a8c2d1e.js.gz"), "rb") as f:
            assert body == f.read()
        assert h["content-encoding"] == "gzip", h
        assert h["content-type"] == "text/javascript; charset=utf-8"
        # the HTML had no sibling: plain
        assert objs["index.html"][1]["content-encoding"] in (None, "")


def test_publish_cache_control_rules_and_header_change():
    with S.Stack() as st:
        out = site()
        st.publish(out)
        st.proxy.reset_log()
        p = st.publish(out, "--cache-control", "*.txt=public, max-age=60", "-v")
        assert "headers changed" in p.stdout, p.stdout
        puts = sorted(path for m, path in st.proxy.log if m == "PUT")
        assert len(puts) == 5, puts  # four .txt files + the manifest
        objs = st.objects()
        assert objs["robots.txt"][1]["cache-control"] == "public, max-age=60"


def test_publish_faults_still_complete():
    faults = S.Faults(kinds=("500", "slowdown", "reset", "delay"), every=3, delay=0.3)
    with S.Stack(faults=faults) as st:
        out = site()
        p = st.publish(out, "--retries", "8", "--request-timeout", "5", check=None)
        assert p.returncode == 0, p.stdout + p.stderr
        assert faults.injected >= 4
        assert " 0 retries" not in p.stdout, p.stdout
        assert_equal_to_folder(st, out)


def test_publish_retries_timeouts():
    faults = S.Faults(kinds=("delay",), every=4, delay=6.0)
    with S.Stack(faults=faults) as st:
        out = site()
        p = st.publish(out, "--request-timeout", "2", "--retries", "8", check=0)
        assert faults.injected >= 2
        assert " 0 retries" not in p.stdout, p.stdout
        assert_equal_to_folder(st, out)


def test_publish_total_time_is_bounded():
    faults = S.Faults(kinds=("500",), every=1)
    with S.Stack(faults=faults) as st:
        t0 = time.monotonic()
        p = st.publish(site(), "--retries", "100", "--timeout", "3", check=1)
        assert time.monotonic() - t0 < 15, "the --timeout bound was not kept"
        assert "time bound" in p.stderr, p.stderr


def test_publish_fails_cleanly_when_retries_run_out():
    faults = S.Faults(kinds=("500",), every=1)
    with S.Stack(faults=faults) as st:
        p = st.publish(site(), "--retries", "2", check=1)
        assert "incomplete" in p.stderr, p.stderr
        assert "HTTP 500" in p.stderr


def test_publish_killed_midway_keeps_site_consistent():
    faults = S.Faults(kinds=("delay",), every=1, delay=0.4)
    with S.Stack(faults=faults) as st:
        out = site()
        env = dict(os.environ)
        env.update(st.env())
        proc = subprocess.Popen([aotest.BIN, "publish", out, "--to", f"s3://{S.BUCKET}/site",
                                 "--endpoint", st.proxy.endpoint, "-j", "2"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
        deadline = time.monotonic() + 30
        while st.proxy.count("PUT") < 4 and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        objs = st.objects()
        assert objs and len(objs) < 14, sorted(objs)
        # no HTML went up before every asset it could reference
        if any(k.endswith(".html") for k in objs):
            for k in aotest.tree(out):
                if not k.endswith(".html"):
                    assert k in objs, k
        faults.every = 0
        st.publish(out)
        assert_equal_to_folder(st, out)


def test_publish_tls_with_ca_bundle():
    with S.Stack(tls=True) as st:
        out = site()
        p = st.publish(out, check=None)
        assert p.returncode != 0  # a self-signed certificate is not trusted
        assert "certificate" in (p.stdout + p.stderr).lower(), p.stderr
        st.publish(out, "--ca-bundle", st.proxy.ca)
        assert_equal_to_folder(st, out)
        with open(os.path.join(out, "about.html"), "a") as fh:
            fh.write("\n")
        p = st.publish(out, env={"AWS_CA_BUNDLE": st.proxy.ca})
        assert "1 uploaded" in p.stdout, p.stdout


def test_publish_virtual_hosted_addressing():
    with S.Stack() as st:
        out = site()
        # *.localhost resolves to the loopback address in libcurl
        p = aotest.run("publish", out, "--to", f"s3://{S.BUCKET}/site", "--virtual-hosted",
                       "--endpoint", f"http://localhost:{st.proxy.port}", check=0, env=st.env())
        assert "13 uploaded" in p.stdout, p.stdout
        assert not st.proxy.bad, st.proxy.bad
        assert st.proxy.vhost >= 14, st.proxy.vhost
        assert_equal_to_folder(st, out)


def test_publish_read_back_with_awscli():
    if not shutil.which("aws"):
        raise aotest.Skip("awscli is not installed")
    with S.Stack() as st:
        out = site()
        st.publish(out)
        dest = aotest.tmpdir()
        env = dict(os.environ)
        env.update(st.env(AWS_SECRET_ACCESS_KEY="S3RVER"))
        env = {k: v for k, v in env.items() if v}
        subprocess.run(["aws", "s3", "cp", "--recursive", "--quiet", f"s3://{S.BUCKET}/site", dest,
                        "--endpoint-url", f"http://127.0.0.1:{st.s3.port}"],
                       check=True, env=env, timeout=120)
        got = aotest.tree(dest)
        got.pop(".assetopt/manifest.json")
        assert got == aotest.tree(out)


def test_publish_cloudfront_invalidation():
    with S.Stack() as st:
        stub = S.PurgeStub(fail_first=1)
        try:
            out = site()
            env = {"AWS_ENDPOINT_URL_CLOUDFRONT": stub.url}
            st.publish(out, "--cloudfront", "E123", env=env)
            assert stub.cloudfront == [], "nothing to purge on a first publish"
            for f in ("about.html", "docs/index.html", "assets/style.k3j5x9a2qd.css"):
                with open(os.path.join(out, f), "a") as fh:
                    fh.write("\n")
            os.rename(os.path.join(out, "files/a b+c~d%e=f&g.txt"), os.path.join(out, "files/new.txt"))
            st.publish(out, "--cloudfront", "E123", "--wait", "--delete", "--keep-releases", "0", env=env)
            assert not stub.errors, stub.errors
            assert stub.cloudfront == [["/about.html", "/docs/index.html", "/docs/", "/docs",
                                        "/files/a%20b%2Bc~d%25e%3Df%26g.txt"]], stub.cloudfront
            # past the threshold: one wildcard
            for f in ("about.html", "robots.txt"):
                with open(os.path.join(out, f), "a") as fh:
                    fh.write("\n")
            st.publish(out, "--cloudfront", "E123", "--purge-threshold", "1", env=env)
            assert stub.cloudfront[-1] == ["/*"], stub.cloudfront
        finally:
            stub.stop()


def test_publish_cloudflare_purge():
    with S.Stack() as st:
        stub = S.PurgeStub()
        try:
            out = site()
            env = {"CLOUDFLARE_API_TOKEN": S.TOKEN_CF, "CLOUDFLARE_API_BASE": stub.url + "/client/v4"}
            args = ("--cloudflare-zone", "zone1", "--site-url", "https://example.com/")
            st.publish(out, *args, env=env)
            with open(os.path.join(out, "index.html"), "a") as fh:
                fh.write("\n")
            st.publish(out, *args, env=env)
            assert not stub.errors, stub.errors
            assert stub.cloudflare == [{"files": ["https://example.com/index.html",
                                                  "https://example.com/"]}], stub.cloudflare
            with open(os.path.join(out, "about.html"), "a") as fh:
                fh.write("\n")
            st.publish(out, *args, "--purge-threshold", "0", env=env)
            assert stub.cloudflare[-1] == {"files": ["https://example.com/about.html"]}
            # nothing changed: nothing to purge, so a wrong token is never used
            st.publish(out, *args, env={"CLOUDFLARE_API_TOKEN": "wrong",
                                        "CLOUDFLARE_API_BASE": stub.url + "/client/v4"})
            assert len(stub.cloudflare) == 2 and not stub.errors
            # a change with a wrong token: the purge fails, exit 1
            with open(os.path.join(out, "about.html"), "a") as fh:
                fh.write("\n")
            p = st.publish(out, *args, env={"CLOUDFLARE_API_TOKEN": "wrong",
                                            "CLOUDFLARE_API_BASE": stub.url + "/client/v4"},
                           check=1)
            assert "Cloudflare purge failed" in p.stderr, p.stderr
        finally:
            stub.stop()


def test_publish_secrets_never_printed_with_verbose():
    session = "SESSION-TOKEN-SECRET-55aa"
    with S.Stack() as st:
        stub = S.PurgeStub()
        try:
            out = site()
            env = {"AWS_ENDPOINT_URL_CLOUDFRONT": stub.url, "CLOUDFLARE_API_TOKEN": S.TOKEN_CF,
                   "CLOUDFLARE_API_BASE": stub.url + "/client/v4"}
            runs = [
                st.publish(out, "-v", "--dry-run", env=env),
                st.publish(out, "-v", env=env),
                st.publish(out, "-v", "--cloudfront", "E1", "--cloudflare-zone", "z",
                           "--site-url", "https://e.com", env=env),
                st.publish(out, "-v", env={**env, "AWS_SESSION_TOKEN": session}, check=None),
                st.publish(out, "-v", env={**env, "AWS_SECRET_ACCESS_KEY": S.SECRET_KEY + "x"}, check=None),
            ]
            with open(os.path.join(out, "about.html"), "a") as fh:
                fh.write("\n")
            runs.append(st.publish(out, "-v", "--cloudfront", "E1", "--cloudflare-zone", "z",
                                   "--site-url", "https://e.com", env=env))
            for p in runs:
                text = p.stdout + p.stderr
                for secret in (S.SECRET_KEY, S.TOKEN_CF, session):
                    assert secret not in text, f"a secret was printed:\n{text}"
                assert "SECRET" not in text, text
        finally:
            stub.stop()


def test_publish_file_target():
    out = site()
    dest = aotest.tmpdir()
    aotest.run("publish", out, "--to", "file://" + dest, check=0)
    got = aotest.tree(dest)
    assert ".assetopt/manifest.json" in got
    got.pop(".assetopt/manifest.json")
    assert got == aotest.tree(out)
    p = aotest.run("publish", out, "--to", "file://" + dest, check=0)
    assert "0 uploaded" in p.stdout
    os.remove(os.path.join(out, "robots.txt"))
    aotest.run("publish", out, "--to", "file://" + dest, "--delete", "--keep-releases", "0", check=0)
    assert not os.path.exists(os.path.join(dest, "robots.txt"))


def test_publish_usage_errors():
    out = site()
    aotest.run("publish", out, check=2)
    aotest.run("publish", out, "--to", "ftp://x", check=2)
    aotest.run("publish", out, "--to", "file://relative", check=2)
    aotest.run("publish", out, "--to", "file:///tmp/x", "--content-encoding", "zstd", check=2)
    aotest.run("publish", os.path.join(out, "missing"), "--to", "file:///tmp/x", check=3)


def test_publish_paginated_listing():
    with S.Stack() as st:
        out = os.path.join(aotest.tmpdir(), "many")
        for i in range(1030):
            d = os.path.join(out, f"d{i % 7}")
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, f"f{i}.txt"), "w") as f:
                f.write(f"file {i}\n")
        p = aotest.run("publish", out, "--to", f"s3://{S.BUCKET}/many",
                       "--endpoint", f"http://127.0.0.1:{st.s3.port}", "-j", "32",
                       check=0, env=st.env(AWS_SECRET_ACCESS_KEY="S3RVER"), timeout=600)
        assert "1030 uploaded" in p.stdout, p.stdout
        p = aotest.run("publish", out, "--to", f"s3://{S.BUCKET}/many",
                       "--endpoint", f"http://127.0.0.1:{st.s3.port}", "-v",
                       check=0, env=st.env(AWS_SECRET_ACCESS_KEY="S3RVER"), timeout=600)
        assert "0 uploaded" in p.stdout and "1030 unchanged" in p.stdout, p.stdout[-500:]
        assert p.stderr.count("(listing) -> 200") == 2, p.stderr[-800:]


def test_publish_multipart_upload():
    with S.Stack() as st:
        out = site()
        big = os.urandom(9 * 1024 * 1024 + 123)
        with open(os.path.join(out, "media.bin"), "wb") as f:
            f.write(big)
        st.publish(out, "--multipart-threshold", str(8 * 1024 * 1024))
        assert not st.proxy.bad, st.proxy.bad
        log = [(m, p) for m, p in st.proxy.log if "media.bin" in p]
        assert [m for m, _ in log] == ["POST", "PUT", "PUT", "POST"], log
        objs = assert_equal_to_folder(st, out)
        assert objs["media.bin"][1]["sha256"] and objs["media.bin"][1]["content-type"]
        st.proxy.reset_log()
        p = st.publish(out, "--multipart-threshold", str(8 * 1024 * 1024))
        assert "0 uploaded" in p.stdout, p.stdout  # the manifest knows its SHA-256


def test_only_publish_loads_libcurl():
    # the other commands start without libcurl and its libraries
    ldd = shutil.which("ldd")
    if not ldd:
        raise aotest.Skip("no ldd")
    libs = subprocess.run([ldd, aotest.BIN], capture_output=True, text=True).stdout
    assert "libcurl" not in libs, libs
    assert "libcrypto" in libs, libs  # the check sees the binary's libraries
    # publish loads it when it starts; one that cannot be loaded is a
    # configuration error with a message, and nothing is uploaded
    with S.Stack() as st:
        p = st.publish(site(), check=2, env={"ASSETOPT_LIBCURL": "/nonexistent/libcurl.so.4"})
        assert "ASSETOPT_LIBCURL" in p.stderr, p.stderr
        assert st.objects() == {}
