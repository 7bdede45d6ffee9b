"""The operator console in a real browser: Debian's chromium driven by playwright.

Run by ConsoleBrowserTests (swift test), which starts `ticketgate serve` with the strict fake SPP, sets up
the events, and checks at the fake vendor what the console's actions sent. Usage:

    python3 console_browser_test.py SCENARIO_JSON

SCENARIO_JSON names: url (the console's origin), token, screenshots (a directory), routed (an event whose
rules trace to show), xss (an event whose subject is an HTML attack), failedSubject (the text the subjects of
the two events whose delivery failed for good share, no spaces), failedEvent (one of them), dryRun (an event
delivered in dry run to `archive`). Five events in all. The xss event is replayed, forced, so SPP gets a second
ticket for it. Exits 0 when every check holds; otherwise prints the check that failed.
"""

import datetime
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

        # Paging both ways, two at a time, with the total: older to the end, then newer back to the first page.
        page.goto(f"{base}/console/events?limit=2")
        expect(page.locator("p.pager .total")).to_have_text("5 events")
        first_page = rows.all_inner_texts()
        expect(page.locator("p.pager a[rel=prev]")).to_have_count(0)
        def follow(link):
            with page.expect_navigation():
                page.click(f"p.pager a[rel={link}]")

        follow("next")
        expect(rows).to_have_count(2)
        second_page = rows.all_inner_texts()
        follow("next")
        expect(rows).to_have_count(1)
        expect(page.locator("p.pager a[rel=next]")).to_have_count(0)
        follow("prev")
        if rows.all_inner_texts() != second_page:
            raise AssertionError("going back a page did not show the page before")
        follow("prev")
        if rows.all_inner_texts() != first_page:
            raise AssertionError("going back to the first page did not show it")
        expect(page.locator("p.pager a[rel=prev]")).to_have_count(0)
        expect(page.locator("p.pager .total")).to_have_text("5 events")

        # Every time is in UTC, and says so.
        for text in page.locator("time").all_inner_texts():
            if not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", text):
                raise AssertionError(f"a time without its zone: {text!r}")

        # A dry run is its own status: filtered, counted and coloured apart from deliveries.
        page.goto(f"{base}/console/events?status=dry_run")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("A trial question")
        expect(rows.first.locator(".badge.dry")).to_have_text("archive: dry_run")
        page.goto(f"{base}/console/events?status=delivered")
        expect(rows.filter(has_text="A trial question")).to_have_count(0)

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
        expect(page.locator("dl.facts").first).to_contain_text(re.compile(r"Received\s*\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC"))

        # A call the vendor refused shows what was sent and what came back.
        page.goto(f"{base}/console/events/{scenario['failedEvent']}")
        refused = page.locator("table.calls tr.bodies").first
        refused.locator("summary").click()
        expect(refused.locator("pre.request-body")).to_contain_text('"subject":"Broken-order 1"')
        expect(refused.locator("pre.response-body")).to_contain_text("The given data was invalid.")
        page.screenshot(path=shots / "failed-call.png", full_page=True)

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
        for text in groups.locator("td.last-attempt").all_inner_texts():
            if not re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC", text):
                raise AssertionError(f"a dead letter without its last attempt: {text!r}")
        expect(groups.locator("td.failure").first).to_contain_text("The given data was invalid.")
        page.screenshot(path=shots / "dead-letters.png", full_page=True)
        groups.locator("tbody tr").first.locator("button").click()
        expect(page.locator("p.notice")).to_have_text("1 delivery is back in the outbox.")
        page.locator("section.dead-group form button", has_text="Retry all of spp").click()
        expect(page.locator("main p").first).to_contain_text("1 failed or dead delivery to spp will go back in the outbox")
        page.click("button.danger")
        expect(page.locator("p.notice")).to_have_text("1 delivery is back in the outbox.")

        # Pause and resume.
        page.goto(f"{base}/console/destinations")
        archive = page.locator("table.destinations tbody tr", has_text="archive.example.com")
        expect(archive.locator("td.url")).to_have_text("https://archive.example.com/api")
        expect(archive).to_contain_text("dry run")
        expect(archive.locator(".badge.dry")).to_have_text("dry_run: 1")
        for secret in ["hunter2", "robot", "key=abc"]:
            if secret in page.content():
                raise AssertionError(f"the destinations page shows {secret}")
        expect(page.locator("#auto-refresh")).to_have_count(0)
        def destination_row(name):
            cell = page.locator("td:first-child", has_text=re.compile(f"^{name}$"))
            return page.locator("table.destinations tbody tr").filter(has=cell)

        row = destination_row("spp")
        expect(row.locator("td.url")).to_have_text(re.compile(r"^http://127\.0\.0\.1:\d+$"))
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
        defaults = page.locator("section.defaults dl.facts")
        expect(defaults).to_contain_text(re.compile(r"destination\s*spp"))
        expect(defaults).to_contain_text(re.compile(r"tags\s*inbound"))
        page.select_option("select[name=source]", "website")
        page.fill("textarea[name=payload]", '{"from":"ann@example.com","topic":"A refund, please","body":"Hello"}')
        page.click("form.playground button[type=submit]")
        explanation = page.locator("#explanation")
        expect(explanation).to_contain_text("billing     matched")
        expect(explanation).to_contain_text("decision      deliver to spp")

        # A rules change previewed on the stored events: checked first, then what it would reroute.
        page.fill("textarea[name=rules]", "rules:\n  - name: x\n    whne: {}\n")
        page.click("#preview button[type=submit]")
        expect(page.locator("#preview-output")).to_contain_text("The rules do not load; nothing was decided.")
        expect(page.locator("#preview-output")).to_contain_text("pasted.yml:3:5: error: unknown key 'whne'")
        page.fill("textarea[name=rules]", scenario["changedRules"])
        page.click("#preview button[type=submit]")
        preview = page.locator("#preview-output")
        expect(preview).to_contain_text("1 event: destination archive instead of spp")
        expect(preview).to_contain_text(scenario["routed"])
        expect(preview).to_contain_text("1 would be decided differently, in 1 group")
        page.screenshot(path=shots / "rules.png", full_page=True)

        # The overview, once the retried deliveries are through.
        page.goto(f"{base}/console")
        expect(page.locator("svg.chart rect.events")).to_have_count(24)
        expect(page.locator("section", has_text="Instances").locator("tbody tr")).to_have_count(1)
        totals = page.locator("section", has_text="Last 24 hours").locator("dl.facts")
        expect(totals).to_contain_text(re.compile(r"Dry runs\s*1(?!\d)"))
        expect(page.locator("svg.chart rect.dry")).to_have_count(1)
        page.screenshot(path=shots / "overview.png", full_page=True)

        # Auto-refresh: off at first; on, the page reloads itself every 15 s and stays on across pages; off, it
        # does not. The browser's clock is moved on by the test, not waited for.
        page.clock.install()
        page.goto(f"{base}/console")
        toggle = page.locator("#auto-refresh")
        expect(toggle).not_to_be_checked()
        toggle.check()
        page.evaluate("window.stillTheSamePage = true")
        with page.expect_event("load"):
            page.clock.run_for(16_000)
        if page.evaluate("window.stillTheSamePage === true"):
            raise AssertionError("the overview did not reload itself")
        expect(toggle).to_be_checked()
        page.goto(f"{base}/console/dead-letters")
        expect(toggle).to_be_checked()
        toggle.uncheck()
        page.evaluate("window.stillTheSamePage = true")
        page.clock.run_for(60_000)
        if not page.evaluate("window.stillTheSamePage === true"):
            raise AssertionError("the page reloaded with auto-refresh off")

        # A form on another site posting to the console is refused, and changes nothing.
        server = cross_site_page(f"{base}/console/destinations/spp/pause")
        with page.expect_response(f"{base}/console/destinations/spp/pause") as answer:
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/")
        if answer.value.status != 403:
            raise AssertionError(f"the cross-site POST was answered {answer.value.status}")
        server.shutdown()
        page.goto(f"{base}/console/destinations")
        expect(destination_row("spp")).to_contain_text("running")

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
