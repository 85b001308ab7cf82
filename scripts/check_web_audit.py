#!/usr/bin/env python3
"""Browser checks of the audit log, run by scripts/check-web.sh after the other checks against the same server.

Signs in with its own one-time link, makes a few changes on the session page (describes a session, reschedules
it, adds one), then opens the organization's audit page: each change is listed with its actor in plain words
(the signed-in coordinator, beside the command-line import and the sign-in link issued), and the who / what / when
/ about filters narrow the list. The described session's text shows on the public series page.
Every page goes through the same strict HTML and accessibility checks as check_web.py (its Check class); the audit
page is photographed at 390 and 1280 px into --screenshots.
"""
import sys
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import check_web

SERIES = "Creating Inclusive Spaces for Women in Tech and Media"


def path_of(check):
    return check.driver.current_url[len(check.base):]


def rows(check):
    return [row.text for row in check.driver.find_elements(By.CSS_SELECTOR, "#audit-lines tbody tr")]


def run(check, login_link):
    stamp = str(int(time.time()))
    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(path_of(check) == "/workspace", "signed in for the audit checks")

    # Changes on a series' session page: a description, a reschedule, a new session.
    manage = [link.get_attribute("href") for link in check.driver.find_elements(
        By.CSS_SELECTOR, f'a[aria-label="Manage the sessions of {SERIES}"]')]
    check.expect(bool(manage), "the workspace links to the series' session page")
    series_path = urllib.parse.urlparse(manage[0]).path
    series_id = series_path.rstrip("/").split("/")[-1]
    check.open(series_path)
    first = check.driver.find_element(By.CSS_SELECTOR, "ol.cards li.card")
    session_id = first.get_attribute("id").split("-")[-1]
    description = f"Amina led the role play ({stamp}).\n\nKofi answered the questions."
    area = check.driver.find_element(By.ID, f"description-{session_id}")
    area.clear()
    area.send_keys(description)
    check.follow(first.find_element(By.CSS_SELECTOR, "form.describe button"))
    check.expect(check.driver.find_element(By.ID, f"description-{session_id}").get_attribute("value")
                 == description, "the description is saved")
    check.driver.execute_script(
        "document.getElementById(arguments[0]).value = '2027-06-01';"
        "document.getElementById(arguments[1]).value = '15:00';"
        "document.getElementById(arguments[2]).value = '2027-06-01';"
        "document.getElementById(arguments[3]).value = '16:00';",
        f"start-date-{session_id}", f"start-time-{session_id}", f"end-date-{session_id}", f"end-time-{session_id}")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, f"#session-{session_id} form.times button"))
    check.driver.find_element(By.ID, "new-title").send_keys("Audit check " + stamp)
    check.driver.execute_script(
        "document.getElementById('new-start-date').value = '2027-06-08';"
        "document.getElementById('new-start-time').value = '15:00';"
        "document.getElementById('new-end-date').value = '2027-06-08';"
        "document.getElementById('new-end-time').value = '16:00';")
    check.follow(check.driver.find_element(By.XPATH, "//button[text()='Add the session']"))
    check.page("manage-described", series_path)

    # The public series page shows the description, one paragraph per paragraph.
    check.open(f"/series/{series_id}")
    paragraphs = [p.text for p in check.driver.find_elements(By.CSS_SELECTOR, ".description p")]
    check.expect(f"Amina led the role play ({stamp})." in paragraphs
                 and "Kofi answered the questions." in paragraphs, "the series page shows the description")
    check.page("series-described", f"/series/{series_id}")

    # The audit page lists each change with its actor.
    check.open("/workspace")
    audit_links = check.driver.find_elements(By.LINK_TEXT, "Audit log")
    check.expect(bool(audit_links), "the workspace links to the audit log")
    check.follow(audit_links[0])
    audit_path = path_of(check).split("?")[0]
    check.page("audit", audit_path)
    lines = rows(check)
    signed_in = [line for line in lines if "Signed-in network coordinator" in line]
    for action in ("Session updated", "Session rescheduled", "Session created"):
        check.expect(any(action in line and f"session:" in line for line in signed_in),
                     f"the audit page lists '{action}' by the signed-in coordinator")
    check.expect(any("User signed in" in line for line in lines), "the sign-in is listed")
    check.expect(any("Sign-in link created" in line and "(command line)" in line for line in lines),
                 "the sign-in link is listed with the command-line user who issued it")
    check.expect(all("unknown" not in line for line in lines), "no actor is 'unknown'")

    # Filters: what, who, about, when.
    Select(check.driver.find_element(By.ID, "audit-action")).select_by_value("session.rescheduled")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    lines = rows(check)
    check.expect(lines and all("Session rescheduled" in line for line in lines), "the action filter narrows the list")
    check.page("audit-filtered", path_of(check))
    check.open(audit_path)
    Select(check.driver.find_element(By.ID, "audit-actor")).select_by_value("cli:")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "form.filters button[type=submit]"))
    lines = rows(check)
    check.expect(lines and all("(command line)" in line for line in lines), "the actor filter narrows the list")
    check.open(audit_path + f"?subject=session:{session_id}")
    lines = rows(check)
    check.expect(lines and all(f"session:{session_id}" in line for line in lines), "the subject filter narrows it")
    check.open(audit_path + "?since=2099-01-01")
    check.expect("No change matches." in check.text(), "a 'from' day in the future shows nothing")
    check.open(audit_path + "?since=soon")
    check.expect("From must be a day" in check.text(), "an unreadable day is explained")

    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))


if __name__ == "__main__":
    sys.exit(check_web.main(run, "audit log"))
