"""Hostile input through the whole path: the form or a real worker answers each case with a
clear one-line message, the worker survives, and the next honest statement is still read.
"""

import random

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment
from policies.models import Statement
from tests.celery_worker import wait_for
from tests.documents import encrypt_pdf, make_docx, make_docx_bomb, make_pdf
from tests.policies.statement_server import statement_server
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

HONEST = b"Privacy notice.\n\nWe collect device identifiers. We do not sell personal data.\n"

# Refused on the form: nothing is stored, the message says why.
FORM_REFUSALS = [
    ("empty.txt", b"", "The submitted file is empty."),
    ("blank.md", b" \n\t\n ", "The privacy statement is empty."),
    ("setup.exe", b"MZ\x90\x00" + bytes(64), "files are not supported"),
    ("no-extension", HONEST, "files are not supported"),
    ("fake.pdf", HONEST, "not a PDF"),
    ("fake.docx", make_pdf([["We use cookies."]]), "named .docx"),
    ("truncated.docx", make_docx()[:2000], "corrupt or truncated"),
    ("big.txt", b"We collect data. " * (10 * 1024 * 1024 // 17 + 1), "the limit is"),
]

# Accepted as files, then failed by the worker with its reason.
WORKER_FAILURES = [
    ("junk.txt", random.Random(1).randbytes(64 * 1024), "binary"),
    ("nul.txt", b"\x00" * 4096 + HONEST, "binary"),
    ("truncated.pdf", make_pdf([["We use cookies."] * 40])[:700], "truncated"),
    ("encrypted.pdf", encrypt_pdf(make_pdf([["We use cookies."]]), user_password="secret"), "password"),
    ("scanned.pdf", make_pdf([None, None]), "no text layer"),
    ("garbled.pdf", b"%PDF-1.7\n" + random.Random(5).randbytes(2048) + b"\n%%EOF\n", "corrupt"),
    ("bomb.docx", make_docx_bomb(megabytes=120), "expands to"),
    (
        "only-scripts.html",
        b"<html><head><script>steal()</script><style>p{}</style></head><body></body></html>",
        "empty",
    ),
    ("utf16-no-bom.txt", "We collect e-mail addresses.".encode("utf-16-le") * 50, "binary"),
]

# Odd but readable: the worker reads them to the end.
WORKER_SUCCESSES = [
    ("invalid-utf8.txt", b"We collect location data \xff\xfe\xfa and device identifiers. We do not sell data.\n"),
    ("one-line.txt", b"We collect cookies and device identifiers " * 24_000),
    (
        "nested.html",
        b"<html><body>" + b"<div>" * 5000 + b"<p>We use cookies.</p>" + b"</div>" * 5000 + b"</body></html>",
    ),
    ("brackets.md", b"# Privacy\n\n" + b"[" * 1_000_000),
    ("tags-in-text.txt", b"We collect e-mail. <script>alert(1)</script> <img src=x onerror=alert(1)>\n"),
]

# Aimed inside the network: the worker's URL guard refuses each, directly or after a redirect.
INTERNAL_TARGETS = [
    "http://127.0.0.1/",
    "http://[::1]/",
    "http://169.254.169.254/latest/meta-data/",
    "http://2130706433/",
    "http://0177.0.0.1/",
    "http://0x7f000001/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
]


@pytest.fixture(scope="module")
def worker(start_worker):
    # The test server is reached as "localhost"; a redirect from it to 127.0.0.1 is still checked.
    return start_worker(STATEMENT_FETCH_ALLOWED_HOSTS="localhost", STATEMENT_FETCH_TIMEOUT_SECONDS="2")


def upload(client, vendor, name, content):
    return client.post(f"/vendors/{vendor.pk}/statements/upload/", {"file": SimpleUploadedFile(name, content)})


def fetch(client, vendor, url) -> Statement | None:
    """The statement recorded for ``url``, or None when the form already refused the address."""
    response = client.post(f"/vendors/{vendor.pk}/statements/fetch/", {"url": url})
    if response.status_code == 400:
        assert "Enter a valid URL." in response.content.decode(), url
        return None
    assert response.status_code == 302, url
    return Statement.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def settled(statements: list[Statement]) -> list[Statement]:
    ids = [statement.pk for statement in statements]
    wait_for(
        lambda: not Statement.objects.filter(pk__in=ids, status__in=Statement.ACTIVE_STATUSES).exists(), timeout=90
    )
    return list(Statement.objects.filter(pk__in=ids).order_by("pk"))


def assert_clear(message: str) -> None:
    assert message and "\n" not in message and "Traceback" not in message and len(message) < 300, message


def test_bad_files_are_refused_on_the_form_and_nothing_is_saved(client_for, requester, vendor, settings):
    settings.STATEMENT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
    client = client_for(requester)
    for name, content, message in FORM_REFUSALS:
        response = upload(client, vendor, name, content)
        assert response.status_code == 400, name
        assert message in response.content.decode(), name
    assert not Statement.objects.exists()


def test_a_body_declared_over_the_cap_is_refused_before_it_is_read(client_for, requester, vendor):
    response = upload(client_for(requester), vendor, "huge.txt", b"We collect data. " * (20 * 1024 * 1024 // 17 + 1))
    assert response.status_code == 413 and "refused before it was read" in response.content.decode()
    assert not Statement.objects.exists()


def test_hostile_files_fail_with_a_reason_and_the_worker_goes_on(worker, client_for, requester, vendor):
    client = client_for(requester)
    cases = WORKER_FAILURES + [(name, content, None) for name, content in WORKER_SUCCESSES]
    for name, content, _ in cases:
        assert upload(client, vendor, name, content).status_code == 302, name
    honest = upload(client, vendor, "honest.txt", HONEST)
    statements = settled(list(Statement.objects.all()))
    outcomes = {statement.original_filename: statement for statement in statements}
    for name, _, reason in WORKER_FAILURES:
        assert outcomes[name].status == "failed", name
        assert_clear(outcomes[name].error)
        assert reason in outcomes[name].error.lower(), (name, outcomes[name].error)
    for name, _ in WORKER_SUCCESSES:
        assert outcomes[name].status == "done", (name, outcomes[name].error)
    assert outcomes["honest.txt"].status == "done" and honest.status_code == 302
    assert worker.process.poll() is None, "the worker died"
    assert Assessment.objects.filter(vendor=vendor).get().answers.count() == V1_QUESTION_COUNT


@pytest.mark.parametrize("via_redirect", [False, True], ids=["direct", "redirect"])
def test_urls_aimed_inside_the_network_are_refused(worker, client_for, requester, vendor, via_redirect):
    client = client_for(requester)
    with statement_server() as base:
        port = base.rsplit(":", 1)[1]
        targets = [f"http://localhost:{port}/redirect?to={url}" if via_redirect else url for url in INTERNAL_TARGETS]
        recorded = [statement for url in targets if (statement := fetch(client, vendor, url))]
        allowed = fetch(client, vendor, f"http://localhost:{port}/page.html")
        statements = settled([*recorded, allowed])
    # Odd numeric forms never reach the worker directly: the form's URL check refuses them.
    assert len(recorded) == len(targets) if via_redirect else len(recorded) >= 4
    for statement in statements[:-1]:
        assert statement.status == "failed", statement.source_url
        assert_clear(statement.error)
        assert not statement.extracted_text and not statement.original_file
    assert statements[-1].status == "done", statements[-1].error
    assert worker.process.poll() is None


def test_other_schemes_are_refused(worker, client_for, requester, vendor):
    client = client_for(requester)
    response = client.post(f"/vendors/{vendor.pk}/statements/fetch/", {"url": "file:///etc/passwd"})
    assert response.status_code == 400 and "Enter a valid URL." in response.content.decode()
    (statement,) = settled([fetch(client, vendor, "ftp://127.0.0.1/privacy.txt")])
    assert statement.status == "failed"
    assert_clear(statement.error)
