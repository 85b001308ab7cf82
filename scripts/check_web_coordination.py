#!/usr/bin/env python3
"""Browser checks of the coordinators' pages, run by scripts/check-web.sh against the same server.

Signs in as a network coordinator (--login-link): creates a series planned in Europe/Lisbon with two sessions a week
apart, names a facilitator on its leaders page, runs it again from a day that puts the second session after the
clocks go forward (28 March 2027) and checks both keep 18:00 local time, searches the people list, merges two
records of one person, and adds a member organization. Then the facilitator signs in with their own link
($FACILITATOR_LINK, made for FACILITATOR_EMAIL's person) and records attendance for the new series by uploading the
Zoom sample export. Every page goes through check_web's strict HTML and accessibility checks; the new pages are
photographed at 390 and 1280 px into --screenshots.
"""
import os
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import check_web

FACILITATOR_EMAIL = os.environ.get("FACILITATOR_EMAIL", "soneni.mafu@example.org")
FACILITATOR_NAME = os.environ.get("FACILITATOR_NAME", "Soneni Mafu")


def path_of(check):
    """The current page's path, without its query or fragment."""
    return check.driver.current_url[len(check.base):].split("#")[0].split("?")[0]


def fill(check, field_id, text):
    element = check.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def set_value(check, field_id, value):
    """Sets a date or time input the way a picker would (send_keys depends on the browser's locale)."""
    check.driver.execute_script("document.getElementById(arguments[0]).value = arguments[1];", field_id, value)


def submit(check):
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form.staff button[type=submit]"))


