#!/usr/bin/env python3
"""Browser checks of the case-study pages, run by scripts/check-web.sh after the other checks against the same server.

Public: the seed series' page links the study presented in it to the study's own page (title, summary, outcomes,
rendered body, licence, where it was presented); the public library's search links to it with a snippet in plain
text (no Markdown), the match highlighted; a study not shown in public answers like one that does not exist.
Staff (signed in with its own one-time link): a new study written in the form, previewed, refused with a field
error, saved, then edited as a new version; and a plugin's settings form showing the labels its plugin wrote.
Every page goes through check_web's strict HTML and accessibility checks; the new pages are photographed at 390
and 1280 px into --screenshots.
"""
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import check_web


def path_of(check):
    return check.driver.current_url[len(check.base):]


def fill(check, field_id, text):
    element = check.driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(text)


def press(check, label):
    check.follow(check.driver.find_element(By.XPATH, f"//main//button[normalize-space()='{label}']"))


def public_pages(check):
    # The series where the radio study was presented links it to its page.
    check.open("/")
    completed = [c for c in check.driver.find_elements(By.CSS_SELECTOR, ".card") if "Inclusive Spaces" in c.text]
    check.follow(completed[0].find_element(By.TAG_NAME, "a"))
    links = check.driver.find_elements(By.CSS_SELECTOR, "ul.studies h3 a")
    check.expect(len(links) >= 1, "the series page links the studies presented in it")
    check.follow(links[0])
    study_path = path_of(check)
    check.expect("/case-studies/studies/" in study_path, "the link opens the study's public page: " + study_path)
    text = check.text()
    for part in ("What came of it", "The study", "Where it was presented", "Licence", "CC-BY-4.0"):
        check.expect(part in text, f"the public study page shows '{part}'")
    body = check.driver.find_element(By.CSS_SELECTOR, ".study-body").get_attribute("innerHTML")
    check.expect("**" not in body and "](" not in body, "the body is rendered, not raw Markdown")
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, 'a[href^="/series/"]')) >= 1,
                 "the study links the series it was presented in")
    check.page("case-study-public", study_path)
    library = study_path.split("/studies/")[0] + "/library"

    # The public library's search links to the study with a plain-text snippet.
    check.open(library)
    fill(check, "q", "producers")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    cards = check.driver.find_elements(By.CSS_SELECTOR, ".cards .card")
    check.expect(len(cards) >= 1, "the public search finds the radio study")
    snippet = cards[0].find_elements(By.TAG_NAME, "p")[-1].get_attribute("innerHTML")
    check.expect("<mark>" in snippet, "the snippet highlights the match: " + snippet)
    check.expect(not any(s in snippet for s in ("**", "](", "##", "http")), "the snippet has no Markdown: " + snippet)
    check.page("case-study-search", path_of(check))
    check.follow(cards[0].find_element(By.CSS_SELECTOR, "h2 a"))
    check.expect(path_of(check) == study_path, "a search result opens the study's page")

    # A study whose people have not consented yet answers like one that does not exist.
    check.open(study_path.replace(study_path.split("/")[-1], "childcare-stipend-bootcamp"))
    hidden = check.text()
    check.open(study_path.replace(study_path.split("/")[-1], "no-such-study"))
    check.expect("Page not found" in hidden and hidden == check.text(), "a hidden study reads like a missing one")


def staff_form(check, login_link):
    stamp = str(int(time.time()))
    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(path_of(check) == "/workspace", "signed in for the case studies")
    check.follow(check.driver.find_element(By.LINK_TEXT, "Case-study library"))
    check.follow(check.driver.find_element(By.LINK_TEXT, "Write a new case study"))
    new_path = path_of(check)
    check.expect(not check.driver.find_elements(By.ID, "document"), "the form has fields, not a YAML file")
    check.page("case-study-new", new_path)
    fill(check, "slug", "browser-study-" + stamp)
    fill(check, "title", "Evening classes near the bus station")
    fill(check, "summary", "Moving classes next to the bus station doubled the women who finished.")
    fill(check, "country", "Tanzania")
    fill(check, "sector", "tech")
    fill(check, "topics", "logistics, retention")
    fill(check, "outcome-1-description", "Women who finished the course")
    fill(check, "outcome-1-figure", "from 9 to 21")
    fill(check, "body", "## What we changed\n\nClasses moved **next to the bus station**; see [the map](https://example.org/map).")
    Select(check.driver.find_element(By.ID, "consent")).select_by_value("notNeeded")
    Select(check.driver.find_element(By.ID, "visibility")).select_by_value("public")
    press(check, "Preview")
    errors = check.driver.find_elements(By.ID, "country-error")
    check.expect(len(errors) == 1 and "Tanzania".upper() in errors[0].text, "a bad country is refused next to it")
    check.expect(check.driver.find_element(By.ID, "country").get_attribute("aria-invalid") == "true",
                 "the refused field is marked invalid")
    check.expect(check.driver.find_element(By.ID, "title").get_attribute("value")
                 == "Evening classes near the bus station", "the refused form keeps what was typed")
    check.page("case-study-errors")
    fill(check, "country", "TZ")
    press(check, "Preview")
    preview = check.driver.find_elements(By.CSS_SELECTOR, "section.preview")
    check.expect(len(preview) == 1 and "next to the bus station" in preview[0].text
                 and "**" not in preview[0].text, "the preview shows the body rendered")
    check.expect(len(preview[0].find_elements(By.TAG_NAME, "strong")) >= 1, "the preview renders emphasis")
    check.page("case-study-preview")
    press(check, "Create the study")
    check.expect("Saved" in check.text(), "the new study is saved")
    study_path = path_of(check).split("?")[0]
    check.follow(check.driver.find_element(By.LINK_TEXT, "Edit this study"))
    edit_path = path_of(check)
    check.expect(check.driver.find_element(By.ID, "outcome-1-figure").get_attribute("value") == "from 9 to 21",
                 "the edit form is filled with the study")
    check.page("case-study-edit", edit_path)
    fill(check, "title", "Evening classes by the bus station")
    press(check, "Save a new version")
    check.expect("new version" in check.text() and "version 2" in check.text(), "the edit is a new version")
    check.follow(check.driver.find_element(By.LINK_TEXT, "Its public page"))
    check.expect("Evening classes by the bus station" in check.text(), "the public page shows the edit")
    check.page("case-study-written", path_of(check))
    check.open(study_path)


def settings_labels(check):
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR,
                                           'a[aria-label="Settings of Certificates for #ASKnet"]'))
    labels = [label.text for label in check.driver.find_elements(By.CSS_SELECTOR, "main label")]
    check.expect(any(label.startswith("Verification address") for label in labels),
                 "the settings form shows the plugin's label: " + ", ".join(labels))
    check.expect(not any(" u r l" in label for label in labels), "no label spelled out from a key")
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, "select#field-signingAlgorithm")) == 1,
                 "a choice among fixed values is a list")
    check.page("plugin-settings-described", path_of(check))
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))


def run(check, login_link):
    public_pages(check)
    staff_form(check, login_link)
    settings_labels(check)


if __name__ == "__main__":
    sys.exit(check_web.main(run, "case studies"))
