"""Checklist 2026.2: the Midlands and East guide's own titles and success wording, the approach bullets that were
left out, the team-prioritisation criteria and barriers in the guide's words; objectives measured by the old
assessment total (a weighted score built on invented weights) become hand-updated, keeping their target."""

from django.db import migrations, models

# {code: {field: (2026.1 text, 2026.2 text)}}: only items still carrying the 2026.1 text are changed, so an
# organisation's own edits survive.
CHANGES = {
    "adapt_plan": {
        "success": (
            "Adaptation plan and schedule agreed; MECC is part of everyday work",
            "Adaptation plan and schedule agreed, MECC part of staff's everyday work tasks",
        ),
        "title": (
            "Adapt implementation plan for improvement and rollout",
            "Adapt implementation plan for service improvement and roll-out across the organisation",
        ),
    },
    "communicate_impact": {
        "success": (
            "Communications plan developed and signed off by department lead",
            "Communications plan developed and signed-off by the department lead",
        ),
        "title": ("Communicate the impact of MECC", "Impact of MECC communicated"),
    },
    "engage_teams": {
        "approach": (
            "Communicate with teams; help staff see the purpose, agree their role and "
            "route and discuss what stops them engaging; identify a team implementation "
            "lead.",
            "Communicate with the relevant teams; support staff to engage with the "
            "purpose, to understand and agree their role and how they will get there, and "
            "to discuss what may prevent them engaging; support them to identify a team "
            "implementation lead; review communication opportunities with individuals.",
        ),
        "success": (
            "Staff understand why MECC matters and the next steps",
            "Staff are aware and understand the relevance and importance of MECC and the next steps for implementation",
        ),
        "title": ("Engage and empower teams and individuals", "Engaging and empowering teams and individuals"),
        "tools": (
            "Orientation Workshop slides, with pre and post session survey",
            "Orientation Workshop Slides, including pre and post session survey",
        ),
    },
    "identify_champions": {
        "tools": ("The case made, or a tailored version", "The case you have made or a tailored version of it")
    },
    "identify_resources": {"success": ("Resources agreed and identified", "Resources are agreed and identified")},
    "identify_teams": {
        "approach": (
            "The project team sets criteria to prioritise teams (contact opportunities, "
            "ability to influence, current work, support from the head of department), "
            "decides who goes first and schedules departments.",
            "The project team develops criteria for prioritising teams (number of "
            "opportunities within the department to have contact with individuals; "
            "ability to influence individuals; current work undertaken; support offered "
            "by the department head), decides which departments implement MECC first "
            "and develops a schedule of departments.",
        ),
        "success": (
            "Schedule of departments created and agreed with department heads",
            "Schedule of departments has been created and agreed with department heads",
        ),
    },
    "implementation_plan": {
        "success": (
            "Plan agreed with staff and signed off by the department lead",
            "Implementation plan agreed with staff and signed-off by department lead",
        ),
        "title": ("Implementation plan", "Implementation Plan"),
    },
    "make_case": {
        "success": (
            "Able to set out the organisational benefits and make the case",
            "Able to clarify organisational benefits and make the case for implementation",
        )
    },
    "obtain_support": {
        "success": (
            "Board minutes record approval and an implementation lead is named",
            "Board level minutes show approval and an implementation lead is identified",
        )
    },
    "overcome_barriers": {
        "tools": (
            "Behaviour Change Pathway and Competence Mapping; Example Data Capture "
            "Forms; Prompt Card and Health Benefit Cards; Self-care / further support "
            "template",
            "Behaviour Change Pathway and Competence Mapping; Example Data Capture "
            "Forms; Prompt Card and Health Benefit Cards; Template for information on "
            "self-care or how to access further support",
        )
    },
    "policies_procedures": {
        "success": ("MECC embedded in the organisation", "MECC is embedded within the organisation"),
        "title": (
            "Identify organisational policies and procedures to develop",
            "Identify organisational policies and procedures to be developed",
        ),
    },
    "review_objectives": {
        "title": ("Review progress against SMART objectives", "Review your progress against the SMART objectives")
    },
    "smart_objectives": {
        "success": (
            "Objectives signed off by senior management",
            "Objectives have been signed off by senior management",
        )
    },
    "staff_begin": {
        "success": (
            "First staff member has a lifestyle conversation; review and adaptation then continues",
            "First staff member has a lifestyle discussion. This process is also ongoing as teams review and adapt",
        ),
        "tools": (
            "Example data capture forms; Prompt and Health Benefit Cards; Self-care / further support template",
            "Example data capture forms; Prompt Card and Health Benefit Cards; Template for "
            "information on self-care or how to access further support",
        ),
    },
    "staff_training": {
        "success": ("Workshop held and notes circulated", "Workshop held and notes from the session are circulated"),
        "tools": (
            "Training options (with pre and post session surveys); Individual and Team Skills Assessment Tool",
            "Training options, including pre and post session surveys; Individual and Team Skills Assessment Tool",
        ),
    },
    "systems_processes": {
        "approach": (
            "Review team recommendations and make the agreed changes: clear referral "
            "and signposting pathways, information easy for staff to reach, data "
            "collection systems collated and updated.",
            "The implementation lead reviews the teams' recommendations and learning "
            "and facilitates the agreed changes: clear referral and signposting "
            "pathways, information easy for staff to reach, data collection systems "
            "collated and updated; the organisation commits to continuously review "
            "process and procedures.",
        ),
        "title": ("Identify systems and processes to develop", "Identify systems and process to be developed"),
    },
}


