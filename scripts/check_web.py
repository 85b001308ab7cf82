#!/usr/bin/env python3
"""Browser checks of the Indaba web interface, run by scripts/check-web.sh against a real server on demo data.

Drives headless Chromium through Selenium: public series page (sessions, time zone choice, subscribe link),
enrolment (private calendar link, duplicate recognised), sign-in with a one-time link, the workspace, uploading the
Zoom sample export and resolving its unmatched rows in the review queue, the retention funnel, issuing certificates
and verifying one as valid then revoked, a plugin's page and link appearing and vanishing as it is enabled and
disabled, sign-out.
Every page visited is parsed with html5lib in strict mode (raw source for GET pages) and checked for what can be
detected automatically: lang, one h1, heading order, labels, alt text, landmarks, skip link, unique ids, text
contrast (WCAG AA), no
sideways scrolling at 360 and 390 px. Screenshots at 390 and 1280 px go to --screenshots.
"""
import argparse
import http.cookiejar
import os
import sys
import time
import traceback
import urllib.error
import urllib.request

import html5lib
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

ZOOM_EXPORT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "Tests", "RetentionTests", "Exports",
                                           "zoom-meeting-participants.csv"))

A11Y_SCRIPT = """
const problems = [];
const html = document.documentElement;
if (!html.getAttribute('lang')) problems.push('html has no lang attribute');
const h1s = document.querySelectorAll('h1');
if (h1s.length !== 1) problems.push('expected one h1, found ' + h1s.length);
let last = 0;
for (const h of document.querySelectorAll('h1,h2,h3,h4,h5,h6')) {
  const level = Number(h.tagName[1]);
  if (last && level > last + 1) problems.push('heading jumps from h' + last + ' to h' + level + ': ' + h.textContent.trim());
  if (!h.textContent.trim()) problems.push('empty ' + h.tagName);
  last = level;
}
for (const el of document.querySelectorAll('input,select,textarea')) {
  if (['hidden', 'submit', 'button'].includes(el.type)) continue;
  const labelled = (el.id && document.querySelector('label[for="' + CSS.escape(el.id) + '"]')) || el.closest('label')
    || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
  if (!labelled) problems.push('form field without a label: ' + (el.name || el.id));
  const described = el.getAttribute('aria-describedby');
  if (described) for (const id of described.split(/\\s+/)) if (!document.getElementById(id)) problems.push('aria-describedby names a missing id: ' + id);
}
for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) problems.push('img without alt: ' + img.src);
for (const el of document.querySelectorAll('a,button')) {
  if (!el.textContent.trim() && !el.getAttribute('aria-label')) problems.push(el.tagName + ' without text');
}
for (const sel of ['header', 'nav', 'main', 'footer']) if (!document.querySelector(sel)) problems.push('no <' + sel + '> landmark');
const skip = document.querySelector('a.skip');
if (!skip || !document.querySelector(skip.getAttribute('href'))) problems.push('no working skip link');
const ids = {};
for (const el of document.querySelectorAll('[id]')) { if (ids[el.id]) problems.push('duplicate id ' + el.id); ids[el.id] = 1; }
for (const sec of document.querySelectorAll('section[aria-labelledby]')) {
  if (!document.getElementById(sec.getAttribute('aria-labelledby'))) problems.push('section labelled by a missing id');
}
// Text contrast (WCAG 2 AA): 4.5:1, or 3:1 for large text, against the first opaque background behind it.
function rgb(value) { const m = value.match(/[\\d.]+/g); return m ? m.map(Number) : [0, 0, 0, 1]; }
function luminance([r, g, b]) {
  const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0.9) return c;
  }
  return [255, 255, 255];
}
const seen = new Set();
for (const el of document.querySelectorAll('body *')) {
  if (el.closest('svg')) continue;
  const text = [...el.childNodes].filter(n => n.nodeType === 3).map(n => n.textContent.trim()).join('');
  if (!text || el.offsetParent === null && getComputedStyle(el).position !== 'fixed') continue;
  if (el.closest('.trap')) continue;
  const style = getComputedStyle(el);
  const [fg, bg] = [rgb(style.color), background(el)];
  const [l1, l2] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
  const ratio = (l1 + 0.05) / (l2 + 0.05);
  const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
  const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  const key = style.color + '/' + bg.join(',');
  if (ratio < needed && !seen.has(key)) {
    seen.add(key);
    problems.push('contrast ' + ratio.toFixed(2) + ':1 (needs ' + needed + ') for "' + text.slice(0, 40) + '"');
  }
}
return problems;
"""


