"""Saving a new journal row exactly once per form, however often it is tapped or resent."""

from django.db import IntegrityError, transaction


def save_once(form, user, **fields):
    """Save `form`'s new object for `user` unless its one-time key was used already.

    Returns (object, created). A second submission of the same form returns the first object.
    """
    model = form._meta.model
    key = form.cleaned_data.get("idempotency_key")
    if key:
        earlier = model.objects.filter(user=user, idempotency_key=key).first()
        if earlier:
            return earlier, False
    obj = form.save(commit=False)
    obj.user = user
    obj.idempotency_key = key
    for name, value in fields.items():
        setattr(obj, name, value)
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        earlier = key and model.objects.filter(user=user, idempotency_key=key).first()
        if not earlier:
            raise  # another rule of the table refused it, not a repeat of this form
        return earlier, False
    return obj, True
