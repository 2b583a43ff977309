#!/usr/bin/env python3
"""Writes docs/cli.md: the prose below, and for every command of the contract its
`provctl help` text (the discussion lives in the command's Swift file) and its
example run for real, in the order of a session that continues the guide's
walkthrough. Run from the project directory after `swift build`:

    python3 scripts/cli-doc.py            # writes docs/cli.md
"""
import os, re, shutil, subprocess, sys, tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
PROVCTL = os.path.join(BIN, "provctl")

# The contract's commands, in the contract's order, grouped for the page.
SECTIONS = [
    ("Setting up", ["init", "settings set"]),
    ("The catalog", ["pbx add", "product define", "bundle define", "roaming-policy define", "network-profile define",
                     "pbx list", "product list", "bundle list", "roaming-policy list", "network-profile list"]),
    ("Resellers and groups", ["reseller create", "reseller list", "reseller show", "group create", "group list",
                              "group show", "group set"]),
    ("Catalog choices", ["products assign", "bundles assign", "bundles default", "roaming-policies assign",
                         "roaming-policies default", "network-profiles assign", "network-profiles default",
                         "catalog show"]),
    ("Users", ["user add", "user list"]),
    ("SIMs", ["sims bookin", "sims reserve", "sims allocate", "sims unallocate", "sims unreserve", "sims retire",
              "sims list", "sims show"]),
    ("Numbers", ["numbers import", "numbers release", "numbers list"]),
    ("Subscribers", ["subscriber provision", "subscriber set", "subscriber terminate", "subscriber show",
                     "subscriber list", "subscriber esim"]),
    ("Branding", ["branding set"]),
    ("The log", ["log", "audit", "replay", "verify", "export", "import", "run", "stats", "snapshots set",
                 "snapshots list"]),
    ("The demo", ["demo"]),
]

# The order the examples run in: reads of the walkthrough store first, then the
# changes (each example builds on the ones before), then the log tools.
ORDER = [
    "pbx list", "product list", "bundle list", "roaming-policy list", "network-profile list", "reseller list",
    "reseller show", "group list", "group show", "user list", "sims list", "sims show",
    "subscriber list", "subscriber show",
    "init", "settings set", "pbx add", "product define", "bundle define", "roaming-policy define",
    "network-profile define", "reseller create", "group create", "group set", "products assign", "bundles assign",
    "bundles default", "roaming-policies assign", "roaming-policies default", "network-profiles assign",
    "network-profiles default", "catalog show", "user add", "sims bookin", "sims reserve", "sims allocate", "sims unallocate",
    "sims unreserve", "sims retire", "numbers import", "numbers release", "subscriber provision", "subscriber set",
    "subscriber esim", "subscriber terminate", "numbers list", "branding set",
    "log", "audit", "replay", "verify", "export", "import", "run", "stats", "snapshots set", "snapshots list", "demo",
]

FILES = {
    "shipment.csv": "# ICCID,IMSI,ACTIVATION-CODE\n"
                    "894453000000085800,234500000085800,LPA:1$smdp.mobile-x.example$30671-KXQWE-B72M1-5C932\n"
                    "894453000000085801,234500000085801,LPA:1$smdp.mobile-x.example$81245-RTYUI-D19K4-7F310\n",
    "terms.md": "# Terms\nService terms of Talk Mail Mobile.\n",
}
NOTES = {
    "sims bookin": "`shipment.csv`:\n\n```\n" + FILES["shipment.csv"] + "```\n",
    "branding set": "`terms.md`:\n\n```\n" + FILES["terms.md"] + "```\n",
    "init": "(Run in an empty directory: `./store` there is a new store.)\n",
    "run": "(`Fixtures/walkthrough.jsonl` was already applied to this store: every line's command id is known, so nothing is applied twice.)\n",
}

GLOBALS = re.compile(r"\[--store <DIR>\] \[--as <USERNAME>\] \[--json\] \[--at <POSITION\|TIMESTAMP>\] "
                     r"\[--command-id <ID>\] \[--reason <TEXT>\] \[--correlation-id <ID>\] ?")


