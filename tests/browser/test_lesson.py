"""A lesson page in a real browser: its Run and Save buttons drive the terminal, the steps tick."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.screen import wait_for_prompt, wait_for_screen

PROMPT = "student@playground:~$ "


def test_lesson_buttons_save_run_and_tick_the_steps(page, server):
    """Save the manifest, run the lesson's commands from their buttons, and see the steps pass."""
    page.goto(f"{server.url}/lessons/pods/")
    expect(page.locator("#terminal")).to_have_attribute("data-connection", "open")
    wait_for_prompt(page)
    steps = page.locator("#steps")
    expect(steps.locator('li[data-step-id="write-manifest"]')).to_have_attribute("data-passed", "false")

    save = page.locator('[data-save-file][data-filename="nginx-manual.yaml"]')
    save.click()
    expect(save).to_have_attribute("data-saved", "true")
    expect(steps.locator('li[data-step-id="write-manifest"]')).to_have_attribute("data-passed", "true")

    page.locator('button[data-command="cat nginx-manual.yaml"]').click()
    wait_for_screen(page, PROMPT + "cat nginx-manual.yaml\napiVersion: v1\nkind: Pod\n")
    wait_for_prompt(page)
    page.locator('button[data-command="kubectl create -f nginx-manual.yaml"]').first.click()
    wait_for_screen(page, "pod/nginx-manual created\n" + PROMPT)
    page.locator('button[data-command="kubectl get pods"]').first.click()
    wait_for_screen(page, PROMPT + "kubectl get pods\nNAME           READY   STATUS")
    create = steps.locator('li[data-step-id="create"]')
    expect(create.locator(".step-message")).to_contain_text("expected `Running`")  # still pulling the image
    page.get_by_role("button", name="+30 s").click()
    expect(create).to_have_attribute("data-passed", "true")
    expect(create.locator(".step-message")).to_have_text("")
    expect(page.locator("#clock-status")).to_have_text("30 seconds passed.")
