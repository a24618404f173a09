"""Servers for the publish tests, all on 127.0.0.1 and free ports, started and
stopped by the tests themselves:

- s3rver (npm) as the S3-compatible store;
- a signature-checking proxy in front of it that recomputes every request's
  SigV4 signature with botocore and answers 403 SignatureDoesNotMatch on a
  mismatch; it can also inject faults (500, 503 SlowDown, connection resets
  mid-body, delays) and serve TLS with a self-signed certificate;
- stubs of the CloudFront and Cloudflare APIs that check the signature or the
  token and record the purged paths.

No test function lives here (the runner only collects names test_*)."""
import hashlib
import http.client
import http.server
import json
import os
import shutil
import socket
import ssl
import subprocess
import threading
import time
import urllib.parse

import aotest

ACCESS_KEY = "S3RVER"
SECRET_KEY = "assetopt-test-SECRET-3c9f1e7a"
TOKEN_CF = "cf-token-SECRET-8d2b6f40"
BUCKET = "site-bucket"
NODE_BIN = os.path.join(aotest.ROOT, "tests", "node_modules", ".bin", "s3rver")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def need_tools():
    try:
        import botocore  # noqa: F401
    except ImportError:
        raise aotest.Skip("python3-botocore is not installed")
    if not os.path.exists(NODE_BIN):
        raise aotest.Skip("s3rver is not installed (make test-deps)")


def wait_port(port, proc=None, limit=60.0):
    end = time.monotonic() + limit
    while time.monotonic() < end:
        if proc is not None and proc.poll() is not None:
            raise AssertionError("server exited at start")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


class S3rver:
    def __init__(self):
        self.dir = aotest.tmpdir()
        self.port = free_port()
        self.proc = subprocess.Popen(
            # s3rver's continuation tokens use a cipher OpenSSL 3 keeps in
            # its legacy provider
            ["node", "--openssl-legacy-provider", NODE_BIN, "-d", self.dir, "-a", "127.0.0.1", "-p", str(self.port),
             "--silent", "--allow-mismatched-signatures", "--no-vhost-buckets",
             "--configure-bucket", BUCKET],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port, self.proc)

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        shutil.rmtree(self.dir, ignore_errors=True)


def botocore_signature(method, raw_path, raw_query, headers, signed, secret, date,
                       region, service, body=b""):
    """The signature botocore computes for this request (its own canonical
    request from the wire form)."""
    from botocore.auth import S3SigV4Auth, SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials
    url = "http://" + headers["host"] + raw_path + ("?" + raw_query if raw_query else "")
    hdrs = {k: headers[k] for k in signed}
    req = AWSRequest(method=method, url=url, headers=hdrs, data=body)
    req.context["timestamp"] = date
    creds = Credentials(ACCESS_KEY, secret, headers.get("x-amz-security-token"))
    auth = (S3SigV4Auth if service == "s3" else SigV4Auth)(creds, service, region)
    # sign exactly the headers the client signed
    auth.headers_to_sign = lambda r: _signed(r, signed)
    creq = auth.canonical_request(req)
    sts = auth.string_to_sign(req, creq)
    return auth.signature(sts, req)


def _signed(req, names):
    from botocore.awsrequest import HTTPHeaders
    h = HTTPHeaders()
    for n in names:
        h[n] = req.headers[n] if n != "host" else urllib.parse.urlsplit(req.url).netloc
    return h


def check_sigv4(handler, body, secret, service="s3", region="us-east-1"):
    """None when the request is signed right, else the reason."""
    auth = handler.headers.get("Authorization", "")
    if not auth.startswith("AWS4-HMAC-SHA256 "):
        return "no SigV4 Authorization header"
    parts = dict(p.strip().split("=", 1) for p in auth[len("AWS4-HMAC-SHA256 "):].split(","))
    cred = parts["Credential"].split("/")
    if cred[0] != ACCESS_KEY or cred[2] != region or cred[3] != service:
        return f"wrong credential scope {parts['Credential']}"
    signed = parts["SignedHeaders"].split(";")
    headers = {k.lower(): v for k, v in handler.headers.items()}
    for must in ("host", "x-amz-date"):
        if must not in signed:
            return f"{must} is not signed"
    if service == "s3":
        if headers.get("x-amz-content-sha256") != hashlib.sha256(body).hexdigest():
            return "x-amz-content-sha256 does not match the body"
        if "x-amz-content-sha256" not in signed:
            return "x-amz-content-sha256 is not signed"
    path, _, query = handler.path.partition("?")
    want = botocore_signature(handler.command, path, query, headers, signed, secret,
                              headers["x-amz-date"], region, service, body)
    if want != parts["Signature"]:
        return f"signature mismatch (botocore: {want})"
    return None


