"""How the vendor uses data: marketing and automated (machine) analysis."""

from __future__ import annotations

from policies.extraction.detectors.framework import Rule, cue, narrow_denial, rule_detector, rx
from policies.extraction.detectors.vocab import LINKED_SITES

MARKETING = Rule(
    keywords=(
        "market",
        "promot",
        "advertis",
        "offer",
        "newsletter",
        "interest",
        "recommend",
        " ads",
        "send",
        "commercial communication",
        "catalog",
        "discount",
        "coupon",
        "deals",
    ),
    cues=(
        cue(
            r"\b(?:for|to send(?: you)?|send you|sends?|sending|of|in|with) (?:direct |email |e-mail |our |other "
            r"|occasional |product |some |more )?(?:marketing|promotional|advertising)\b",
            0.8,
        ),
        cue(
            r"\b(?:marketing|promotional|advertising) (?:purposes|communications?|e-?mails?|messages?|materials?|"
            r"information|campaigns?|offers?|activities|content|reasons|based communications|texts?)\b",
            0.8,
        ),
        cue(r"\b(?:to |we )(?:may )?(?:market|promote|advertise)\b", 0.7),
        cue(
            r"\b(?:targeted|personali[sz]ed|interest[- ]based|behaviou?ral|tailored|relevant) "
            r"(?:ads|advertising|advertisements|offers|marketing|promotions|recommendations)\b",
            0.8,
        ),
        cue(
            r"\b(?:special |new )?offers,? (?:and|or) promotions\b|\bpromotions,? (?:and|or) offers\b|"
            r"\bnewsletters?\b|\bproduct recommendations\b",
            0.7,
        ),
        # Offers, discounts and catalogues sent to a customer are promotion by another name.
        cue(
            r"\b(?:special|exclusive|seasonal|promotional|occasional|personal|member) (?:offers|discounts|deals)\b|"
            r"\b(?:coupons|discount codes)\b|\b(?:mail|send|post)\w* (?:you )?(?:our |a )?(?:\w+ )?catalog(?:ue)?s?\b",
            0.7,
        ),
        cue(
            r"\b(?:products?|services?|features?|offerings?|content)\b[^.;]{0,60}\b(?:you )?(?:may|might|would)"
            r"\s*(?:be\s*)?(?:interested|of interest)|\bbased on your (?:interests|preferences|profile|"
            r"browsing|usage)",
            0.65,
        ),
        cue(r"\b(?:advertisements?|advertising|ads)\b", 0.55),
        cue(
            r"\bsend(?:ing)? (?:you )?(?:our )?(?:product |company )?(?:news|newsletters?|(?:news|updates|"
            r"information|announcements) about (?:new |our |other )?(?:products|features|services|offerings|events))\b",
            0.65,
        ),
    ),
    exclude=rx(
        r"\b(?:marketing|advertising|sales) (?:team|department|staff|manager|website|site|pages?)\b|"
        r"\bour marketing (?:at|contact)|" + LINKED_SITES
    ),
    sections=rx(r"use|purpose|marketing|communicat|why we"),
    skip_reader=True,
    threshold=0.6,
    topic=rx(r"marketing|newsletter|promotion|offers"),
    topic_cues=(cue(r"\b(?:send|use|email|e-mail|market|promot|advertis)\w*\b", 0.75),),
    # Refusing third-party or targeted advertising leaves the vendor's own newsletter and offers.
    narrow=narrow_denial(
        r"their own|for (?:their|its|other) (?:own )?|third[- ]part\w*|advertis\w*|ads\b|targeted|sell|rent",
        r"marketing|promot",
    ),
)

# "We collect information by automated means" describes how data is gathered (cookies, logs),
# not that it is analysed; a sentence that also names a model or an algorithm still counts.
_AUTOMATED_COLLECTION = (
    r"^(?!.*(?:machine[- ]learning|artificial intelligence|\bai\b|algorithm|model|profil|analy))"
    r".*\b(?:collect|gather|obtain|receiv|record|log)\w*\b[^.;]{0,60}\b(?:by|through|via|using|with) automated "
    r"(?:means|technologies|tools|methods)\b"
)

AUTOMATED_ANALYSIS = Rule(
    keywords=(
        "machine learning",
        "machine-learning",
        "artificial intelligence",
        " ai ",
        " ai,",
        " ai.",
        "(ai)",
        "ai-",
        "ai ",
        "automated",
        "algorithm",
        "profiling",
        "language model",
        "neural",
        "automatic analysis",
        "openai",
        "anthropic",
        "chatgpt",
        "gpt",
        "claude",
        "gemini",
        "copilot",
        "generative",
        "automatically analy",
        "classif",
        "automatically tag",
        "automatically sort",
        "automatically rout",
        "automatically categor",
        "automatically priorit",
        "automatically triag",
        "automatically summar",
        "automatically scor",
        "ed automatically",
    ),
    cues=(
        cue(
            r"\bmachine[- ]learning\b|\bartificial intelligence\b|\b(?:large )?language models?\b"
            r"|\bneural networks?\b",
            0.85,
        ),
        cue(
            r"\bautomated (?:systems?|means|processing|decision[- ]making|decisions|analysis|tools?|methods?|"
            r"review|technologies|techniques)\b",
            0.75,
        ),
        cue(
            r"\b(?:ai|a\.i\.)(?:[- ](?:powered|based|driven|models?|features?|tools?|systems?|technolog(?:y"
            r"|ies)))?\b",
            0.7,
        ),
        cue(r"\balgorithm(?:s|ic)?\b|\bprofiling\b|\bautomatically analy[sz]", 0.6),
        cue(
            r"\bclassifiers?\b|\bclassification models?\b|\b(?:tagged|sorted|routed|categori[sz]ed|prioriti[sz]ed|"
            r"scored|triaged|summari[sz]ed) automatically\b|\bautomatically (?:tag|sort|rout|categori|prioriti|triag|"
            r"summari|classif|scor)\w*",
            0.7,
        ),
        cue(r"\b(?:openai|anthropic|chatgpt|gpt-?\d|claude|gemini|copilot|generative)\b", 0.8),
    ),
    section_cues=(cue(r"\b(?:feature|model|draft|suggest\w*|generat\w*|summar\w*|classif\w*)", 0.55),),
    context=rx(
        r"analy|process|data|information|improve|train|decision|use|review|detect|predict|personali|"
        r"ticket|text|content|message|conversation|answer|repl|transcri|categori|sort|tag|classif|summar|rout|"
        r"translat|suggest|draft|recogni"
    ),
    exclude=rx(
        r"automated (?:e-?mails?|messages|responses|replies|notifications|troubleshooter)|" + _AUTOMATED_COLLECTION
        + "|" + LINKED_SITES
    ),
    # Only a heading about AI or automated decisions: "Information collected automatically" is not one.
    sections=rx(
        r"\bai\b|artificial|machine learning|automated (?:decision|processing|analysis|systems)|profil|"
        r"assistant|smart features"
    ),
    strong=0.8,
    threshold=0.6,
    # Denying automated decisions with legal effect, or profiling, leaves the model that sorts or
    # transcribes tickets: the GDPR's Art. 22 words are not a denial of automated analysis.
    narrow=narrow_denial(
        r"decisions?|decision-making|profil\w*|solely|legal (?:or similarly significant )?effects?",
        r"machine[- ]learning|artificial intelligence|\bai\b|language models?|automated (?:analysis|systems?|"
        r"tools?)|algorithm",
    ),
)

detect_marketing = rule_detector(MARKETING)
detect_automated_analysis = rule_detector(AUTOMATED_ANALYSIS)
