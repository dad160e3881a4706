"""AI in the product (v2): features that process customer content, and training on customer data.

``use.automated_analysis`` (v1) asks whether data is analysed by automated systems at all,
fraud scoring and profiling included. These questions are narrower: does the product have AI
or machine-learning *features* that read the customer's content (tickets, chats, calls), and
does the customer's data *train* models. A vendor that trains on customer data with no way
to opt out is a heavy finding, so the opt-out gets its own answer for the risk rule.
"""

from __future__ import annotations

from policies.extraction.detectors.framework import (
    Document,
    Hit,
    Polarity,
    Rule,
    cue,
    decide_yes_no,
    rule_detector,
    rx,
    scan,
)
from policies.extraction.detectors.inability import deny_when
from policies.extraction.detectors.vocab import LINKED_SITES
from policies.extraction.types import Answer

_AI = (
    r"(?:machine[- ]learning|artificial intelligence|\bai\b|\ba\.i\.|generative|(?:large )?language models?|"
    r"\bllms?\b|neural|gpt|openai|anthropic|azure openai|chatgpt|copilot|chatbots?|virtual agents?|"
    r"deep learning|models?)"
)
# What the customer puts into the help desk: the content AI features work on.
_CONTENT = (
    r"(?:tickets?|conversations?|messages?|chats?|e-?mails?|content|replies|responses|calls?|transcri\w*|"
    r"recordings?|articles?|knowledge base|attachments?|requests?|cases?|customer data|your data|inquir\w*|"
    r"enquir\w*|text|prompts?|inputs?)"
)
# What such a feature does with the content.
_FEATURE_VERBS = (
    r"(?:summari[sz]\w*|draft\w*|suggest\w*|generat\w*|classif\w*|categori[sz]\w*|rout\w*|tag\w*|triag\w*|"
    r"translat\w*|transcrib\w*|sentiment|detect\w*|answer\w*|repl(?:y|ies)|predict\w*|recommend\w*|analy[sz]\w*|"
    r"process\w*|assist\w*|autocomplet\w*|rewrit\w*|search)"
)

AI_FEATURES = Rule(
    keywords=(
        "machine learning", "machine-learning", "artificial intelligence", "ai", "a.i.", "generative",
        "language model", "llm", "neural", "gpt", "openai", "anthropic", "copilot", "chatbot", "virtual agent",
        "deep learning",
    ),
    cues=(
        cue(
            r"\b(?:ai|a\.i\.|generative ai|machine[- ]learning|gen ?ai)[- ](?:powered |based |driven )?"
            r"(?:features?|assistants?|agents?|tools?|capabilit\w+|functionalit\w+|summar\w+|suggestions?|"
            r"copilot|bots?|add-?ons?|services?)\b",
            0.9,
        ),
        cue(r"\b(?:uses?|using|powered by|relies on|leverag\w*|employ\w*|built on|apply|applies) " + _AI, 0.8),
        cue(_AI + r"[^.;]{0,80}\b" + _FEATURE_VERBS, 0.75),
        cue(_FEATURE_VERBS + r"[^.;]{0,60}\b(?:by|with|using|through|via) (?:an? |our )?" + _AI, 0.75),
        cue(r"\b(?:openai|anthropic|azure openai|chatgpt|gpt-?\d\w*|large language models?|llms?)\b", 0.7),
    ),
    context=rx(_CONTENT + r"|" + _FEATURE_VERBS + r"|features?|assistant|product|service|platform|agents?"),
    exclude=rx(
        r"\b(?:training|trained|train)\b[^.;]{0,40}\b(?:staff|employees|personnel|agents are)|"
        r"(?:art\.?|article) 22|automated individual decision|legal or similarly significant|" + LINKED_SITES
    ),
    sections=rx(r"\bai\b|artificial intelligence|machine learning|generative|smart features|assistant|automation"),
    section_cues=(cue(r"\b(?:feature|model|draft|suggest\w*|generat\w*|summar\w*)\b", 0.55),),
    topic=rx(r"\bai\b|artificial intelligence|machine learning|generative|ai features"),
    topic_cues=(cue(r"\b" + _FEATURE_VERBS + r"|\buse", 0.75),),
    strong=0.9,
    threshold=0.6,
)

_TRAIN = (
    r"(?:train\w*|fine[- ]tun\w*|retrain\w*|(?:improv\w*|develop\w*|build\w*|enhanc\w*) (?:our |the |its |their )?"
    r"(?:ai |machine[- ]learning |underlying |foundation |language )?(?:models?|algorithms?))"
)
_DATA = (
    r"(?:customer (?:data|content|information)|your (?:data|content|information|tickets|conversations)|"
    r"(?:personal |support |ticket |service |end[- ]user |user )?(?:data|content|information)|tickets?|"
    r"conversations?|messages?|prompts?|inputs?|outputs?|interactions?|transcripts?|recordings?)"
)

