"""Commissioning contracts: a commissioner proposes, the provider's admin accepts (consent) or declines, and may
later withdraw consent. Commissioners see aggregates of consenting providers only."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from organisations import selectors, services
from organisations.access import organisation_view
from organisations.forms import ContractProposalForm, ContractResponseForm
from organisations.models import CommissioningContract
from organisations.roles import Capability


@organisation_view(Capability.MANAGE_CONTRACTS)
def contract_list(request):
    organisation = request.organisation
    form = ContractProposalForm(request.POST or None, commissioner=organisation)
    if request.method == "POST" and form.is_valid():
        contract = services.propose_contract(commissioner=organisation, proposed_by=request.user, **form.cleaned_data)
        messages.success(request, f"Contract {contract.reference} sent to {contract.provider} for acceptance")
        return redirect("organisations:contracts", organisation.slug)
    contracts = CommissioningContract.objects.involving(organisation).select_related("commissioner", "provider")
    context = {
        "form": form,
        "as_provider": [c for c in contracts if c.provider_id == organisation.pk],
        "as_commissioner": [c for c in contracts if c.commissioner_id == organisation.pk],
    }
    return render(request, "organisations/contract_list.html", context)


def _provider_contract(request, pk):
    """Only the provider side answers or withdraws; to the commissioner side such a URL does not exist."""
    return get_object_or_404(
        CommissioningContract.objects.filter(provider=request.organisation).select_related("commissioner"), pk=pk
    )


@organisation_view(Capability.MANAGE_CONTRACTS)
def contract_respond(request, pk):
    contract = _provider_contract(request, pk)
    form = ContractResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        try:
            services.respond_to_contract(contract, accept=accept, responded_by=request.user)
        except ValidationError as error:
            messages.error(request, error.messages[0])
        else:
            verb = "accepted" if accept else "declined"
            messages.success(request, f"You {verb} contract {contract.reference} with {contract.commissioner}")
        return redirect("organisations:contracts", request.organisation.slug)
    return render(request, "organisations/contract_respond.html", {"form": form, "contract": contract})


@organisation_view(Capability.MANAGE_CONTRACTS)
@require_POST
def contract_withdraw(request, pk):
    contract = _provider_contract(request, pk)
    try:
        services.withdraw_consent(contract, withdrawn_by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, f"{contract.commissioner} can no longer see your figures")
    return redirect("organisations:contracts", request.organisation.slug)


@organisation_view(Capability.VIEW_PROVIDER_PORTFOLIO)
def provider_portfolio(request):
    rows = selectors.provider_portfolio(request.organisation)
    waiting = CommissioningContract.objects.filter(
        Q(commissioner=request.organisation), status=CommissioningContract.Status.PROPOSED
    ).count()
    return render(request, "organisations/provider_portfolio.html", {"rows": rows, "waiting": waiting})
