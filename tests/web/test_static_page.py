"""The page's files as served: no token needed, CSP-clean (no inline code, no CDN), packaged."""

from __future__ import annotations

import re
import tomllib

import httpx

from polish_tutor.app import create_app
from polish_tutor.settings import Settings
from polish_tutor.web.endpoints import STATIC_DIR
from tests.conftest import ROOT

# The page's modules and the ones vendored beside them (vendor/: no bundler, no CDN).
MODULES = sorted(str(path.relative_to(STATIC_DIR)) for path in STATIC_DIR.rglob("*.js"))


async def fetch(path: str) -> httpx.Response:
    # No lifespan: the page needs no database, Redis or token.
    transport = httpx.ASGITransport(app=create_app(Settings()))
    async with httpx.AsyncClient(transport=transport, base_url="http://tutor") as client:
        return await client.get(path)


async def test_the_page_and_its_modules_are_served_without_a_token() -> None:
    index = await fetch("/")
    assert index.status_code == 200
    assert index.headers["content-type"].startswith("text/html")
    assert "script-src 'self'" in index.headers["content-security-policy"]
    assert '<script type="module" src="/static/app.js">' in index.text
    for name in [*MODULES, "styles.css", "icon.svg"]:
        served = await fetch(f"/static/{name}")
        assert served.status_code == 200, name
    assert (await fetch("/static/app.js")).headers["content-type"].startswith("text/javascript")
    assert (await fetch("/static/nothing.js")).status_code == 404


def test_nothing_the_csp_would_block_and_nothing_from_elsewhere() -> None:
    html = (STATIC_DIR / "index.html").read_text()
    assert not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script"
    assert not re.search(r"\sstyle=|<style", html), "inline style"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"
    for path in [*STATIC_DIR.rglob("*.js"), STATIC_DIR / "styles.css", STATIC_DIR / "index.html"]:
        text = path.read_text()
        assert not re.search(r"(src|href|url\()\s*=?\s*[\"']?(https?:)?//", text), path.name
        assert not re.search(r"\.innerHTML\s*=|\beval\(", text), path.name
    for module in MODULES:
        path = STATIC_DIR / module
        for imported in re.findall(r'from "\./([^"]+)"', path.read_text()):
            assert (path.parent / imported).is_file(), f"{module} imports {imported}"


def test_the_static_files_are_package_data() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data = pyproject["tool"]["setuptools"]["package-data"]["polish_tutor"]
    assert "web/static/*" in data and "web/static/vendor/*" in data
    assert "vendor/eventsource-parser.js" in MODULES
    assert (STATIC_DIR / "vendor" / "eventsource-parser.LICENSE").is_file()
