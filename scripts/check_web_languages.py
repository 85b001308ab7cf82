#!/usr/bin/env python3
"""Browser checks of the interface's languages, run by scripts/check-web.sh against the same server.

Signed in as a coordinator, in each shipped language (English, French, Portuguese, Arabic, Swahili), chosen with the
switcher every page carries: the home page, an open series' public page, its enrolment form, the form sent back with
errors (422, the messages beside their fields) and the confirmation; then a staff page with a form error (a new
programme without a title), and the series report of a demo series (a translated heading). Each page is checked for its `lang` and `dir` (Arabic runs right
to left), for a sentence of the language, and through check_web's strict HTML, accessibility and no-sideways-scroll
checks at 360, 390 and 1280 px. Arabic and French pages are photographed into --screenshots (phone and desktop).

Then the pseudo-language (accented English 40% longer; the server runs with --pseudo-localization) walks the same
pages, the staff and participant pages of STAFF_PSEUDO_PATHS, the sign-in pages, and the plugin pages of
PLUGIN_PSEUDO_PATHS (the report, the retention dashboard and pages, the certificates pages, the public verification
page): a page that scrolls sideways at 360 px under longer text fails.
"""
import os
import sys
import tempfile
import time

from selenium.webdriver.common.by import By

import check_web

# code, direction, the series page's enrol link, the form's name error, the confirmation heading, the staff form's
# title error
LANGUAGES = [
    ("en", "ltr", "Enrol in this series", "Enter your name.", "You are enrolled", "Give the programme a title."),
    ("fr", "ltr", "S’inscrire à cette série", "Indiquez votre nom.", "Vous êtes inscrit·e",
     "Donnez un titre au programme."),
    ("pt", "ltr", "Inscrever-se nesta série", "Indique o seu nome.", "Está inscrito/a", "Dê um título ao programa."),
    ("ar", "rtl", "سجّل في هذه السلسلة", "اكتب اسمك.", "تمّ تسجيلك", "اكتب عنوانًا للبرنامج."),
    ("sw", "ltr", "Jisajili kwa mfululizo huu", "Andika jina lako.", "Umesajiliwa", "Ipe programu kichwa."),
]
NETWORK = 1  # the demo network's organization id
PHOTOGRAPHED = {"ar", "fr"}
# The series report's Overview heading in each language.
REPORT_OVERVIEW = {"en": "Overview", "fr": "Vue d’ensemble", "pt": "Visão geral", "ar": "نظرة عامة", "sw": "Muhtasari"}
# Plugin pages and the report, walked in the pseudo-language at 360 px; {report}, {retention} and {verify} are the
# report of a demo series, its retention dashboard and a certificate's verification page, found while walking.
PLUGIN_PSEUDO_PATHS = [
    "{report}", f"/orgs/{NETWORK}/retention/series", "{retention}", f"/orgs/{NETWORK}/retention/attendance",
    f"/orgs/{NETWORK}/retention/review", f"/orgs/{NETWORK}/retention/hand-ins",
    f"/orgs/{NETWORK}/retention/gender-groups", f"/orgs/{NETWORK}/certificates/series",
    f"/orgs/{NETWORK}/certificates/settings", "{verify}",
]
# The staff and participant pages whose own text is translated (workspace, a series' sessions, people, audit log,
# outbox, My Indaba, the 404 page): walked in the pseudo-language at 360 px. {series}: the open series' id.
STAFF_PSEUDO_PATHS = ["/workspace", "/manage/series/{series}", f"/workspace/orgs/{NETWORK}/people",
                      f"/workspace/orgs/{NETWORK}/audit", f"/workspace/orgs/{NETWORK}/outbox", "/me", "/series/999999"]


def html_attribute(check, name):
    return check.driver.find_element(By.TAG_NAME, "html").get_attribute(name)


def choose(check, code):
    """Picks a language with the switcher in the page's header, and comes back to the same page."""
    if html_attribute(check, "lang") == code:
        return  # already the page's language (the browser asks for English)
    before = check.driver.current_url
    check.follow(check.driver.find_element(By.CSS_SELECTOR, f'nav.languages a[hreflang="{code}"]'))
    check.expect(check.driver.current_url == before, f"{code}: the switcher brings the visitor back to the same page")


def walk(check, code, direction, enrol_text, name_error, enrolled, title_error, series_path, stamp):
    def page(name, path=None):
        check.expect(html_attribute(check, "lang") == code, f"{code} {name}: <html lang> is {code}")
        check.expect(html_attribute(check, "dir") == direction, f"{code} {name}: <html dir> is {direction}")
        check.page(f"lang-{code}-{name}", path)

    check.open("/")
    choose(check, code)
    page("home", "/")
    check.open(series_path)
    check.expect(enrol_text in check.text(), f"{code}: the series page offers '{enrol_text}'")
    page("series", series_path)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, f'a[href="{series_path}/enrol"]'))
    page("enrol", series_path + "/enrol")
    time.sleep(2.2)  # the form refuses answers faster than a person types
    check.driver.find_element(By.ID, "email").send_keys(f"lang-{code}-{stamp}@example.org")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    error = check.driver.find_elements(By.ID, "name-error")
    check.expect(bool(error) and error[0].text == name_error, f"{code}: the missing name is explained: '{name_error}'")
    check.expect(check.driver.find_element(By.ID, "name").get_attribute("aria-invalid") == "true",
                 f"{code}: the name field is marked invalid")
    page("enrol-error")
    check.driver.find_element(By.ID, "name").send_keys("Nkechi " + code.upper())
    time.sleep(2.2)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    heading = check.driver.find_element(By.TAG_NAME, "h1").text
    check.expect(heading == enrolled, f"{code}: the confirmation says '{enrolled}' (got '{heading}')")
    page("enrolled")

    # A staff form sent back with an error: a new programme without a title.
    new_programme = f"/workspace/orgs/{NETWORK}/programmes/new"
    check.open(new_programme)
    page("staff-form", new_programme)
    check.driver.find_element(By.ID, "field-slug").send_keys(f"lang-{code}-{stamp}")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    error = check.driver.find_elements(By.ID, "field-title-error")
    check.expect(bool(error) and error[0].text == title_error,
                 f"{code}: the missing title is explained: '{title_error}'")
    page("staff-form-error")


