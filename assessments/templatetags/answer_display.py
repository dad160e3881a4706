"""Template filters for how answers read: value labels and quotes without Markdown syntax."""

from django import template

from assessments.evidence import markdown_plain
from assessments.values import value_label as _value_label

register = template.Library()


@register.filter
def value_label(value: str) -> str:
    """``{{ answer.value|value_label }}``: "Not stated", never ``not_stated``."""
    return _value_label(value)


@register.filter
def plain_quote(text: str) -> str:
    """``{{ quote.text|plain_quote }}``: a quote as the reader sees it, Markdown syntax removed."""
    return markdown_plain(text or "")
