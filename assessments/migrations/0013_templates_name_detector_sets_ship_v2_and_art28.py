"""Templates name their detector set and document kinds; ship help-desk privacy v2 and GDPR Art. 28(3).

The two templates are frozen here as they shipped: a later edit of
``assessments/questionnaires/*.json`` must not change what this migration created (a new
version of a template is a new file and a new migration). Neither becomes the default:
help-desk privacy v1 stays the default until vendors are upgraded.
"""

import json

from django.db import migrations, models

HELPDESK_PRIVACY_V2 = json.loads(
    r"""
{
 "format": "vendorrisk-questionnaire/1",
 "slug": "helpdesk-privacy",
 "version": 2,
 "title": "Help-desk vendor privacy questionnaire",
 "detector_set": "helpdesk-privacy-v2",
 "document_kinds": [
  "privacy_statement",
  "dpa",
  "subprocessor_list",
  "security_page"
 ],
 "required_signoff_roles": [
  "Reviewer",
  "Approver"
 ],
 "sections": [
  {
   "key": "policy",
   "title": "The statement itself"
  },
  {
   "key": "collect",
   "title": "What is collected"
  },
  {
   "key": "use",
   "title": "How data is used"
  },
  {
   "key": "share",
   "title": "Sharing and disclosure"
  },
  {
   "key": "transfer",
   "title": "International transfers"
  },
  {
   "key": "retention",
   "title": "Retention"
  },
  {
   "key": "security",
   "title": "Security"
  },
  {
   "key": "rights",
   "title": "Individuals' rights"
  },
  {
   "key": "compliance",
   "title": "Compliance and audience"
  }
 ],
 "questions": [
  {
   "key": "policy.last_updated",
   "section": "policy",
   "type": "date",
   "text": "When was the statement last updated or made effective?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "No date: nobody can tell whether the statement is current."
    },
    {
     "when": "older_than_months:24",
     "weight": 2,
     "reason": "Not updated for more than 24 months."
    }
   ]
  },
  {
   "key": "policy.privacy_contact",
   "section": "policy",
   "type": "email",
   "text": "Which e-mail address is given for privacy questions?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "policy.change_notice",
   "section": "policy",
   "type": "choice",
   "text": "How are customers told of material changes?",
   "choices": [
    "direct",
    "posted"
   ],
   "risk_rules": []
  },
  {
   "key": "collect.location",
   "section": "collect",
   "type": "yes_no",
   "text": "Does the vendor collect location data?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "collect.device",
   "section": "collect",
   "type": "yes_no",
   "text": "Does it collect device or technical data?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "collect.payment",
   "section": "collect",
   "type": "yes_no",
   "text": "Does it collect payment or billing data?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "collect.credentials",
   "section": "collect",
   "type": "yes_no",
   "text": "Does it collect passwords, login credentials or authentication information?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 3,
     "reason": "Collects credentials or authentication information."
    }
   ]
  },
  {
   "key": "collect.communications_recorded",
   "section": "collect",
   "type": "yes_no",
   "text": "Are support calls, chats or remote sessions recorded or monitored?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 2,
     "reason": "Support communications are recorded or monitored."
    }
   ]
  },
  {
   "key": "collect.cookies",
   "section": "collect",
   "type": "yes_no",
   "text": "Does it use cookies, web beacons, pixels or page tags?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "collect.remote_access",
   "section": "collect",
   "type": "yes_no",
   "text": "May vendor staff remotely access or control the customer's devices?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 3,
     "reason": "Staff may remotely access or control devices."
    }
   ]
  },
  {
   "key": "use.marketing",
   "section": "use",
   "type": "yes_no",
   "text": "Is personal data used for marketing, promotion or advertising?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "use.automated_analysis",
   "section": "use",
   "type": "yes_no",
   "text": "Is data analysed by machine learning, AI or automated systems?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "use.ai_features",
   "section": "use",
   "type": "yes_no",
   "text": "Does the product have AI or machine-learning features that process customer content (tickets, chats, calls)?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "use.ai_training",
   "section": "use",
   "type": "yes_no",
   "text": "Is customer data used to train or improve AI / machine-learning models?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "unless": {
      "use.ai_training_opt_out": "yes"
     },
     "weight": 3,
     "reason": "Customer data trains models and no opt-out is offered."
    },
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "Does not say whether customer data trains models."
    }
   ]
  },
  {
   "key": "use.ai_training_opt_out",
   "section": "use",
   "type": "yes_no",
   "text": "If customer data trains models, can the customer opt out (or must it opt in)?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 1,
     "reason": "Customer data trains models, with an opt-out."
    }
   ]
  },
  {
   "key": "share.third_parties",
   "section": "share",
   "type": "yes_no",
   "text": "Is personal data shared with third parties (service providers, partners, vendors)?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "share.sells_data",
   "section": "share",
   "type": "yes_no",
   "text": "Does the vendor sell personal data?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 3,
     "reason": "Sells personal data."
    },
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "Does not say whether it sells personal data."
    }
   ]
  },
  {
   "key": "share.affiliates",
   "section": "share",
   "type": "yes_no",
   "text": "Is data shared with affiliates, subsidiaries or parent companies?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "share.business_transfer",
   "section": "share",
   "type": "yes_no",
   "text": "May data pass to a buyer in a merger, acquisition or sale?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "share.legal_disclosure",
   "section": "share",
   "type": "yes_no",
   "text": "May data be disclosed to authorities or to comply with law or legal process?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "share.names_processors",
   "section": "share",
   "type": "yes_no",
   "text": "Does it name at least one specific third-party company that collects or processes the data?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "share.subprocessor_list",
   "section": "share",
   "type": "yes_no",
   "text": "Are the vendor's sub-processors listed, or linked to?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "No list of sub-processors is given or linked."
    },
    {
     "when": "no",
     "weight": 2,
     "reason": "The vendor does not publish its sub-processors."
    }
   ]
  },
  {
   "key": "transfer.international",
   "section": "transfer",
   "type": "yes_no",
   "text": "May data be transferred or processed outside the user's country or region?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "unless": {
      "transfer.safeguards": "yes"
     },
     "weight": 2,
     "reason": "Transfers data abroad without naming a transfer mechanism."
    }
   ]
  },
  {
   "key": "transfer.safeguards",
   "section": "transfer",
   "type": "yes_no",
   "text": "Does it name a transfer mechanism (SCCs, adequacy, BCRs, transfer agreements, Data Privacy Framework)?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "transfer.privacy_shield",
   "section": "transfer",
   "type": "yes_no",
   "text": "Does it rely on the EU-US Privacy Shield (invalid since July 2020)?",
   "choices": [],
   "risk_rules": [
    {
     "when": "yes",
     "weight": 3,
     "reason": "Relies on the EU-US Privacy Shield, invalid since July 2020."
    }
   ]
  },
  {
   "key": "transfer.data_residency",
   "section": "transfer",
   "type": "yes_no",
   "text": "Is a data residency (hosting region) choice or commitment offered?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "retention.period",
   "section": "retention",
   "type": "level",
   "text": "Is a retention period stated?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "No retention period is stated."
    },
    {
     "when": "vague",
     "weight": 1,
     "reason": "Retention is only described vaguely."
    }
   ]
  },
  {
   "key": "retention.support_data",
   "section": "retention",
   "type": "level",
   "text": "Is the retention of tickets, attachments, chat transcripts and call recordings stated?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "No retention is stated for tickets and attachments."
    }
   ]
  },
  {
   "key": "retention.end_of_contract",
   "section": "retention",
   "type": "yes_no",
   "text": "Is customer data deleted or returned when the contract ends?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Does not say customer data is deleted or returned at the end of the contract."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Customer data is kept after the contract ends."
    }
   ]
  },
  {
   "key": "security.measures",
   "section": "security",
   "type": "level",
   "text": "Are security measures described?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 3,
     "reason": "No security measures are described."
    },
    {
     "when": "vague",
     "weight": 2,
     "reason": "Security is only a generic assurance."
    }
   ]
  },
  {
   "key": "security.encryption_in_transit",
   "section": "security",
   "type": "yes_no",
   "text": "Is data encrypted in transit (TLS/SSL)?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "security.breach_notification",
   "section": "security",
   "type": "yes_no",
   "text": "Does it commit to notify customers of breaches?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "No commitment to notify customers of breaches."
    }
   ]
  },
  {
   "key": "security.certifications",
   "section": "security",
   "type": "yes_no",
   "text": "Does it cite a security certification or audit (ISO 27001, SOC 2, ...)?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "rights.access",
   "section": "rights",
   "type": "yes_no",
   "text": "Can individuals access or obtain a copy of their data?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "rights.correction",
   "section": "rights",
   "type": "yes_no",
   "text": "Can they correct or update it?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "rights.deletion",
   "section": "rights",
   "type": "yes_no",
   "text": "Can they have it deleted?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "Does not say data can be deleted."
    }
   ]
  },
  {
   "key": "rights.portability",
   "section": "rights",
   "type": "yes_no",
   "text": "Is data portability offered?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "rights.marketing_opt_out",
   "section": "rights",
   "type": "yes_no",
   "text": "Can they opt out of marketing?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "rights.do_not_track",
   "section": "rights",
   "type": "yes_no",
   "text": "Are browser Do-Not-Track signals honoured?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "compliance.gdpr",
   "section": "compliance",
   "type": "yes_no",
   "text": "Does it address GDPR / the EEA / EU data-protection law?",
   "choices": [],
   "risk_rules": []
  },
  {
   "key": "compliance.dpa_available",
   "section": "compliance",
   "type": "yes_no",
   "text": "Is a Data Processing Agreement offered?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "No Data Processing Agreement is mentioned."
    }
   ]
  },
  {
   "key": "audience.children",
   "section": "compliance",
   "type": "yes_no",
   "text": "Does it address children's data (e.g. not directed at under-13s)?",
   "choices": [],
   "risk_rules": []
  }
 ]
}
"""
)

