"""Detectors on general patterns that fictional statements written elsewhere showed up:
Markdown labels and emphasis, terse imperative rights, partial denials, warnings and plans,
words in another sense, and practices stated without the usual vocabulary. Every sentence
is written for these tests; several variants per rule keep the rules about meaning."""

from __future__ import annotations

import pytest

from policies.extraction.detectors import detect_answers
from policies.extraction.segment import segment
from policies.extraction.types import NOT_STATED, Answer

NS = NOT_STATED
Y, N = "yes", "no"


def run(key: str, text: str) -> Answer:
    return detect_answers(text, segment(text))[key]


# -- 1. Markdown bullets, emphasis and "Label: statement" lines --------------------------
MARKDOWN: list[tuple[str, str, str]] = [
    ("collect.location", "- **Location:** we don't collect it.", N),
    ("collect.location", "- Location data: never gathered.", N),
    ("collect.location", "* __Geolocation__: we derive a rough region from your IP address.", Y),
    ("collect.location", "- Location: none.", N),
    ("collect.device", "- **Device details:** we log the model and OS version of the phone you use.", Y),
    ("collect.payment", "- Billing: our processor handles it; we store the invoices.", Y),
    ("collect.cookies", "- **Cookies:** we don't set any.", N),
    ("collect.cookies", "- Cookies: we use one session cookie to keep you signed in.", Y),
    ("collect.remote_access", "- Remote sessions: none.", N),
    ("collect.communications_recorded", "- **Calls:** we record them for training.", Y),
    ("security.breach_notification", "- Breaches: we tell affected customers within 72 hours.", Y),
    ("security.breach_notification", "- **Security incidents**: we e-mail every account owner affected.", Y),
    ("security.breach_notification", "Incidents: we let the people concerned know without delay.", Y),
    ("security.certifications", "Certifications: none yet.", N),
    ("security.certifications", "- **Audits:** not yet.", N),
    ("security.certifications", "**Certifications:** ISO 27001 since 2021.", Y),
    ("use.marketing", "- Newsletter: we send one a month if you ask for it.", Y),
    ("policy.last_updated", "_Effective 5 September 2023._", "2023-09-05"),
    ("policy.last_updated", "**Last updated:** 12 March 2024", "2024-03-12"),
    ("policy.last_updated", "*Last revised on `2022-11-30`*", "2022-11-30"),
    ("compliance.gdpr", "## Your rights (GDPR)\n\nWrite to us and we will help.", Y),
    ("compliance.gdpr", "Notes for people in the EEA\n\nWrite to us and we will help.", Y),
    ("audience.children", "## Children\n\nOur tool is for businesses.", Y),
    ("collect.location", "- Notes: we run a help desk.", NS),
    ("collect.cookies", "- Hours: we answer mail on weekdays.", NS),
]

# -- 1b. Terse, imperative rights offered to the reader -----------------------------------
IMPERATIVE: list[tuple[str, str, str]] = [
    ("rights.portability", "- Export everything as JSON or CSV from Settings > Data.", Y),
    ("rights.portability", "- Download your tickets as a ZIP archive whenever you like.", Y),
    ("rights.portability", "- **Take it with you:** export your workspace.", Y),
    ("rights.correction", "- Fix anything in your profile.", Y),
    ("rights.correction", "- Update your details on the Account page.", Y),
    ("rights.correction", "- Edit your name and e-mail address yourself.", Y),
    ("rights.deletion", "- Delete your account and data yourself, or ask us.", Y),
    ("rights.deletion", "- Remove your workspace from the admin screen.", Y),
    ("rights.deletion", "- **Erasure:** close your account and all tickets go with it.", Y),
    ("rights.access", "- Download a copy of everything we hold about you.", Y),
    ("rights.access", "- View your personal data on the Privacy tab.", Y),
    ("rights.access", "You can access the personal data we process about you and receive a copy.", Y),
    ("rights.access", "Account owners can review and update their account information.", Y),
    ("rights.access", "You may review the information in your profile at any time.", Y),
    ("rights.deletion", "- Delete cookies in your browser.", NS),
    ("rights.portability", "We export monthly usage figures to our accountants as CSV.", NS),
]

