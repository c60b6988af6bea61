"""Deleting one thing from the journal: a page that asks first (GET), then the delete itself (POST).

Deletes mark the journal changed through `journal.signals`, so the cached review is fresh without a word here.
"""

from django.contrib import messages
from django.shortcuts import redirect, render


def delete_after_asking(request, obj, template, context_name, then, said):
    if request.method == "POST":
        obj.delete()
        messages.success(request, said)
        return redirect(then)
    return render(request, template, {context_name: obj})