GDPR_ART28_V1 = json.loads(
    r"""
{
 "format": "vendorrisk-questionnaire/1",
 "slug": "gdpr-art28",
 "version": 1,
 "title": "GDPR Art. 28(3) processor terms",
 "detector_set": "gdpr-art28",
 "document_kinds": [
  "dpa"
 ],
 "required_signoff_roles": [
  "Reviewer",
  "Approver"
 ],
 "sections": [
  {
   "key": "processing",
   "title": "Processing on instructions, confidentiality, security"
  },
  {
   "key": "subprocessors",
   "title": "Sub-processors"
  },
  {
   "key": "assistance",
   "title": "Assistance to the controller"
  },
  {
   "key": "termination",
   "title": "End of the services"
  },
  {
   "key": "audits",
   "title": "Audits and inspections"
  },
  {
   "key": "law",
   "title": "Governing law"
  }
 ],
 "questions": [
  {
   "key": "art28.instructions",
   "section": "processing",
   "type": "yes_no",
   "text": "Does the processor process personal data only on the controller's documented instructions?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(a) missing: the DPA does not limit processing to the controller's documented instructions."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(a) refused: the DPA expressly declines to limit processing to the controller's documented instructions."
    }
   ]
  },
  {
   "key": "art28.confidentiality",
   "section": "processing",
   "type": "yes_no",
   "text": "Are the persons authorised to process the data committed to confidentiality?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(b) missing: the DPA does not bind the persons who process the data to confidentiality."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(b) refused: the DPA expressly declines to bind the persons who process the data to confidentiality."
    }
   ]
  },
  {
   "key": "art28.security",
   "section": "processing",
   "type": "yes_no",
   "text": "Does the processor take the security measures required by Art. 32?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(c) missing: the DPA does not commit to Art. 32 security measures."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(c) refused: the DPA expressly declines to commit to Art. 32 security measures."
    }
   ]
  },
  {
   "key": "art28.subprocessors",
   "section": "subprocessors",
   "type": "yes_no",
   "text": "Are sub-processors engaged only with the controller's prior authorisation, with notice of changes and a right to object?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(d) missing: the DPA does not set conditions for engaging sub-processors."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(d) refused: the DPA expressly declines to set conditions for engaging sub-processors."
    }
   ]
  },
  {
   "key": "art28.objection_days",
   "section": "subprocessors",
   "type": "number",
   "text": "How many days' notice does the controller get to object to a new sub-processor?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 1,
     "reason": "No notice period for objecting to a new sub-processor."
    }
   ]
  },
  {
   "key": "art28.data_subject_rights",
   "section": "assistance",
   "type": "yes_no",
   "text": "Does the processor assist the controller in answering data-subject requests?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(e) missing: the DPA does not commit to assist with data-subject requests."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(e) refused: the DPA expressly declines to commit to assist with data-subject requests."
    }
   ]
  },
  {
   "key": "art28.assist_obligations",
   "section": "assistance",
   "type": "yes_no",
   "text": "Does the processor assist with the controller's Art. 32-36 obligations (security, breach notification, impact assessments, prior consultation)?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(f) missing: the DPA does not commit to assist with Art. 32-36 obligations."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(f) refused: the DPA expressly declines to commit to assist with Art. 32-36 obligations."
    }
   ]
  },
  {
   "key": "art28.end_of_contract",
   "section": "termination",
   "type": "yes_no",
   "text": "Is personal data deleted or returned at the end of the services?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(g) missing: the DPA does not commit to delete or return the data at the end."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(g) refused: the DPA expressly declines to commit to delete or return the data at the end."
    }
   ]
  },
  {
   "key": "art28.audits",
   "section": "audits",
   "type": "yes_no",
   "text": "Does the processor make available information to demonstrate compliance and allow audits and inspections?",
   "choices": [],
   "risk_rules": [
    {
     "when": "not_stated",
     "weight": 2,
     "reason": "Art. 28(3)(h) missing: the DPA does not allow audits and inspections."
    },
    {
     "when": "no",
     "weight": 3,
     "reason": "Art. 28(3)(h) refused: the DPA expressly declines to allow audits and inspections."
    }
   ]
  },
  {
   "key": "art28.governing_law",
   "section": "law",
   "type": "country",
   "text": "Which country's law governs the DPA (ISO 3166 alpha-2)?",
   "choices": [],
   "risk_rules": []
  }
 ]
}
"""
)

