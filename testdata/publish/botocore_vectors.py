#!/usr/bin/env python3
"""Prints the SigV4 Authorization values botocore computes for the S3
requests of tests/unit/publish/test_sigv4.c (the botocore_* cases), so the
table there can be regenerated: python3 testdata/publish/botocore_vectors.py"""
import hashlib

from botocore.auth import S3SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
from botocore.utils import percent_encode

DATE = "20240102T030405Z"
HOST = "example-bucket.s3.eu-west-1.amazonaws.com"
KEYS = ["plain/file.txt", "a b/c+d~e%f=g.txt", "dir//double/slash", "\u1234/\u00e9t\u00e9 (1).html",
        "q?h#a&b;c,d:e@f$g!h*i'j", "~tilde/-_./x"]


def sign(method, key, query, body, token=None):
    sha = hashlib.sha256(body).hexdigest()
    qs = "&".join(f"{percent_encode(k, safe='~')}={percent_encode(v, safe='~')}" for k, v in query)
    url = f"https://{HOST}/{percent_encode(key, safe='/~')}" + ("?" + qs if qs else "")
    headers = {"host": HOST, "x-amz-date": DATE, "x-amz-content-sha256": sha,
               "content-type": "text/plain; charset=utf-8"}
    if token:
        headers["x-amz-security-token"] = token
    req = AWSRequest(method=method, url=url, headers=headers, data=body)
    req.context["timestamp"] = DATE
    auth = S3SigV4Auth(Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token),
                       "s3", "eu-west-1")
    creq = auth.canonical_request(req)
    sig = auth.signature(auth.string_to_sign(req, creq), req)
    names = ";".join(sorted(auth.headers_to_sign(req).keys()))
    return names, sig


for k in KEYS:
    print(k.encode("unicode_escape").decode(), *sign("PUT", k, [], b"hello"))
print("query", *sign("GET", "", [("list-type", "2"), ("prefix", "a b/+c"),
                                   ("continuation-token", "x+y/z=="), ("encoding-type", "url")], b""))
print("token", *sign("DELETE", "x/y.css", [], b"", token="FQoGZXIvYXdzE//token+/="))
