"""Print a new VAPID key for web push, to put in the environment of every web and worker process."""

from cryptography.hazmat.primitives.asymmetric import ec
from django.core.management.base import BaseCommand
from py_vapid import b64urlencode


class Command(BaseCommand):
    help = "Print a new VAPID_PRIVATE_KEY line for web push."

    def handle(self, *args, **options):
        number = ec.generate_private_key(ec.SECP256R1()).private_numbers().private_value
        self.stdout.write(f"VAPID_PRIVATE_KEY={b64urlencode(number.to_bytes(32, 'big'))}")
