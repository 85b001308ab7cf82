#!/usr/bin/env python3
"""Browser checks of a participant's own pages (My Indaba), run by scripts/check-web.sh after the other checks.

Signs in with the participant's one-time link (from `indaba person sign-in-link`), sees their sessions and their
certificate (and downloads it), gets a new private calendar link (the new one works, the old is gone), leaves a
series with a reason, downloads their data, and erases themselves; afterwards their name and address are on no
public page and their calendar is gone. check-web.sh compares the series figures and the export before and after.
The person is named by PARTICIPANT_NAME and PARTICIPANT_EMAIL; LEAVE_SERIES is the id of a published series they
are enrolled in. Every page goes through check_web.Check's strict HTML and accessibility checks.
"""
import json
import os
import sys
import urllib.error
import urllib.request

from selenium.webdriver.common.by import By

import check_web

NAME = os.environ.get("PARTICIPANT_NAME", "")
EMAIL = os.environ.get("PARTICIPANT_EMAIL", "")
LEAVE_SERIES = os.environ.get("LEAVE_SERIES", "")


def path_of(check):
    return check.driver.current_url[len(check.base):]


def fetch(check, url):
    """Status and body of a URL fetched without the browser's cookies."""
    try:
        with urllib.request.urlopen(url) as reply:
            return reply.status, reply.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def run(check, login_link):
    check.driver.get(login_link)
    check.expect("Sign in to My Indaba" in check.text(), "the link shows a sign-in button, not a used-up link")
    check.page("me-sign-in")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(path_of(check) == "/me", "signing in leads to My Indaba: " + path_of(check))
    check.expect(NAME in check.text(), "My Indaba names the signed-in person")
    check.expect("Your series" in check.text() and "Your upcoming sessions" in check.text(),
                 "My Indaba lists the person's series and sessions")
    check.page("my-indaba", "/me")

    # The certificate: listed, and the PDF downloads with the browser's session.
    links = check.driver.find_elements(By.PARTIAL_LINK_TEXT, "Certificate (PDF)")
    check.expect(len(links) >= 1, "the person's certificate is listed")
    if links:
        pdf = check.source_of(links[0].get_attribute("href")[len(check.base):])
        check.expect(pdf.startswith(b"%PDF"), "the certificate downloads as a PDF")

    # A new private calendar link: shown once, works; an earlier one would stop.
    check.follow(check.driver.find_elements(By.XPATH, "//button[text()='Get a new private calendar link']")[0])
    check.page("my-calendar")
    ics = check.driver.find_element(By.CSS_SELECTOR, "code.url").text
    status, body = fetch(check, ics)
    check.expect(status == 200 and body.startswith(b"BEGIN:VCALENDAR"), "the new private calendar answers")
    check.open("/me")

    # Leaving a series, with a reason: the page says so and offers to join again.
    if LEAVE_SERIES:
        form = check.driver.find_element(By.CSS_SELECTOR, f'form[action="/me/series/{LEAVE_SERIES}/withdraw"]')
        check.driver.execute_script("arguments[0].closest('details').open = true", form)
        form.find_element(By.TAG_NAME, "textarea").send_keys("The sessions clash with my work")
        check.follow(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
        check.expect("You left the series" in check.text(), "leaving is confirmed")
        check.expect(len(check.driver.find_elements(
            By.CSS_SELECTOR, f'form[action="/me/series/{LEAVE_SERIES}/rejoin"]')) == 1, "joining again is offered")
        check.page("my-indaba-left")

    # Download my data.
    data = json.loads(check.source_of("/me/data.json"))
    check.expect(data.get("person", {}).get("email", "").lower() == EMAIL.lower(), "the data download is theirs")
    check.expect(len(data.get("series", [])) >= 1, "the data download lists their series")

    # Erasing: refused without the confirmation box, then done.
    check.open("/me/erase")
    check.page("my-erase", "/me/erase")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Tick the box to confirm" in check.text(), "erasing needs the confirmation box")
    check.driver.find_element(By.ID, "confirm").click()
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Your data is erased" in check.text(), "the person is erased")
    check.page("my-erased")

    status, _ = fetch(check, ics)
    check.expect(status == 404, f"the private calendar is gone after erasure ({status})")
    check.open("/me")
    check.expect("Send me a sign-in link" in check.text(), "the session ended with the erasure")
    for path in ["/", "/series/1", "/series/2", "/series/3"]:
        page = check.source_of(path).decode("utf-8", "replace")
        check.expect(NAME not in page and EMAIL.lower() not in page.lower(), f"{path} does not show the erased person")


if __name__ == "__main__":
    sys.exit(check_web.main(run, "participant pages"))
