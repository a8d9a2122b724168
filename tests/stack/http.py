"""A small HTTP visitor for the stack tests: a cookie jar, the CSRF token, admin forms sent back.

A visitor goes through nginx (HTTPS, the certificate the stack generated), or straight to one
app host: either as nginx talks to it (from the proxy's address, with X-Forwarded-For and
X-Forwarded-Proto) or as an outsider who found the gunicorn port.
"""

import http.client
import re
import secrets
import ssl
from dataclasses import dataclass
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from urllib.parse import urlencode

ADMIN = "/admin/"


@dataclass
class Response:
    status: int
    headers: list
    body: bytes

    def header(self, name):
        values = self.all(name)
        return values[0] if values else None

    def all(self, name):
        return [value for key, value in self.headers if key.lower() == name.lower()]

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")


class Visitor:
    def __init__(self, stack, host=None, as_proxy=True, forwarded_for="127.0.0.1"):
        self.stack = stack
        self.host = host
        self.as_proxy = as_proxy
        self.forwarded_for = forwarded_for
        self.cookies = {}
        self.origin = stack.site_url

    def connection(self, timeout):
        if self.host is None:
            context = ssl.create_default_context(cafile=str(self.stack.cert))
            return http.client.HTTPSConnection("127.0.0.1", self.stack.https_port, context=context, timeout=timeout)
        port = self.stack.app_ports[self.host - 1]
        source = (self.stack.proxy_address, 0) if self.as_proxy else None
        return http.client.HTTPConnection("127.0.0.1", port, timeout=timeout, source_address=source)

    def request(self, method, path, body=None, headers=None, timeout=30):
        sent = {"Host": self.origin.split("://", 1)[1], "User-Agent": "jetportal-stack-tests"}
        if self.host is not None and self.as_proxy:
            sent["X-Forwarded-For"] = self.forwarded_for
            sent["X-Forwarded-Proto"] = "https"
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        sent.update(headers or {})
        connection = self.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            reply = connection.getresponse()
            response = Response(reply.status, reply.getheaders(), reply.read())
        finally:
            connection.close()
        for value in response.all("Set-Cookie"):
            for name, morsel in SimpleCookie(value).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **headers):
        return self.request("GET", path, headers=headers)

    def post(self, path, fields, files=None, headers=None):
        """A form post with this visitor's CSRF token, as a browser on the site would send it."""
        fields = {**fields, "csrfmiddlewaretoken": self.cookies["csrftoken"]}
        if files:
            body, content_type = multipart(fields, files)
        else:
            body, content_type = urlencode(fields, doseq=True).encode(), "application/x-www-form-urlencoded"
        sent = {"Content-Type": content_type, "Origin": self.origin, "Referer": self.origin + path}
        sent.update(headers or {})
        return self.request("POST", path, body=body, headers=sent)

    def sign_in(self, username, password):
        self.get(f"{ADMIN}login/")
        response = self.post(f"{ADMIN}login/?next={ADMIN}", {"username": username, "password": password})
        assert response.status == 302, response.text[:2000]
        return response

    def save_change_form(self, path, changes, files=None):
        """Open an admin change form, change some fields, press Save: what a staff member does."""
        page = self.get(path)
        assert page.status == 200, page.status
        fields = form_fields(page.text)
        fields.update(changes)
        fields["_save"] = "Save"
        response = self.post(path, fields, files=files)
        assert response.status == 302, errors_in(response.text)
        return response


class _FormParser(HTMLParser):
    """The fields of the admin's main form (the multipart one), with their current values."""

    def __init__(self):
        super().__init__()
        self.fields = []
        self.inside = False
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("enctype") == "multipart/form-data"
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.fields.append([name, attrs.get("value", "on" if kind == "checkbox" else "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea" and self.textarea is not None:
            # A browser drops the one newline that may follow <textarea>.
            if self.textarea[1].startswith("\n"):
                self.textarea[1] = self.textarea[1][1:]
            self.textarea = None
        elif tag == "select":
            self.select = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data


def form_fields(html):
    parser = _FormParser()
    parser.feed(html)
    fields = {}
    for name, value in parser.fields:
        fields.setdefault(name, []).append(value)
    return {name: values if len(values) > 1 else values[0] for name, values in fields.items()}


def errors_in(html):
    return re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S) or html[:3000]


def multipart(fields, files):
    boundary = "----jetportal" + secrets.token_hex(12)
    parts = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n"
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"