def reword(apps, schema_editor):
    item_model = apps.get_model("implementation", "ChecklistItem")
    for item in item_model.objects.filter(template_version="2026.1", code__in=CHANGES):
        for field, (old, new) in CHANGES[item.code].items():
            if getattr(item, field) == old:
                setattr(item, field, new)
        item.template_version = "2026.2"
        item.save(update_fields=["title", "approach", "tools", "success", "template_version"])
    apps.get_model("implementation", "Objective").objects.filter(measure="assessment").update(measure="manual")


class Migration(migrations.Migration):
    dependencies = [
        ("implementation", "0002_audit_trail"),
    ]

    operations = [
        migrations.RunPython(reword, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="historicalobjective",
            name="measure",
            field=models.CharField(
                choices=[
                    ("conversations", "Conversations logged from the start date"),
                    ("trained", "% of frontline staff trained"),
                    ("assessment", "Organisational assessment: factors rated A or B (of 10)"),
                    ("checklist_phase", "% of a checklist phase complete"),
                    ("manual", "A value you update by hand"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="historicalplanbarrier",
            name="barrier",
            field=models.CharField(
                choices=[
                    ("listening", "Listening skills"),
                    ("confidence", "Confidence in raising certain issues"),
                    ("services", "Knowledge of your organisation's services"),
                    ("monitoring_forms", "Completing monitoring forms"),
                    ("own_health", "Own health and wellbeing concerns"),
                    ("information", "Availability of information to give to individuals"),
                    ("prompts", "Visual prompts for service users and staff"),
                    ("referral", "Referral processes"),
                    ("time", "Making time for staff to engage with service users"),
                    ("other", "Other"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="objective",
            name="measure",
            field=models.CharField(
                choices=[
                    ("conversations", "Conversations logged from the start date"),
                    ("trained", "% of frontline staff trained"),
                    ("assessment", "Organisational assessment: factors rated A or B (of 10)"),
                    ("checklist_phase", "% of a checklist phase complete"),
                    ("manual", "A value you update by hand"),
                ],
                max_length=20,
            ),
        ),
        migrations.AlterField(
            model_name="planbarrier",
            name="barrier",
            field=models.CharField(
                choices=[
                    ("listening", "Listening skills"),
                    ("confidence", "Confidence in raising certain issues"),
                    ("services", "Knowledge of your organisation's services"),
                    ("monitoring_forms", "Completing monitoring forms"),
                    ("own_health", "Own health and wellbeing concerns"),
                    ("information", "Availability of information to give to individuals"),
                    ("prompts", "Visual prompts for service users and staff"),
                    ("referral", "Referral processes"),
                    ("time", "Making time for staff to engage with service users"),
                    ("other", "Other"),
                ],
                max_length=20,
            ),
        ),
    ]