def sign_in(check, link):
    check.driver.get(link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(path_of(check) == "/workspace", "signed in: " + path_of(check))


def session_times(check):
    return [card.find_element(By.CSS_SELECTOR, "p.meta").text
            for card in check.driver.find_elements(By.CSS_SELECTOR, "ol.cards li.card")]


def run(check, login_link):
    stamp = str(int(time.time()))
    title = "Coordination check " + stamp
    sign_in(check, login_link)

    # A series planned in Lisbon, published, with two sessions at 18:00 a week apart (both in winter time).
    check.follow(check.driver.find_elements(By.CSS_SELECTOR, 'a[aria-label^="Add a series to"]')[0])
    fill(check, "field-title", title)
    fill(check, "field-slug", "coordination-" + stamp)
    Select(check.driver.find_element(By.ID, "field-status")).select_by_value("published")
    fill(check, "field-timeZone", "Europe/Lisbon")
    submit(check)
    series_path = path_of(check)
    for name, day in (("First meeting", "2027-03-16"), ("Second meeting", "2027-03-23")):
        fill(check, "new-title", name)
        for field, value in (("new-start-date", day), ("new-start-time", "18:00"), ("new-end-date", day),
                             ("new-end-time", "19:00")):
            set_value(check, field, value)
        check.follow(check.driver.find_element(By.XPATH, "//button[text()='Add the session']"))
    check.expect(len(session_times(check)) == 2, "the new series has two sessions")

    # Its leaders: a facilitator named by e-mail.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Facilitators and guest speakers"))
    leaders_path = path_of(check)
    check.expect("No one leads this series yet." in check.text(), "a new series has no leaders")
    fill(check, "field-email", "nobody." + stamp + "@example.org")
    submit(check)
    check.expect("No one you can see is registered with this address" in check.text(),
                 "an unknown address is refused next to its field")
    check.page("series-leaders-error")
    fill(check, "field-email", FACILITATOR_EMAIL)
    Select(check.driver.find_element(By.ID, "field-role")).select_by_value("facilitator")
    submit(check)
    rows = check.driver.find_elements(By.CSS_SELECTOR, "table.list tbody tr")
    check.expect(any(FACILITATOR_NAME in row.text and "Facilitator" in row.text for row in rows),
                 "the facilitator is listed")
    check.expect("Added." in check.text(), "the change is announced")
    check.page("series-leaders", leaders_path)

    # Run it again from 23 March 2027: the second session falls on 30 March, after the clocks go forward.
    check.open(series_path)
    check.follow(check.driver.find_element(By.LINK_TEXT, "Run it again"))
    clone_path = path_of(check)
    check.page("series-clone", clone_path)
    fill(check, "field-slug", "coordination-" + stamp + "-again")
    set_value(check, "field-startsOn", "2027-03-23")
    check.driver.find_element(By.ID, "field-withRoles").click()
    submit(check)
    cloned_path = path_of(check)
    check.expect(cloned_path != series_path and cloned_path.startswith("/manage/series/"),
                 "the clone opens on its own sessions page: " + cloned_path)
    times = session_times(check)
    check.expect(len(times) == 2, f"the clone has the two sessions ({times})")
    check.expect(len(times) == 2 and "23" in times[0] and "18:00" in times[0] and "30" in times[1]
                 and "18:00" in times[1], f"local times are kept across the clock change: {times}")
    check.page("series-cloned", cloned_path)
    check.open(cloned_path + "/leaders")
    check.expect(FACILITATOR_NAME in check.text(), "the clone keeps the facilitator when asked")

    # People: the searchable list, then two records of one person merged.
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, 'a[aria-label="People of #ASKnet"]'))
    people_path = path_of(check)
    fill(check, "people-q", FACILITATOR_NAME.split()[0])
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form.search button"))
    check.expect(FACILITATOR_NAME in check.text(), "the people list finds the facilitator")
    check.page("people-search", path_of(check) + "?" + check.driver.current_url.split("?", 1)[-1])
    ids = []
    for address in ("twin.a." + stamp + "@example.org", "twin.b." + stamp + "@example.org"):
        check.open(people_path + "/new")
        fill(check, "field-name", "Twin " + stamp)
        fill(check, "field-email", address)
        submit(check)
        ids.append(path_of(check).rstrip("/").split("/")[-1])
    check.open(people_path + "?q=" + stamp)
    check.expect("1–2 of 2" in check.text(), "both records are listed")
    check.page("people-list", people_path + "?q=" + stamp)
    check.open(people_path + "/merge")
    fill(check, "field-keep", ids[0])
    fill(check, "field-duplicate", ids[1])
    submit(check)
    check.expect("Tick this box once you have checked" in check.text(), "a merge needs the confirmation")
    check.page("person-merge-error")
    check.driver.find_element(By.ID, "field-confirm").click()
    submit(check)
    check.expect("Merged into person " + ids[0] in check.text(), "the records are merged: " + check.text()[:200])
    check.open(people_path + "?q=" + stamp)
    check.expect("1–1 of 1" in check.text(), "one record is left")

    # A member organization, added by the coordinator.
    check.open("/workspace")
    check.follow(check.driver.find_element(By.LINK_TEXT, "Add a member organization"))
    check.page("organization-new", path_of(check))
    fill(check, "field-name", "Browser Hub " + stamp)
    fill(check, "field-slug", "browser-hub-" + stamp)
    fill(check, "field-country", "KE")
    fill(check, "field-timeZone", "Africa/Nairobi")
    submit(check)
    check.expect("Saved." in check.text(), "the member organization is saved")
    check.page("organization-edit", path_of(check))

    # A kick-off call that has already happened, added after the clone: attendance is recorded only for sessions
    # that have started.
    check.open(series_path)
    fill(check, "new-title", "Kick-off call")
    for field, value in (("new-start-date", "2026-11-20"), ("new-start-time", "18:00"), ("new-end-date", "2026-11-20"),
                         ("new-end-time", "19:00")):
        set_value(check, field, value)
    check.follow(check.driver.find_element(By.XPATH, "//button[text()='Add the session']"))
    check.expect(len(session_times(check)) == 3, "a session that has happened is added")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))

    # The facilitator signs in with their own link, sees the new series and records its attendance.
    sign_in(check, os.environ["FACILITATOR_LINK"])
    check.expect(title in check.text(), "the facilitator's workspace lists the new series")
    check.page("workspace-facilitator", "/workspace")
    check.follow(check.driver.find_element(By.LINK_TEXT, "Upload attendance"))
    upload_path = path_of(check)
    option = next((o for o in check.driver.find_elements(By.CSS_SELECTOR, "#session option")
                   if o.text == "Kick-off call"
                   and o.find_element(By.XPATH, "..").get_attribute("label").startswith(title)), None)
    check.expect(option is not None, "the facilitator may record the new series' sessions")
    if option is None:
        return
    value = option.get_attribute("value")
    Select(check.driver.find_element(By.ID, "session")).select_by_value(value)
    check.driver.find_element(By.ID, "export").send_keys(check_web.ZOOM_EXPORT)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    # The sample export is from another day: confirm that it belongs to this session anyway.
    if check.driver.find_elements(By.ID, "anyDate"):
        check.driver.find_element(By.ID, "anyDate").click()
        Select(check.driver.find_element(By.ID, "session")).select_by_value(value)
        check.driver.find_element(By.ID, "export").send_keys(check_web.ZOOM_EXPORT)
        check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Attendance recorded" in check.text(), "the facilitator records attendance: " + check.text()[:300])
    check.page("attendance-recorded-facilitator")
    check.open(upload_path)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))


if __name__ == "__main__":
    sys.exit(check_web.main(run, "coordination"))
