from rest_framework.pagination import PageNumberPagination


class Pages(PageNumberPagination):
    """``?page=N`` (from 1) and ``?page_size=`` up to 100; each list answers with
    ``count``, ``next``, ``previous`` and ``results``."""

    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
