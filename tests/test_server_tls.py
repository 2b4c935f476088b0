"""Server over HTTPS (`run --tls-cert/--tls-key`), checked with the certificate as CA bundle."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import requests

from tests.server_process import HEADERS, running_server


def test_https_with_own_certificate(tmp_path):
    if shutil.which("openssl") is None:
        pytest.fail("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    with running_server(tmp_path, extra_args=("--tls-cert", str(cert), "--tls-key", str(key))) as srv:
        assert srv.base_url.startswith("https://")
        r = requests.get(srv.base_url + "/health", headers=HEADERS, verify=srv.ca_bundle, timeout=5)
        assert r.status_code == 200 and r.json()["protocol"] == 1
        with pytest.raises(requests.exceptions.SSLError):
            requests.get(srv.base_url + "/health", headers=HEADERS, timeout=5)  # untrusted without the CA bundle
    assert srv.cli("run", "--tls-cert", str(cert), check=False).returncode == 2  # the key is missing
