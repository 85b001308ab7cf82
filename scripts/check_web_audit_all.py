#!/usr/bin/env python3
"""Runs last in scripts/check-web.sh: the audit page of #ASKnet lists every kind of change the other browser checks
made (staff forms, uploads and the review queue, case studies, sessions, leaders, cloning, merging, the participant's
leaving, calendar link and erasure), each with an actor named in plain words, never "unknown".
Each kind is looked up with the page's own "What" filter, on the network's page and on that of the organization that
registered the participant (AUDIT_ORGS, ids separated by spaces: a change about a person is logged there); the page goes through check_web.Check's strict HTML and
accessibility checks.
"""
import os
import sys

from selenium.webdriver.common.by import By

import check_web

# The kinds of change the browser checks before this one make, by the action code the audit log records.
KINDS = [
    "plugin.enabled", "programme.created", "series.created", "session.created", "person.created",
    "enrolment.created", "quote.created", "plugin.settingsChanged", "attendance.imported", "attendance.recorded",
    "caseStudies.create", "caseStudies.update", "session.rescheduled", "series.roleAdded", "series.cloned",
    "person.merged", "participant.linkIssued", "enrolment.withdrawn", "feeds.personalLinkRotated", "person.erased",
]


def run(check, login_link):
    check.driver.get(login_link)
    check.follow(check.driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]"))
    organizations = os.environ.get("AUDIT_ORGS", "1").split()
    for kind in KINDS:
        actors = []
        for organization in organizations:
            check.open(f"/workspace/orgs/{organization}/audit?action={kind}")
            rows = check.driver.find_elements(By.CSS_SELECTOR, "#audit-lines tbody tr")
            actors += [row.find_elements(By.TAG_NAME, "td")[1].text.strip() for row in rows]
        check.expect(bool(actors), f"the audit page lists a '{kind}' change")
        check.expect(all(actor and "unknown" not in actor.lower() for actor in actors),
                     f"every '{kind}' line names its actor: {sorted(set(actors))}")
    check.page("audit-everything", "/workspace/orgs/1/audit")


if __name__ == "__main__":
    sys.exit(check_web.main(run, "audit of every check"))