# -- 2. A denial of a sub-kind does not deny the practice another sentence asserts ---------
PARTIAL_DENIALS: list[tuple[str, str, str]] = [
    (
        "collect.location",
        "We derive your approximate location (country and city) from your IP address. We do not "
        "collect the precise GPS location of your device.",
        Y,
    ),
    (
        "collect.location",
        "We never read the exact coordinates of your phone. We look up the region your IP address belongs to.",
        Y,
    ),
    ("collect.location", "We do not collect location information.", N),
    ("collect.location", "We do not track your real-time location.", N),
    (
        "collect.payment",
        "Our payment provider sends us a payment confirmation with your name and the amount paid. "
        "We do not receive or store your credit card number.",
        Y,
    ),
    ("collect.payment", "We never see full card details. We keep the transaction IDs and amounts charged.", Y),
    ("collect.payment", "Billing is handled by our reseller and we do not collect payment information.", N),
    (
        "use.marketing",
        "Our newsletter brings product news and occasional offers. We do not share your data with "
        "anyone for their own advertising purposes.",
        Y,
    ),
    ("use.marketing", "We show no ads. With your consent we e-mail you promotional offers.", Y),
    ("use.marketing", "We never use your personal data for marketing purposes.", N),
    # ... but a sentence denying the whole practice, sub-kinds named too, is a full denial.
    ("use.marketing", "You can join our newsletter. We never use your data for marketing or advertising.", N),
    (
        "collect.location",
        "Our newsletter lists events by city. We collect no location data, precise or approximate.",
        N,
    ),
    ("collect.payment", "Invoices go out monthly. We do not store card numbers or any payment information.", N),
    ("share.third_parties", "Our hosting provider stores backups. We never sell data.", Y),
    ("collect.location", "- Location: no GPS, but we derive your country from the IP address.", Y),
]

# -- 3. Warnings, plans and other parties' practices are not the vendor's practice ----------
NOT_THE_PRACTICE: list[tuple[str, str, str]] = [
    (
        "collect.remote_access",
        "We do not offer screen sharing or remote control, and our staff will never ask for "
        "access to your computer. If someone claiming to work for us asks you for remote access, report it to us.",
        N,
    ),
    (
        "collect.remote_access",
        "Beware of scammers who pretend to be our support team and ask to take control of your PC.",
        NS,
    ),
    ("collect.remote_access", "Callers posing as our engineers may ask for remote access; hang up.", NS),
    ("collect.credentials", "Impostors may ask for your password by e-mail; we never do.", NS),
    ("security.certifications", "Certifications: none yet.\n\nA SOC 2 audit is planned for next year.", N),
    ("security.certifications", "We are working towards ISO 27001 certification.", N),
    ("security.certifications", "We intend to complete a SOC 2 Type I report in the future.", N),
    ("security.certifications", "Our platform passed its SOC 2 Type II audit last spring.", Y),
    ("collect.cookies", "We don't use cookies. Third-party sites you link to may use cookies.", N),
    ("collect.cookies", "We do not set cookies. Websites that you visit from our links may set their own.", N),
]

# -- 4. Words in another sense, and boilerplate -------------------------------------------
OTHER_SENSES: list[tuple[str, str, str]] = [
    ("security.encryption_in_transit", "Read more at https://example.com/security.", NS),
    ("security.encryption_in_transit", "Our status page lives at https://status.example.org.", NS),
    ("security.encryption_in_transit", "The whole site is served over HTTPS only.", Y),
    ("security.measures", "Our status page lives at https://status.example.org.", NS),
    (
        "security.measures",
        "Any dispute will be resolved by binding arbitration administered by JAMS, and the "
        "proceedings are confidential.",
        NS,
    ),
    (
        "security.measures",
        "Claims for breach of these terms go to arbitration under the rules of the tribunal, "
        "which keeps submissions confidential.",
        NS,
    ),
    (
        "retention.period",
        "We adhere to the Safe Harbor principles of notice, choice, onward transfer, and the "
        "collection, use and retention of data.",
        NS,
    ),
    ("retention.period", "This notice covers the processing, storage and retention of visitor data.", NS),
    ("use.automated_analysis", "We automatically collect browser type and operating system.", NS),
    ("use.automated_analysis", "Your browser automatically sends its language setting.", NS),
]

