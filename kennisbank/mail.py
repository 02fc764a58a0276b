"""E-mail through the background worker: a request hands each message to a task and goes on;
the worker sends it with the real backend (`EMAIL_DELIVERY_BACKEND`).

Every Django and allauth e-mail, and Wagtail's moderation e-mails, pass through
`QueuedEmailBackend` (`EMAIL_BACKEND`). A message keeps its subject, body, sender, recipients
(to, cc, bcc), reply-to, headers, HTML and other alternatives and attachments given as
(name, content, type); an attachment made as a MIME part of its own is refused at once.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta
from email.mime.base import MIMEBase

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone
from django_tasks import task, task_backends

logger = logging.getLogger(__name__)
# A message the mail server did not take is tried again this many times, waiting longer each time.
DELIVERY_ATTEMPTS = 5
RETRY_DELAY = timedelta(minutes=1)


class QueuedEmailBackend(BaseEmailBackend):
    """Queues each message as a `deliver_email` task instead of sending it."""

    def send_messages(self, email_messages) -> int:
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            deliver_email.enqueue(message_data(message))
            count += 1
        return count


def message_data(message: EmailMessage) -> dict:
    """`message` as JSON, everything that makes it up. Raises ValueError for a MIME-part
    attachment, which cannot be stored as such."""
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, MIMEBase):
            raise ValueError(
                "A queued e-mail cannot carry a MIME part as attachment; attach it as "
                "(filename, content, mimetype) instead."
            )
        filename, content, mimetype = attachment
        if isinstance(content, bytes):
            attachments.append(
                [filename, base64.b64encode(content).decode("ascii"), mimetype, True]
            )
        else:
            attachments.append([filename, content, mimetype, False])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": str(message.from_email),
        "to": [str(address) for address in message.to],
        "cc": [str(address) for address in message.cc],
        "bcc": [str(address) for address in message.bcc],
        "reply_to": [str(address) for address in message.reply_to],
        "headers": {str(key): str(value) for key, value in message.extra_headers.items()},
        "alternatives": [
            [str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
        "mixed_subtype": message.mixed_subtype,
        "alternative_subtype": getattr(message, "alternative_subtype", "alternative"),
        "encoding": str(message.encoding) if message.encoding else None,
    }


def rebuilt_message(data: dict) -> EmailMultiAlternatives:
    """The message that `message_data` stored."""
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    for filename, content, mimetype, is_bytes in data["attachments"]:
        message.attach(filename, base64.b64decode(content) if is_bytes else content, mimetype)
    message.content_subtype = data["content_subtype"]
    message.mixed_subtype = data["mixed_subtype"]
    message.alternative_subtype = data["alternative_subtype"]
    message.encoding = data["encoding"]
    return message


# E-mail goes first: a password reset should not wait behind an import's index updates
# (django-tasks-db's worker takes the highest priority first; the default is 0).
@task(priority=10)
def deliver_email(data: dict, attempt: int = 1) -> int:
    """Send one queued message with the real backend. When the mail server fails, a worker
    tries again later (up to DELIVERY_ATTEMPTS times) before the failure is final."""
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    try:
        return connection.send_messages([rebuilt_message(data)])
    except OSError as error:  # smtplib's errors are OSErrors, as are refused connections
        backend = task_backends[deliver_email.backend]
        if attempt >= DELIVERY_ATTEMPTS or not backend.supports_defer:
            raise
        logger.warning("E-mail to %s not sent (attempt %d): %s", data["to"], attempt, error)
        deliver_email.using(run_after=timezone.now() + RETRY_DELAY * 2 ** (attempt - 1)).enqueue(
            data, attempt + 1
        )
        return 0