class Faults:
    """Which requests fail and how: every `every`-th request gets the next
    fault of `kinds` ('500', 'slowdown', 'reset', 'delay')."""
    def __init__(self, kinds=(), every=0, delay=0.0):
        self.kinds = list(kinds)
        self.every = every
        self.delay = delay
        self.count = 0
        self.injected = 0
        self.lock = threading.Lock()

    def pick(self):
        with self.lock:
            self.count += 1
            if not self.kinds or not self.every or self.count % self.every:
                return None
            self.injected += 1
            return self.kinds[self.injected % len(self.kinds)]


class Proxy:
    """Checks signatures with botocore, injects faults, forwards to s3rver."""
    def __init__(self, upstream_port, faults=None, tls=False, secret=SECRET_KEY):
        self.port = free_port()
        self.upstream = upstream_port
        self.faults = faults or Faults()
        self.log = []
        self.bad = []
        self.vhost = 0
        self.lock = threading.Lock()
        proxy = self

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def handle(self):
                try:
                    super().handle()
                except (ConnectionError, OSError):
                    pass  # the client went away (killed, timed out): expected here

            def _body(self):
                n = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(n) if n else b""

            def _any(self):
                fault = proxy.faults.pick()
                if fault == "reset":
                    n = int(self.headers.get("Content-Length") or 0)
                    self.rfile.read(n // 2)
                    self.close_connection = True
                    try:
                        self.connection.shutdown(socket.SHUT_RDWR)
                    except OSError:
                        pass
                    return
                body = self._body()
                with proxy.lock:
                    proxy.log.append((self.command, self.path))
                if fault == "delay":
                    time.sleep(proxy.faults.delay)
                if fault in ("500", "slowdown"):
                    code = 500 if fault == "500" else 503
                    text = ("InternalError" if code == 500 else "SlowDown").encode()
                    msg = b"<Error><Code>" + text + b"</Code><Message>injected</Message></Error>"
                    self.send_response(code)
                    if fault == "slowdown":
                        self.send_header("Retry-After", "0")
                    self.send_header("Content-Length", str(len(msg)))
                    self.end_headers()
                    self.wfile.write(msg)
                    return
                why = check_sigv4(self, body, secret)
                if why:
                    with proxy.lock:
                        proxy.bad.append((self.command, self.path, why))
                    msg = ("<Error><Code>SignatureDoesNotMatch</Code><Message>"
                           + why + "</Message></Error>").encode()
                    self.send_response(403)
                    self.send_header("Content-Length", str(len(msg)))
                    self.end_headers()
                    self.wfile.write(msg)
                    return
                c = http.client.HTTPConnection("127.0.0.1", proxy.upstream, timeout=30)
                hdrs = {k: v for k, v in self.headers.items() if k.lower() != "host"}
                hdrs["Host"] = f"127.0.0.1:{proxy.upstream}"
                path = self.path
                host = self.headers.get("Host", "")
                if host.startswith(BUCKET + "."):  # virtual-hosted: s3rver wants path-style
                    path = "/" + BUCKET + path
                    with proxy.lock:
                        proxy.vhost += 1
                c.request(self.command, path, body=body, headers=hdrs)
                r = c.getresponse()
                data = r.read()
                self.send_response(r.status)
                for k, v in r.getheaders():
                    if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(k, v)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(data)
                c.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = _any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), H)
        self.server.daemon_threads = True
        self.scheme = "http"
        self.ca = None
        if tls:
            d = aotest.tmpdir()
            key, crt = os.path.join(d, "key.pem"), os.path.join(d, "cert.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                            "-keyout", key, "-out", crt, "-days", "1", "-subj", "/CN=127.0.0.1",
                            "-addext", "subjectAltName=IP:127.0.0.1"],
                           check=True, capture_output=True, timeout=60)
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(crt, key)
            self.server.socket = ctx.wrap_socket(self.server.socket, server_side=True)
            self.scheme = "https"
            self.ca = crt
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def endpoint(self):
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def count(self, method):
        with self.lock:
            return sum(1 for m, _ in self.log if m == method)

    def reset_log(self):
        with self.lock:
            self.log.clear()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