# -- 5. Practices stated without the usual vocabulary ---------------------------------------
MISSED_POSITIVES: list[tuple[str, str, str]] = [
    (
        "policy.change_notice",
        "If we change this page in a way that matters, we'll email you before the change applies.",
        "direct",
    ),
    (
        "policy.change_notice",
        "Changes to this policy are posted here and emailed to account owners 30 days ahead.",
        "direct",
    ),
    ("policy.change_notice", "Important updates to this document will be sent to all administrators.", "direct"),
    ("policy.change_notice", "We publish every revision of this page here.", "posted"),
    (
        "share.third_parties",
        "Acmo runs on Fly.io and our emails are sent by Postmark; they process your data only so that Acmo works.",
        Y,
    ),
    (
        "share.names_processors",
        "Acmo runs on Fly.io and our emails are sent by Postmark; they process your data only so that Acmo works.",
        Y,
    ),
    ("share.names_processors", "The help centre is hosted on Render and receipts are delivered through Mailjet.", Y),
    ("share.third_parties", "Receipts are delivered through Mailjet, which handles your e-mail address for us.", Y),
    ("share.names_processors", "The desktop app runs on Windows and macOS.", NS),
    (
        "share.legal_disclosure",
        "We never hand your data to anyone, except in cases where we are required by law to release information.",
        Y,
    ),
    ("transfer.international", "Our support engineers work from Canada and can access ticket data.", Y),
    ("transfer.international", "Two of our developers are based in Portugal and may see your tickets.", Y),
    ("transfer.international", "Processing happens in the US.", Y),
    ("transfer.international", "Storage takes place in Germany and Ireland.", Y),
    ("transfer.international", "Our founders met in Canada.", NS),
    ("transfer.safeguards", "Acmo complies with the U.S.-EU Safe Harbor Framework.", Y),
    ("transfer.safeguards", "We follow the Safe Harbor Principles for data from Europe.", Y),
    ("security.measures", "We take reasonable precautions to keep your information safe.", "vague"),
    ("security.measures", "Sensible steps are taken to keep your data secure.", "vague"),
    ("security.measures", "AES-256 at rest, TLS 1.3 in transit.", "specific"),
    ("security.measures", "Backups are encrypted at rest.", "specific"),
    ("collect.location", "We log the visitor's country and city, derived from the IP address.", Y),
    ("collect.location", "The region and country are inferred from each request's IP address.", Y),
    ("policy.last_updated", "This page was last changed on the 21st of March, 2011.", "2011-03-21"),
    ("policy.last_updated", "Revised the 2nd day of May 2016.", "2016-05-02"),
    ("use.marketing", "Twice a year we post you our printed catalogue.", Y),
    ("use.marketing", "Members receive exclusive discounts by e-mail.", Y),
    ("rights.marketing_opt_out", "If you prefer not to get our mailings, we will take you off the mailing list.", Y),
    ("rights.marketing_opt_out", "Tell us if you would rather not receive newsletters.", Y),
    ("share.third_parties", "We pass your name and address to the delivery company.", Y),
    ("share.third_parties", "Our accountants and auditors see invoices when they review our books.", Y),
    ("share.legal_disclosure", "We hand data to the police only where a court order requires it.", Y),
    ("share.legal_disclosure", "We answer lawful requests from regulators.", Y),
    ("rights.access", "You can see everything we hold on the Privacy page.", Y),
    ("rights.access", "Ask us and we will show you what we store about you.", Y),
    ("transfer.international", "Part of our support team sits in India and reads incoming messages.", Y),
]

# -- Guards: the new rules must not claim what a statement does not say ----------------------
GUARDS: list[tuple[str, str, str]] = [
    ("share.third_parties", "- Partners: we have none.", N),
    ("share.third_parties", "- Partners: we have none.\n- Hosting: our cloud provider stores the data.", Y),
    (
        "share.third_parties",
        "We share tickets with our hosting provider. We never give data to partners for their own marketing.",
        Y,
    ),
    ("share.affiliates", "- Affiliates: we have none.", N),
    ("share.legal_disclosure", "- Law enforcement: only with a valid court order.", Y),
    ("security.certifications", "- Audits: we are audited annually by an independent firm.", Y),
    ("rights.access", "- Access: staff access to customer data is logged.", NS),
    ("rights.deletion", "- Deletion: we delete logs after 30 days.", NS),
    ("collect.credentials", "Never share your password with anyone, including our staff.", NS),
    ("use.marketing", "- Marketing: none.", N),
    ("share.third_parties", "- Third parties: we don't share anything with them.", N),
    ("share.third_parties", "- Service providers: Stripe for card payments.", Y),
    ("share.third_parties", "- **Sub-processors:** the current list is on our website.", Y),
    ("collect.cookies", "- Cookie banner: shown on first visit.", Y),
    ("collect.cookies", "- Cookies: yes, one for sign-in.", Y),
    ("collect.cookies", "We use cookies to learn which pages of our site you visit.", Y),
    ("collect.cookies", "Cookies tell us which parts of the website you visit most.", Y),
    ("security.certifications", "We hold a SOC 2 Type II report and plan to add ISO 27001 next year.", Y),
    ("security.certifications", "ISO 27001 certification is on our roadmap.", N),
    ("rights.access", "- Review this policy from time to time for changes to how we treat information.", NS),
    ("rights.access", "View our Cookie Notice for details about the information we collect.", NS),
    ("policy.change_notice", "Important service announcements will be sent to you by e-mail.", NS),
    ("policy.change_notice", "We may send marketing material to customers who opted in.", NS),
    ("share.names_processors", "Newsletters are sent by Email once a month.", NS),
    ("share.names_processors", "Our help line runs on Mondays to Fridays.", NS),
    ("collect.payment", "We send order confirmations when your subscription renews.", NS),
    ("transfer.international", "Our office is in Canada.", NS),
    ("share.sells_data", "Sale of data: we do not sell personal information.", N),
    ("share.sells_data", "- Selling data: never.", N),
    ("collect.cookies", "- Cookies: we do.", Y),
    ("collect.payment", "- Payments: handled by our processor; we never see your card.", Y),
    (
        "use.automated_analysis",
        "## Information Collected Automatically\n\nWe record your browser type and device model.",
        NS,
    ),
    ("use.automated_analysis", "Information we collect automatically: browser type, device model, pages viewed.", NS),
    (
        "use.automated_analysis",
        "## Automated decision-making\n\nWe do not make decisions about you by automated means.",
        N,
    ),
]

