"""The /docs page in a real browser: headless Chromium (Debian's package) streams an answer; a screenshot is saved."""
import os
import shutil

import pytest

from conftest import API_KEY

CHROMEDRIVER = shutil.which("chromedriver")
CHROMIUM = shutil.which("chromium")
SCREENSHOT = os.environ.get("BLUEPRINT_DOCS_SCREENSHOT", ".build/docs-page.png")


@pytest.mark.skipif(not (CHROMEDRIVER and CHROMIUM), reason="chromium and chromium-driver are not installed")
def test_docs_page_streams_a_completion(server):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1100,1000"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(f"http://127.0.0.1:{server.port}/docs")
        assert "API docs" in driver.title
        assert "/v1/chat/completions" in driver.page_source
        assert "{{" not in driver.page_source, "a template placeholder was left in the page"
        heading = driver.find_element(By.TAG_NAME, "h1").text
        assert "blueprint" in heading, heading
        driver.find_element(By.ID, "key").send_keys(API_KEY)
        driver.find_element(By.ID, "prompt").clear()
        driver.find_element(By.ID, "prompt").send_keys("Describe a lighthouse")
        driver.find_element(By.ID, "send").click()
        WebDriverWait(driver, 20).until(
            lambda d: d.execute_script("return document.body.dataset.streamDone === 'true'")
        )
        output = driver.find_element(By.ID, "output").text
        status = driver.find_element(By.ID, "status").text
        assert len(output.split()) >= 3, output
        assert "First token after" in status and "tokens, done" in status, status
        os.makedirs(os.path.dirname(SCREENSHOT) or ".", exist_ok=True)
        driver.save_screenshot(SCREENSHOT)
    finally:
        driver.quit()
