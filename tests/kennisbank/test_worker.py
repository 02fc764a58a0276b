"""Issue 14, part 2: e-mail and the scheduled jobs run in `manage.py worker`, never in a request;
a periodic job runs once per period however many workers run."""

import threading
import time
import uuid
from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import caches
from django.core.mail import EmailMessage, EmailMultiAlternatives, send_mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus, task
from django_tasks_db.models import DBTaskResult
from wagtail.models import Page, Revision

from kennisbank import periodic
from kennisbank.mail import deliver_email, message_data
from kennisbank.management.commands.worker import TASKS_PER_ROUND
from tests.accounts.test_signup import confirmation_path, signup_data
from tests.factories import create_initiative
from tests.fault_servers import closed_port

# The worker commits as in production; serialized_rollback gives back the migrations' rows.
in_real_transactions = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def full_message() -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject="Uw initiatief is goedgekeurd",
        body="Platte tekst met é en ß",
        from_email="Redactie <redactie@example.org>",
        to=["anna@example.org"],
        cc=["ruud@example.org"],
        bcc=["archief@example.org"],
        reply_to=["antwoord@example.org"],
        headers={"X-Kennisbank": "moderatie"},
    )
    message.attach_alternative("<p>HTML-tekst</p>", "text/html")
    message.attach("lijst.csv", "titel;plaats\nA;B\n", "text/csv")
    message.attach("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png")
    return message


@pytest.mark.django_db
def test_a_queued_message_keeps_everything_it_had(settings):
    settings.EMAIL_BACKEND = "kennisbank.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    original = full_message()

    assert original.send() == 1

    [sent] = mail.outbox
    for field in ("subject", "body", "from_email", "to", "cc", "bcc", "reply_to"):
        assert getattr(sent, field) == getattr(original, field), field
    assert sent.extra_headers == {"X-Kennisbank": "moderatie"}
    assert list(sent.alternatives) == [("<p>HTML-tekst</p>", "text/html")]
    assert [tuple(attachment) for attachment in sent.attachments] == [
        ("lijst.csv", "titel;plaats\nA;B\n", "text/csv"),
        ("logo.png", b"\x89PNG\r\n\x1a\n\x00\xff", "image/png"),
    ]
    assert sent.message().as_bytes().count(b"X-Kennisbank: moderatie") == 1


def test_a_mime_part_attachment_is_refused_clearly():
    from email.mime.text import MIMEText

    message = EmailMessage("Onderwerp", "Tekst", to=["anna@example.org"])
    message.attach(MIMEText("bijlage"))
    with pytest.raises(ValueError, match="MIME part"):
        message_data(message)


@in_real_transactions
def test_mail_waits_for_the_worker(background_tasks):
    sent = send_mail("Onderwerp", "Tekst", None, ["anna@example.org"], html_message="<p>Tekst</p>")

    assert sent == 1
    assert mail.outbox == []
    call_command("worker", "--batch")
    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    assert mail.outbox[0].alternatives == [("<p>Tekst</p>", "text/html")]
    # The pruning job (the worker's first run) came before the task: the sent message is
    # still stored; the next prune drops it, while a message that failed stays.
    assert DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 1
    periodic.prune_task_results()
    assert not DBTaskResult.objects.filter(args_kwargs__icontains="Tekst").exists()


@in_real_transactions
def test_the_signup_confirmation_is_sent_by_the_worker(index, background_tasks):
    client = Client()
    response = client.post(reverse("account_signup"), signup_data(email="nieuw@example.org"))

    assert response.status_code == 302
    assert mail.outbox == []
    call_command("worker", "--batch")
    [message] = mail.outbox
    assert message.to == ["nieuw@example.org"]
    assert client.post(confirmation_path(message)).status_code == 302
    assert EmailAddress.objects.get(email="nieuw@example.org").verified


@in_real_transactions
def test_a_message_the_mail_server_refuses_is_tried_again_later(settings, background_tasks):
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", closed_port()
    send_mail("Onderwerp", "Tekst", None, ["anna@example.org"])

    call_command("worker", "--batch")

    retry = DBTaskResult.objects.get(status=TaskResultStatus.READY)
    assert retry.task_path == "kennisbank.mail.deliver_email"
    assert retry.args_kwargs["args"][1] == 2  # the second attempt
    assert retry.run_after > timezone.now()


