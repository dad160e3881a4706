"""The REST API (/api/v1/): the same services as the pages, with JSON in and out.

Views here parse input with the very forms the pages use, call one service, and render the
result with a serializer, so every rule (who may do what, four eyes, the audit trail) lives
once, in the services and their permission checks.
"""