# -- Paraphrases: the same practices in other words ---------------------------------------
PARAPHRASES: list[tuple[str, str, str]] = [
    (
        "policy.change_notice",
        "When this notice changes in a significant way we will let you know in the app.",
        "direct",
    ),
    (
        "policy.change_notice",
        "We'll tell workspace admins by e-mail at least a month before a material update takes effect.",
        "direct",
    ),
    ("policy.change_notice", "Substantial revisions are announced in the product and by e-mail.", "direct"),
    ("policy.change_notice", "Any update to this statement goes live when we publish it here.", "posted"),
    (
        "policy.change_notice",
        "The latest version is always on this page; the date at the top shows when it last changed.",
        "posted",
    ),
    ("share.names_processors", "Support chats are handled through Intercom.", Y),
    ("share.names_processors", "We host everything with Amazon Web Services in Frankfurt.", Y),
    ("share.names_processors", "Our error reports are sent to Sentry.", Y),
    ("share.names_processors", "We are a member of the Acme Group.", NS),
    ("transfer.international", "Our team in the Philippines answers tickets overnight.", Y),
    ("transfer.international", "Some of our sub-processors are located in the United States.", Y),
    ("transfer.international", "All data stays in the EU.", N),  # staying home denies a transfer abroad
    (
        "transfer.safeguards",
        "Where data leaves the EEA, we sign the Commission's standard clauses with the recipient.",
        Y,
    ),
    ("transfer.safeguards", "Our US providers are certified under the EU-U.S. Data Privacy Framework.", Y),
    (
        "security.measures",
        "Staff access is limited to those who need it and protected by two-factor sign-in.",
        "specific",
    ),
    ("security.measures", "We protect your data using measures appropriate to the risk.", "vague"),
    ("security.measures", "Your data is kept safe by our team.", "vague"),
    ("security.measures", "Keep your password safe and do not reuse it.", NS),
    ("rights.access", "Request a copy of your data by writing to privacy@x.example.", Y),
    ("rights.access", "You're entitled to see the personal information we keep on you.", Y),
    ("rights.correction", "If something we hold about you is wrong, tell us and we'll put it right.", Y),
    ("rights.deletion", "Ask us to erase your data and we will, unless the law says we must keep it.", Y),
    ("rights.portability", "You can take your data to another provider in a common format.", Y),
    ("rights.portability", "We store tickets in a standard format.", NS),
    ("rights.portability", "- Export controls: the software is subject to export laws.", NS),
    ("collect.communications_recorded", "Chats with our support team are saved and may be reviewed for quality.", Y),
    ("collect.communications_recorded", "We don't record phone calls.", N),
    ("collect.communications_recorded", "Call quality depends on your connection.", NS),
    ("use.automated_analysis", "Incoming tickets are tagged automatically by a classifier we trained.", Y),
    ("use.automated_analysis", "We don't use your tickets to train AI models.", N),
    ("share.business_transfer", "If Lantern is bought, customer data would go to the buyer under this notice.", Y),
    ("retention.period", "Tickets are removed 90 days after you close your account.", "specific"),
    ("retention.period", "We hold invoices for seven years because tax law requires it.", "specific"),
]

