"""The production stack, started for these tests and stopped after them (marker `stack`).

The stack is deploy/stack.py's, with a database, Redis database, folders and secret of its
own, on the ports `make stack` uses (so a `make stack` left running is reported, not shared).
These tests run only when asked for: `make stack-test` (`pytest -m stack`); CI runs them once,
after the PostgreSQL + Redis pass.
"""

import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from deploy.stack import ROOT, Stack

from .http import Visitor

ADMIN_USERNAME = "stack-admin"
QA_PASSWORD = "stack-tests-qa-password-31"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    if not shutil.which("curl"):
        pytest.fail("curl is needed for the HTTP/2 check (apt-get install curl)")
    folder = tmp_path_factory.mktemp("stack")
    environ = {
        **os.environ,
        "STACK_DIR": str(folder),
        "STACK_DATABASE_URL": "postgres://postgres@127.0.0.1:5432/jetportal_stack_test",
        "STACK_REDIS_URL": "redis://127.0.0.1:6379/4",
        "STACK_STATIC_ROOT": str(folder / "static"),
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    }
    stack = Stack(environ)
    stack.admin_password = secrets.token_urlsafe(18)
    stack.qa_password = QA_PASSWORD
    command = [sys.executable, str(ROOT / "deploy" / "stack.py")]
    started = subprocess.run([*command, "start", "--fresh", "--quiet"], env=environ, capture_output=True, text=True)
    try:
        assert started.returncode == 0, started.stdout + started.stderr
        stack.manage("set_faq_password", input=QA_PASSWORD + "\n", text=True, capture_output=True)
        create_admin = (
            "import sys; from django.contrib.auth.models import User; "
            f"User.objects.create_superuser({ADMIN_USERNAME!r}, '', sys.stdin.readline().strip())"
        )
        stack.manage("shell", "-c", create_admin, input=stack.admin_password + "\n", text=True, capture_output=True)
        yield stack
    finally:
        subprocess.run([*command, "stop"], env=environ, capture_output=True)
        assert not stack.is_running()


@pytest.fixture(scope="session")
def database(stack):
    """A connection to the stack's database, to look at what the app hosts wrote."""
    with psycopg.connect(stack.config["STACK_DATABASE_URL"], autocommit=True) as connection:
        yield connection


@pytest.fixture
def fresh_throttle(database):
    """Every test of the Q&A throttle starts with no wrong tries on record (all come from 127.0.0.1)."""
    database.execute("DELETE FROM faq_failedattempt")
    yield
    database.execute("DELETE FROM faq_failedattempt")


@pytest.fixture
def admin_on_first_host(stack):
    """A staff member signed in on app host 1 (straight to it, as nginx talks to it)."""
    visitor = Visitor(stack, host=1)
    visitor.sign_in(ADMIN_USERNAME, stack.admin_password)
    return visitor


def access_log_lines(stack, since=0, *, expect=None, count=1, timeout=5.0):
    """The access log's lines from line ``since`` on.

    nginx writes a request's line after the response has gone out, so a test that has just
    read a response may look before the line is there: with ``expect``, wait (boundedly) until
    ``count`` of the new lines contain it.
    """
    deadline = time.monotonic() + timeout
    while True:
        lines = Path(stack.access_log).read_text().splitlines()[since:]
        if expect is None or sum(expect in line for line in lines) >= count or time.monotonic() > deadline:
            return lines
        time.sleep(0.05)