class Check:
    def __init__(self, base, screenshots):
        self.base = base
        self.screenshots = screenshots
        self.passed = 0
        self.failed = []
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--window-size=1280,900", "--lang=en-GB"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(30)

    def expect(self, condition, what):
        if condition:
            self.passed += 1
        else:
            self.failed.append(what)
            print("FAIL:", what, file=sys.stderr)

    def open(self, path):
        self.driver.get(self.base + path)

    def follow(self, element):
        """Clicks a link or submit button and waits until the next page has loaded."""
        old = self.driver.find_element(By.TAG_NAME, "html")
        element.click()
        def replaced(_):
            try:
                old.tag_name
                return False
            except WebDriverException:  # stale, or (newer drivers) "node does not belong to the document"
                return True

        WebDriverWait(self.driver, 15).until(replaced)
        WebDriverWait(self.driver, 15).until(
            lambda driver: driver.execute_script("return document.readyState") == "complete")

    def text(self):
        return self.driver.find_element(By.TAG_NAME, "body").text

    def source_of(self, path):
        """The raw source of a GET page, fetched with the browser's cookies (html5lib checks the bytes served)."""
        jar = http.cookiejar.CookieJar()
        request = urllib.request.Request(self.base + path)
        cookies = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        if cookies:
            request.add_header("Cookie", cookies)
        try:
            with urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)).open(request) as reply:
                return reply.read()
        except urllib.error.HTTPError as error:
            return error.read()

    def page(self, name, get_path=None):
        """Checks the page in the browser now: accessibility, phone width, and (for GET pages) strict HTML."""
        for problem in self.driver.execute_script(A11Y_SCRIPT):
            self.expect(False, f"{name}: {problem}")
        self.passed += 1
        if get_path is not None:
            parser = html5lib.HTMLParser(strict=True)
            try:
                parser.parse(self.source_of(get_path))
                self.passed += 1
            except Exception as error:  # html5lib raises ParseError with the position
                self.expect(False, f"{name}: HTML parse error: {error}")
        self.shoot(name)

    def shoot(self, name):
        for width in (360, 390, 1280):
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 500})
            scroll = self.driver.execute_script("return document.documentElement.scrollWidth")
            self.expect(scroll <= width, f"{name}: scrolls sideways at {width} px ({scroll} px wide)")
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": min(height, 5000), "deviceScaleFactor": 1, "mobile": width < 500})
            if width == 360:
                continue  # the smallest phone: checked for sideways scrolling, not photographed
            kind = "phone" if width < 500 else "desktop"
            self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}-{kind}.png"))
        self.driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def run(check, login_link):
    # The home page lists the public series; open the one taking enrolments.
    check.open("/")
    check.page("home", "/")
    card = next(c for c in check.driver.find_elements(By.CSS_SELECTOR, ".card") if "Open for enrolment" in c.text)
    check.follow(card.find_element(By.TAG_NAME, "a"))
    series_path = check.driver.current_url[len(check.base):]
    check.expect(series_path.startswith("/series/"), "the series link opens a series page")
    sessions = check.driver.find_elements(By.CSS_SELECTOR, "ol.sessions li.session")
    check.expect(len(sessions) >= 1, "the series page lists sessions")
    webcal = check.driver.find_elements(By.CSS_SELECTOR, 'a[href^="webcal://"]')
    check.expect(len(webcal) == 1 and "/feeds/series/" in webcal[0].get_attribute("href"), "a webcal subscribe link")
    check.expect("Google Calendar" in check.text() and "Outlook" in check.text(), "add-by-URL instructions")
    check.page("series", series_path)

    # The public case-study library, linked from the page of the series where one was presented.
    check.open("/")
    completed = [c for c in check.driver.find_elements(By.CSS_SELECTOR, ".card") if "Inclusive Spaces" in c.text]
    check.follow(completed[0].find_element(By.TAG_NAME, "a"))
    check.expect("Case studies presented" in check.text(), "the case studies presented in the seed series")
    check.follow(check.driver.find_element(By.LINK_TEXT, "Browse the case-study library"))
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, ".cards .card")) >= 1, "the public library lists studies")
    check.page("public-library", check.driver.current_url[len(check.base):])
    check.open(series_path)

    # Another time zone: times change, the planned zone stays beside them.
    Select(check.driver.find_element(By.ID, "tz")).select_by_value("America/New_York")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "form.zone-choice button"))
    # The zone by the name people know it, with its identifier: "Times are in … Time (America/New_York)."
    check.expect("Times are in" in check.text() and "(America/New_York)." in check.text(),
                 "times shown in the chosen zone")
    check.expect("Planned as" in check.text(), "the planned zone is shown beside the converted time")
    check.page("series-new-york", check.driver.current_url[len(check.base):])

    # Enrol as a new person; the confirmation gives the private calendar link, which works.
    check.open(series_path)
    check.follow(check.driver.find_element(By.LINK_TEXT, "Enrol in this series"))
    check.page("enrol", series_path + "/enrol")
    email = f"browser.{int(time.time())}@example.org"
    check.driver.find_element(By.ID, "name").send_keys("Browser Test")
    check.driver.find_element(By.ID, "email").send_keys(email)
    Select(check.driver.find_element(By.ID, "channel")).select_by_index(1)
    check.driver.find_element(By.ID, "gender").send_keys("woman")
    check.driver.find_element(By.ID, "consent").click()
    time.sleep(2.5)  # the form refuses answers sent back faster than a person types
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("You are enrolled" in check.text(), "enrolment confirmed")
    personal = [a.get_attribute("href") for a in check.driver.find_elements(By.CSS_SELECTOR, "a[download]")]
    check.expect(any("/feeds/personal/" in href for href in personal), "the private calendar link is given")
    if personal:
        with urllib.request.urlopen(personal[0]) as reply:
            check.expect(b"BEGIN:VCALENDAR" in reply.read(), "the private calendar link serves a calendar")
    check.page("enrolled")

    # The same address again is recognised, not doubled.
    check.open(series_path + "/enrol")
    check.driver.find_element(By.ID, "name").send_keys("Browser Test Again")
    check.driver.find_element(By.ID, "email").send_keys(email.upper())
    time.sleep(2.5)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("already enrolled" in check.text(), "a second sign-up with the same e-mail is recognised")

    # A form with errors says what is wrong next to the field.
    check.open(series_path + "/enrol")
    time.sleep(2.5)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Enter your name." in check.text(), "a missing name is explained next to the field")
    check.page("enrol-errors")

    # Staff sign in with the one-time link and see the workspace.
    link_path = login_link[len(check.base):]
    check.driver.get(login_link)
    check.page("sign-in", link_path)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect(check.driver.current_url.endswith("/workspace"), "signing in leads to the workspace: " + check.text()[:300])
    check.expect("#ASKnet" in check.text() and "feeds" in check.text(), "the workspace lists organizations and plugins")
    check.page("workspace", "/workspace")

    # Manage the sessions of the open series: move its first session; the public page shows the new time.
    check.follow(check.driver.find_element(By.CSS_SELECTOR, 'a[aria-label="Manage the sessions of Data Storytelling for Community Newsrooms"]'))
    manage_path = check.driver.current_url[len(check.base):]
    check.page("manage", manage_path)
    first = check.driver.find_element(By.CSS_SELECTOR, "ol.cards li.card")
    start = first.find_element(By.CSS_SELECTOR, "input[name=startTime]")
    end = first.find_element(By.CSS_SELECTOR, "input[name=endTime]")
    check.driver.execute_script("arguments[0].value = '17:00'; arguments[1].value = '18:30';", start, end)
    check.follow(first.find_element(By.CSS_SELECTOR, "form.times button"))
    check.expect("17:00–18:30" in check.text(), "a rescheduled session shows its new time")
    check.open(series_path)
    check.expect("17:00–18:30" in check.text(), "the public page shows the new time")
    check.open("/workspace")

    # The series report of the seed series, from the workspace's list.
    check.follow(check.driver.find_element(By.PARTIAL_LINK_TEXT, "Creating Inclusive Spaces"))
    check.expect("How it ran" in check.text() and "Retention" in check.text(), "the series report and its sections")
    check.page("report", check.driver.current_url[len(check.base):])
    check.open("/workspace")

    # The retention dashboard: the overview, then the seed series' funnel.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Retention dashboard"))
    check.page("retention", check.driver.current_url[len(check.base):])
    check.follow(check.driver.find_element(By.PARTIAL_LINK_TEXT, "Creating Inclusive Spaces"))
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, ".chart svg[role=img]")) == 1, "the funnel chart")
    check.expect("Dropped out here" in check.text(), "the funnel's figures")
    check.page("retention-series", check.driver.current_url[len(check.base):])
    check.open("/workspace")

    # Upload the Zoom sample export to the seed series' introduction: first a dry run, then for real.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Upload attendance"))
    upload_path = check.driver.current_url[len(check.base):]
    check.page("attendance-upload", upload_path)
    intro = next(o for o in check.driver.find_elements(By.CSS_SELECTOR, "#session option")
                 if o.text == "Introduction" and o.find_element(By.XPATH, "..").get_attribute("label").startswith("Creating Inclusive Spaces"))
    intro = intro.get_attribute("value")
    Select(check.driver.find_element(By.ID, "session")).select_by_value(intro)
    check.driver.find_element(By.ID, "export").send_keys(ZOOM_EXPORT)
    check.driver.find_element(By.ID, "dryRun").click()
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Preview (nothing written)" in check.text() and "Dry run: nothing was written." in check.text(),
                 "a dry run previews the upload: " + check.text()[:200])
    check.open(upload_path)
    Select(check.driver.find_element(By.ID, "session")).select_by_value(intro)
    check.driver.find_element(By.ID, "export").send_keys(ZOOM_EXPORT)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("Attendance recorded" in check.text(), "the upload is recorded: " + check.text()[:200])
    check.expect("Zoom" in check.text() and "rows for the review" in check.text(), "the summary gives counts")
    check.page("attendance-recorded")

    # The review queue lists the unmatched rows; ignore the phone caller, create a person for another.
    check.follow(check.driver.find_element(By.PARTIAL_LINK_TEXT, "Review the"))
    review_path = check.driver.current_url[len(check.base):]
    check.expect("Unknown Caller" in check.text(), "the review queue lists an unmatched row")
    check.page("review-queue", review_path)
    caller = next(s for s in check.driver.find_elements(By.CSS_SELECTOR, "section.review") if "Unknown Caller" in s.text)
    check.follow(caller.find_element(By.XPATH, ".//button[text()='Ignore']"))
    check.expect("is resolved" in check.text() and "Unknown Caller" not in check.text(), "ignoring resolves the row")
    first = check.driver.find_element(By.CSS_SELECTOR, "section.review")
    address = first.find_element(By.CSS_SELECTOR, "input[name=email]")
    address.clear()
    address.send_keys("someone@localhost")  # passes the browser's check, not the server's
    check.follow(first.find_element(By.XPATH, ".//button[text()='Create person']"))
    check.expect("This e-mail address is not a valid e-mail address" in check.text(), "a bad e-mail is explained")
    check.page("review-queue-error")
    first = check.driver.find_element(By.CSS_SELECTOR, "section.review")
    address = first.find_element(By.CSS_SELECTOR, "input[name=email]")
    address.clear()
    address.send_keys(f"walk.in.{int(time.time())}@example.org")
    check.follow(first.find_element(By.XPATH, ".//button[text()='Create person']"))
    check.expect("is resolved" in check.text(), "creating a person resolves the row")
    check.open("/workspace")

    # The funnel of the seed series, after the upload.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Retention dashboard"))
    check.follow(check.driver.find_element(By.PARTIAL_LINK_TEXT, "Creating Inclusive Spaces"))
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, ".chart svg[role=img]")) == 1, "the funnel after the upload")
    check.open("/workspace")

    # Certificates of the seed series: preview, issue, verify one ("valid"), revoke it ("revoked").
    check.follow(check.driver.find_element(By.LINK_TEXT, "Certificates"))
    check.page("certificates", check.driver.current_url[len(check.base):])
    check.follow(check.driver.find_element(By.PARTIAL_LINK_TEXT, "Creating Inclusive Spaces"))
    certificates_path = check.driver.current_url[len(check.base):]
    check.expect("not eligible" in check.text() and "participants meet the rule" in check.text(), "the rule's preview")
    check.page("certificates-preview", certificates_path)
    check.follow(check.driver.find_element(By.XPATH, "//main//button[starts-with(text(), 'Issue ')]"))
    check.expect("certificates issued." in check.text(), "issuing says how many: " + check.text()[:200])
    check.page("certificates-issued", check.driver.current_url[len(check.base):])
    verify = check.driver.find_elements(By.LINK_TEXT, "Verification page")
    check.expect(len(verify) >= 2, "issued certificates link to their verification pages")
    verify_url = verify[0].get_attribute("href")
    check.driver.get(verify_url)
    check.expect("valid" in check.text().lower() and "revoked" not in check.text().lower(), "a fresh certificate verifies as valid")
    check.page("verify-valid", verify_url[len(check.base):])
    check.open(certificates_path)
    item = check.driver.find_element(By.CSS_SELECTOR, "ul.certificates li")
    check.follow(item.find_element(By.XPATH, ".//button[text()='Revoke']"))
    check.expect("Give a reason" in check.text(), "revoking without a reason is explained next to the field")
    check.page("certificates-revoke-error")
    item = check.driver.find_element(By.CSS_SELECTOR, "ul.certificates li")
    item.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("issued in error")
    check.follow(item.find_element(By.XPATH, ".//button[text()='Revoke']"))
    check.expect("is revoked" in check.text(), "the certificate is revoked")
    check.driver.get(verify_url)
    check.expect("revoked" in check.text().lower(), "the verification page says revoked")
    check.page("verify-revoked", verify_url[len(check.base):])
    check.open("/workspace")

    # A plugin's pages and links follow its enablement: the case-study library, searched, then disabled and back.
    check.follow(check.driver.find_element(By.LINK_TEXT, "Case-study library"))
    library_path = check.driver.current_url[len(check.base):]
    check.driver.find_element(By.ID, "q").send_keys("radio")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "form[role=search] button"))
    check.expect(len(check.driver.find_elements(By.CSS_SELECTOR, ".cards mark")) >= 1, "library search highlights")
    check.page("library", check.driver.current_url[len(check.base):])
    # A study's page: link it to a session (a new version), see the session listed, then its editor is there.
    check.follow(check.driver.find_element(By.CSS_SELECTOR, ".cards .card h2 a"))
    study_path = check.driver.current_url[len(check.base):]
    Select(check.driver.find_element(By.ID, "session")).select_by_index(1)
    check.follow(check.driver.find_element(By.XPATH, "//button[normalize-space()='Link the session']"))
    check.expect("new version" in check.text(), "linking a study to a session saves a new version")
    check.expect(len(check.driver.find_elements(By.XPATH, "//button[normalize-space()='Unlink']")) >= 1,
                 "the linked session is listed with an unlink button")
    check.expect(len(check.driver.find_elements(By.ID, "document")) == 1, "the study's Markdown editor is there")
    check.page("case-study", study_path)
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Disable Case-study library for #ASKnet"]'))
    check.expect(not check.driver.find_elements(By.LINK_TEXT, "Case-study library"), "a disabled plugin's link vanishes")
    check.open(library_path)
    check.expect("Page not found" in check.text(), "a disabled plugin's page answers 404")
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, 'button[aria-label="Enable Case-study library for #ASKnet"]'))
    check.expect(len(check.driver.find_elements(By.LINK_TEXT, "Case-study library")) == 1, "enabled again, it is back")

    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    check.expect("already used or expired" in check.text(), "a login link works only once")
    check.open("/workspace")
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "header form button"))
    check.open("/workspace")
    check.expect("Please sign in" in check.text(), "signing out ends the session")

    check.open("/series/99999")
    check.page("not-found", "/series/99999")


def main(run=None, label="web"):
    """Runs `run(check, login_link)` (this file's checks by default) and prints `label: N passed, M failed`."""
    run = run or globals()["run"]
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--login-link", required=True)
    parser.add_argument("--screenshots", required=True)
    arguments = parser.parse_args()
    os.makedirs(arguments.screenshots, exist_ok=True)
    check = Check(arguments.base, arguments.screenshots)
    try:
        run(check, arguments.login_link)
    except Exception as error:
        traceback.print_exc()
        check.expect(False, f"the browser run stopped: {type(error).__name__}: {error}")
    finally:
        check.driver.quit()
    print(f"{label}: {check.passed} passed, {len(check.failed)} failed")
    return 1 if check.failed else 0


if __name__ == "__main__":
    sys.exit(main())
