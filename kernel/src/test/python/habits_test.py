"""What Jupyter users expect of a kernel, through the real Layerwise kernel and Debian's jupyter_client:
display(x) as the reference suite jupyter_kernel_test checks it, the library's javadoc on Shift-Tab, names in
completion, standard input through input_request, and %whos. Exits non-zero on any failure.

Usage: /usr/bin/python3 habits_test.py KERNEL_NAME all|jdk-docs
  all       every check
  jdk-docs  the JDK's own javadoc on Shift-Tab, for a JDK that ships its src.zip (Temurin 25 here)
"""
import base64, os, queue, re, subprocess, sys, time
from jsonschema import Draft4Validator
from harness import check, execute, value, shell_reply, alive, run

NAME = sys.argv[1]
MODE = sys.argv[2]
LEARNER_JAVA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "..", "lib", "src", "main",
                            "java", "dev", "layerwise", "train", "Learner.java")

# The message schemas of Jupyter's messaging spec 5, for the messages the display test sees: the same checks the
# reference suite makes with its msgspec_v5 (header fields, MIME-keyed data, required content keys).
MIME_DATA = {"type": "object", "patternProperties": {r"^[\w\-\+\.]+/[\w\-\+\.]+$": {}}, "additionalProperties": False}
HEADER = {"type": "object", "required": ["msg_id", "username", "session", "date", "msg_type", "version"],
          "properties": {"msg_id": {"type": "string"}, "username": {"type": "string"}, "session": {"type": "string"},
                         "msg_type": {"type": "string"}, "version": {"type": "string"}}}
MESSAGE = Draft4Validator({"type": "object", "required": ["header", "parent_header", "metadata", "content"],
                           "properties": {"header": HEADER, "parent_header": {"type": "object"},
                                          "metadata": {"type": "object"}, "content": {"type": "object"}}})
CONTENT = {
    "execute_reply": {"required": ["status", "execution_count"],
                      "properties": {"status": {"enum": ["ok"]}, "execution_count": {"type": "number"},
                                     "payload": {"type": "array"}, "user_expressions": {"type": "object"}}},
    "status": {"required": ["execution_state"], "properties": {"execution_state": {"enum": ["busy", "idle", "starting"]}}},
    "execute_input": {"required": ["code", "execution_count"],
                      "properties": {"code": {"type": "string"}, "execution_count": {"type": "number"}}},
    "display_data": {"required": ["data", "metadata"],
                     "properties": {"data": MIME_DATA, "metadata": {"type": "object"}, "transient": {"type": "object"}}},
    "execute_result": {"required": ["execution_count", "data", "metadata"],
                       "properties": {"execution_count": {"type": "number"}, "data": MIME_DATA,
                                      "metadata": {"type": "object"}, "transient": {"type": "object"}}},
    "stream": {"required": ["name", "text"],
               "properties": {"name": {"enum": ["stdout", "stderr"]}, "text": {"type": "string"}}},
}


def validate(msg, msg_type=None, parent_id=None):
    MESSAGE.validate(msg)
    check(re.match(r"\d+\.\d+", msg["header"]["version"]), "version %r is not x.y" % msg["header"]["version"])
    kind = msg["header"]["msg_type"]
    check(msg_type is None or kind == msg_type, "message type %s, expected %s" % (kind, msg_type))
    if parent_id is not None:
        check(msg["parent_header"].get("msg_id") == parent_id, "parent of %s is not the request" % kind)
    if kind in CONTENT:
        Draft4Validator(dict(type="object", **CONTENT[kind])).validate(msg["content"])


def flush(kc):
    for get in (kc.get_shell_msg, kc.get_iopub_msg):
        while True:
            try:
                get(timeout=0.1)
            except queue.Empty:
                break


def execute_like_the_reference_suite(kc, code, gap=2.0):
    """As jupyter_kernel_test's execute_helper: the reply, then busy first on IOPub, then every output up to idle,
    each message validated. The reference waits 0.1 s between outputs; `gap` allows for a busy test machine."""
    msg_id = kc.execute(code=code, silent=False, store_history=True, stop_on_error=True)
    while True:
        reply = kc.get_shell_msg(timeout=60)
        if reply["header"]["msg_type"] != "kernel_info_reply":
            break
    validate(reply, "execute_reply", msg_id)
    busy = kc.get_iopub_msg(timeout=1)
    validate(busy, "status", msg_id)
    check(busy["content"]["execution_state"] == "busy", busy["content"])
    outputs = []
    while True:
        msg = kc.get_iopub_msg(timeout=gap)
        validate(msg, parent_id=msg_id)
        if msg["msg_type"] == "status":
            check(msg["content"]["execution_state"] == "idle", msg["content"])
            return reply, outputs
        if msg["msg_type"] == "execute_input":
            check(msg["content"]["code"] == code, msg["content"])
            continue
        outputs.append(msg)