SHIPPED = (HELPDESK_PRIVACY_V2, GDPR_ART28_V1)


def template_create(apps, data):
    """Create one template with its sections and questions unless that slug and version exist."""
    Template = apps.get_model("assessments", "QuestionnaireTemplate")
    Section = apps.get_model("assessments", "Section")
    Question = apps.get_model("assessments", "Question")
    if Template.objects.filter(slug=data["slug"], version=data["version"]).exists():
        return
    template = Template.objects.create(
        slug=data["slug"],
        version=data["version"],
        title=data["title"],
        required_signoff_roles=data["required_signoff_roles"],
        detector_set=data["detector_set"],
        document_kinds=data["document_kinds"],
    )
    sections = {
        item["key"]: Section.objects.create(template=template, key=item["key"], title=item["title"], position=i)
        for i, item in enumerate(data["sections"])
    }
    Question.objects.bulk_create(
        Question(
            template=template,
            section=sections[item["section"]],
            key=item["key"],
            text=item["text"],
            answer_type=item["type"],
            choices=item.get("choices", []),
            risk_rules=item.get("risk_rules", []),
            position=i,
        )
        for i, item in enumerate(data["questions"])
    )


def ship_templates(apps, schema_editor):
    Template = apps.get_model("assessments", "QuestionnaireTemplate")
    # v1 was loaded before templates named their inputs: it is read from privacy statements.
    Template.objects.filter(slug="helpdesk-privacy", version=1).update(
        detector_set="helpdesk-privacy-v1", document_kinds=["privacy_statement"]
    )
    for data in SHIPPED:
        template_create(apps, data)


def unship_templates(apps, schema_editor):
    Template = apps.get_model("assessments", "QuestionnaireTemplate")
    for data in SHIPPED:
        Template.objects.filter(slug=data["slug"], version=data["version"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0012_auditevent_portfolio_events"),
    ]

    operations = [
        migrations.AddField(
            model_name="questionnairetemplate",
            name="detector_set",
            field=models.CharField(default="helpdesk-privacy-v1", max_length=60),
        ),
        migrations.AddField(
            model_name="questionnairetemplate",
            name="document_kinds",
            field=models.JSONField(default=list),
        ),
        migrations.AlterField(
            model_name="question",
            name="answer_type",
            field=models.CharField(
                choices=[
                    ("yes_no", "Yes / no"),
                    ("level", "Level"),
                    ("choice", "Choice"),
                    ("date", "Date"),
                    ("email", "E-mail"),
                    ("number", "Number"),
                    ("country", "Country (ISO 3166 code)"),
                ],
                max_length=10,
            ),
        ),
        migrations.RunPython(ship_templates, unship_templates),
    ]
