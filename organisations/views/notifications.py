"""A person's notifications in this organisation, and the kinds they receive by email (organisations.notifications)."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from organisations.access import organisation_view
from organisations.models import EmailChoices, Notification


class EmailChoicesForm(forms.Form):
    emailed = forms.MultipleChoiceField(
        label="Email me when", choices=Notification.Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Each of these is always listed on this page; untick the ones you do not want by email.",
    )  # fmt: skip


@organisation_view()
def notification_list(request):
    choices, _ = EmailChoices.objects.get_or_create(user=request.user)
    form = EmailChoicesForm(
        request.POST or None, initial={"emailed": [k for k in Notification.Kind.values if k not in choices.turned_off]}
    )
    if request.method == "POST" and form.is_valid():
        choices.turned_off = [k for k in Notification.Kind.values if k not in form.cleaned_data["emailed"]]
        choices.save(update_fields=["turned_off"])
        messages.success(request, "Your email choices are saved")
        return redirect("organisations:notifications", request.organisation.slug)
    mine = Notification.objects.for_organisation(request.organisation).filter(user=request.user)
    listed = list(mine[:50])
    unread = {n.pk for n in listed if n.read_at is None}
    mine.filter(read_at__isnull=True).update(read_at=timezone.now())  # seen now that they are on the page
    return render(request, "organisations/notifications.html", {"listed": listed, "unread": unread, "form": form})
