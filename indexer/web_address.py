"""Web addresses from content that families may click: only http:// and https:// ones."""

from __future__ import annotations

import re
from urllib.parse import urlparse

# "www.nlmind.org" or "linktr.ee/group": a host name, perhaps a port and path, no scheme.
_BARE_HOST = re.compile(
    r"^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,}(?::\d{1,5})?(?:[/?#][^\s]*)?$",
    re.IGNORECASE,
)


def is_web_address(url: str) -> bool:
    """True for an absolute http(s) address with a host; never javascript:, data: or ftp:."""
    try:
        parsed = urlparse(url.strip())
    except ValueError:  # "http://[oops" is not an address a browser can open either
        return False
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


def not_a_web_address(url: str) -> str:
    """What to tell the person who wrote `url`, when `is_web_address` refused it."""
    return f"{url!r} is not a web address starting http:// or https://"


def feed_web_address(url: str) -> str:
    """A directory record's address as families can open it, or "" when it is not one.

    Real feeds often leave the scheme off ("www.nlmind.org"); such a host name gets
    https://, the scheme browsers try first. Anything else unsafe stays refused.
    """
    url = url.strip()
    if is_web_address(url):
        return url
    if _BARE_HOST.match(url) and is_web_address(f"https://{url}"):
        return f"https://{url}"
    return ""
