"""Issue 20: NHS organisation reference data (ODS) loaded from the published files, ODS codes checked against it,
and a merged provider's SC8 history carried across through the successor list."""

import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from organisations.models import OdsOrganisation, Organisation
from organisations.roles import Role
from tests.evaluation.factories import SC8SnapshotFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

# The layout of the ODS publications (etr.csv and the like): code, name, grouping, geography, 5 address lines,
# postcode, open date, close date, then further columns.
TRUSTS = (
    'RX1,"NORTHGATE HOSPITALS NHS TRUST",Y56,Q71,"1 HIGH ST","","NORTHGATE","","",NG1 1AA,20010401,20260331,,,\n'
    'RX9,"NORTHGATE AND SOUTHBY NHS TRUST",Y56,Q71,"1 HIGH ST","","NORTHGATE","","",NG1 1AA,20260401,,,,\n'
    '"",,,\n'
)
SUCCESSORS = "RX1,RX9,R,20260401,Y\n"


@pytest.fixture
def published(tmp_path):
    trusts, successors = tmp_path / "etr.csv", tmp_path / "succ.csv"
    trusts.write_text(TRUSTS)
    successors.write_text(SUCCESSORS)
    return trusts, successors


def test_the_publication_and_its_successors_load_and_reload_without_duplicates(published, tmp_path, capsys):
    trusts, successors = published
    call_command("load_ods_reference", str(trusts), successors=str(successors))
    assert "2 added, 0 updated, 1 rows skipped" in capsys.readouterr().out
    old = OdsOrganisation.objects.get(code="RX1")
    assert old.name == "NORTHGATE HOSPITALS NHS TRUST" and old.closed_on.isoformat() == "2026-03-31"
    assert old.successor_code == "RX9" and old.succeeded_on.isoformat() == "2026-04-01"
    archive = tmp_path / "etr.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.write(trusts, "etr.csv")
    call_command("load_ods_reference", str(archive))
    assert "0 added, 2 updated" in capsys.readouterr().out and OdsOrganisation.objects.count() == 2


def test_an_ods_code_is_checked_against_the_list_once_it_is_loaded(published):
    organisation = OrganisationFactory.build(name="Somewhere NHS Trust", slug="somewhere", ods_code="rzz")
    organisation.full_clean()  # no list loaded: the format alone is checked
    assert organisation.ods_code == "RZZ"
    call_command("load_ods_reference", str(published[0]))
    with pytest.raises(ValidationError, match="not in the NHS organisation list"):
        organisation.full_clean()
    organisation.ods_code = "RX9"
    organisation.full_clean()
    organisation.ods_code = "R!"
    with pytest.raises(ValidationError, match="3 to 6 letters and numbers"):
        organisation.full_clean()


def test_a_merged_providers_quarters_carry_its_predecessors_history(client, published):
    call_command("load_ods_reference", str(published[0]), successors=str(published[1]))
    icb = OrganisationFactory(kind=Organisation.Kind.ICB)
    old = OrganisationFactory(name="Northgate Hospitals NHS Trust", ods_code="RX1")
    new = OrganisationFactory(name="Northgate and Southby NHS Trust", ods_code="RX9")
    ContractFactory(commissioner=icb, provider=new, status="accepted")
    commissioner = MembershipFactory(organisation=icb, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[icb.slug, new.pk]))
    first_quarter = page.context["quarters"][0]
    SC8SnapshotFactory(commissioner=icb, provider=old, quarter=first_quarter, indicator="plan", status="green")
    page = client.get(reverse("evaluation:sc8_provider", args=[icb.slug, new.pk]))
    plan = next(row for row in page.context["indicators"] if row["indicator"].code == "plan")
    assert plan["trend"][0] == "Green" and "Northgate Hospitals NHS Trust (RX1)" in page.text
    SC8SnapshotFactory(commissioner=icb, provider=new, quarter=first_quarter, indicator="plan", status="red")
    page = client.get(reverse("evaluation:sc8_provider", args=[icb.slug, new.pk]))
    plan = next(row for row in page.context["indicators"] if row["indicator"].code == "plan")
    assert plan["trend"][0] == "Red"  # its own record comes first
    assert timezone.localdate() >= first_quarter
