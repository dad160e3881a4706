"""Everything that changes vendors, assessments, answers and sign-offs goes through here.

One module per entity; functions are named ``<entity>_<action>`` and take keyword
arguments, so a grep for an entity finds every way it can change.
"""