AI_TRAINING = Rule(
    keywords=("train", "fine-tun", "fine tun", "model", "algorithm"),
    cues=(
        cue(
            r"\b(?:use|used|using|uses|leverage\w*|process\w*)\b[^.;]{0,60}\b(?:to|for|in) (?:help )?" + _TRAIN,
            0.9,
        ),
        cue(_DATA + r"\b[^.;]{0,50}\b(?:to|for|in) (?:the )?" + _TRAIN, 0.85),
        cue(r"\b" + _TRAIN + r"\b[^.;]{0,50}\b(?:on|with|using|from) (?:the |your |our |such |that |this |"
            r"these |those |its |their |aggregated |de-?identified |anonymi[sz]ed )?" + _DATA, 0.85),
        cue(r"\b(?:training data|model training|train (?:our|the|its) models?)\b", 0.7),
    ),
    # "for training purposes" alone may be staff training: a model must be in sight.
    context=rx(
        r"\bai\b|machine[- ]learning|models?|algorithms?|artificial intelligence|\bllms?\b|neural|generative|"
        r"assistants?|chat ?bots?|\bbots?\b|copilot|classifiers?"
    ),
    context_from_previous=True,
    exclude=rx(
        r"\b(?:train\w*) (?:our |its |the )?(?:staff|employees|personnel|agents|team|workforce)\b|"
        r"security (?:awareness )?training|privacy training|training (?:courses?|sessions?|programs?|materials?)|"
        + LINKED_SITES
    ),
    sections=rx(r"\bai\b|artificial intelligence|machine learning|model|training"),
    strong=9.0,
    threshold=0.6,
    skip_reader=True,
)

# "You can opt out of model training in Settings", "training only with your explicit opt-in".
_OPT_OUT = Rule(
    keywords=("opt", "turn off", "disable", "switch off", "withdraw", "object", "consent", "setting"),
    cues=(
        cue(r"\bopt(?:[- ]?out| out)\b|\bopt[- ]in\b|\bturn(?:ed|ing)? (?:it |this |them )?off\b|"
            r"\b(?:disable|switch off|deactivat\w*)\b|\bwithdraw\w*\b|\bobject\b", 0.8),
        cue(r"\b(?:only|solely) (?:with|after|if|upon) (?:your|the customer[’']s|explicit|prior|express) ", 0.75),
        cue(r"\b(?:your|explicit|express|prior) consent\b", 0.6),
    ),
    context=rx(r"train\w*|models?|\bai\b|machine[- ]learning"),
    context_from_previous=True,  # "We train on your tickets. You can opt out in Settings."
    exclude=rx(r"cookies?|marketing|newsletters?|e-?mails?|advertis\w*"),
    strong=9.0,
    threshold=0.6,
)

_NO_WAY_OUT = rx(
    r"\b(?:cannot|can't|can ?not|unable to|not (?:be )?(?:able|possible) to|no (?:way|option|means) to)\b[^.;]{0,25}"
    r"\b(?:opt|turn|disable|switch|withdraw|object|refuse)"
)
_TRAINING_KEY = "ai.training"


def detect_ai_training(document: Document) -> Answer:
    """yes when customer data trains or improves models, no when the vendor says it never does."""
    found = document.cache.get(_TRAINING_KEY)
    if found is None:
        hits = deny_when([_consent_denies(hit) for hit in scan(document, AI_TRAINING)], _PROHIBITED)
        found = document.cache[_TRAINING_KEY] = decide_yes_no(hits, AI_TRAINING.threshold, prefer_no=True)
    return found  # type: ignore[return-value]


# "We will not use your inputs to train models without your prior consent": off unless the
# customer opts in, so no; "not ... except aggregated statistics" still trains.
_UNLESS_CONSENT = rx(
    r"\b(?:without|unless|except with)\b[^.;]{0,30}\b(?:consent|permission|instruction|opt[- ]?in|opts? in|"
    r"agree\w*|authori[sz]ation|approval)"
)


# "under terms that prohibit that provider from training its models on Customer data".
_PROHIBITED = rx(
    r"\b(?:prohibit\w*|forbid\w*|bars?|barred|precludes?|not (?:permitted|allowed))\b[^.;]{0,60}\b(?:train|fine-tun)"
)


def _consent_denies(hit: Hit) -> Hit:
    if hit.polarity is Polarity.DENIED_WITH_EXCEPTION and _UNLESS_CONSENT.search(hit.unit.lower):
        return Hit(hit.unit, hit.score, Polarity.DENIED, hit.label)
    return hit


def detect_ai_training_opt_out(document: Document) -> Answer:
    """Whether the training just found can be refused: only asked when customer data does train models."""
    if detect_ai_training(document).value != "yes":
        return Answer.not_stated()
    hits = [hit for hit in scan(document, _OPT_OUT) if hit.polarity is not Polarity.DENIED_WITH_EXCEPTION]
    return decide_yes_no(deny_when(hits, _NO_WAY_OUT), _OPT_OUT.threshold)


detect_ai_features = rule_detector(AI_FEATURES)