# -- FAQ style: a question heading answered by a bare yes or no ---------------------------
FAQ: list[tuple[str, str, str]] = [
    ("share.sells_data", "Do we sell your information?\n\nNo. It is only used to run the shop.", N),
    ("collect.cookies", "Do we use cookies?\n\nYes. They keep your basket between visits.", Y),
    ("collect.cookies", "Do we use cookies?\n\nWe don't.", N),
    ("collect.location", "Do you track where I am?\n\nNo.", NS),  # the question names no location topic word
    ("share.sells_data", "Do we sell your information?\n\nPlease read on.", NS),
    ("compliance.gdpr", "What rights do EU residents have under the GDPR?\n\nSee below.", Y),
    ("audience.children", "Do we collect data from children?\n\nNo.", Y),
]

MORE_PARAPHRASES: list[tuple[str, str, str]] = [
    (
        "share.business_transfer",
        "Should we merge with another company, your account would move to the combined business.",
        Y,
    ),
    ("share.affiliates", "Our sister companies in the Lantern group can see support tickets.", Y),
    ("share.affiliates", "We pass data to other companies in our corporate group.", Y),
    ("rights.do_not_track", "Our site ignores Do Not Track browser signals.", N),
    ("rights.do_not_track", "- Do Not Track: we honour it.", Y),
    ("collect.credentials", "Sign-in uses a one-time link; we never see a password.", N),
    ("collect.credentials", "- SSO: we receive a token from your identity provider, never your password.", Y),
    (
        "security.breach_notification",
        "In the event of unauthorized access to your data, we will let you know within 48 hours.",
        Y,
    ),
    ("security.encryption_in_transit", "Data moving between our servers and your browser is encrypted.", Y),
    ("rights.marketing_opt_out", "Each marketing email has a one-click way to stop them.", Y),
    ("collect.device", "We log which app version and phone model you use.", Y),
    ("collect.payment", "Your bank details are needed for direct debit.", Y),
    ("collect.payment", "Card tokens from our processor let us charge renewals.", Y),
    ("collect.credentials", "Card tokens from our processor let us charge renewals.", NS),
]

# -- 3. A negation that belongs to another thing than the practice ----------------------
SCOPED_DENIALS: list[tuple[str, str, str]] = [
    # Art. 22 words deny automated decisions or profiling, not the model that sorts tickets.
    (
        "use.automated_analysis",
        "We never profile you. A machine-learning model reads each new ticket and routes it to the right team.",
        Y,
    ),
    (
        "use.automated_analysis",
        "Call recordings are transcribed by an AI service. No decision about you is made solely by automated means.",
        Y,
    ),
    (
        "use.automated_analysis",
        "Replies can be drafted with a large language model. We do not use your data for automated decision-making.",
        Y,
    ),
    ("use.automated_analysis", "We do not engage in profiling or automated decision-making.", N),
    ("use.automated_analysis", "None of your messages are analysed by machine learning or AI.", N),
    # A destination described by what its law lacks is still abroad, and still safeguarded.
    (
        "transfer.international",
        "When we send data to a country without an adequacy decision, we rely on the EU model clauses.",
        Y,
    ),
    (
        "transfer.safeguards",
        "When we send data to a country without an adequacy decision, we rely on the EU model clauses.",
        Y,
    ),
    (
        "transfer.safeguards",
        "Recipients in jurisdictions without adequate protection sign the IDTA with us.",
        Y,
    ),
    (
        "transfer.international",
        "Recipients in jurisdictions that do not offer equivalent protection receive data only under SCCs.",
        Y,
    ),
    ("transfer.international", "We do not move any personal data to other countries.", N),
    ("transfer.safeguards", "We do not rely on standard contractual clauses.", N),
]

# -- 3b. Data said to stay home is not transferred abroad --------------------------------
STAYS_HOME: list[tuple[str, str, str]] = [
    ("transfer.international", "Your data remains in the European Union at all times.", N),
    ("transfer.international", "Customer datas are never leaving the EEA.", N),
    ("transfer.international", "Everything you upload stays within Germany.", N),
    ("transfer.international", "Tickets are stored exclusively in the EU.", N),
    (
        "transfer.international",
        "Your data stays in the EU, except that our US support team can view tickets.",
        Y,
    ),
    ("transfer.international", "Some tickets may leave the EEA when our partners answer them.", Y),
    # An EU vendor naming an EU place moves nothing abroad; a place outside still counts.
    (
        "transfer.international",
        "Harbor GmbH is registered in Hamburg, Germany. Our support staff in Poland can read your tickets.",
        NS,
    ),
    (
        "transfer.international",
        "We are based in Ghent, Belgium. Hosting takes place in the Netherlands.",
        NS,
    ),
    (
        "transfer.international",
        "We are based in Ghent, Belgium. Our support agents in the Philippines can read your tickets.",
        Y,
    ),
    ("transfer.international", "Our company is headquartered in Denver. Storage happens in Ireland.", Y),
]