def walk_report(check, code, direction, report_path):
    """The series report in the language chosen with the switcher: lang, dir, a translated heading."""
    check.open(report_path)
    check.expect(html_attribute(check, "lang") == code, f"{code} report: <html lang> is {code}")
    check.expect(html_attribute(check, "dir") == direction, f"{code} report: <html dir> is {direction}")
    headings = [h.text for h in check.driver.find_elements(By.TAG_NAME, "h2")]
    check.expect(REPORT_OVERVIEW[code] in headings, f"{code} report: the heading '{REPORT_OVERVIEW[code]}'")
    if code != "en":
        check.expect("How it ran" not in headings and "Overview" not in headings,
                     f"{code} report: no English heading left")
    check.page(f"lang-{code}-report", report_path)


def plugin_paths(check):
    """The report of the demo series with certificates, its retention dashboard, and a verification page."""
    check.open("/workspace")
    reports = [a.get_attribute("href").split("/", 3)[3]
               for a in check.driver.find_elements(By.CSS_SELECTOR, 'a[href^="/reports/series/"]')]
    found = {"report": None, "retention": None, "verify": None}
    for report in reports:
        series = report.rsplit("/", 1)[1]
        check.open(f"/orgs/{NETWORK}/certificates/series/{series}")
        codes = check.driver.find_elements(By.CSS_SELECTOR, 'a[href^="/verify/"]')
        if codes or found["report"] is None:
            found["report"] = "/" + report
            found["retention"] = f"/orgs/{NETWORK}/retention/series/{series}"
        if codes:
            found["verify"] = "/" + codes[0].get_attribute("href").split("/", 3)[3]
            break
    check.expect(all(found.values()), f"a demo series with a report and a certificate: {found}")
    return found


def run(check, login_link):
    stamp = str(int(time.time()))
    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(check.driver.current_url.endswith("/workspace"), "signed in as a coordinator")
    check.open("/?status=open")
    cards = check.driver.find_elements(By.CSS_SELECTOR, "ul.cards li.card h2 a")
    check.expect(bool(cards), "the home page lists an open series")
    series_path = "/" + cards[0].get_attribute("href").split("/", 3)[3]
    photographs, elsewhere = check.screenshots, tempfile.mkdtemp()
    found = plugin_paths(check)
    for code, direction, enrol_text, name_error, enrolled, title_error in LANGUAGES:
        check.screenshots = photographs if code in PHOTOGRAPHED else elsewhere
        walk(check, code, direction, enrol_text, name_error, enrolled, title_error, series_path, stamp)
        walk_report(check, code, direction, found["report"])

    # The pseudo-language: longer text must not push any page sideways at 360 px.
    check.screenshots = elsewhere
    check.open("/")
    choose(check, "en-XA")
    for path in ["/", series_path + "/enrol", f"/workspace/orgs/{NETWORK}/programmes/new"]:
        check.open(path)
        check.expect(check.driver.find_element(By.TAG_NAME, "h1").text.startswith("["),
                     f"pseudo {path}: the heading is pseudo-localised")
        check.page("pseudo" + path.replace("/", "-"), path)
    for path in [path.format(series=series_path.rsplit("/", 1)[1]) for path in STAFF_PSEUDO_PATHS]:
        check.open(path)
        check.expect(check.driver.find_element(By.TAG_NAME, "h1").text.startswith("["),
                     f"pseudo {path}: the heading is pseudo-localised")
        check.page("pseudo" + path.replace("/", "-"), path)
    # Pages whose own text is not translated yet still carry the translated frame (header, switcher, footer).
    for path in [series_path]:
        check.open(path)
        check.expect(check.driver.find_element(By.CSS_SELECTOR, "footer.site").text.startswith("["),
                     f"pseudo {path}: the footer is pseudo-localised")
        check.page("pseudo" + path.replace("/", "-"), path)

    # The plugin pages and the report under longer text (the verification page follows the switcher too).
    for template in PLUGIN_PSEUDO_PATHS:
        path = template.format(**found)
        check.open(path)
        check.expect(html_attribute(check, "lang") == "en-XA", f"pseudo {path}: <html lang> is en-XA")
        check.expect(check.driver.find_element(By.TAG_NAME, "h1").text.startswith("["),
                     f"pseudo {path}: the heading is pseudo-localised")
        check.page("pseudo" + path.replace("/", "-"), path)


if __name__ == "__main__":
    sys.exit(check_web.main(run, "languages"))