def help_text(command):
    out = subprocess.run([PROVCTL, "help"] + command.split(), capture_output=True, text=True, check=True).stdout
    overview = out[out.index("OVERVIEW: ") + len("OVERVIEW: "):out.index("\nUSAGE: ")]
    usage = out[out.index("USAGE: ") + len("USAGE: "):].split("\n")[0]
    usage = GLOBALS.sub("", usage).replace("[<options>] ", "[<options>] ").strip()
    paragraphs, examples = [], []
    blocks = overview.strip("\n").split("\n\n")
    for block in blocks:
        if block.startswith("Example:"):
            examples = [l for l in block.split("\n")[1:]]
        else:
            paragraphs.append(" ".join(l.strip() for l in block.split("\n")))
    return paragraphs, examples, usage


def commands_of(example_lines):
    """Example lines joined at their shell continuations."""
    commands, current = [], ""
    for line in example_lines:
        text = line.strip()
        current = (current + " " + text) if current else text
        if current.endswith("\\"):
            current = current[:-1].rstrip()
            continue
        commands.append(current)
        current = ""
    return commands


def main():
    work = tempfile.mkdtemp(prefix="provctl-doc-")
    try:
        write_page(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def write_page(work):
    fresh = os.path.join(work, "fresh")
    os.makedirs(fresh)
    for name, text in FILES.items():
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
    env = dict(os.environ, PATH=BIN + ":" + os.environ["PATH"], PROVCTL_STORE="./store", COLUMNS="200")
    env.pop("PROVCTL_USER", None)
    subprocess.run([PROVCTL, "demo", "--store", "./store", "--fixture", os.path.join(ROOT, "Fixtures/walkthrough.jsonl")],
                   cwd=work, env=env, check=True, capture_output=True)
    shutil.copy(os.path.join(ROOT, "Fixtures/walkthrough.jsonl"), os.path.join(work, "Fixtures-walkthrough.jsonl"))
    os.makedirs(os.path.join(work, "Fixtures"))
    shutil.copy(os.path.join(ROOT, "Fixtures/walkthrough.jsonl"), os.path.join(work, "Fixtures/walkthrough.jsonl"))

    helps, outputs = {}, {}
    for command in ORDER:
        paragraphs, examples, usage = help_text(command)
        helps[command] = (paragraphs, examples, usage)
        runs = []
        for line in commands_of(examples):
            cwd = fresh if command == "init" else work
            result = subprocess.run(["bash", "-c", line], cwd=cwd, env=env, capture_output=True, text=True)
            if result.returncode != 0:
                sys.exit(f"example failed: {line}\n{result.stdout}{result.stderr}")
            runs.append((line, result.stdout))
        outputs[command] = runs
    missing = [c for _, cs in SECTIONS for c in cs if c not in helps]
    if missing:
        sys.exit(f"no example run for {missing}")

    with open(os.path.join(ROOT, "scripts/cli-doc-intro.md")) as f:
        page = f.read()
    page += "\n## Commands\n\n"
    page += ("Each section is what `provctl help <command>` prints, then its example run for real. The examples\n"
             "run in one session, with `PROVCTL_STORE=./store` set, on a store that `provctl demo --store ./store`\n"
             "built from the guide's walkthrough: the reads first, then the changes in order (each builds on\n"
             "the ones before: `s00002g` is the subscriber the `subscriber provision` example creates), then\n"
             "the log tools. Times are those of the run that wrote this page (`scripts/cli-doc.py`).\n\n")
    for title, commands in SECTIONS:
        page += f"## {title}\n\n"
        for command in commands:
            paragraphs, examples, usage = helps[command]
            page += f"### `provctl {command}`\n\n"
            page += "\n\n".join(paragraphs) + "\n\n"
            page += f"Usage: `{usage}`\n\n"
            page += "Example:\n```\n" + "\n".join(examples) + "\n```\n"
            if command in NOTES:
                page += NOTES[command] + "\n"
            page += "Output:\n```\n"
            runs = outputs[command]
            for line, out in runs:
                if len(runs) > 1:
                    page += f"$ {line}\n"
                page += out if out else "(nothing on standard output)\n"
            page += "```\n\n"
    with open(os.path.join(ROOT, "docs/cli.md"), "w") as f:
        f.write(page.rstrip("\n") + "\n")


if __name__ == "__main__":
    main()