@in_real_transactions
def test_the_worker_publishes_pages_whose_time_has_come(index, background_tasks):
    page = create_initiative(index, title="Gepland initiatief", publish=False)
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    revision.publish()  # scheduled: the revision waits for its time
    page.refresh_from_db()
    assert not page.live
    # A day later: the time has come.
    revision.refresh_from_db()
    revision.approved_go_live_at -= timedelta(days=1, minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()

    call_command("worker", "--batch")

    page.refresh_from_db()
    assert page.live
    assert Client().get(page.url).status_code == 200


@pytest.mark.django_db
def test_a_periodic_job_runs_once_per_period_whatever_the_workers(settings):
    settings.WORKER_JOB_INTERVALS = {"publish_scheduled": 60, "clear_sessions": 3600}
    start = 6_000_000.0  # the start of a period of both

    assert periodic.run_due_jobs(now=start) == ["publish_scheduled", "clear_sessions"]
    assert periodic.run_due_jobs(now=start + 1) == []  # a second worker, the same minute
    assert periodic.run_due_jobs(now=start + 60) == ["publish_scheduled"]
    tried = {}
    assert periodic.run_due_jobs(now=start + 120, tried=tried) == ["publish_scheduled"]
    caches["claims"].clear()  # forgotten by the cache: this worker still knows it tried
    assert periodic.run_due_jobs(now=start + 121, tried=tried) == []


@in_real_transactions
def test_workers_claiming_a_job_at_the_same_moment_run_it_once(settings):
    # The shared cache of production (the database's, without REDIS_URL).
    settings.CACHES = {
        **settings.CACHES,
        "claims": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "kennisbank_cache",
        },
    }
    # A job of its own: the cache table outlives the test's rows (a database kept with --reuse-db).
    job = f"test-{uuid.uuid4().hex}"
    workers = 6
    barrier = threading.Barrier(workers)
    claimed = []

    def worker():
        from django.db import connection

        barrier.wait()
        claimed.append(periodic.claim(job, 60))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(claimed) == [False] * (workers - 1) + [True]


def tasks_in_the_order_they_ran() -> list[str]:
    return list(
        DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL)
        .order_by("finished_at")
        .values_list("task_path", flat=True)
    )


@in_real_transactions
def test_an_email_does_not_wait_behind_the_index_updates_queued_before_it(index, background_tasks):
    """An import queues many index updates; a password reset asked for meanwhile is sent
    first, not after all of them."""
    for number in range(3):
        create_initiative(index, title=f"Geïmporteerd initiatief {number}")
    index_updates = DBTaskResult.objects.filter(status=TaskResultStatus.READY).count()
    assert index_updates > TASKS_PER_ROUND
    send_mail("Wachtwoord herstellen", "Tekst", None, ["anna@example.org"])

    call_command("worker", "--batch")

    assert [message.to for message in mail.outbox] == [["anna@example.org"]]
    ran = tasks_in_the_order_they_ran()
    assert len(ran) == index_updates + 1
    assert ran[0] == deliver_email.module_path


@task()
def go_live_time_comes(revision_id: int) -> None:
    """For the next test: the go-live time of a scheduled revision comes while the worker is
    busy, and the clock passes into a new period of the (one-second) publishing job."""
    revision = Revision.objects.get(pk=revision_id)
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.content["go_live_at"] = revision.approved_go_live_at.isoformat()
    revision.save()
    time.sleep(1.01 - time.time() % 1)


@task()
def page_is_live(page_id: int) -> bool:
    return Page.objects.get(pk=page_id).live


@in_real_transactions
def test_scheduled_publishing_runs_between_rounds_of_a_long_queue(
    settings, index, background_tasks
):
    settings.WORKER_JOB_INTERVALS = {"publish_scheduled": 1}
    page = create_initiative(index, title="Gepland initiatief", publish=False)
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    revision.publish()  # scheduled
    DBTaskResult.objects.all().delete()  # the page's own index updates play no part here
    go_live_time_comes.enqueue(revision.pk)
    for _ in range(2 * TASKS_PER_ROUND):
        page_is_live.enqueue(page.pk)

    call_command("worker", "--batch")

    seen = list(
        DBTaskResult.objects.filter(task_path=page_is_live.module_path)
        .order_by("finished_at")
        .values_list("return_value", flat=True)
    )
    assert len(seen) == 2 * TASKS_PER_ROUND
    # Published by the job between two rounds of tasks, not after the whole queue.
    assert seen[0] is False
    assert seen[-1] is True
    assert seen == sorted(seen)