class Stack:
    """s3rver + proxy, as a context manager."""
    def __init__(self, **kw):
        need_tools()
        self.kw = kw

    def __enter__(self):
        self.s3 = S3rver()
        try:
            self.proxy = Proxy(self.s3.port, **self.kw)
        except Exception:
            self.s3.stop()
            raise
        return self

    def __exit__(self, *a):
        self.proxy.stop()
        self.s3.stop()

    def env(self, **extra):
        e = {"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY,
             "AWS_REGION": "us-east-1", "AWS_PROFILE": "", "AWS_SESSION_TOKEN": "",
             "AWS_SHARED_CREDENTIALS_FILE": "/nonexistent", "AWS_CONFIG_FILE": "/nonexistent",
             "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_S3": "", "AWS_CA_BUNDLE": ""}
        e.update(extra)
        return e

    def publish(self, folder, *args, check=0, env=None, prefix="site"):
        return aotest.run("publish", folder, "--to", f"s3://{BUCKET}/{prefix}",
                          "--endpoint", self.proxy.endpoint, *args,
                          check=check, env=self.env(**(env or {})))

    def objects(self, prefix="site/"):
        """{key: (bytes, headers)} read back with botocore straight from s3rver."""
        import botocore.session
        s = botocore.session.get_session()
        c = s.create_client("s3", region_name="us-east-1",
                            endpoint_url=f"http://127.0.0.1:{self.s3.port}",
                            aws_access_key_id=ACCESS_KEY, aws_secret_access_key="S3RVER")
        out = {}
        token = None
        for _ in range(1000):
            kw = {"Bucket": BUCKET, "Prefix": prefix}
            if token:
                kw["ContinuationToken"] = token
            page = c.list_objects_v2(**kw)
            for o in page.get("Contents", []):
                g = c.get_object(Bucket=BUCKET, Key=o["Key"])
                out[o["Key"][len(prefix):]] = (g["Body"].read(), {
                    "content-type": g.get("ContentType"),
                    "cache-control": g.get("CacheControl"),
                    "content-encoding": g.get("ContentEncoding"),
                    "sha256": g.get("Metadata", {}).get("sha256")})
            if not page.get("IsTruncated"):
                break
            token = page["NextContinuationToken"]
        return out


class PurgeStub:
    """CloudFront (SigV4 checked with botocore) and Cloudflare (token
    checked) APIs recording what they were asked to purge."""
    def __init__(self, fail_first=0):
        self.port = free_port()
        self.cloudfront = []
        self.cloudflare = []
        self.errors = []
        self.fail_first = fail_first
        self.calls = 0
        stub = self

        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def _reply(self, code, body, ctype="application/xml", extra=None):
                data = body.encode()
                self.send_response(code)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self):
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n)
                stub.calls += 1
                if stub.calls <= stub.fail_first:
                    return self._reply(429, "{}", "application/json", {"Retry-After": "0"})
                if self.path.startswith("/2020-05-31/distribution/"):
                    why = check_sigv4(self, body, SECRET_KEY, service="cloudfront")
                    if why:
                        stub.errors.append(why)
                        return self._reply(403, f"<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code><Message>{why}</Message></Error></ErrorResponse>")
                    import re
                    paths = re.findall(r"<Path>([^<]*)</Path>", body.decode())
                    q = re.search(r"<Quantity>(\d+)</Quantity>", body.decode())
                    if not q or int(q.group(1)) != len(paths):
                        stub.errors.append("Quantity does not match")
                    stub.cloudfront.append(paths)
                    return self._reply(201, "<Invalidation><Id>I123</Id><Status>InProgress</Status></Invalidation>")
                if self.path.startswith("/client/v4/zones/") and self.path.endswith("/purge_cache"):
                    if self.headers.get("Authorization") != "Bearer " + TOKEN_CF:
                        stub.errors.append("bad token")
                        return self._reply(403, '{"success":false}', "application/json")
                    stub.cloudflare.append(json.loads(body))
                    return self._reply(200, '{"success":true,"errors":[],"messages":[],"result":{"id":"x"}}',
                                       "application/json")
                return self._reply(404, "")

            def do_GET(self):
                if "/invalidation/" in self.path:
                    why = check_sigv4(self, b"", SECRET_KEY, service="cloudfront")
                    if why:
                        stub.errors.append(why)
                        return self._reply(403, "")
                    return self._reply(200, "<Invalidation><Id>I123</Id><Status>Completed</Status></Invalidation>")
                return self._reply(404, "")

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", self.port), H)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
