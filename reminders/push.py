"""Web push: our VAPID key, and sending one notification to each of a person's devices.

The payload is the same fixed title and a link to one of our pages, nothing else: push services and lock screens
never see anything from the journal. A device whose subscription the push service no longer knows (404 or 410)
is forgotten.
"""

import hashlib
import json
import logging

import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from py_vapid import Vapid, b64urlencode
from pywebpush import WebPushException, webpush

from reminders.mail import SUBJECT
from reminders.models import PushSubscription

logger = logging.getLogger(__name__)
GONE = {404, 410}
# The order of the P-256 group: a private key is a number below it.
P256_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
# How long a push service keeps trying a phone that is off: a reminder is still welcome an hour late.
TIME_TO_LIVE = 60 * 60


def vapid_key():
    """VAPID_PRIVATE_KEY; in development without one, a key derived from SECRET_KEY (stable across restarts, so
    devices stay subscribed). None in production without one: then push is off."""
    if settings.VAPID_PRIVATE_KEY:
        return Vapid.from_string(settings.VAPID_PRIVATE_KEY)
    if not settings.DEBUG:
        return None
    digest = hashlib.sha256(f"secure-base-vapid:{settings.SECRET_KEY}".encode()).digest()
    return Vapid(ec.derive_private_key(int.from_bytes(digest) % (P256_ORDER - 1) + 1, ec.SECP256R1()))


def public_key():
    """The application server key a browser subscribes with (base64url, uncompressed point), or "" if push is off."""
    key = vapid_key()
    if key is None:
        return ""
    point = key.public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    return b64urlencode(point)


def payload(link):
    return json.dumps({"title": SUBJECT, "url": link})


def send_to_devices(user, link):
    """Push to each of `user`'s devices; True if at least one push service took it."""
    key = vapid_key()
    if key is None:
        return False
    delivered = False
    for subscription in PushSubscription.objects.filter(user=user):
        try:
            webpush(
                subscription.as_subscription_info(),
                data=payload(link),
                vapid_private_key=key,
                vapid_claims={"sub": settings.VAPID_SUBJECT},
                ttl=TIME_TO_LIVE,
                timeout=10,
            )
        except WebPushException as error:
            status = getattr(error.response, "status_code", None)
            if status in GONE:
                subscription.delete()
            else:
                logger.warning("Push to subscription %s failed with status %s", subscription.pk, status)
            continue
        except requests.RequestException as error:
            logger.warning("Push to subscription %s failed: %s", subscription.pk, error.__class__.__name__)
            continue
        delivered = True
    return delivered
