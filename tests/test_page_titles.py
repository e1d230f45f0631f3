"""Every page's <title> is plain text: a title block that swallowed markup shows raw HTML in the tab."""

import re

from tests.test_url_permissions import ACCESS, _url, project_routes, world  # noqa: F401 (world is a fixture)

TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
ACCOUNT_PAGES = ["/accounts/login/", "/accounts/signup/", "/accounts/password/reset/"]


def _titles(client, urls) -> dict[str, str]:
    found = {}
    for url in urls:
        response = client.get(url)
        page = response.content.decode() if response["Content-Type"].startswith("text/html") else ""
        if response.status_code == 200 and page.lstrip().startswith("<!DOCTYPE"):  # pages, not live fragments
            match = TITLE.search(page)
            found[url] = match.group(1) if match else ""
    return found


def test_no_page_title_holds_markup(world):  # noqa: F811
    values, clients = world
    routes = project_routes()
    seen = {}
    for role, client in clients.items():
        urls = [
            _url(name, routes[name], values)
            for name, (get_audience, _post) in ACCESS.items()
            if get_audience is not None and role in get_audience
        ]
        if role == "anonymous":
            urls += ACCOUNT_PAGES
        seen.update({f"{role} {url}": title for url, title in _titles(client, urls).items()})
    assert len(seen) > 100  # the walk really reached the pages
    assert {page: title for page, title in seen.items() if "<" in title or not title.strip()} == {}
    assert seen["anonymous /help/"] == "Need help now? · Kindred"
