from django import template

from policies.models import Statement
from policies.selectors import statement_waiting

register = template.Library()


@register.simple_tag
def waiting_reason(statement: Statement) -> str:
    """``{% waiting_reason statement as waiting %}``: why the job has not moved, or ""."""
    return statement_waiting(statement)
