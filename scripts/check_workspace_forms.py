#!/usr/bin/env python3
"""Browser checks of the staff forms, run by scripts/check-web.sh after check_web.py against the same server.

Signs in with its own one-time link, creates a programme and a series in it, adds two sessions, adds a person (with
a consented gender) and enrols them, records a quote that the report then shows, changes a plugin setting and sees
an invalid value refused next to its field.
Every page goes through the same strict HTML and accessibility checks as check_web.py (its Check class), and the
new pages are photographed at 390 and 1280 px into --screenshots.
"""
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import check_web
from check_web import Check


def path_of(check):
    return check.driver.current_url[len(check.base):]


def fill(check, field_id, text):
    element = check.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def submit(check):
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form.staff button[type=submit]"))


def run(check, login_link):
    stamp = str(int(time.time()))
    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(path_of(check) == "/workspace", "signed in for the forms")
    check.page("workspace", "/workspace")

    # A programme: an empty form is refused next to its fields, then created.
    check.follow(check.driver.find_elements(By.LINK_TEXT, "New programme")[0])
    check.page("programme-new", path_of(check))
    fill(check, "field-slug", "Not A Slug")
    submit(check)
    check.expect("Give the programme a title." in check.text(), "a missing title is explained")
    check.expect(check.driver.find_element(By.ID, "field-slug").get_attribute("value") == "Not A Slug",
                 "the refused form keeps what was typed")
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, "#field-slug-error")) == 1,
                 "the short name's error is next to it")
    check.page("programme-errors")
    fill(check, "field-title", "Browser Programme")
    fill(check, "field-slug", "browser-" + stamp)
    fill(check, "field-summary", "Made by the browser test.")
    submit(check)
    check.expect("Saved." in check.text() and "Edit Browser Programme" in check.text(), "the programme is saved")

    # A series in it, with two objectives; then two sessions on the existing session page.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Add a series"))
    check.page("series-new", path_of(check))
    fill(check, "field-title", "Browser Series")
    fill(check, "field-slug", "browser-series")
    fill(check, "field-objectives", "Find a story\nTell it well")
    Select(check.driver.find_element(By.ID, "field-status")).select_by_value("published")
    submit(check)
    check.expect(check.driver.current_url.split("#")[0].rstrip("/").split("/")[-2] == "series",
                 "creating a series leads to its sessions: " + path_of(check))
    series_path = path_of(check).split("#")[0]
    for title, day in (("First meeting", "2027-05-03"), ("Second meeting", "2027-05-10")):
        fill(check, "new-title", title)
        check.driver.execute_script(
            "document.getElementById('new-start-date').value = arguments[0];"
            "document.getElementById('new-start-time').value = '15:00';"
            "document.getElementById('new-end-date').value = arguments[0];"
            "document.getElementById('new-end-time').value = '16:30';", day)
        check.follow(check.driver.find_element(By.XPATH, "//button[text()='Add the session']"))
    cards = check.driver.find_elements(By.CSS_SELECTOR, "ol.cards li.card")
    check.expect(len(cards) == 2, f"the new series has two sessions ({len(cards)})")
    check.open(series_path + "/edit")
    check.expect("Find a story\nTell it well" in
                 check.driver.find_element(By.ID, "field-objectives").get_attribute("value"),
                 "the objectives come back one per line")
    check.page("series-edit", series_path + "/edit")

    # A person with a consented gender, then their enrolment.
    check.open("/workspace")
    check.follow(check.driver.find_elements(By.LINK_TEXT, "Add a person")[0])
    check.page("person-new", path_of(check))
    email = f"forms.{stamp}@example.org"
    fill(check, "field-name", "Forms Tester")
    fill(check, "field-email", email)
    fill(check, "field-gender", "woman")
    submit(check)
    check.expect("Tick this box" in check.text(), "a gender without consent is refused next to the box")
    check.driver.find_element(By.ID, "field-consent").click()
    submit(check)
    check.expect("Saved." in check.text(), "the person is saved")
    check.open(series_path + "/enrolments")
    fill(check, "field-email", email)
    Select(check.driver.find_element(By.ID, "field-channel")).select_by_value("partner-org")
    submit(check)
    rows = check.driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
    check.expect(any("Forms Tester" in row.text and "A partner organization" in row.text for row in rows),
                 "the person is enrolled, their channel shown by its label")
    check.page("enrolments", series_path + "/enrolments")

    # A quote with consent, which the series report then shows.
    check.open(series_path + "/quotes")
    fill(check, "field-text", "I learnt to find the story in a table.")
    fill(check, "field-attribution", "A participant")
    check.driver.find_element(By.ID, "field-consent").click()
    submit(check)
    check.expect("shown in the report" in check.text(), "the quote is recorded with consent")
    check.page("quotes", series_path + "/quotes")
    check.open(series_path.replace("/manage/series/", "/reports/series/"))
    check.expect("I learnt to find the story in a table." in check.text(), "the report shows the consented quote")

    # A plugin setting: an invalid refresh interval is refused next to its field, a good one is saved.
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, 'a[aria-label="Settings of Calendar feeds for #ASKnet"]'))
    settings_path = path_of(check)
    check.page("plugin-settings", settings_path)
    fill(check, "field-refreshMinutes", "1")
    submit(check)
    errors = check.driver.find_elements(By.ID, "field-refreshMinutes-error")
    check.expect(len(errors) == 1 and "Must be from 5 minutes to one week" in errors[0].text,
                 "an invalid setting is refused next to its field")
    check.page("plugin-settings-errors")
    fill(check, "field-refreshMinutes", "30")
    submit(check)
    check.expect("Saved." in check.text(), "a valid setting is saved")
    check.expect(check.driver.find_element(By.ID, "field-refreshMinutes").get_attribute("value") == "30",
                 "the saved setting is shown")

    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))


if __name__ == "__main__":
    sys.exit(check_web.main(run, "workspace forms"))