# -- 3c. Plain, terse or non-native denials ----------------------------------------------
PLAIN_DENIALS: list[tuple[str, str, str]] = [
    ("share.sells_data", "Do you sell what I tell you?\n\nNo. We sell licences, not people's data.", N),
    ("share.sells_data", "Is my information sold? Certainly not.", N),
    ("share.sells_data", "We never sell datas to anyone.", N),
    ("share.sells_data", "Do we share data?\n\nNo, except with the provider that hosts our servers.", NS),
    (
        "collect.payment",
        "Do you keep my card number?\n\nNo. Cards are handled by our payment provider and never reach us.",
        N,
    ),
    ("collect.payment", "Do you keep my card number?\n\nYes, in encrypted form for renewals.", Y),
    ("share.third_parties", "Do we share data?\n\nNo, except with the provider that hosts our servers.", Y),
]

# -- 3d. Rights worded tersely, in menus or in non-native English -------------------------
TERSE_RIGHTS: list[tuple[str, str, str]] = [
    ("rights.access", "Everyone has the right on information about the data we store.", Y),
    ("rights.access", "You have rights of information, rectification and objection.", Y),
    ("rights.correction", "Users have the right on correction and blocking of their data.", Y),
    ("rights.deletion", "You have a right on erasure of your data.", Y),
    ("rights.access", "Profile → Export sends you a complete copy of all your tickets.", Y),
    ("rights.portability", "Profile → Export sends you a complete copy of all your tickets.", Y),
    ("rights.portability", "Admin > Data > Download gives you a ZIP archive of the workspace.", Y),
    ("rights.deletion", "Account → Settings → Delete workspace.", Y),
    ("rights.deletion", "Should you want us to erase your profile, just tell us.", Y),
    ("rights.deletion", "Settings → Notifications → Mute channel.", NS),
    ("rights.access", "Our agents export ticket statistics every week.", NS),
]

# -- 3e. Words in another sense ----------------------------------------------------------
WORD_TRAPS: list[tuple[str, str, str]] = [
    ("audience.children", "An agent can split a ticket into child tickets under one parent ticket.", NS),
    ("audience.children", "Child incidents close automatically when their parent incident closes.", NS),
    ("audience.children", "Our service is not meant for children under 16.", Y),
    ("audience.children", "We do not knowingly collect data from kids.", Y),
    ("rights.portability", "Clinics using us must follow the Health Insurance Portability and Accountability Act.", NS),
    ("rights.portability", "Phone number portability is handled by your carrier.", NS),
    ("rights.portability", "You have rights of access, erasure and portability.", Y),
    ("rights.portability", "Under the GDPR you may ask for data portability.", Y),
    ("collect.credentials", "Sign-in is passwordless: we e-mail you a one-time link.", NS),
    ("collect.credentials", "We support password-less login through magic links.", NS),
    ("collect.credentials", "We store a salted hash of your password.", Y),
]

# -- 3f. A data processing agreement in other words --------------------------------------
DPA_WORDS: list[tuple[str, str, str]] = [
    ("compliance.dpa_available", "With business clients we conclude a contract for order processing.", Y),
    ("compliance.dpa_available", "We sign an agreement according to Art. 28 GDPR with each customer.", Y),
    ("compliance.dpa_available", "An Article 28 contract is available on request.", Y),
    ("compliance.dpa_available", "Our order processing is fast and reliable.", NS),
    ("compliance.dpa_available", "We act as a processor under Art. 28 GDPR.", NS),
]

# -- 3g. The privacy contact is the address given for privacy, not merely the first one ----
CONTACTS: list[tuple[str, str, str]] = [
    (
        "policy.privacy_contact",
        "Account problems go to help@tern.example rather than to our privacy office. Privacy requests: "
        "privacy@tern.example.",
        "privacy@tern.example",
    ),
    (
        "policy.privacy_contact",
        "Ask sales@tern.example about volume pricing. Write to dpo@tern.example about your data.",
        "dpo@tern.example",
    ),
    (
        "policy.privacy_contact",
        "Report problems with the website to webmaster@tern.example. For questions about this notice, write "
        "to hello@tern.example.",
        "hello@tern.example",
    ),
    (
        "policy.privacy_contact",
        "Questions about this policy: team@tern.example. Contracts: legal@tern.example.",
        "team@tern.example",
    ),
    ("policy.privacy_contact", "Ask sales@tern.example for a quote.", "sales@tern.example"),
    ("policy.privacy_contact", "Reach us at mail@tern.example.", "mail@tern.example"),
]

