"""The nginx site file in deploy/: every parameter filled in, none left empty.
(tests/stack/ runs nginx on it; this checks the rendering for a real deployment.)"""

import pytest

from deploy.stack import main, render_site

DEPLOYMENT = {
    "server_name": "jet.example www.jet.example",
    "site_url": "https://jet.example/",
    "listen_https": "443",
    "listen_http": "80",
    "tls_certificate": "/etc/ssl/jet/fullchain.pem",
    "tls_certificate_key": "/etc/ssl/jet/privkey.pem",
    "app_servers": ["10.0.0.11:8000", "10.0.0.12:8000"],
    "static_root": "/srv/jetportal/static/",
    "media_root": "/srv/jetportal/media",
    "document_root": "/srv/jetportal/documents",
    "access_log": "/var/log/nginx/jetportal.access.log",
    "proxy_bind": "10.0.0.10",
}


def test_a_deployment_gets_its_hosts_paths_and_certificate():
    text = render_site(**DEPLOYMENT, brotli=False)
    assert "{{" not in text
    assert "    server 10.0.0.11:8000 max_fails=1 fail_timeout=10s;\n    server 10.0.0.12:8000" in text
    assert "listen 443 ssl http2 default_server;" in text
    assert "return 301 https://jet.example$request_uri;" in text
    assert "ssl_certificate /etc/ssl/jet/fullchain.pem;" in text
    assert "proxy_bind 10.0.0.10;" in text
    assert "alias /srv/jetportal/static/;" in text
    # Documents only through the app's X-Accel-Redirect, never published.
    assert "location /_documents/ {\n        internal;\n        alias /srv/jetportal/documents/;" in text
    assert "brotli on;" not in text and "brotli_static" not in text


def test_brotli_is_switched_on_only_with_the_module():
    text = render_site(**DEPLOYMENT, brotli=True)
    assert "brotli on;" in text and "brotli_static on;" in text


@pytest.mark.parametrize("empty", ["server_name", "tls_certificate", "document_root"])
def test_an_empty_parameter_is_refused(empty):
    with pytest.raises(SystemExit, match=empty.upper()):
        render_site(**{**DEPLOYMENT, empty: ""})


def test_the_command_prints_the_file(capsys):
    main(
        ["nginx-conf", "--server-name", "jet.example", "--site-url", "https://jet.example",
         "--tls-certificate", "/c.pem", "--tls-certificate-key", "/k.pem", "--app", "10.0.0.11:8000",
         "--static-root", "/s", "--media-root", "/m", "--document-root", "/d", "--no-brotli"]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert "server 10.0.0.11:8000" in out and "proxy_bind" not in out