def t_display_data_as_the_reference_suite_checks_it(kc, km):
    samples = [
        ("var pixels = new java.awt.image.BufferedImage(4, 3, java.awt.image.BufferedImage.TYPE_INT_RGB);\n"
         "display(pixels);", "image/png"),
        ('display("<b>test</b>", "text/html");', "text/html"),
        ("display(Net.input(4).dense(3))", "text/html"),
        ('display("x^2", "text/latex");', "text/latex"),
    ]
    for code, mime in samples:
        flush(kc)
        reply, outputs = execute_like_the_reference_suite(kc, code)
        check(reply["content"]["status"] == "ok", reply["content"])
        shown = [m for m in outputs if m["msg_type"] == "display_data"]
        check(shown, "no display_data for %r: %s" % (code, [m["msg_type"] for m in outputs]))
        for m in shown:
            check(mime in m["content"]["data"], "%s missing from %s" % (mime, list(m["content"]["data"])))
        check(not [m for m in outputs if m["msg_type"] == "execute_result"],
              "display(x) as the last line shows x once, not its handle too: %s" % [m["msg_type"] for m in outputs])
    png = base64.b64decode(shown_png(kc))
    check(png.startswith(b"\x89PNG"), png[:8])


def shown_png(kc):
    reply, msgs = execute(kc, "display(pixels);")
    return [m for m in msgs if m["msg_type"] == "display_data"][0]["content"]["data"]["image/png"]


def t_an_image_as_the_cells_value_is_a_png(kc, km):
    reply, msgs = execute(kc, "var gray = new java.awt.image.BufferedImage(28, 28, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);\n"
                              "gray.getRaster().setSample(3, 4, 0, 255);\ngray")
    results = [m for m in msgs if m["msg_type"] == "execute_result"]
    check(reply["content"]["status"] == "ok" and len(results) == 1, (reply["content"], [m["msg_type"] for m in msgs]))
    data = results[0]["content"]["data"]
    check(data["text/plain"] == "BufferedImage 28×28 (8-bit gray)", data["text/plain"])
    check(base64.b64decode(data["image/png"]).startswith(b"\x89PNG"), "not a PNG")


def t_display_of_what_cannot_be_shown_says_why(kc, km):
    for code, words in (('display(new int[] {1, 2}, "image/png");', ["int[] has no image/png form", "text/plain"]),
                        ('display("x", "png");', ['"png" is not a MIME type', "image/png"])):
        reply, msgs = execute(kc, code)
        c = reply["content"]
        check(c["status"] == "error" and c["ename"] == "java.lang.IllegalArgumentException", c)
        for w in words:
            check(w in c["evalue"], "%r not in %r" % (w, c["evalue"]))
        check(not [m for m in msgs if m["msg_type"] == "display_data"], "nothing shown")
    check(value(kc, "display(new int[] {1, 2}).id().length()") == "36", "a plain display still works")
    alive(km, kc)


def first_sentence_of_fit_javadoc():
    with open(LEARNER_JAVA, encoding="utf-8") as f:
        source = f.read()
    comment = re.search(r"/\*\*((?:(?!\*/).)*)\*/\s*public History fit\(int epochs\)", source, re.S).group(1)
    text = " ".join(line.strip().lstrip("*").strip() for line in comment.splitlines()).strip()
    return text[:text.index(". ") + 1]


def t_shift_tab_on_learner_fit_shows_its_javadoc(kc, km):
    execute(kc, "var learner = Learner.of(Net.input(4).dense(8).relu().dense(3),"
                " Datasets.blobs(60, 3, 4, 1.0, 1).batchSize(10)).quiet();")
    sentence = first_sentence_of_fit_javadoc()
    check(len(sentence) > 40, sentence)
    for code in ("learner.fit", "learner.fit("):
        c = kc.inspect(code, len(code), reply=True, timeout=60)["content"]
        check(c["status"] == "ok" and c["found"], c)
        text = " ".join(c["data"]["text/plain"].split())
        check(sentence in text, "%r not in the help for %s: %r" % (sentence, code, text))
    print("    Shift-Tab on learner.fit: " + sentence)


def t_jdk_javadoc_where_the_jdk_has_its_sources(kc, km):
    home = value(kc, 'System.getProperty("java.home")').strip('"')
    has_sources = os.path.isfile(os.path.join(home, "lib", "src.zip")) or os.path.isfile(os.path.join(home, "..", "src.zip"))
    c = kc.inspect("Math.max", len("Math.max"), reply=True, timeout=60)["content"]
    check(c["found"] and "max(" in c["data"]["text/plain"], c)
    if MODE == "jdk-docs":
        check(has_sources, "this JDK (%s) was chosen for its src.zip, which is missing" % home)
    if has_sources:
        check("Returns the greater of two" in c["data"]["text/plain"], c["data"]["text/plain"])
    print("    %s: src.zip %s" % (home, "present, JDK javadoc shown" if has_sources else "absent, signatures only"))