# -- 3h. Dates in American, German and versioned forms -----------------------------------
DATES: list[tuple[str, str, str]] = [
    ("policy.last_updated", "Last modified: 09/21/2023", "2023-09-21"),
    ("policy.last_updated", "Last modified: 02/03/2023", "2023-02-03"),  # US month first when unmarked
    ("policy.last_updated", "Stand: 02.03.2023", "2023-03-02"),  # dotted dates are day first
    ("policy.last_updated", "Stand: 28.11.2022", "2022-11-28"),
    ("policy.last_updated", "Release 7.1 - in force from 4 February 2024", "2024-02-04"),
    ("policy.last_updated", "Updated: Sept. 30, 2022", "2022-09-30"),
    ("policy.last_updated", "We stand by these commitments since 2019.", NS),
]

# -- 3i. Change notices about other documents; posted revisions ---------------------------
CHANGES: list[tuple[str, str, str]] = [
    ("policy.change_notice", "We e-mail account owners notices about changes to our terms of service.", NS),
    ("policy.change_notice", "We will e-mail you before changes to this statement take effect.", "direct"),
    ("policy.change_notice", "## Changes\n\nThe revised notice will be posted on this page.", "posted"),
    ("policy.change_notice", "If we revise this notice, we post the new version on this page.", "posted"),
]

# -- 3j. Positives worded without the usual vocabulary -------------------------------------
MORE_POSITIVES: list[tuple[str, str, str]] = [
    ("share.affiliates", "Our group company Tern Services Ltd answers tickets for us.", Y),
    ("share.affiliates", "Data may be passed to a group entity in Spain for billing.", Y),
    ("use.marketing", "We send other marketing about webinars when you agree.", Y),
    ("use.marketing", "Occasionally we send marketing about new integrations.", Y),
    ("use.marketing", "Our marketing department is in Lisbon.", NS),
    ("use.marketing", "The marketing team chooses campaign themes from survey results.", NS),
    (
        "retention.period",
        "Tickets stay until you delete them or close your account. Deleted items leave our backups after 35 days.",
        "specific",
    ),
]

ALL = (
    MARKDOWN
    + IMPERATIVE
    + PARTIAL_DENIALS
    + NOT_THE_PRACTICE
    + OTHER_SENSES
    + MISSED_POSITIVES
    + GUARDS
    + PARAPHRASES
    + FAQ
    + MORE_PARAPHRASES
    + SCOPED_DENIALS
    + STAYS_HOME
    + PLAIN_DENIALS
    + TERSE_RIGHTS
    + WORD_TRAPS
    + DPA_WORDS
    + CONTACTS
    + DATES
    + CHANGES
    + MORE_POSITIVES
)


@pytest.mark.parametrize("key, text, expected", ALL, ids=[f"{c[0]}-{i}" for i, c in enumerate(ALL)])
def test_general_pattern(key: str, text: str, expected: str) -> None:
    result = run(key, text)
    assert result.value == expected, (key, text, result)
    assert bool(result.evidence) == (expected != NS)


# -- 6. Evidence: the sentence that states the practice is quoted first ---------------------
EVIDENCE: list[tuple[str, str, str]] = [
    (
        "share.third_parties",
        "Do we disclose any information to outside parties?\n\nWe share your e-mail address with "
        "the service providers who deliver our mail.",
        "We share your e-mail address",
    ),
    ("share.sells_data", "- We don't rent it. We don't sell data.", "We don't sell data."),
    ("share.sells_data", "- We don't sell data. We don't rent it.", "We don't sell data."),
    (
        "rights.deletion",
        "If we learn that a child under 13 gave us data, parents may ask us to delete it.\n\nYou can "
        "ask us to delete your personal data at any time.",
        "You can ask us to delete",
    ),
    (
        "rights.access",
        "Parents may request access to their child's data.\n\nYou have the right to request a copy of "
        "your personal data.",
        "You have the right to request a copy",
    ),
    (
        "rights.marketing_opt_out",
        "| Newsletter sign-ups | until you opt out of marketing |\n\nYou can opt out of targeted ads in the "
        "cookie banner. You can unsubscribe from our marketing e-mails with the link in every message.",
        "unsubscribe from our marketing e-mails",
    ),
    (
        "collect.payment",
        "Our auditors receive copies of invoices and payment records. We collect your billing address and "
        "tax number to invoice you.",
        "We collect your billing address",
    ),
]


