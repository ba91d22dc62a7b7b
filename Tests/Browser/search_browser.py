#!/usr/bin/python3
"""The demo site's search page in a real headless Chromium (Debian's chromium
and chromium-driver, through Python's selenium): serves a built site on the
loopback interface, types queries, and checks what the page lists.

    /usr/bin/python3 Tests/Browser/search_browser.py PUBLIC_FOLDER

Prints one line per check and exits 1 if any fails. Run by the Swift test
SearchBrowserTests (which builds the demo site first); no network is used
beyond 127.0.0.1.
"""
import functools
import http.server
import sys
import threading

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

FLOOD = "/2026/03/spring-flood-outlook/"
BUDGET = "/2026/02/council-adopts-budget/"


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(folder):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def browser(javascript=True):
    options = webdriver.ChromeOptions()
    if not javascript:
        options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--no-first-run", "--disable-background-networking", "--disable-extensions"]:
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def links_of(driver):
    return [a.get_attribute("pathname") for a in driver.find_elements(By.CSS_SELECTOR, "#search-results h2 a")]


def main():
    server = serve(sys.argv[1])
    base = "http://127.0.0.1:%d" % server.server_address[1]
    driver = browser()
    failures = []

    def check(name, condition, detail=""):
        print(("ok   " if condition else "FAIL ") + name + ("" if condition else ": " + detail))
        if not condition:
            failures.append(name)

    def settled(query):
        # The status line names the query once its results are in (a status
        # of the page before must not count: the next page may still be loading).
        def done(d):
            text = d.find_element(By.ID, "search-status").text
            return ("“" + query + "”") in text or "not available" in text
        WebDriverWait(driver, 30).until(done)
        return driver.find_element(By.ID, "search-status").text

    def links():
        return links_of(driver)

    try:
        # Typed into the masthead box of the front page, submitted with Enter.
        driver.get(base + "/")
        box = driver.find_element(By.ID, "masthead-query")
        box.send_keys("Kaminski", Keys.ENTER)
        WebDriverWait(driver, 20).until(lambda d: "/search/" in d.current_url)
        status = settled("Kaminski")
        found = links()
        check("a name typed in the masthead finds its article first", found[:1] == [FLOOD], "%s / %s" % (status, found))

        # Typed into the page's own box.
        field = driver.find_element(By.ID, "search-query")
        field.clear()
        field.send_keys("flooding risk", Keys.ENTER)
        settled("flooding risk")
        found = links()
        check("a stemmed form finds the article", found[:1] == [FLOOD], str(found))
        marks = [m.text.lower() for m in driver.find_elements(By.CSS_SELECTOR, "#search-results mark")]
        check("the stem's forms are highlighted", any(m.startswith("flood") for m in marks), str(marks))

        driver.get(base + "/search/?q=council+budget")
        settled("council budget")
        check("a two-word query finds the article with both first", links()[:1] == [BUDGET], str(links()))

        driver.get(base + "/search/?q=Anselm+pontoon")
        status = settled("Anselm pontoon")
        check("a draft's words find nothing", links() == [] and "No articles" in status, status)

        driver.get(base + "/search/?q=budget")
        settled("budget")
        everything = links()
        driver.get(base + "/search/?q=budget&section=city-hall")
        settled("budget")
        narrowed = links()
        sections = {s.text for s in driver.find_elements(By.CSS_SELECTOR, "#search-results .search-result-section")}
        check("the section filter narrows the results", 0 < len(narrowed) < len(everything) and sections == {"City Hall"},
              "%s of %s, %s" % (narrowed, everything, sections))
        chosen = driver.find_element(By.ID, "search-section").get_attribute("value")
        check("the filter shows as chosen", chosen == "city-hall", chosen)

        driver.get(base + "/search/?q=budget&sort=date")
        settled("budget")
        by_date = [t.get_attribute("datetime") for t in driver.find_elements(By.CSS_SELECTOR, "#search-results time")]
        check("sorting by date lists newest first", by_date == sorted(by_date, reverse=True) and len(by_date) > 1, str(by_date))

        # Keyboard: Tab from the search box reaches the controls; the first result is a link.
        results = driver.find_elements(By.CSS_SELECTOR, "#search-results a")
        check("results are links", all(a.get_attribute("href") for a in results) and len(results) > 0)
        live = driver.find_element(By.ID, "search-status").get_attribute("aria-live")
        check("the status is announced to screen readers", live == "polite", str(live))
    finally:
        driver.quit()
    # Without JavaScript the page says so, and the form still goes to /search/.
    plain = browser(javascript=False)
    try:
        plain.get(base + "/search/?q=budget")
        note = plain.find_element(By.CSS_SELECTOR, ".search-note")
        check("without JavaScript a message explains the search needs it", note.is_displayed() and "JavaScript" in note.text, note.text)
        check("without JavaScript no results are shown", links_of(plain) == [])
    finally:
        plain.quit()
        server.shutdown()
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