def t_completion_offers_the_learners_layer_names(kc, km):
    code = 'learner.layerRate("de'
    c = kc.complete(code, len(code), reply=True, timeout=60)["content"]
    check(c["status"] == "ok" and c["matches"] == ["dense_1", "dense_2"], c)
    check(c["cursor_start"] == len(code) - 2 and c["cursor_end"] == len(code), c)
    for code, want in (('learner.parameter("dense_2.', ["dense_2.weight", "dense_2.bias"]),
                       ("%device g", ["gpu"]), ("%whos Lea", ["Learner"])):
        c = kc.complete(code, len(code), reply=True, timeout=60)["content"]
        check(c["matches"] == want, (code, c))


def stdin_answering(kc, text, asked):
    def hook(msg):
        asked.append(msg)
        kc.input(text)
    return hook


def t_a_cell_reads_the_line_sent_in_input_reply(kc, km):
    for code in ('var typed = new Scanner(System.in).nextLine();\n"hello " + typed',
                 '"hello " + new BufferedReader(new InputStreamReader(System.in)).readLine()'):
        asked, msgs = [], []
        reply = kc.execute_interactive(code, allow_stdin=True, timeout=60, output_hook=msgs.append,
                                       stdin_hook=stdin_answering(kc, "Ada Lovelace", asked))
        check(reply["content"]["status"] == "ok", reply["content"])
        check(len(asked) == 1 and asked[0]["msg_type"] == "input_request", asked)
        check(asked[0]["parent_header"]["msg_id"] == reply["parent_header"]["msg_id"], "input_request parented to the cell")
        results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
        check(results == ['"hello Ada Lovelace"'], results)


def t_reading_input_where_the_front_end_takes_none_says_so(kc, km):
    reply, msgs = execute(kc, "new Scanner(System.in).nextLine()", allow_stdin=False)
    c = reply["content"]
    check(c["status"] == "error" and c["ename"] == "java.io.UncheckedIOException", c)
    check("allow_stdin: false" in c["evalue"] and "put the value in the code" in c["evalue"], c["evalue"])
    alive(km, kc)


def t_an_interrupt_while_waiting_for_input_keeps_the_kernel(kc, km):
    execute(kc, 'String survivor = "alive";')
    msg_id = kc.execute("String never = new Scanner(System.in).nextLine();", allow_stdin=True)
    request = kc.get_stdin_msg(timeout=60)
    check(request["msg_type"] == "input_request" and request["parent_header"]["msg_id"] == msg_id, request)
    t0 = time.time()
    km.interrupt_kernel()
    reply = shell_reply(kc, msg_id, timeout=20)["content"]
    check(reply["status"] == "error" and reply["ename"] == "Interrupted", reply)
    print("    waiting for input stopped %.2f s after the interrupt" % (time.time() - t0))
    alive(km, kc)
    check(value(kc, "survivor") == '"alive"', "variables survive")
    asked, msgs = [], []
    reply = kc.execute_interactive("new Scanner(System.in).nextLine()", allow_stdin=True, timeout=60,
                                   output_hook=msgs.append, stdin_hook=stdin_answering(kc, "again", asked))
    results = [m["content"]["data"]["text/plain"] for m in msgs if m["msg_type"] == "execute_result"]
    check(results == ['"again"'], (reply["content"], results))


def t_whos_lists_variables_types_and_values(kc, km):
    reply, msgs = execute(kc, "int epochs = 3;\n%whos")
    text = "".join(m["content"]["text"] for m in msgs if m["msg_type"] == "stream")
    check(reply["content"]["status"] == "ok", reply["content"])
    check(text.startswith("Variable") and "Data/Info" in text, text)
    check(re.search(r"^epochs +int +3$", text, re.M) and re.search(r"^learner +Learner +Learner: 3 layers", text, re.M), text)
    reply, msgs = execute(kc, "%whos 3")
    c = reply["content"]
    check(c["status"] == "error" and c["ename"] == "UsageError" and "'3' is not a type name" in c["evalue"], c)
    alive(km, kc)


if MODE == "jdk-docs":
    TESTS = [t_jdk_javadoc_where_the_jdk_has_its_sources, t_shift_tab_on_learner_fit_shows_its_javadoc]
else:
    TESTS = [t_display_data_as_the_reference_suite_checks_it, t_an_image_as_the_cells_value_is_a_png,
             t_display_of_what_cannot_be_shown_says_why, t_shift_tab_on_learner_fit_shows_its_javadoc,
             t_jdk_javadoc_where_the_jdk_has_its_sources, t_completion_offers_the_learners_layer_names,
             t_a_cell_reads_the_line_sent_in_input_reply, t_reading_input_where_the_front_end_takes_none_says_so,
             t_an_interrupt_while_waiting_for_input_keeps_the_kernel, t_whos_lists_variables_types_and_values]
run(NAME, TESTS)
