"""Web addresses from content that families may click: only http:// and https:// ones."""

from __future__ import annotations

from urllib.parse import urlparse


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
