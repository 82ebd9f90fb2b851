# The real-browser fixtures (tests/browser.py), for the HTML report's tests.
from tests.browser import chromium, offline_page  # noqa: F401
