"""End to end in a real browser: Jupyter Notebook on 127.0.0.1 with the Layerwise kernel, driven by
headless Chromium through Selenium. Opens a copy of notebooks/00-quickstart.ipynb, runs all cells,
waits for the kernel to finish, and checks what a user sees: no error output, every progress bar
complete, the live gradient chart final, visible and not blank; the live chart and the history chart
each no wider than the output area (no horizontal scroll bar), also in the notebook exported to HTML
by nbconvert. Saves a screenshot of the page and of each chart (SCREENSHOT with -live-chart,
-history-chart, -exported-html). Exits non-zero on any failure, printing the browser console and the
server log.

Usage: /usr/bin/python3 browser_test.py KERNEL_NAME WORK_DIR NOTEBOOK SCREENSHOT
JUPYTER_PATH must point at a folder holding kernels/KERNEL_NAME/kernel.json.
"""
import json, os, secrets, shutil, signal, socket, subprocess, sys, time, traceback, urllib.request

NAME, WORK, NOTEBOOK, SCREENSHOT = sys.argv[1:5]
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
INSTALL_HINT = "sudo apt-get install -y chromium chromium-driver python3-selenium"
START_TIMEOUT, RUN_TIMEOUT = 180, 900

for path in (CHROMIUM, CHROMEDRIVER):
    if not os.access(path, os.X_OK):
        sys.exit("%s is missing; the browser test drives Debian's Chromium: %s" % (path, INSTALL_HINT))
try:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
except ImportError:
    sys.exit("Selenium is missing for %s; the browser test needs it: %s" % (sys.executable, INSTALL_HINT))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def descendants(pid):
    """Every live process below pid, read from /proc (kernels run in sessions of their own)."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def kill_all(pids):
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def prepare_notebook():
    folder = os.path.join(WORK, "notebooks")
    os.makedirs(folder, exist_ok=True)
    with open(NOTEBOOK, encoding="utf-8") as f:
        nb = json.load(f)
    nb["metadata"]["kernelspec"] = {"name": NAME, "display_name": "Layerwise test", "language": "java"}
    # Three times the quickstart's examples, so that every fit outlasts several of the progress bar's redraws (every
    # 0.5 s in a notebook): on 10,000 examples an epoch of the sigmoid net now takes about 0.3 s here, too short for
    # the page to show it part-way.
    scaled = 0
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if ".subset(10_000)" in source:
            cell["source"] = source.replace(".subset(10_000)", ".subset(30_000)")
            scaled += 1
    check(scaled == 1, "the quickstart should load .subset(10_000) in one cell, found %d" % scaled)
    with open(os.path.join(folder, "quickstart.ipynb"), "w", encoding="utf-8") as f:
        json.dump(nb, f)
    return folder


def start_server(folder, port, token, log):
    env = dict(os.environ)
    for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                     ("JUPYTER_RUNTIME_DIR", "runtime"), ("IPYTHONDIR", "ipython")):
        env[var] = os.path.join(WORK, sub)
    cmd = ["/usr/bin/python3", "-m", "notebook", "--no-browser", "--ip=127.0.0.1", "--port=%d" % port,
           "--port-retries=0", "--NotebookApp.token=" + token, "--notebook-dir=" + folder]
    if os.geteuid() == 0:  # CI containers run as root
        cmd.append("--allow-root")
    server = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        check(server.poll() is None, "Jupyter Notebook exited with %s" % server.poll())
        try:
            urllib.request.urlopen("http://127.0.0.1:%d/api/status?token=%s" % (port, token), timeout=2).read()
            return server
        except OSError:
            time.sleep(0.3)
    raise AssertionError("Jupyter Notebook did not answer on 127.0.0.1:%d within %ds" % (port, START_TIMEOUT))


def start_browser():
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1800", "--user-data-dir=" + os.path.join(WORK, "chromium")):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(CHROMEDRIVER, log_path=os.path.join(WORK, "chromedriver.log"))
    return webdriver.Chrome(service=service, options=options)


def wait_js(driver, script, timeout, what):
    deadline = time.time() + timeout
    last = None
    while time.time() < deadline:
        try:
            last = driver.execute_script(script)
            if last is True:
                return
        except Exception as e:  # the page may still be loading its scripts
            last = e
        time.sleep(0.5)
    raise AssertionError("timed out after %ds waiting for %s (last: %s)" % (timeout, what, last))


KERNEL_IDLE = """return !!(window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
    && Jupyter.notebook.kernel.is_connected()
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null);"""

ALL_CELLS_RAN = """const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
return cells.length > 0 && cells.every(c => typeof c.input_prompt_number === 'number')
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;"""

CELL_REPORT = """return Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code').map(c => ({
    source: c.get_text(), prompt: c.input_prompt_number,
    outputs: c.output_area.outputs.map(o => ({type: o.output_type, ename: o.ename, evalue: o.evalue,
        mimes: Object.keys(o.data || {}), text: (o.data || {})['text/plain'] || o.text || ''}))}));"""

PROGRESS_BARS = """return Array.from(document.querySelectorAll('.output_area progress')).map(p => ({
    value: p.value, max: p.max, text: p.closest('.output_subarea').innerText}));"""

# Records, from inside the page, every part-way state a progress bar is shown in (a redraw may last less than the
# polling interval below).
RECORD_PARTIAL_BARS = """window.layerwisePartialBars = [];
new MutationObserver(() => document.querySelectorAll('.output_area progress').forEach(p => {
  if (p.value > 0 && p.value < p.max) window.layerwisePartialBars.push([p.max, p.value]);
})).observe(document.body, {subtree: true, childList: true, attributes: true, characterData: true});"""

# Draws each output image onto a canvas (data: URLs are same-origin, so its pixels can be read) and
# reports its size on screen and how many distinct colours it holds.
IMAGES = """const cells = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code');
const out = [];
cells.forEach((c, i) => c.element[0].querySelectorAll('.output_area img').forEach(img => {
  const box = img.getBoundingClientRect(), style = getComputedStyle(img);
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
  const g = canvas.getContext('2d'); g.drawImage(img, 0, 0);
  const px = img.naturalWidth ? g.getImageData(0, 0, canvas.width, canvas.height).data : [];
  const colours = new Set(); let dark = 0;
  for (let k = 0; k < px.length; k += 4) {
    colours.add((px[k] >> 3) << 10 | (px[k + 1] >> 3) << 5 | (px[k + 2] >> 3));
    if (px[k] + px[k + 1] + px[k + 2] < 600) dark++;
  }
  out.push({cell: i, complete: img.complete, natural: [img.naturalWidth, img.naturalHeight],
            shown: [box.width, box.height], display: style.display, visibility: style.visibility,
            colours: colours.size, inked: px.length ? dark / (px.length / 4) : 0});
}));
return out;"""


# The output element of a cell (its image, or the box Notebook puts an SVG in) against the output area it
# sits in: widths on screen, and whether the area scrolls sideways.
CHART_FIT = """const cell = Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')[arguments[0]];
const out = [];
cell.element[0].querySelectorAll('.output_subarea').forEach(area => {
  const chart = area.querySelector('img') || (area.querySelector('svg') && area.querySelector('svg').parentElement);
  if (!chart) return;
  const style = getComputedStyle(area);
  const inner = area.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  out.push({tag: chart.tagName, width: chart.getBoundingClientRect().width, area: inner,
            scrolls: area.scrollWidth > area.clientWidth + 1, mime: area.classList.contains('output_svg') ? 'svg' : 'png'});
});
return out;"""

# The same in nbconvert's HTML: every output image or SVG against the output box that holds it, and the page.
EXPORTED_FIT = """const out = [];
document.querySelectorAll('.jp-OutputArea-output img, .jp-OutputArea-output svg, .output_subarea img, .output_subarea svg')
  .forEach(el => {
    if (el.tagName.toLowerCase() === 'svg' && el.parentElement.closest('svg')) return;  // not an SVG's inner parts
    const box = el.closest('.jp-OutputArea-output, .output_subarea');
    out.push({tag: el.tagName, width: el.getBoundingClientRect().width, area: box.clientWidth,
              scrolls: box.scrollWidth > box.clientWidth + 1});
  });
