"""The operator console in a real browser: Debian's chromium driven by playwright.

Run by ConsoleBrowserTests (swift test), which starts `ticketgate serve` with the strict fake SPP, sets up
the events, and checks at the fake vendor what the console's actions sent. Usage:

    python3 console_browser_test.py SCENARIO_JSON

SCENARIO_JSON names: url (the console's origin), token, screenshots (a directory), routed (an event whose
rules trace to show), xss (an event whose subject is an HTML attack), failed (two events whose delivery
failed for good) and the text their subjects share, failedSubject (no spaces). The xss event is replayed,
forced, so SPP gets a second ticket for it. Exits 0 when every check holds; otherwise prints the check that failed.
"""

import http.server
import json
import pathlib
import re
import sys
import threading

from playwright.sync_api import expect, sync_playwright


def cross_site_page(target):
    """A page on another origin whose form posts to the console by itself, as an attacker's page would."""
    html = f"""<!doctype html><form id="f" method="post" action="{target}">
    <input type="hidden" name="csrf" value="guessed"></form>
    <script>document.getElementById("f").submit()</script>""".encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(html)))
            self.end_headers()
            self.wfile.write(html)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    scenario = json.loads(sys.argv[1])
    base = scenario["url"]
    shots = pathlib.Path(scenario["screenshots"])
    shots.mkdir(parents=True, exist_ok=True)
    dialogs = []

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))

        # A signed-out visitor is sent to sign-in, and back to the page asked for afterwards.
        page.goto(f"{base}/console/events?status=failed")
        expect(page).to_have_url(f"{base}/console/login?next=%2Fconsole%2Fevents%3Fstatus%3Dfailed")
        page.screenshot(path=shots / "sign-in.png")
        page.fill("#token", "not-the-token")
        page.click("button[type=submit]")
        expect(page.locator("p.error")).to_have_text("That is not the admin token.")
        page.fill("#token", scenario["token"])
        page.click("button[type=submit]")
        expect(page).to_have_url(f"{base}/console/events?status=failed")

        # The filtered list: the failed events only, the filter kept in the form and the URL.
        rows = page.locator("table.events tbody tr")
        expect(rows).to_have_count(2)
        expect(page.locator("select[name=status]")).to_have_value("failed")
        page.select_option("select[name=status]", "")
        page.fill("input[name=text]", scenario["failedSubject"])
        page.click("form.filter button[type=submit]")
        expect(page).to_have_url(re.compile(r".*[?&]text=" + re.escape(scenario["failedSubject"]) + "($|&)"))
        expect(rows).to_have_count(2)

        # The attack in a subject is text, not markup, and runs nothing.
        page.goto(f"{base}/console/events")
        expect(page.get_by_text("<img src=x onerror=alert(1)>").first).to_be_visible()
        expect(page.locator("img")).to_have_count(0)
        page.screenshot(path=shots / "events.png", full_page=True)

        # An event's detail with the rule trace.
        page.goto(f"{base}/console/events/{scenario['routed']}")
        trace = page.locator("table.trace tbody tr")
        expect(trace.filter(has_text="billing")).to_contain_text("matched")
        expect(trace.filter(has_text="spam")).to_contain_text("body contains [casino]")
        expect(trace.filter(has_text="enterprise")).to_contain_text("fields.plan = enterprise")
        expect(page.locator("table.calls").first).to_contain_text("POST /api/tickets")
        page.screenshot(path=shots / "event.png", full_page=True)
        page.goto(f"{base}/console/events/{scenario['xss']}")
        expect(page.locator("h1")).to_have_text("Event: <img src=x onerror=alert(1)>")

        # Replay: refused while the ticket exists, then forced to open a new one.
        page.click("section.actions button[type=submit]")
        expect(page.locator("p.notice")).to_contain_text("nothing was queued")
        page.check("section.actions input[name=force]")
        page.click("section.actions button[type=submit]")
        expect(page.locator("p.notice")).to_have_text("Replayed through the rules in force: 1 new delivery queued.")
        expect(page.locator("ol.audit")).to_contain_text("replayed (forced) from the console")

        # Dead letters: retry one, then the rest of the destination after the confirmation says how many.
        page.goto(f"{base}/console/dead-letters")
        groups = page.locator("section.dead-group")
        expect(groups.locator("tbody tr")).to_have_count(2)
        expect(groups.first).to_contain_text("rejected")
        page.screenshot(path=shots / "dead-letters.png", full_page=True)
        groups.locator("tbody tr").first.locator("button").click()
        expect(page.locator("p.notice")).to_have_text("1 delivery is back in the outbox.")
        page.locator("section.dead-group form button", has_text="Retry all of spp").click()
        expect(page.locator("main p").first).to_contain_text("1 failed or dead delivery to spp will go back in the outbox")
        page.click("button.danger")
        expect(page.locator("p.notice")).to_have_text("1 delivery is back in the outbox.")

        # Pause and resume.
        page.goto(f"{base}/console/destinations")
        row = page.locator("table.destinations tbody tr", has_text="spp")
        expect(row).to_contain_text("running")
        row.get_by_role("button", name="Pause").click()
        expect(page.locator("p.notice")).to_contain_text("Paused.")
        expect(row).to_contain_text("paused by an operator")
        page.screenshot(path=shots / "destinations.png", full_page=True)
        row.get_by_role("button", name="Resume").click()
        expect(page.locator("p.notice")).to_contain_text("Resumed.")
        expect(row).to_contain_text("running")

        # The playground: a pasted payload explained, nothing stored.
        page.goto(f"{base}/console/rules")
        expect(page.locator("table").first).to_contain_text("POST /hooks/website")
        page.select_option("select[name=source]", "website")
        page.fill("textarea[name=payload]", '{"from":"ann@example.com","topic":"A refund, please","body":"Hello"}')
        page.click("form.playground button[type=submit]")
        explanation = page.locator("#explanation")
        expect(explanation).to_contain_text("billing     matched")
        expect(explanation).to_contain_text("decision      deliver to spp")
        page.screenshot(path=shots / "rules.png", full_page=True)

        # The overview, once the retried deliveries are through.
        page.goto(f"{base}/console")
        expect(page.locator("svg.chart rect.events")).to_have_count(24)
        expect(page.locator("section", has_text="Instances").locator("tbody tr")).to_have_count(1)
        page.screenshot(path=shots / "overview.png", full_page=True)

        # A form on another site posting to the console is refused, and changes nothing.
        server = cross_site_page(f"{base}/console/destinations/spp/pause")
        with page.expect_response(f"{base}/console/destinations/spp/pause") as answer:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        if answer.value.status != 403:
            raise AssertionError(f"the cross-site POST was answered {answer.value.status}")
        server.shutdown()
        page.goto(f"{base}/console/destinations")
        expect(page.locator("table.destinations tbody tr", has_text="spp")).to_contain_text("running")

        # Signing out ends the session.
        page.click("form.signout button")
        expect(page).to_have_url(f"{base}/console/login")
        page.goto(f"{base}/console/destinations")
        expect(page).to_have_url(f"{base}/console/login?next=%2Fconsole%2Fdestinations")

        browser.close()

    if dialogs:
        raise AssertionError(f"a page opened dialogs: {dialogs}")
    print("console browser suite: every check held")


if __name__ == "__main__":
    main()
