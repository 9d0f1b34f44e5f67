"""The bounds and defaults of list queries: the query parser applies them, the OpenAPI document states them."""

MAX_PAGE = 10**9
MAX_PAGE_SIZE = 500
DEFAULT_PAGE_SIZE = 50
MAX_SEARCH = 200