@pytest.mark.parametrize("key, text, first", EVIDENCE, ids=[f"{c[0]}-{i}" for i, c in enumerate(EVIDENCE)])
def test_best_sentence_is_quoted_first(key: str, text: str, first: str) -> None:
    result = run(key, text)
    assert result.evidence and first in result.evidence[0].text, result


# -- 6b. Titles and run-in headings are quoted only when nothing else supports the answer ---
TITLES: list[tuple[str, str, str]] = [
    (
        "share.affiliates",
        "## Who we share with\n\n**Affiliates.**\n\nWe may share your data with our group company Tern Ltd to "
        "run support.",
        "**Affiliates.**",
    ),
    (
        "collect.remote_access",
        "TERN REMOTE HELP - PRIVACY STATEMENT\n\nIn a remote support session our technician may view and control "
        "your screen with your consent.",
        "TERN REMOTE HELP",
    ),
    (
        "share.affiliates",
        "Sharing\n\n__Group Companies__\n\nOur subsidiaries may access tickets to answer them.",
        "__Group Companies__",
    ),
]


@pytest.mark.parametrize("key, text, title", TITLES, ids=[f"{c[0]}-{i}" for i, c in enumerate(TITLES)])
def test_titles_are_not_quoted_when_a_body_sentence_supports_the_answer(key: str, text: str, title: str) -> None:
    result = run(key, text)
    assert result.value == Y
    assert result.evidence and all(title not in span.text for span in result.evidence), result


def test_a_heading_alone_is_quoted_when_nothing_else_supports_the_answer() -> None:
    result = run("compliance.gdpr", "## Rights under the GDPR\n\nWrite to us.")
    assert [span.text for span in result.evidence] == ["Write to us.", "## Rights under the GDPR"]


# -- 7. The whole-statement keyword prefilter finds exactly the sentences that hold a keyword ---
@pytest.mark.parametrize("small_below", [0, 10**9], ids=["word index", "text scan"])
def test_keyword_prefilter_matches_a_plain_substring_test(small_below: int, monkeypatch: pytest.MonkeyPatch) -> None:
    from policies.extraction.detectors import Document, framework

    monkeypatch.setattr(framework, "_SMALL_STATEMENT", small_below)

    text = (
        "## Café Données\n\nWe log the IP address. Our e-mail provider (AI) sends résumés.\n- Location: none.\n"
        "Contact privacy@acme.example or call. The U.S. office keeps a blog and a catalog.\n\nParents: see below."
    )
    document = Document.build(text, segment(text))
    keywords = ("log ", "e-mail", "(ai)", "u.s.", "@", "locat", "rent", "caf", "données", "none", "zzz")
    for keyword in keywords:
        expected = {unit.index for unit in document.units if keyword in unit.lower}
        assert document.with_keywords([keyword]) == expected, keyword


@pytest.mark.parametrize(
    "pattern, first",
    [
        (r"\b(?:share|disclos\w*)\b", "ds"),
        (r"\bcookies?\b", "c"),
        (r"\b(?:your )?data", None),  # may start with "y" or "d": unsure, so no lookahead
        (r"(?:a|)", None),
        (r"[^.]x", None),
        (r"(?i)abc", None),
        (r"\b(?:tls|ssl)\b|\bhttps\b", "hst"),  # top-level alternatives
        (r"\b(?:a(?:b|c)|d)x", "ad"),  # nested groups
        (r"(?:ab)*c", None),  # an optional first group
        (r"a?b", None),  # an optional first character
        (r"[ab]c", None),  # classes are left alone
        (r"(?=x)y", None),  # lookarounds too
        (r"\(x", None),  # an escape
    ],
)
def test_first_chars_are_conservative(pattern: str, first: str | None) -> None:
    from policies.extraction.detectors.framework import first_chars

    assert first_chars(pattern) == first


def test_lookahead_changes_no_match() -> None:
    import re

    from policies.extraction.detectors.framework import rx

    sentences = ["We share data with vendors.", "Disclosure to third parties", "no match here", "cookie", "ssl/tls"]
    for pattern in (r"\b(?:share|disclos\w*)\b[^.;]{0,40}\b(?:with|to)\b", r"\bcookies?\b", r"\b(?:tls|ssl)\b"):
        for sentence in sentences:
            plain, fast = re.compile(pattern).search(sentence), rx(pattern).search(sentence)
            assert (plain and plain.span()) == (fast and fast.span())