return {charts: out, page: document.scrollingElement.scrollWidth <= document.scrollingElement.clientWidth + 1};"""


def screenshot(element, path, what):
    check(element.screenshot(path), "could not save the screenshot of %s: %s" % (what, path))
    print("    screenshot of %s: %s" % (what, path), flush=True)


def check_chart_fits(driver, cell, what, path):
    """The chart in that cell is no wider than its output area, which does not scroll; saves its picture."""
    from selenium.webdriver.common.by import By
    fits = driver.execute_script(CHART_FIT, cell)
    check(fits, "no chart found in the %s cell" % what)
    for f in fits:
        check(f["width"] <= f["area"] + 1 and not f["scrolls"],
              "the %s (%s, %.0f px) is wider than its output area (%.0f px) or scrolls: %s" % (what, f["mime"], f["width"],
                                                                                            f["area"], f))
    print("    the %s fits: %s" % (what, ", ".join("%s %.0f of %.0f px" % (f["mime"], f["width"], f["area"]) for f in fits)),
          flush=True)
    cells = driver.find_elements(By.CSS_SELECTOR, "#notebook-container .cell.code_cell")
    area = cells[cell].find_elements(By.CSS_SELECTOR, ".output_subarea img, .output_subarea.output_svg")[-1]
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'});", area)
    time.sleep(0.3)
    screenshot(area, path, what)


def check_exported_html(driver):
    """Saves the notebook as run, exports it with nbconvert as a user would, and checks its charts fit there too."""
    driver.execute_script("Jupyter.notebook.save_notebook();")
    wait_js(driver, "return !Jupyter.notebook.dirty;", 60, "the notebook to be saved")
    folder = os.path.join(WORK, "notebooks")
    subprocess.run(["/usr/bin/python3", "-m", "nbconvert", "--to", "html", "quickstart.ipynb"], cwd=folder, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=300)
    html = os.path.join(folder, "quickstart.html")
    shutil.copy(html, SCREENSHOT.replace(".png", "-exported.html"))
    driver.get("file://" + html)
    wait_js(driver, "return document.readyState === 'complete';", 60, "the exported HTML to load")
    report = driver.execute_script(EXPORTED_FIT)
    charts = [c for c in report["charts"] if c["width"] >= 300]
    check(len(charts) >= 3, "the exported HTML should show the two live charts and the history chart: %s" % report)
    for c in charts:
        check(c["width"] <= c["area"] + 1 and not c["scrolls"], "a chart in the exported HTML is wider than its output"
              " box: %s" % c)
    check(report["page"], "the exported HTML scrolls sideways")
    print("    exported HTML: %d charts fit, widest %.0f of %.0f px" % (len(charts), max(c["width"] for c in charts),
          min(c["area"] for c in charts)), flush=True)
    driver.save_screenshot(SCREENSHOT.replace(".png", "-exported-html.png"))


def browser_console(driver):
    try:
        return "\n".join("%s %s" % (e.get("level"), e.get("message")) for e in driver.get_log("browser"))
    except Exception as e:
        return "(browser console unavailable: %s)" % e


def run(driver, port, token):
    driver.get("http://127.0.0.1:%d/notebooks/quickstart.ipynb?token=%s" % (port, token))
    wait_js(driver, KERNEL_IDLE, START_TIMEOUT, "the notebook page to load and the %s kernel to be idle" % NAME)
    kernel = driver.execute_script("return Jupyter.notebook.kernel.name")
    check(kernel == NAME, "the page started kernel %r, not %r" % (kernel, NAME))
    driver.execute_script(RECORD_PARTIAL_BARS)
    t0 = time.time()
    driver.execute_script("Jupyter.notebook.execute_all_cells();")
    # while the cells run, watch the progress bars move: the page must show training live, not only its end
    partial = set()
    while not driver.execute_script(ALL_CELLS_RAN):
        check(time.time() - t0 < RUN_TIMEOUT, "timed out after %ds waiting for every code cell to run" % RUN_TIMEOUT)
        for bar in driver.execute_script(PROGRESS_BARS):
            if 0 < bar["value"] < bar["max"]:
                partial.add((bar["max"], bar["value"]))
        time.sleep(0.25)
    for bar in driver.execute_script("return window.layerwisePartialBars;"):  # every state the page ever showed
        partial.add((bar[0], bar[1]))
    print("    all cells ran in %.1f s; progress seen mid-way: %s" % (time.time() - t0, sorted(partial)), flush=True)
    # the first frame (one step done) is drawn at once; a later one part-way shows the page updating while training
    check([b for b in partial if 1 < b[1] < b[0]], "no progress bar was ever seen part-way after its first step: the"
          " page did not update while training")

    cells = driver.execute_script(CELL_REPORT)
    errors = [(c["source"][:80], o["ename"], o["evalue"]) for c in cells for o in c["outputs"] if o["type"] == "error"]
    check(not errors, "cells failed: %s" % errors)
    prompts = [c["prompt"] for c in cells]
    check(prompts == sorted(prompts) and len(set(prompts)) == len(prompts), "cells ran out of order: %s" % prompts)

    fit_cells = [i for i, c in enumerate(cells) if ".fit(" in c["source"]]
    check(len(fit_cells) == 2, "the quickstart has two fit cells: %s" % fit_cells)
    bars = driver.execute_script(PROGRESS_BARS)
    check(len(bars) == len(fit_cells), "one progress bar per fit cell: %s" % bars)
    for bar in bars:
        check(bar["max"] > 1 and bar["value"] == bar["max"], "progress bar not complete: %s" % bar)
        check("%d/%d" % (bar["max"], bar["max"]) in bar["text"], "progress text not final: %r" % bar["text"])
    first_chart = [o for o in cells[fit_cells[0]]["outputs"] if "image/png" in o["mimes"]]
    check(first_chart and "gradient norms, %d steps" % bars[0]["max"] in first_chart[0]["text"],
          "the live chart of the first fit should show all %d steps: %s" % (bars[0]["max"], first_chart))

    images = driver.execute_script(IMAGES)
    charts = [im for im in images if im["cell"] in fit_cells]
    check(len(charts) >= len(fit_cells), "a live chart image in every fit cell: %s" % images)
    for im in images:
        check(im["complete"] and im["natural"][0] > 0 and im["natural"][1] > 0, "image not loaded: %s" % im)
        check(im["shown"][0] > 0 and im["shown"][1] > 0 and im["display"] != "none" and im["visibility"] == "visible",
              "image not visible on the page: %s" % im)
        check(im["colours"] >= 2, "image is one flat colour: %s" % im)
    for im in charts:
        check(im["natural"][0] >= 300 and im["natural"][1] >= 200 and im["shown"][0] >= 300,
              "the live chart is too small to read: %s" % im)
        check(im["colours"] >= 8 and im["inked"] > 0.005, "the live chart looks blank: %s" % im)
    print("    %d progress bars complete; %d images visible, e.g. the live chart %s px with %d colours, %.1f%% inked"
          % (len(bars), len(images), charts[0]["natural"], charts[0]["colours"], 100 * charts[0]["inked"]), flush=True)

    os.makedirs(os.path.dirname(SCREENSHOT), exist_ok=True)
    plot_cells = [i for i, c in enumerate(cells) if "history().plot()" in c["source"]]
    check(len(plot_cells) == 1, "the quickstart has one history().plot() cell: %s" % plot_cells)
    check_chart_fits(driver, fit_cells[0], "live chart", SCREENSHOT.replace(".png", "-live-chart.png"))
    check_chart_fits(driver, plot_cells[0], "history chart", SCREENSHOT.replace(".png", "-history-chart.png"))

    driver.execute_script("Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code')[arguments[0]]"
                          ".element[0].scrollIntoView({block: 'start'});", fit_cells[0])
    time.sleep(0.5)
    check(driver.save_screenshot(SCREENSHOT), "could not save " + SCREENSHOT)
    print("    screenshot: " + SCREENSHOT, flush=True)
    check_exported_html(driver)


def stop_kernels(port, token):
    base = "http://127.0.0.1:%d/api/kernels" % port
    try:
        kernels = json.load(urllib.request.urlopen("%s?token=%s" % (base, token), timeout=10))
        for k in kernels:
            urllib.request.urlopen(urllib.request.Request("%s/%s?token=%s" % (base, k["id"], token), method="DELETE"),
                                   timeout=30).read()
    except OSError as e:
        print("    could not stop kernels through the REST API: %s" % e, flush=True)


def main():
    os.makedirs(WORK, exist_ok=True)
    folder = prepare_notebook()
    port, token = free_port(), secrets.token_hex(16)
    log_path = os.path.join(WORK, "notebook.log")
    log = open(log_path, "w")
    server = driver = None
    leftovers = []
    ok = False
    try:
        server = start_server(folder, port, token, log)
        driver = start_browser()
        run(driver, port, token)
        ok = True
    except Exception:
        print("FAIL", traceback.format_exc(), flush=True)
        if driver is not None:
            print("--- browser console ---\n" + browser_console(driver))
            try:
                os.makedirs(os.path.dirname(SCREENSHOT), exist_ok=True)
                driver.save_screenshot(SCREENSHOT.replace(".png", "-failed.png"))
            except Exception:
                pass
    finally:
        if driver is not None:
            leftovers += descendants(driver.service.process.pid)
            try:
                driver.quit()
            except Exception:
                pass
        if server is not None:
            leftovers += descendants(server.pid)
            stop_kernels(port, token)
            server.send_signal(signal.SIGTERM)  # the server's own shutdown stops any kernel left
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
        kill_all(leftovers)
        log.close()
        if not ok:
            with open(log_path, encoding="utf-8", errors="replace") as f:
                print("--- notebook server log ---\n" + f.read()[-20000:])
    print("PASS browser quickstart" if ok else "browser test failed")
    return 0 if ok else 1


sys.exit(main())
